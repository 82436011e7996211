import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUnits, readUnit, unitRecords, type SliceOptions } from './file-records.ts';
import type { ParsedRecord } from './record.types.ts';
import { parseContext } from './parse.ts';
import type { Mapping } from './formats/mapped.ts';
import { validateMapping } from './formats/mapped.ts';
import type { SourceFormat } from '../sources/source.service.ts';

/** every record of a file, a unit at a time, as a parsing thread reads them */
function fileRecords(file: string, format: SourceFormat, mapping: Mapping | undefined, opts: SliceOptions): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  for (const unit of fileUnits(file, format, opts)) out.push(...unitRecords(unit, readUnit(file, unit), format, parseContext('en'), mapping));
  return out;
}

const csvMapping = validateMapping({ mappingVersion: 1, name: 't', format: 'csv', defaultLanguage: 'en', fields: { identifier: 'id', title: 'title' } }) as Mapping;

describe('file units: large line-based files in slices of whole lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slices-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  /** the records of a file read whole, and read in slices of `slice` bytes: both, with the slices */
  async function bothWays(name: string, content: string | Buffer, format: SourceFormat, slice: number, mapping?: Mapping) {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    const whole = fileRecords(file, format, mapping, { streamAbove: Infinity });
    const sliced = fileRecords(file, format, mapping, { streamAbove: 0, slice });
    const units = fileUnits(file, format, { streamAbove: 0, slice });
    return { whole, sliced, units, size: Buffer.byteLength(content) };
  }
  const view = (rs: Array<{ identifier?: string; draft?: { title?: unknown }; problem?: { reason: string } }>) =>
    rs.map((r) => [r.identifier, r.draft?.title, r.problem?.reason]);

  it('streams an NDJSON of drafts across slice boundaries without losing or splitting a line', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ identifier: `r${i}`, title: { en: `Object ${i} ${'·'.repeat(i % 50)}` } }));
    const { whole, sliced, units, size } = await bothWays('d.ndjson', `${lines.join('\n')}\n`, 'draft', 4096);
    expect(sliced.map((r) => r.identifier)).toEqual(lines.map((_, i) => `r${i}`));
    expect(sliced.every((r) => r.draft && !r.problem)).toBe(true);
    expect(view(sliced)).toEqual(view(whole));
    // the units tile the file, each starts a line, each is about a slice long
    expect(units[0]!.start).toBe(0);
    expect(units.at(-1)!.end).toBe(size);
    units.slice(1).forEach((u, k) => expect(u.start).toBe(units[k]!.end));
    expect(units.length).toBeGreaterThan(size / 4096 - 2);
    expect(units.length).toBeLessThan(size / 4096 + 2);
  });

  it('cuts an NDJSON line longer than a slice nowhere, and keeps a broken line as a broken record', async () => {
    const long = JSON.stringify({ identifier: 'long', title: { en: 'x'.repeat(20_000) } });
    const lines = ['{"identifier":"a","title":{"en":"A"}}', long, '{"broken": ', '{"identifier":"b","title":{"en":"B"}}'];
    const { whole, sliced, units } = await bothWays('long.ndjson', `${lines.join('\n')}\n\n\n`, 'draft', 1024);
    expect(view(sliced)).toEqual(view(whole));
    expect(view(sliced)).toEqual([['a', { en: 'A' }, undefined], ['long', { en: 'x'.repeat(20_000) }, undefined], [undefined, undefined, 'unparseable'], ['b', { en: 'B' }, undefined]]);
    expect(units.length).toBeGreaterThan(1);
  });

  it('reads a large pretty-printed JSON document whole (records in an array), and an NDJSON whose first line is broken in slices', async () => {
    const mapping = validateMapping({ mappingVersion: 1, name: 't', format: 'json', defaultLanguage: 'en', recordPath: '$.records[*]', fields: { identifier: 'id', title: 'title' } }) as Mapping;
    const doc = { exported: '2026-11-28', records: Array.from({ length: 300 }, (_, i) => ({ id: `j-${i}`, title: `Plate ${i}` })) };
    const pretty = await bothWays('pretty.json', JSON.stringify(doc, null, 2), 'json', 1024, mapping);
    expect(pretty.units).toEqual([{ start: 0, end: pretty.size }]);
    expect(pretty.sliced.map((r) => r.identifier)).toEqual(doc.records.map((r) => r.id));
    expect(pretty.sliced.filter((r) => r.problem)).toEqual([]);

    const flat = { mappingVersion: 1, name: 't', format: 'json', defaultLanguage: 'en', fields: { identifier: 'id', title: 'title' } };
    const lines = ['{"id": "n-0", "title": ', ...Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `n-${i + 1}`, title: `Cup ${i + 1}` }))];
    const broken = await bothWays('broken-first.ndjson', `${lines.join('\n')}\n`, 'json', 1024, validateMapping(flat) as Mapping);
    expect(broken.units.length).toBeGreaterThan(3);
    expect(view(broken.sliced)).toEqual(view(broken.whole));
    expect(broken.sliced.map((r) => r.problem?.reason ?? r.identifier).slice(0, 3)).toEqual(['unparseable', 'n-1', 'n-2']);
  });

  it('gives each CSV slice its header again', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `id-${i},Title ${i}`);
    const { sliced, units } = await bothWays('c.csv', `id,title\n${rows.join('\n')}\n`, 'csv', 2048, csvMapping);
    expect(sliced.length).toBe(2000);
    expect(sliced.filter((r) => r.problem)).toEqual([]);
    expect(sliced.at(-1)?.draft?.title).toEqual({ en: 'Title 1999' });
    expect(units.slice(1).every((u) => u.header === 'id,title\n'.length)).toBe(true);
  });

  it('never cuts a CSV inside a quoted field: line breaks, "" and commas in quotes, stray quotes in plain fields', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => {
      if (i % 3 === 0) return `id-${i},"Bowl ${i}, with a ""lotus""\npainted\r\ninside"`;
      if (i % 3 === 1) return `id-${i},5" tall jar ${i}`; // a stray quote in a plain field is text
      return `id-${i},"Ewer ${i}"x`; // text after a closing quote goes with the field
    });
    const { whole, sliced, units } = await bothWays('q.csv', `\uFEFFid,title\r\n${rows.join('\r\n')}\r\n`, 'csv', 1000, csvMapping);
    expect(units.length).toBeGreaterThan(20);
    expect(sliced.filter((r) => r.problem)).toEqual([]);
    expect(view(sliced)).toEqual(view(whole));
    expect(sliced[0]?.draft?.title).toEqual({ en: 'Bowl 0, with a "lotus"\npainted\r\ninside' });
    expect(sliced[1]?.draft?.title).toEqual({ en: '5" tall jar 1' });
  });

  it('takes Excel\'s "sep=" line and blank lines before the header into the header of every slice', async () => {
    const rows = Array.from({ length: 800 }, (_, i) => `id-${i};"Cup; ${i}"`);
    const { whole, sliced, units } = await bothWays('sep.csv', `sep=;\n\n;\nid;title\n${rows.join('\n')}\n`, 'csv', 1500, csvMapping);
    expect(units.length).toBeGreaterThan(5);
    expect(units[1]!.header).toBe('sep=;\n\n;\nid;title\n'.length);
    expect(sliced.length).toBe(800);
    expect(view(sliced)).toEqual(view(whole));
    expect(sliced[799]?.draft?.title).toEqual({ en: 'Cup; 799' });
  });

  it('reads an unclosed quote to the end as one broken row, as a whole file does', async () => {
    const rows = [...Array.from({ length: 50 }, (_, i) => `a-${i},One ${i}`), 'a-50,"Two', ...Array.from({ length: 300 }, (_, i) => `b-${i},More ${i}`)];
    const content = `id,title\n${rows.join('\n')}\n`;
    const { whole, sliced, units } = await bothWays('open.csv', content, 'csv', 256, csvMapping);
    // slices before the open quote, then one from before it to the end
    expect(units.length).toBeGreaterThan(1);
    expect(units.at(-1)!.start).toBeLessThanOrEqual(content.indexOf('a-50,"Two'));
    expect(units.at(-1)!.start).toBeGreaterThan(content.indexOf('a-50,"Two') - 256);
    expect(view(sliced)).toEqual(view(whole));
    expect(sliced.map((r) => r.problem?.reason)).toEqual([...Array.from({ length: 50 }, () => undefined), 'unparseable']);
  });

  it('reads a UTF-16 file whole (no byte of it is a line feed alone)', async () => {
    const text = `id,title\n${Array.from({ length: 400 }, (_, i) => `u-${i},Чаша ${i}`).join('\n')}\n`;
    const { whole, sliced, units } = await bothWays('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'csv', 512, csvMapping);
    expect(units).toEqual([{ start: 0, end: expect.any(Number) }]);
    expect(sliced.length).toBe(400);
    expect(view(sliced)).toEqual(view(whole));
  });

  it('reads each unit by itself: a later CSV slice behind the header bytes', async () => {
    const file = path.join(dir, 'r.csv');
    await fs.writeFile(file, `id,title\n${Array.from({ length: 100 }, (_, i) => `r-${i},T${i}`).join('\n')}\n`);
    const units = fileUnits(file, 'csv', { streamAbove: 0, slice: 200 });
    const second = readUnit(file, units[1]!).toString('utf8');
    expect(second.startsWith('id,title\n')).toBe(true);
    expect(second.slice('id,title\n'.length)).toBe((await fs.readFile(file, 'utf8')).slice(units[1]!.start, units[1]!.end));
  });
});
