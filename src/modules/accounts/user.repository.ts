import type { Kysely, Selectable, Insertable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { UserTable, SessionTable } from './account.table.ts';

export type UserRow = Selectable<UserTable>;

export const findUserByEmail = (db: Kysely<DB>, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (db: Kysely<DB>, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const listUserRows = (db: Kysely<DB>) => db.selectFrom('users').selectAll().orderBy('email').execute();

export async function insertUser(db: Kysely<DB>, row: Insertable<UserTable>): Promise<number> {
  const r = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUserRow(db: Kysely<DB>, id: number, patch: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function insertSession(db: Kysely<DB>, row: Selectable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export const findSessionWithUser = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.role',
      'users.institution_id',
      'users.display_name',
      'users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();

export async function touchSession(db: Kysely<DB>, id: string, lastSeen: string, expires: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeen, expires_at: expires }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
