// OAI-PMH harvesting end to end against a provider on loopback that pages generated
// LIDO records and injects faults: retries, incremental harvests, deletions, and a
// harvest killed with SIGKILL mid-run that resumes to exactly the uninterrupted result;
// a file import on two parsing threads, killed and resumed likewise.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, dropSchema, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import { arraySource, generateLidoRecords, startOaiProvider, type OaiProvider, type ProviderRecord } from '../../../test/support/oai-provider.ts';
import type { Database } from '../../db/database.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { createSource } from '../sources/source.service.ts';
import { harvestSource, importPaths } from './harvest.service.ts';

const actor = systemActor('test');
const FAST = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1000 };
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** identifier -> title+years of the live objects: what "the catalogue" is for a comparison */
async function catalogue(database: Database): Promise<Array<[string, string, number | null, number | null]>> {
  const rows = await database.db.selectFrom('objects').select(['identifier', 'title', 'earliest', 'latest']).where('withdrawn', '=', 0).orderBy('identifier').execute();
  return rows.map((r) => [r.identifier, JSON.stringify(JSON.parse(r.title)), r.earliest, r.latest]);
}

describe.each(DIALECTS)('OAI-PMH harvest on %s', (dialect) => {
  let database: Database;
  let provider: OaiProvider;
  const records: ProviderRecord[] = [...generateLidoRecords(240)];

  beforeAll(async () => {
    database = await testDatabase(dialect);
    await seedIams(database.db);
    provider = await startOaiProvider({
      records: arraySource(records),
      pageSize: 40,
      faults: { onPage: { 2: { kind: '503', retryAfter: 1 }, 3: { kind: 'drop' }, 4: { kind: 'malformed' }, 6: { kind: 'no-final-token' } } },
    });
  });
  afterAll(async () => {
    await provider.close();
    await database.close();
  });

  it('harvests every record through 503, a dropped connection, a malformed page and a missing final token', async () => {
    const s = await createSource(database.db, actor, { institution: 'china-national-silk-museum', kind: 'oai', format: 'lido', baseUrl: provider.baseUrl });
    const r = await harvestSource(database.db, actor, s.id, { oai: FAST });
    expect(r).toMatchObject({ status: 'succeeded', seen: 240, new: 240, updated: 0, unchanged: 0, deleted: 0, quarantined: 0 });
    expect((await catalogue(database)).length).toBe(240);
  });

  it('harvests incrementally from the last datestamp, and a deleted record withdraws its object', async () => {
    const [s] = await database.db.selectFrom('sources').select(['uid', 'last_datestamp']).execute();
    // the next harvest starts from the provider's clock at the start of the last one
    expect(Math.abs(Date.parse(s!.last_datestamp!) - Date.now())).toBeLessThan(120_000);
    // the provider changes one record and deletes another, both after the last harvest
    const later = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    records[10] = { ...records[10]!, datestamp: later, metadataXml: records[10]!.metadataXml.replace(/<lido:appellationValue([^>]*)>/, '<lido:appellationValue$1>Changed: ') };
    records[20] = { ...records[20]!, datestamp: later, deleted: true };
    provider.setFaults({});
    const before = provider.requests.length;
    const r = await harvestSource(database.db, actor, s!.uid, { oai: FAST });
    expect(provider.requests.slice(before).some((u) => u.includes(`from=${encodeURIComponent(s!.last_datestamp!)}`) || u.includes(`from=${s!.last_datestamp}`))).toBe(true);
    expect(r).toMatchObject({ status: 'succeeded', updated: 1, deleted: 1, new: 0, quarantined: 0 });
    const cat = await catalogue(database);
    expect(cat.length).toBe(239);
    expect(cat.find((c) => c[0] === records[10]!.identifier)![1]).toContain('Changed: ');
  });
});

/** A database the CLI child process can open too: a SQLite file, or a PostgreSQL schema. */
async function sharedDatabase(dialect: string, dir: string): Promise<{ env: Record<string, string>; database: Database; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', sqlitePath: path.join(dir, 'caravanserai.sqlite') });
    await migrateToLatest(database.db);
    return { env: { DATA_DIR: dir }, database, drop: async () => undefined };
  }
  const url = process.env.TEST_POSTGRES_URL!;
  const schema = `k_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url, pgSchema: schema, poolSize: 2 });
  await migrateToLatest(database.db, schema);
  const sep = url.includes('?') ? '&' : '?';
  return {
    env: { DATA_DIR: dir, DATABASE_URL: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    database,
    drop: () => dropSchema(schema, url),
  };
}

/** Run the CLI on the shared database, and kill -9 it in the middle of its run, once it has stored `pages` pages (batches). */
async function killAfterPages(args: string[], shared: { env: Record<string, string>; database: Database }, pages: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/caravanserai.mjs'), ...args], {
    // vitest puts BASE_URL=/ (Vite's) in the environment: not ours
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'BASE_URL')), ...shared.env, CARAVANSERAI_FROM_SOURCE: '1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, sig) => resolve(sig)));
  for (let i = 0; i < 2400; i++) {
    const run = await shared.database.db.selectFrom('harvest_runs').select(['pages']).executeTakeFirst();
    if (run && run.pages >= pages) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe.each(DIALECTS)('a harvest killed with SIGKILL on %s', (dialect) => {
  it('resumes from its last checkpoint and ends with exactly the uninterrupted catalogue', { timeout: 180_000 }, async () => {
    const source = generateLidoRecords(600, { deletedEvery: 97 });
    const provider = await startOaiProvider({ records: source, pageSize: 25, faults: { always: [{ kind: 'slow', ms: 120 }] } });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kill-'));
    const killed = await sharedDatabase(dialect, dir);
    const reference = await testDatabase(dialect as 'sqlite' | 'postgres');
    try {
      // the reference: the same harvest, uninterrupted
      await seedIams(reference.db);
      const ref = await createSource(reference.db, actor, { institution: 'china-national-silk-museum', kind: 'oai', format: 'lido', baseUrl: provider.baseUrl });
      const refReport = await harvestSource(reference.db, actor, ref.id, { oai: FAST });
      expect(refReport.status).toBe('succeeded');

      await seedIams(killed.database.db);
      const s = await createSource(killed.database.db, actor, { institution: 'china-national-silk-museum', kind: 'oai', format: 'lido', baseUrl: provider.baseUrl });
      await killAfterPages(['harvest', s.id, '--json'], killed, 6);
      const interrupted = await killed.database.db.selectFrom('harvest_runs').select(['status', 'pages']).executeTakeFirstOrThrow();
      expect(interrupted.status).toBe('running');
      expect(interrupted.pages).toBeGreaterThanOrEqual(6);
      expect(interrupted.pages).toBeLessThan(24);

      const resumed = await harvestSource(killed.database.db, actor, s.id, { oai: FAST });
      expect(resumed).toMatchObject({ status: 'succeeded', resumed: true });
      expect(await catalogue(killed.database)).toEqual(await catalogue(reference));
      // the resumed run's counts equal the uninterrupted run's
      const pick = (r: typeof resumed) => [r.seen, r.new, r.updated, r.deleted, r.quarantined];
      expect(pick(resumed)).toEqual(pick(refReport));
    } finally {
      await provider.close();
      await reference.close();
      await killed.database.close();
      await killed.drop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('a file import on two parsing threads killed with SIGKILL on %s', (dialect) => {
  it('resumes from its checkpoint (often inside a file) and ends with exactly the uninterrupted catalogue', { timeout: 180_000 }, async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kill-files-'));
    const data = path.join(dir, 'records');
    await fs.mkdir(data);
    // 24 files of 450 drafts: units for both threads, a dozen batches of 1,000 or so, which
    // end inside a file or at its end by turns (pieces of 250 records)
    for (let f = 0; f < 24; f++) {
      const lines = Array.from({ length: 450 }, (_, i) =>
        f === 7 && i === 3 ? '{"broken": ' : JSON.stringify({ identifier: `k-${f}-${i}`, title: { en: `Vase ${f}.${i}`, ru: `Ваза ${f}.${i}` }, production: { earliest: 700 + i, latest: 800 + i } }),
      );
      await fs.writeFile(path.join(data, `part-${String(f).padStart(2, '0')}.ndjson`), `${lines.join('\n')}\n`);
    }
    const input = { institution: 'china-national-silk-museum', format: 'draft', paths: [data] };
    const killed = await sharedDatabase(dialect, path.join(dir, 'db'));
    const reference = await testDatabase(dialect as 'sqlite' | 'postgres');
    try {
      await seedIams(reference.db);
      const refReport = await importPaths(reference.db, actor, input, { parsers: 2 });
      expect(refReport).toMatchObject({ status: 'succeeded', seen: 10_800, new: 10_799, quarantined: 1 });

      await seedIams(killed.database.db);
      await killAfterPages(['import', data, '--institution', input.institution, '--format', 'draft', '--parsers', '2', '--json'], killed, 3);
      const interrupted = await killed.database.db.selectFrom('harvest_runs').select(['status', 'pages', 'checkpoint']).executeTakeFirstOrThrow();
      expect(interrupted.status).toBe('running');
      expect(interrupted.pages).toBeGreaterThanOrEqual(3);
      expect(interrupted.checkpoint).toMatch(/^\d+:\d+:\d+:\d+$/);
      expect(interrupted.checkpoint).not.toBe('24:0');

      const resumed = await importPaths(killed.database.db, actor, input, { parsers: 2 });
      expect(resumed).toMatchObject({ status: 'succeeded', resumed: true });
      expect(await catalogue(killed.database)).toEqual(await catalogue(reference));
      const pick = (r: typeof resumed) => [r.seen, r.new, r.updated, r.quarantined];
      expect(pick(resumed)).toEqual(pick(refReport));
    } finally {
      await reference.close();
      await killed.database.close();
      await killed.drop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
