// All SQL of the meetings module: meetings, their organisations, topics, rooms, sessions,
// contributions, agenda items, reported figures, programme versions and registrations.
import { type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type {
  AgendaItemTable, ContributionTable, MeetingFigureTable, MeetingOrganisationTable, MeetingRoomTable, MeetingSessionTable, MeetingTable,
  MeetingTopicTable, ProgrammeVersionTable, RegistrationTable,
} from './meeting.table.ts';

export type MeetingRow = Selectable<MeetingTable>;
export type OrganisationRow = Selectable<MeetingOrganisationTable>;
export type TopicRow = Selectable<MeetingTopicTable>;
export type RoomRow = Selectable<MeetingRoomTable>;
export type SessionRow = Selectable<MeetingSessionTable>;
export type ContributionRow = Selectable<ContributionTable>;
export type AgendaItemRow = Selectable<AgendaItemTable>;
export type FigureRow = Selectable<MeetingFigureTable>;
export type VersionRow = Selectable<ProgrammeVersionTable>;
export type RegistrationRow = Selectable<RegistrationTable>;

// ---- meetings

export const findMeetingByKey = (db: Kysely<DB>, key: string) =>
  db
    .selectFrom('meetings')
    .selectAll()
    .where((eb) => eb.or([eb('uid', '=', key), eb('slug', '=', key)]))
    .executeTakeFirst();

export const findMeetingById = (db: Kysely<DB>, id: number) => db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();

export const findMeetingsByIds = (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length ? db.selectFrom('meetings').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export const listMeetingRows = (db: Kysely<DB>) =>
  db.selectFrom('meetings').selectAll().orderBy('starts_on', 'desc').orderBy('number', 'desc').orderBy('id', 'desc').execute();

export const childMeetingRows = (db: Kysely<DB>, parentId: number) =>
  db.selectFrom('meetings').selectAll().where('parent_id', '=', parentId).orderBy('starts_on').orderBy('id').execute();

export async function insertMeeting(db: Kysely<DB>, row: Insertable<MeetingTable>): Promise<number> {
  return (await db.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMeetingRow(db: Kysely<DB>, id: number, row: Updateable<MeetingTable>): Promise<void> {
  await db.updateTable('meetings').set(row).where('id', '=', id).execute();
}

export async function meetingSlugTaken(db: Kysely<DB>, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('meetings').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Take the meeting's row lock before counting places: on PostgreSQL a second approval
 * waits here until the first commits, then counts again; SQLite has one writer anyway.
 */
export async function lockMeeting(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('meetings').set((eb) => ({ capacity: eb.ref('capacity') })).where('id', '=', id).execute();
}

// ---- organisations

export const organisationRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('meeting_organisations').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const meetingIdsOfInstitution = async (db: Kysely<DB>, institutionId: number) =>
  (await db.selectFrom('meeting_organisations').select('meeting_id').where('institution_id', '=', institutionId).execute()).map((r) => r.meeting_id);

export async function insertOrganisation(db: Kysely<DB>, row: Insertable<MeetingOrganisationTable>): Promise<number> {
  return (await db.insertInto('meeting_organisations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findOrganisation = (db: Kysely<DB>, meetingId: number, institutionId: number, role: string) =>
  db
    .selectFrom('meeting_organisations')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('institution_id', '=', institutionId)
    .where('role', '=', role)
    .executeTakeFirst();

export const findOrganisationById = (db: Kysely<DB>, id: number) => db.selectFrom('meeting_organisations').selectAll().where('id', '=', id).executeTakeFirst();

export async function deleteOrganisation(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('meeting_organisations').where('id', '=', id).execute();
}

// ---- topics and rooms

export const topicRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('meeting_topics').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const findTopicById = (db: Kysely<DB>, id: number) => db.selectFrom('meeting_topics').selectAll().where('id', '=', id).executeTakeFirst();

export const findTopicBySlug = (db: Kysely<DB>, meetingId: number, slug: string) =>
  db.selectFrom('meeting_topics').selectAll().where('meeting_id', '=', meetingId).where('slug', '=', slug).executeTakeFirst();

export async function insertTopic(db: Kysely<DB>, row: Insertable<MeetingTopicTable>): Promise<number> {
  return (await db.insertInto('meeting_topics').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTopicRow(db: Kysely<DB>, id: number, row: Updateable<MeetingTopicTable>): Promise<void> {
  await db.updateTable('meeting_topics').set(row).where('id', '=', id).execute();
}

export async function deleteTopic(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('meeting_topics').where('id', '=', id).execute();
}

export const roomRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('meeting_rooms').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const findRoomById = (db: Kysely<DB>, id: number) => db.selectFrom('meeting_rooms').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertRoom(db: Kysely<DB>, row: Insertable<MeetingRoomTable>): Promise<number> {
  return (await db.insertInto('meeting_rooms').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRoomRow(db: Kysely<DB>, id: number, row: Updateable<MeetingRoomTable>): Promise<void> {
  await db.updateTable('meeting_rooms').set(row).where('id', '=', id).execute();
}

export async function deleteRoom(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('meeting_rooms').where('id', '=', id).execute();
}

// ---- sessions and contributions

export const sessionRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('meeting_sessions').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const findSessionByUid = (db: Kysely<DB>, uid: string) => db.selectFrom('meeting_sessions').selectAll().where('uid', '=', uid).executeTakeFirst();

export const findSessionById = (db: Kysely<DB>, id: number) => db.selectFrom('meeting_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSession(db: Kysely<DB>, row: Insertable<MeetingSessionTable>): Promise<number> {
  return (await db.insertInto('meeting_sessions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSessionRow(db: Kysely<DB>, id: number, row: Updateable<MeetingSessionTable>): Promise<void> {
  await db.updateTable('meeting_sessions').set(row).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('meeting_sessions').where('id', '=', id).execute();
}

export async function maxSessionPosition(db: Kysely<DB>, meetingId: number): Promise<number> {
  const r = await db.selectFrom('meeting_sessions').select((eb) => eb.fn.max('position').as('p')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(r?.p ?? 0);
}

export const contributionRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('contributions').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const findContributionByUid = (db: Kysely<DB>, uid: string) => db.selectFrom('contributions').selectAll().where('uid', '=', uid).executeTakeFirst();

export async function insertContribution(db: Kysely<DB>, row: Insertable<ContributionTable>): Promise<number> {
  return (await db.insertInto('contributions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateContributionRow(db: Kysely<DB>, id: number, row: Updateable<ContributionTable>): Promise<void> {
  await db.updateTable('contributions').set(row).where('id', '=', id).execute();
}

export async function deleteContribution(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('contributions').where('id', '=', id).execute();
}

export async function maxContributionPosition(db: Kysely<DB>, meetingId: number, sessionId: number | null): Promise<number> {
  const r = await db
    .selectFrom('contributions')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_id', '=', meetingId)
    .where((eb) => (sessionId === null ? eb('session_id', 'is', null) : eb('session_id', '=', sessionId)))
    .executeTakeFirst();
  return Number(r?.p ?? 0);
}

// ---- agenda items and reported figures

export const agendaRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const findAgendaItemById = (db: Kysely<DB>, id: number) => db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertAgendaItem(db: Kysely<DB>, row: Insertable<AgendaItemTable>): Promise<number> {
  return (await db.insertInto('agenda_items').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteAgendaItem(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('agenda_items').where('id', '=', id).execute();
}

export const figureRows = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('meeting_figures').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();

export const findFigureById = (db: Kysely<DB>, id: number) => db.selectFrom('meeting_figures').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertFigure(db: Kysely<DB>, row: Insertable<MeetingFigureTable>): Promise<number> {
  return (await db.insertInto('meeting_figures').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteFigure(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('meeting_figures').where('id', '=', id).execute();
}

// ---- programme versions

/** The latest version's id and number, without its snapshot: cheap, for the cache. */
export const latestVersionHead = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('programme_versions').select(['id', 'version', 'published_at']).where('meeting_id', '=', meetingId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export const versionSnapshot = async (db: Kysely<DB>, id: number) =>
  (await db.selectFrom('programme_versions').select('snapshot').where('id', '=', id).executeTakeFirstOrThrow()).snapshot;

export const latestVersionRow = (db: Kysely<DB>, meetingId: number) =>
  db.selectFrom('programme_versions').selectAll().where('meeting_id', '=', meetingId).orderBy('version', 'desc').limit(1).executeTakeFirst();

/** The latest published version of each of these meetings (for speaker pages across meetings). */
export async function latestVersionRows(db: Kysely<DB>, meetingIds: readonly number[]): Promise<VersionRow[]> {
  if (!meetingIds.length) return [];
  return db
    .selectFrom('programme_versions as v')
    .selectAll('v')
    .where('v.meeting_id', 'in', meetingIds)
    .where('v.version', '=', (eb) =>
      eb.selectFrom('programme_versions as w').select((x) => x.fn.max('w.version').as('m')).whereRef('w.meeting_id', '=', 'v.meeting_id'),
    )
    .execute();
}

/** Changelog lines: every version without its snapshot, newest first. */
export const versionHistoryRows = (db: Kysely<DB>, meetingId: number) =>
  db
    .selectFrom('programme_versions')
    .select(['id', 'meeting_id', 'version', 'published_at', 'published_by', 'note', 'changes'])
    .where('meeting_id', '=', meetingId)
    .orderBy('version', 'desc')
    .execute();

export async function insertVersion(db: Kysely<DB>, row: Insertable<ProgrammeVersionTable>): Promise<number> {
  return (await db.insertInto('programme_versions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Meetings whose latest published programme names this person (contributions table as a pre-filter). */
export async function meetingIdsWithSpeaker(db: Kysely<DB>, personId: number): Promise<number[]> {
  const rows = await db.selectFrom('contributions').select('meeting_id').distinct().where('person_id', '=', personId).execute();
  return rows.map((r) => r.meeting_id);
}

// ---- registrations

export const findRegistrationByUid = (db: Kysely<DB>, uid: string) => db.selectFrom('registrations').selectAll().where('uid', '=', uid).executeTakeFirst();

export const findRegistrationOfPerson = (db: Kysely<DB>, meetingId: number, personId: number) =>
  db.selectFrom('registrations').selectAll().where('meeting_id', '=', meetingId).where('person_id', '=', personId).executeTakeFirst();

export function registrationRows(db: Kysely<DB>, meetingId: number, f: { institutionId?: number; status?: string } = {}) {
  let q = db.selectFrom('registrations').selectAll().where('meeting_id', '=', meetingId);
  if (f.institutionId !== undefined) q = q.where('institution_id', '=', f.institutionId);
  if (f.status) q = q.where('status', '=', f.status);
  // the waitlist in the order people joined it; the rest in the order they registered
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function countRegistrations(db: Kysely<DB>, meetingId: number, status: string): Promise<number> {
  const r = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Registrations per institution, status and attendance, with the institution's country
 * and membership: the input of the statistics. A read model (like the alliance's
 * directory) joining the registry's tables in one query, because a page computes it on
 * every view and a thousand delegates should not cost three round trips and a hundred
 * parsed institutions.
 */
export async function registrationTally(db: Kysely<DB>, meetingId: number, allianceId: number) {
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('institutions as i', 'i.id', 'r.institution_id')
    .leftJoin('memberships as ms', (j) => j.onRef('ms.institution_id', '=', 'r.institution_id').on('ms.alliance_id', '=', allianceId))
    .select(['r.institution_id', 'r.status', 'r.attendance', 'i.country', 'ms.category', 'ms.status as membership_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.meeting_id', '=', meetingId)
    .groupBy(['r.institution_id', 'r.status', 'r.attendance', 'i.country', 'ms.category', 'ms.status'])
    .execute();
  return rows.map((r) => ({
    institutionId: r.institution_id,
    status: r.status,
    attendance: r.attendance,
    country: r.country,
    category: r.membership_status === 'member' ? r.category : null,
    n: Number(r.n),
  }));
}

export async function insertRegistration(db: Kysely<DB>, row: Insertable<RegistrationTable>): Promise<number> {
  return (await db.insertInto('registrations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRegistrationRow(db: Kysely<DB>, id: number, row: Updateable<RegistrationTable>): Promise<void> {
  await db.updateTable('registrations').set(row).where('id', '=', id).execute();
}
