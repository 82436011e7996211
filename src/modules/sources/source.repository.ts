import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SourceTable } from './source.table.ts';

export type SourceRow = Selectable<SourceTable>;

export const findSourceByKey = (db: Kysely<DB>, key: string) =>
  db
    .selectFrom('sources')
    .selectAll()
    .where((eb) => (/^\d+$/.test(key) ? eb.or([eb('uid', '=', key), eb('id', '=', Number(key))]) : eb('uid', '=', key)))
    .executeTakeFirst();

export const findSourceById = (db: Kysely<DB>, id: number) => db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();

export const findFileSource = (db: Kysely<DB>, institutionId: number, format: string, location: string) =>
  db
    .selectFrom('sources')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('format', '=', format)
    .where('location', '=', location)
    .where('kind', '=', 'file')
    .executeTakeFirst();

export function listSourceRows(db: Kysely<DB>, institutionId?: number) {
  let q = db.selectFrom('sources').selectAll();
  if (institutionId !== undefined) q = q.where('institution_id', '=', institutionId);
  return q.orderBy('id').execute();
}

export async function insertSource(db: Kysely<DB>, row: Insertable<SourceTable>): Promise<number> {
  return (await db.insertInto('sources').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSourceRow(db: Kysely<DB>, id: number, patch: Updateable<SourceTable>): Promise<void> {
  await db.updateTable('sources').set(patch).where('id', '=', id).execute();
}

export async function deleteSourceRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('sources').where('id', '=', id).execute();
}
