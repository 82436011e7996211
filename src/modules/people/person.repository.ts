import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PersonTable, PostTable } from './person.table.ts';

export type PersonRow = Selectable<PersonTable>;
export type PostRow = Selectable<PostTable>;

export const findPersonById = (db: Kysely<DB>, id: number) =>
  db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();

export const findPersonByKey = (db: Kysely<DB>, key: string) =>
  db
    .selectFrom('people')
    .selectAll()
    .where((eb) => eb.or([eb('uid', '=', key), eb('slug', '=', key)]))
    .executeTakeFirst();

export const findPeopleByIds = (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length ? db.selectFrom('people').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export function searchPeopleRows(db: Kysely<DB>, terms: string[], limit: number, offset: number) {
  let q = db.selectFrom('people').selectAll();
  for (const t of terms) q = q.where('search_text', 'like', `%${t}%`);
  return q.orderBy('slug').limit(limit).offset(offset).execute();
}

export async function countPeopleRows(db: Kysely<DB>, terms: string[]): Promise<number> {
  let q = db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'));
  for (const t of terms) q = q.where('search_text', 'like', `%${t}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function personSlugTaken(db: Kysely<DB>, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('people').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertPerson(db: Kysely<DB>, row: Insertable<PersonTable>): Promise<number> {
  return (await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePersonRow(db: Kysely<DB>, id: number, patch: Updateable<PersonTable>): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

export const postsOfPerson = (db: Kysely<DB>, personId: number) =>
  db.selectFrom('posts').selectAll().where('person_id', '=', personId).orderBy('started_on', 'desc').orderBy('id').execute();

export const postsOfInstitution = (db: Kysely<DB>, institutionId: number) =>
  db.selectFrom('posts').selectAll().where('institution_id', '=', institutionId).orderBy('id').execute();

export const findPostById = (db: Kysely<DB>, id: number) =>
  db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertPost(db: Kysely<DB>, row: Insertable<PostTable>): Promise<number> {
  return (await db.insertInto('posts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePostRow(db: Kysely<DB>, id: number, patch: Updateable<PostTable>): Promise<void> {
  await db.updateTable('posts').set(patch).where('id', '=', id).execute();
}

export async function deletePostRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('posts').where('id', '=', id).execute();
}

export const allPeopleRows = (db: Kysely<DB>) => db.selectFrom('people').selectAll().orderBy('slug').execute();
