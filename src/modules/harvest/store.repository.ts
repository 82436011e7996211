// SQL of ingestion: verbatim source records, quarantine, objects, runs. Writes are
// multi-row upserts keyed by (source, identifier): idempotent, so a page stored twice
// (a run resumed after a kill) leaves the same catalogue.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type SQLite from 'better-sqlite3';
import { sqliteHandle } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { HarvestRunTable, QuarantineTable, SourceRecordTable } from '../sources/source.table.ts';
import type { ObjectTable } from '../catalogue/object.table.ts';

export type RunRow = Selectable<HarvestRunTable>;
const CHUNK = 200;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

const RECORD_COLS = ['source_id', 'identifier', 'datestamp', 'checksum', 'bytes', 'xml_ns', 'deleted', 'run_id', 'received_at'] as const;
const OBJECT_COLS = ['uid', 'institution_id', 'source_id', 'identifier', 'title', 'data', 'earliest', 'latest', 'withdrawn', 'search_text', 'created_at', 'updated_at'] as const;
const excluded = (cols: readonly string[]) => cols.map((c) => `${c} = excluded.${c}`).join(', ');

// On SQLite the bulk writes run as statements prepared once per connection and executed
// row by row (better-sqlite3 is synchronous: a row costs a few microseconds, while a
// multi-row statement built per chunk is parsed and planned again every time).
interface Bulk {
  existing: SQLite.Statement<[number, string], { checksum: string; deleted: number }>;
  record: SQLite.Statement<unknown[]>;
  object: SQLite.Statement<unknown[]>;
  unquarantine: SQLite.Statement<[number, string]>;
}
const bulkStatements = new WeakMap<SQLite.Database, Bulk>();

function bulk(h: SQLite.Database): Bulk {
  let b = bulkStatements.get(h);
  if (!b) {
    const insert = (table: string, cols: readonly string[], updated: readonly string[]) =>
      h.prepare<unknown[]>(
        `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) on conflict (source_id, identifier) do update set ${excluded(updated)}`,
      );
    b = {
      existing: h.prepare('select checksum, deleted from source_records where source_id = ? and identifier = ?'),
      record: insert('source_records', RECORD_COLS, ['datestamp', 'checksum', 'bytes', 'xml_ns', 'deleted', 'run_id', 'received_at']),
      object: insert('objects', OBJECT_COLS, ['title', 'data', 'earliest', 'latest', 'withdrawn', 'search_text', 'updated_at']),
      unquarantine: h.prepare('delete from quarantine where source_id = ? and identifier = ?'),
    };
    bulkStatements.set(h, b);
  }
  return b;
}

export async function existingRecords(db: Kysely<DB>, sourceId: number, identifiers: string[]) {
  const out = new Map<string, { checksum: string; deleted: number }>();
  const h = sqliteHandle(db);
  if (h) {
    const get = bulk(h).existing;
    for (const id of identifiers) {
      const r = get.get(sourceId, id);
      if (r) out.set(id, r);
    }
    return out;
  }
  for (const part of chunks([...new Set(identifiers)], 500)) {
    const rows = await db
      .selectFrom('source_records')
      .select(['identifier', 'checksum', 'deleted'])
      .where('source_id', '=', sourceId)
      .where('identifier', 'in', part)
      .execute();
    for (const r of rows) out.set(r.identifier, { checksum: r.checksum, deleted: r.deleted });
  }
  return out;
}

export async function upsertSourceRecords(db: Kysely<DB>, rows: Insertable<SourceRecordTable>[]): Promise<void> {
  const h = sqliteHandle(db);
  if (h) {
    const st = bulk(h).record;
    for (const r of rows) st.run(r.source_id, r.identifier, r.datestamp ?? null, r.checksum, r.bytes, r.xml_ns ?? null, r.deleted, r.run_id, r.received_at);
    return;
  }
  for (const part of chunks(rows)) {
    await db
      .insertInto('source_records')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['source_id', 'identifier']).doUpdateSet((eb) => ({
          datestamp: eb.ref('excluded.datestamp'),
          checksum: eb.ref('excluded.checksum'),
          bytes: eb.ref('excluded.bytes'),
          xml_ns: eb.ref('excluded.xml_ns'),
          deleted: eb.ref('excluded.deleted'),
          run_id: eb.ref('excluded.run_id'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute();
  }
}

export async function upsertObjects(db: Kysely<DB>, rows: Insertable<ObjectTable>[]): Promise<void> {
  const h = sqliteHandle(db);
  if (h) {
    const st = bulk(h).object;
    for (const r of rows)
      st.run(r.uid, r.institution_id, r.source_id, r.identifier, r.title, r.data, r.earliest ?? null, r.latest ?? null, r.withdrawn, r.search_text, r.created_at, r.updated_at);
    return;
  }
  for (const part of chunks(rows)) {
    await db
      .insertInto('objects')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['source_id', 'identifier']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          data: eb.ref('excluded.data'),
          earliest: eb.ref('excluded.earliest'),
          latest: eb.ref('excluded.latest'),
          withdrawn: eb.ref('excluded.withdrawn'),
          search_text: eb.ref('excluded.search_text'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function withdrawObjects(db: Kysely<DB>, sourceId: number, identifiers: string[], at: string): Promise<void> {
  for (const part of chunks(identifiers, 500))
    await db.updateTable('objects').set({ withdrawn: 1, updated_at: at }).where('source_id', '=', sourceId).where('identifier', 'in', part).execute();
}

export async function insertQuarantine(db: Kysely<DB>, rows: Insertable<QuarantineTable>[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('quarantine').values(part).execute();
}

/** A record that now goes in leaves the quarantine. */
export async function clearQuarantine(db: Kysely<DB>, sourceId: number, identifiers: string[]): Promise<void> {
  const h = sqliteHandle(db);
  if (h) {
    const st = bulk(h).unquarantine;
    for (const id of identifiers) st.run(sourceId, id);
    return;
  }
  for (const part of chunks(identifiers, 500))
    await db.deleteFrom('quarantine').where('source_id', '=', sourceId).where('identifier', 'in', part).execute();
}

export async function insertRun(db: Kysely<DB>, row: Insertable<HarvestRunTable>): Promise<number> {
  return (await db.insertInto('harvest_runs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRun(db: Kysely<DB>, id: number, patch: Updateable<HarvestRunTable>): Promise<void> {
  await db.updateTable('harvest_runs').set(patch).where('id', '=', id).execute();
}

export const findRun = (db: Kysely<DB>, id: number) => db.selectFrom('harvest_runs').selectAll().where('id', '=', id).executeTakeFirst();

export const runningRuns = (db: Kysely<DB>, sourceId: number) =>
  db.selectFrom('harvest_runs').selectAll().where('source_id', '=', sourceId).where('status', '=', 'running').orderBy('id', 'desc').execute();

export const recentRuns = (db: Kysely<DB>, sourceId: number, limit: number) =>
  db.selectFrom('harvest_runs').selectAll().where('source_id', '=', sourceId).orderBy('id', 'desc').limit(limit).execute();

export const quarantineOf = (db: Kysely<DB>, sourceId: number, limit: number, offset: number) =>
  db.selectFrom('quarantine').selectAll().where('source_id', '=', sourceId).orderBy('id', 'desc').limit(limit).offset(offset).execute();

export const quarantineEntry = (db: Kysely<DB>, id: number) => db.selectFrom('quarantine').selectAll().where('id', '=', id).executeTakeFirst();

export async function countQuarantine(db: Kysely<DB>, sourceId: number): Promise<number> {
  const r = await db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', '=', sourceId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Source records in id order, a page at a time (renormalise reads them back). */
export const sourceRecordPage = (db: Kysely<DB>, sourceId: number, afterId: number, limit: number) =>
  db
    .selectFrom('source_records')
    .select(['id', 'identifier', 'datestamp', 'bytes', 'xml_ns', 'deleted', 'checksum'])
    .where('source_id', '=', sourceId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
