import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRecords } from './file-records.ts';
import { parseContext } from './parse.ts';
import type { Mapping } from './formats/mapped.ts';
import { validateMapping } from './formats/mapped.ts';

describe('fileRecords: large line-based files in slices of whole lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slices-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));
  const all = async <T>(it: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };

  it('streams an NDJSON of drafts across slice boundaries without losing or splitting a line', async () => {
    const file = path.join(dir, 'd.ndjson');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ identifier: `r${i}`, title: { en: `Object ${i} ${'·'.repeat(i % 50)}` } }));
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    const recs = await all(fileRecords(file, 'draft', parseContext('en'), undefined, { streamAbove: 0, slice: 4096 }));
    expect(recs.map((r) => r.identifier)).toEqual(lines.map((_, i) => `r${i}`));
    expect(recs.every((r) => r.draft && !r.problem)).toBe(true);
  });

  it('gives each CSV slice its header again', async () => {
    const file = path.join(dir, 'c.csv');
    const rows = Array.from({ length: 2000 }, (_, i) => `id-${i},Title ${i}`);
    await fs.writeFile(file, `id,title\n${rows.join('\n')}\n`);
    const mapping = validateMapping({ mappingVersion: 1, name: 't', format: 'csv', defaultLanguage: 'en', fields: { identifier: 'id', title: 'title' } }) as Mapping;
    const recs = await all(fileRecords(file, 'csv', parseContext('en'), mapping, { streamAbove: 0, slice: 2048 }));
    expect(recs.length).toBe(2000);
    expect(recs.filter((r) => r.problem)).toEqual([]);
    expect(recs.at(-1)?.draft?.title).toEqual({ en: 'Title 1999' });
  });
});
