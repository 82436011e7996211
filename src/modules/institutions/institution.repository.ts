import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { InstitutionTable } from './institution.table.ts';

export type InstitutionRow = Selectable<InstitutionTable>;

export const findInstitutionById = (db: Kysely<DB>, id: number) =>
  db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();

/** By public uid or slug, whichever the caller typed. */
export const findInstitutionByKey = (db: Kysely<DB>, key: string) =>
  db
    .selectFrom('institutions')
    .selectAll()
    .where((eb) => eb.or([eb('uid', '=', key), eb('slug', '=', key)]))
    .executeTakeFirst();

export const findInstitutionsByIds = (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length ? db.selectFrom('institutions').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export const listAllInstitutions = (db: Kysely<DB>) => db.selectFrom('institutions').selectAll().orderBy('slug').execute();

export async function slugTaken(db: Kysely<DB>, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('institutions').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertInstitution(db: Kysely<DB>, row: Insertable<InstitutionTable>): Promise<number> {
  return (await db.insertInto('institutions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateInstitutionRow(db: Kysely<DB>, id: number, patch: Updateable<InstitutionTable>): Promise<void> {
  await db.updateTable('institutions').set(patch).where('id', '=', id).execute();
}

export async function deleteInstitutionRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('institutions').where('id', '=', id).execute();
}
