// Every fixture group through the whole pipeline (parse -> normalise -> store) on both
// databases: valid records become objects, broken ones are quarantined with their reason.
// Needs ../shared/fixtures (third-party test material stays outside the repo).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { listObjects } from '../catalogue/object.service.ts';
import { importPaths } from './harvest.service.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');
const present = fs.existsSync(FIXTURES);
if (!present) console.warn(`[tests] fixture imports skipped: ${FIXTURES} is absent (the shared test material sits beside the repo)`);

const GROUPS: Array<[string, string, Record<string, unknown>]> = [
  ['lido/examples-official', 'lido', { seen: 8, new: 7, unchanged: 1, quarantined: 0 }], // v1.0 and v1.1 of one record share its id
  ['lido/real-world', 'lido', { seen: 5, new: 5, quarantined: 0 }],
  ['lido/broken', 'lido', { seen: 2, new: 1, quarantined: 1, byReason: { no_title: 1 } }],
  ['edm/metis-sandbox', 'edm', { seen: 9, new: 5, unchanged: 3, quarantined: 1, byReason: { no_identifier: 1 } }],
  ['edm/metis-validation', 'edm', { seen: 7, new: 5, unchanged: 1, quarantined: 1, byReason: { no_identifier: 1 } }],
  ['linked-art/examples-official-1.0/object', 'linked-art', { seen: 62, new: 61, quarantined: 1, byReason: { no_title: 1 } }],
  ['iiif/cookbook-rendered', 'iiif', { seen: 69, new: 64, quarantined: 5, byReason: { wrong_format: 5 } }],
];

describe.skipIf(!present).each(DIALECTS)('fixture groups through the pipeline on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(dialect);
    await seedIams(database.db);
  });
  afterAll(() => database.close());

  it.each(GROUPS)('%s (%s)', async (folder, format, expected) => {
    const before = (await listObjects(database.db, { institution: 'fujian-museum', limit: 0 })).total;
    const r = await importPaths(database.db, systemActor('test'), { institution: 'fujian-museum', format, paths: [path.join(FIXTURES, folder)] });
    expect(r).toMatchObject({ status: 'succeeded', ...expected });
    const after = (await listObjects(database.db, { institution: 'fujian-museum', limit: 0 })).total;
    expect(after - before).toBe(expected.new);
  });

  it('keeps the Primavera\'s title and years as the LIDO record states them', async () => {
    const { items } = await listObjects(database.db, { institution: 'fujian-museum', q: 'primavera', limit: 5 });
    expect(items.length).toBeGreaterThan(0);
    expect(Object.values(items[0]!.title).join(' ')).toMatch(/Primavera/);
  });
});
