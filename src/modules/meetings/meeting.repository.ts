import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MeetingTable } from './meeting.table.ts';

export type MeetingRow = Selectable<MeetingTable>;

export const findMeetingByKey = (db: Kysely<DB>, key: string) =>
  db
    .selectFrom('meetings')
    .selectAll()
    .where((eb) => eb.or([eb('uid', '=', key), eb('slug', '=', key)]))
    .executeTakeFirst();

export const findMeetingsByIds = (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length ? db.selectFrom('meetings').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export const listMeetingRows = (db: Kysely<DB>) => db.selectFrom('meetings').selectAll().orderBy('starts_on', 'desc').execute();

export async function insertMeeting(db: Kysely<DB>, row: Insertable<MeetingTable>): Promise<number> {
  return (await db.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
