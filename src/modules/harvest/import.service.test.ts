// File imports through the whole pipeline on both databases: counts, verbatim store,
// unchanged-by-checksum, quarantine with reasons, renormalise, permissions.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import { systemActor, type Actor } from '../accounts/permission.policy.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import { createUser } from '../accounts/user.service.ts';
import { listObjects } from '../catalogue/object.service.ts';
import { importPaths, renormaliseSource } from './harvest.service.ts';
import { sourceStatus } from './report.service.ts';

const actor = systemActor('test');

const draft = (id: string, title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ identifier: id, title: { en: title }, production: { display: { en: '1650' }, earliest: null, latest: null }, ...extra });

describe.each(DIALECTS)('file import on %s', (dialect) => {
  let database: Database;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    database = await testDatabase(dialect);
    await seedIams(database.db);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-test-'));
    file = path.join(dir, 'records.ndjson');
  });
  afterAll(async () => {
    await database.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const run = (a: Actor = actor) => importPaths(database.db, a, { institution: 'china-national-silk-museum', format: 'draft', paths: [file] });

  it('imports new records, quarantines bad ones with their reason, and reports the counts', async () => {
    await fs.writeFile(file, [draft('a', 'Silk fragment'), draft('b', 'Bowl'), '{"identifier": "c"}', '{not json', draft('d', 'Coin')].join('\n'));
    const r = await run();
    expect(r).toMatchObject({ status: 'succeeded', seen: 5, new: 3, updated: 0, unchanged: 0, deleted: 0, quarantined: 2, byReason: { no_title: 1, unparseable: 1 } });
    const { total, items } = await listObjects(database.db, { institution: 'china-national-silk-museum', limit: 10 });
    expect(total).toBe(3);
    expect(items.map((o) => o.identifier)).toEqual(['a', 'b', 'd']);
    // years derived from the display text by normalisation
    expect(items[0]).toMatchObject({ title: { en: 'Silk fragment' }, earliest: 1650, latest: 1650 });
  });

  it('skips unchanged records by checksum and updates changed ones', async () => {
    await fs.writeFile(file, [draft('a', 'Silk fragment'), draft('b', 'Bowl with a lid'), '{"identifier": "c"}', '{not json', draft('d', 'Coin')].join('\n'));
    const r = await run();
    expect(r).toMatchObject({ status: 'succeeded', seen: 5, new: 0, updated: 1, unchanged: 2, quarantined: 2 });
    const { items } = await listObjects(database.db, { institution: 'china-national-silk-museum', limit: 10 });
    expect(items.find((o) => o.identifier === 'b')?.title).toEqual({ en: 'Bowl with a lid' });
  });

  it('lists quarantined records with reason and keeps them until they import', async () => {
    const src = (await listObjects(database.db, { institution: 'china-national-silk-museum', limit: 1 })).items[0]!;
    expect(src).toBeDefined();
    const sources = await import('../sources/source.service.ts').then((m) => m.listSources(database.db));
    const st = await sourceStatus(database.db, actor, sources[0]!.id);
    expect(st.runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(st.quarantine.map((q) => [q.identifier, q.reason]).sort()).toEqual([
      [null, 'unparseable'],
      [null, 'unparseable'],
      ['c', 'no_title'],
      ['c', 'no_title'],
    ]);
    await fs.writeFile(file, [draft('a', 'Silk fragment'), draft('b', 'Bowl with a lid'), draft('c', 'Mirror'), draft('d', 'Coin')].join('\n'));
    const r = await run();
    expect(r).toMatchObject({ new: 1, unchanged: 3, quarantined: 0 });
    const after = await sourceStatus(database.db, actor, sources[0]!.id);
    expect(after.quarantine.filter((q) => q.identifier === 'c')).toEqual([]);
  });

  it('renormalise rebuilds every object from the stored bytes, with no network', async () => {
    const sources = await import('../sources/source.service.ts').then((m) => m.listSources(database.db));
    const r = await renormaliseSource(database.db, actor, sources[0]!.id);
    expect(r).toMatchObject({ status: 'succeeded', kind: 'renormalise', seen: 4, updated: 4, quarantined: 0 });
    expect((await listObjects(database.db, { institution: 'china-national-silk-museum', limit: 0 })).total).toBe(4);
  });

  it('refuses a member editor of another institution, and lets the own institution\'s editor import', async () => {
    const own = await getInstitution(database.db, 'china-national-silk-museum');
    const other = await getInstitution(database.db, 'fujian-museum');
    const editor = async (k: number, email: string): Promise<Actor> => {
      const u = await createUser(database.db, actor, { email, role: 'member_editor', institutionId: k, password: 'a long enough password' });
      return { kind: 'user', userId: u.id, role: 'member_editor', institutionId: k, label: email };
    };
    await expect(run(await editor(other.key, 'fujian@example.org'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(await editor(own.key, 'silk@example.org'))).resolves.toMatchObject({ status: 'succeeded', unchanged: 4 });
  });

  it('loads the lookups of a mapping from their folder beside the records, on import and on renormalise', async () => {
    // an export laid out as M+ publishes it: object records name makers by id only
    const root = path.join(dir, 'export');
    await fs.mkdir(path.join(root, 'objects', '2000'), { recursive: true });
    await fs.mkdir(path.join(root, 'people'), { recursive: true });
    await fs.writeFile(path.join(root, 'objects', '2000', '2001.json'), JSON.stringify({ id: 2001, title: { en: 'Chair' }, makers: [{ id: 378, role: 'Designer' }, { id: 9 }] }));
    await fs.writeFile(path.join(root, 'people', '378.json'), JSON.stringify({ id: 378, name: { en: 'Yau Leung', 'zh-hant': '邱良' } }));
    const mapping = {
      mappingVersion: 1,
      name: 'objects with makers by id',
      format: 'json',
      lookups: { person: { key: 'id', files: 'people', table: { '9': { id: 9, name: { en: 'Inline Name' } } } } },
      fields: {
        identifier: { path: 'id', transforms: ['string'] },
        title: { path: 'title', langKeys: true },
        makers: { each: 'makers[*]', fields: { name: { path: 'id', transforms: [{ lookup: 'person' }, { get: 'name' }], langKeys: true }, role: 'role' } },
      },
    };
    const importIt = () =>
      importPaths(database.db, actor, { institution: 'fujian-museum', format: 'json', paths: [path.join(root, 'objects')], mapping: mapping as never });
    const makersOf = async () => {
      const { items } = await listObjects(database.db, { institution: 'fujian-museum', limit: 50 });
      return items.find((o) => o.identifier === '2001')?.data.makers;
    };
    const r = await importIt();
    expect(r).toMatchObject({ status: 'succeeded', new: 1, quarantined: 0, repairs: [] });
    const expected = [
      { name: { en: 'Yau Leung', 'zh-Hant': '邱良' }, role: { en: 'Designer' } },
      { name: { en: 'Inline Name' } },
    ];
    expect(await makersOf()).toEqual(expected);
    const sourceId = r.source;
    expect((await renormaliseSource(database.db, actor, sourceId)).repairs).toEqual([]);
    expect(await makersOf()).toEqual(expected);
    // the folder gone: a rebuild would strip the names it gave, so it fails and changes nothing
    await fs.rm(path.join(root, 'people'), { recursive: true });
    const again = await renormaliseSource(database.db, actor, sourceId);
    expect(again).toMatchObject({
      status: 'failed',
      error: `renormalise needs the mapping's lookup folders: lookup "person": folder "people" not found from ${path.join(root, 'objects')}`,
    });
    expect(await makersOf()).toEqual(expected);
    // an import goes on, and says what it could not load
    await fs.writeFile(path.join(root, 'objects', '2000', '2001.json'), JSON.stringify({ id: 2001, title: { en: 'Chair, beech' }, makers: [{ id: 378 }, { id: 9 }] }));
    const imported = await importIt();
    expect(imported).toMatchObject({ status: 'succeeded', updated: 1, repairs: [`lookup "person": folder "people" not found from ${path.join(root, 'objects')}`] });
    expect(await makersOf()).toEqual([{ name: { en: 'Inline Name' } }]);
  });
});
