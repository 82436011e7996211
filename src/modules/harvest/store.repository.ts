// SQL of ingestion: verbatim source records, quarantine, objects, runs. Writes are
// multi-row upserts keyed by (source, identifier): idempotent, so a page stored twice
// (a run resumed after a kill) leaves the same catalogue.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
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

export async function existingRecords(db: Kysely<DB>, sourceId: number, identifiers: string[]) {
  const out = new Map<string, { checksum: string; deleted: number }>();
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
