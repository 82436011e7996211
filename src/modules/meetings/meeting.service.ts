// Meetings of the alliance: numbered conferences, council and online meetings, and the
// larger events they are part of; the organisations involved and their roles; sub-topics,
// rooms, agenda items and the figures sources reported. Programmes and registrations have
// their own services (programme.service.ts, registration.service.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { isCountryCode } from '../../shared/countries.ts';
import { newUid, nowIso, slugify } from '../../shared/ids.ts';
import { cleanLangMap, isLangTag, parseLangMap, type LangMap } from '../../shared/langmap.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getAlliance } from '../alliance/alliance.service.ts';
import { getInstitution, institutionsByKeys, type Institution } from '../institutions/institution.service.ts';
import { getPerson, peopleByKeys, type Person } from '../people/person.service.ts';
import * as repo from './meeting.repository.ts';
import { isDate, isTimeZone } from './time.ts';

/** 'event': a larger event an alliance meeting is part of (the Liangzhu Forum). */
export const MEETING_KINDS = ['conference', 'council', 'forum', 'workshop', 'event', 'other'] as const;
export const MEETING_STATUSES = ['planned', 'registration_open', 'held', 'cancelled'] as const;
export const MEETING_MODES = ['in_person', 'online', 'hybrid'] as const;
export const ORGANISATION_ROLES = ['host', 'organiser', 'presenter', 'supporter'] as const;
export const AGENDA_KINDS = ['admission', 'declaration', 'election', 'report', 'other'] as const;
export const FIGURE_QUALIFIERS = ['exactly', 'more_than', 'about', 'at_least'] as const;

export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export interface Meeting {
  key: number;
  id: string;
  slug: string;
  number: number | null;
  kind: string;
  title: LangMap;
  theme: LangMap;
  startsOn: string | null;
  endsOn: string | null;
  city: LangMap;
  venue: LangMap;
  country: string | null;
  timeZone: string | null;
  mode: string;
  status: MeetingStatus;
  capacity: number | null;
  parentKey: number | null;
  updatedAt: string;
}

export interface MeetingInput {
  slug: string;
  number?: number | null;
  kind: string;
  title: Record<string, string>;
  theme?: Record<string, string>;
  startsOn?: string | null;
  endsOn?: string | null;
  city?: Record<string, string>;
  venue?: Record<string, string>;
  country?: string | null;
  timeZone?: string | null;
  mode?: string;
  status?: string;
  capacity?: number | null;
  /** the larger event: its public id or slug */
  parent?: string | null;
}

const toMeeting = (r: repo.MeetingRow): Meeting => ({
  key: r.id,
  id: r.uid,
  slug: r.slug,
  number: r.number,
  kind: r.kind,
  title: parseLangMap(r.title),
  theme: parseLangMap(r.theme),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  city: parseLangMap(r.city),
  venue: parseLangMap(r.venue),
  country: r.country,
  timeZone: r.time_zone,
  mode: r.mode,
  status: r.status as MeetingStatus,
  capacity: r.capacity,
  parentKey: r.parent_id,
  updatedAt: r.updated_at,
});

export const publicMeeting = ({ key: _k, parentKey: _p, ...m }: Meeting) => m;

// ---- shared checks (programme and registration services use them too)

export function langMapField(field: string, m: Record<string, string> | undefined | null, problems: FieldProblem[], required = false): LangMap {
  const cleaned = cleanLangMap(m ?? {});
  for (const k of Object.keys(cleaned)) if (!isLangTag(k)) problems.push({ field, message: `"${k}" is not a language tag such as en, zh-Hans, ar` });
  for (const v of Object.values(cleaned)) if (v.length > 2000) problems.push({ field, message: 'is longer than 2,000 characters' });
  if (required && !Object.keys(cleaned).length) problems.push({ field, message: 'is required in at least one language' });
  return cleaned;
}

export function oneOf<T extends string>(field: string, v: string | null | undefined, allowed: readonly T[], problems: FieldProblem[], fallback?: T): T {
  const s = (v ?? '').trim() || fallback || '';
  if (!(allowed as readonly string[]).includes(s)) problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return s as T;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UID_SHAPE = /^m[0-9a-z]{10}$/;

// ---- reads

export async function findMeeting(db: Kysely<DB>, key: string): Promise<Meeting | undefined> {
  const r = await repo.findMeetingByKey(db, key);
  return r ? toMeeting(r) : undefined;
}

export async function getMeeting(db: Kysely<DB>, key: string): Promise<Meeting> {
  const m = await findMeeting(db, key);
  if (!m) throw notFound(`Meeting ${key}`);
  return m;
}

export async function getMeetingByKey(db: Kysely<DB>, key: number): Promise<Meeting> {
  const r = await repo.findMeetingById(db, key);
  if (!r) throw notFound('Meeting');
  return toMeeting(r);
}

export async function meetingsByKeys(db: Kysely<DB>, keys: readonly number[]): Promise<Map<number, Meeting>> {
  const rows = await repo.findMeetingsByIds(db, [...new Set(keys)]);
  return new Map(rows.map((r) => [r.id, toMeeting(r)]));
}

/** Newest first; undated ones (an event known only by name) last, on both databases. */
export async function listMeetings(db: Kysely<DB>): Promise<Meeting[]> {
  return (await repo.listMeetingRows(db))
    .map(toMeeting)
    .sort((a, b) => (a.startsOn === b.startsOn ? 0 : a.startsOn === null ? 1 : b.startsOn === null ? -1 : a.startsOn < b.startsOn ? 1 : -1) || (b.number ?? 0) - (a.number ?? 0) || b.key - a.key);
}

export async function childMeetings(db: Kysely<DB>, parentKey: number): Promise<Meeting[]> {
  return (await repo.childMeetingRows(db, parentKey)).map(toMeeting);
}

// ---- writes

/** a meeting's fields as checked for a write: what it stores, before it has a key */
type CheckedMeeting = Omit<Meeting, 'key' | 'id' | 'updatedAt'>;

async function checkMeeting(db: Kysely<DB>, input: MeetingInput, selfKey?: number): Promise<CheckedMeeting> {
  const problems: FieldProblem[] = [];
  const slug = (input.slug ?? '').trim().toLowerCase() || slugify(input.title?.en ?? '', '');
  if (!slug) problems.push({ field: 'slug', message: 'is required' });
  else if (!SLUG.test(slug)) problems.push({ field: 'slug', message: 'may hold only a-z, 0-9 and single hyphens' });
  else if (UID_SHAPE.test(slug)) problems.push({ field: 'slug', message: 'must not look like a public id (a letter and ten characters)' });
  const number = input.number ?? null;
  if (number !== null && !(Number.isInteger(number) && number > 0 && number < 10_000)) problems.push({ field: 'number', message: 'must be a whole number from 1' });
  const kind = oneOf('kind', input.kind, MEETING_KINDS, problems);
  const title = langMapField('title', input.title, problems, true);
  const theme = langMapField('theme', input.theme, problems);
  const city = langMapField('city', input.city, problems);
  const venue = langMapField('venue', input.venue, problems);
  const startsOn = input.startsOn?.trim() || null;
  const endsOn = input.endsOn?.trim() || startsOn;
  if (startsOn && !isDate(startsOn)) problems.push({ field: 'startsOn', message: 'must be a date YYYY-MM-DD' });
  if (endsOn && !isDate(endsOn)) problems.push({ field: 'endsOn', message: 'must be a date YYYY-MM-DD' });
  if (endsOn && !startsOn) problems.push({ field: 'startsOn', message: 'is required when the end is given' });
  if (startsOn && endsOn && endsOn < startsOn) problems.push({ field: 'endsOn', message: 'is before the start' });
  const country = input.country?.trim().toUpperCase() || null;
  if (country && !isCountryCode(country)) problems.push({ field: 'country', message: `"${input.country}" is not an ISO 3166-1 alpha-2 code` });
  const timeZone = input.timeZone?.trim() || null;
  if (timeZone && !isTimeZone(timeZone)) problems.push({ field: 'timeZone', message: `"${timeZone}" is not an IANA time zone such as Asia/Shanghai` });
  const mode = oneOf('mode', input.mode, MEETING_MODES, problems, 'in_person');
  const status = oneOf('status', input.status, MEETING_STATUSES, problems, 'planned');
  const capacity = input.capacity ?? null;
  if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 0 && capacity <= 1_000_000)) problems.push({ field: 'capacity', message: 'must be a whole number from 0' });
  let parentKey: number | null = null;
  if (input.parent) {
    const parent = await findMeeting(db, input.parent);
    if (!parent) problems.push({ field: 'parent', message: `no meeting ${input.parent}` });
    else {
      // no meeting inside itself, however deep
      let cur: Meeting | undefined = parent;
      for (let depth = 0; cur && depth < 20; depth++) {
        if (selfKey !== undefined && cur.key === selfKey) {
          problems.push({ field: 'parent', message: 'would put the meeting inside itself' });
          break;
        }
        cur = cur.parentKey ? await getMeetingByKey(db, cur.parentKey) : undefined;
      }
      parentKey = parent.key;
    }
  }
  if (problems.length) throw invalid(problems);
  return { slug, number, kind, title, theme, startsOn, endsOn, city, venue, country, timeZone, mode, status, capacity, parentKey };
}

const meetingColumns = (v: CheckedMeeting) => ({
  slug: v.slug,
  number: v.number,
  kind: v.kind,
  title: JSON.stringify(v.title),
  theme: JSON.stringify(v.theme),
  starts_on: v.startsOn,
  ends_on: v.endsOn,
  city: JSON.stringify(v.city),
  venue: JSON.stringify(v.venue),
  country: v.country,
  time_zone: v.timeZone,
  mode: v.mode,
  status: v.status,
  capacity: v.capacity,
  parent_id: v.parentKey,
});

export async function createMeeting(db: Kysely<DB>, actor: Actor, input: MeetingInput): Promise<Meeting> {
  assertCan(actor, 'meeting.write');
  const alliance = await getAlliance(db);
  return inTransaction(db, async (trx) => {
    const v = await checkMeeting(trx, input);
    if (await repo.meetingSlugTaken(trx, v.slug)) throw conflict(`The slug "${v.slug}" is taken`);
    const uid = newUid('m');
    const now = nowIso();
    await repo.insertMeeting(trx, { uid, alliance_id: alliance.key, ...meetingColumns(v), created_at: now, updated_at: now });
    const m = await getMeeting(trx, uid);
    await recordAudit(trx, actor, { action: 'meeting.create', entityType: 'meeting', entityId: uid, summary: `created meeting ${v.slug}`, after: publicMeeting(m) });
    return m;
  });
}

export async function updateMeeting(db: Kysely<DB>, actor: Actor, key: string, input: MeetingInput): Promise<Meeting> {
  assertCan(actor, 'meeting.write');
  return inTransaction(db, async (trx) => {
    const before = await getMeeting(trx, key);
    const v = await checkMeeting(trx, input, before.key);
    if (await repo.meetingSlugTaken(trx, v.slug, before.key)) throw conflict(`The slug "${v.slug}" is taken`);
    await repo.updateMeetingRow(trx, before.key, { ...meetingColumns(v), updated_at: nowIso() });
    const after = await getMeetingByKey(trx, before.key);
    await recordAudit(trx, actor, {
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: before.id,
      summary: `updated meeting ${after.slug}`,
      before: publicMeeting(before),
      after: publicMeeting(after),
    });
    return after;
  });
}

/** Only the status: the secretariat opens registration, then records the meeting as held. */
export async function setMeetingStatus(db: Kysely<DB>, actor: Actor, key: string, status: string): Promise<Meeting> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const s = oneOf('status', status, MEETING_STATUSES, problems);
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const before = await getMeeting(trx, key);
    if (before.status === s) return before;
    await repo.updateMeetingRow(trx, before.key, { status: s, updated_at: nowIso() });
    await recordAudit(trx, actor, { action: 'meeting.status', entityType: 'meeting', entityId: before.id, summary: `${before.slug}: ${before.status} -> ${s}`, before: { status: before.status }, after: { status: s } });
    return getMeetingByKey(trx, before.key);
  });
}

// ---- organisations and their roles

export interface MeetingOrganisation {
  id: number;
  role: OrganisationRole;
  position: number;
  institution: Institution;
}

export async function listOrganisations(db: Kysely<DB>, meetingKey: number): Promise<MeetingOrganisation[]> {
  const rows = await repo.organisationRows(db, meetingKey);
  const insts = await institutionsByKeys(db, rows.map((r) => r.institution_id));
  const order = (r: string) => (ORGANISATION_ROLES as readonly string[]).indexOf(r);
  return rows
    .map((r) => ({ id: r.id, role: r.role as OrganisationRole, position: r.position, institution: insts.get(r.institution_id)! }))
    .sort((a, b) => order(a.role) - order(b.role) || a.position - b.position || a.id - b.id);
}

export async function addOrganisation(db: Kysely<DB>, actor: Actor, meetingKey: string, input: { institution: string; role: string; position?: number }): Promise<MeetingOrganisation> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const role = oneOf('role', input.role, ORGANISATION_ROLES, problems);
  if (!input.institution) problems.push({ field: 'institution', message: 'is required' });
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const inst = await getInstitution(trx, input.institution);
    if (await repo.findOrganisation(trx, m.key, inst.key, role)) throw conflict(`${inst.slug} is already listed as ${role}`);
    const position = input.position ?? (await repo.organisationRows(trx, m.key)).filter((o) => o.role === role).length + 1;
    const id = await repo.insertOrganisation(trx, { meeting_id: m.key, institution_id: inst.key, role, position, created_at: nowIso() });
    await recordAudit(trx, actor, { action: 'meeting.organisation.add', entityType: 'meeting', entityId: m.id, summary: `${inst.slug} as ${role} of ${m.slug}`, after: { institution: inst.id, role, position } });
    return { id, role, position, institution: inst };
  });
}

export async function removeOrganisation(db: Kysely<DB>, actor: Actor, meetingKey: string, organisationId: number): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const row = await repo.findOrganisationById(trx, organisationId);
    if (!row || row.meeting_id !== m.key) throw notFound('Organisation of the meeting');
    await repo.deleteOrganisation(trx, row.id);
    await recordAudit(trx, actor, { action: 'meeting.organisation.remove', entityType: 'meeting', entityId: m.id, summary: `removed ${row.role} from ${m.slug}`, before: { institution: row.institution_id, role: row.role } });
  });
}

// ---- sub-topics

export interface Topic {
  key: number;
  slug: string;
  title: LangMap;
  position: number;
}

const toTopic = (r: repo.TopicRow): Topic => ({ key: r.id, slug: r.slug, title: parseLangMap(r.title), position: r.position });

export async function listTopics(db: Kysely<DB>, meetingKey: number): Promise<Topic[]> {
  return (await repo.topicRows(db, meetingKey)).map(toTopic);
}

export async function addTopic(db: Kysely<DB>, actor: Actor, meetingKey: string, input: { slug?: string; title: Record<string, string>; position?: number }): Promise<Topic> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const title = langMapField('title', input.title, problems, true);
  const slug = (input.slug?.trim().toLowerCase() || slugify(title.en ?? Object.values(title).find((t) => /[a-z]/i.test(t)) ?? '', '')).slice(0, 60).replace(/-+$/, '');
  if (!slug || !SLUG.test(slug)) problems.push({ field: 'slug', message: 'may hold only a-z, 0-9 and single hyphens' });
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    if (await repo.findTopicBySlug(trx, m.key, slug)) throw conflict(`The topic "${slug}" exists`);
    const now = nowIso();
    const position = input.position ?? (await repo.topicRows(trx, m.key)).length + 1;
    const id = await repo.insertTopic(trx, { meeting_id: m.key, slug, title: JSON.stringify(title), position, created_at: now, updated_at: now });
    await recordAudit(trx, actor, { action: 'meeting.topic.add', entityType: 'meeting', entityId: m.id, summary: `topic ${slug} of ${m.slug}`, after: { slug, title } });
    return { key: id, slug, title, position };
  });
}

export async function removeTopic(db: Kysely<DB>, actor: Actor, meetingKey: string, topicKey: number): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const row = await repo.findTopicById(trx, topicKey);
    if (!row || row.meeting_id !== m.key) throw notFound('Topic');
    await repo.deleteTopic(trx, row.id);
    await recordAudit(trx, actor, { action: 'meeting.topic.remove', entityType: 'meeting', entityId: m.id, summary: `removed topic ${row.slug}`, before: toTopic(row) });
  });
}

// ---- rooms

export interface Room {
  key: number;
  name: LangMap;
  capacity: number | null;
  position: number;
}

const toRoom = (r: repo.RoomRow): Room => ({ key: r.id, name: parseLangMap(r.name), capacity: r.capacity, position: r.position });

export async function listRooms(db: Kysely<DB>, meetingKey: number): Promise<Room[]> {
  return (await repo.roomRows(db, meetingKey)).map(toRoom);
}

export async function addRoom(db: Kysely<DB>, actor: Actor, meetingKey: string, input: { name: Record<string, string>; capacity?: number | null }): Promise<Room> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const name = langMapField('name', input.name, problems, true);
  const capacity = input.capacity ?? null;
  if (capacity !== null && !(Number.isInteger(capacity) && capacity > 0)) problems.push({ field: 'capacity', message: 'must be a whole number from 1' });
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const now = nowIso();
    const position = (await repo.roomRows(trx, m.key)).length + 1;
    const id = await repo.insertRoom(trx, { meeting_id: m.key, name: JSON.stringify(name), capacity, position, created_at: now, updated_at: now });
    await recordAudit(trx, actor, { action: 'meeting.room.add', entityType: 'meeting', entityId: m.id, summary: `room of ${m.slug}`, after: { name, capacity } });
    return { key: id, name, capacity, position };
  });
}

export async function removeRoom(db: Kysely<DB>, actor: Actor, meetingKey: string, roomKey: number): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const row = await repo.findRoomById(trx, roomKey);
    if (!row || row.meeting_id !== m.key) throw notFound('Room');
    await repo.deleteRoom(trx, row.id);
    await recordAudit(trx, actor, { action: 'meeting.room.remove', entityType: 'meeting', entityId: m.id, summary: 'removed a room', before: toRoom(row) });
  });
}

// ---- agenda items: what the meeting decided or did (admissions, a declaration)

export interface AgendaItem {
  key: number;
  kind: string;
  title: LangMap;
  sessionKey: number | null;
  person: Person | null;
  reference: string | null;
  position: number;
}

export async function listAgendaItems(db: Kysely<DB>, meetingKey: number): Promise<AgendaItem[]> {
  const rows = await repo.agendaRows(db, meetingKey);
  const people = await peopleByKeys(db, rows.flatMap((r) => (r.person_id ? [r.person_id] : [])));
  return rows.map((r) => ({
    key: r.id,
    kind: r.kind,
    title: parseLangMap(r.title),
    sessionKey: r.session_id,
    person: r.person_id ? (people.get(r.person_id) ?? null) : null,
    reference: r.reference,
    position: r.position,
  }));
}

export interface AgendaItemInput {
  kind: string;
  title: Record<string, string>;
  /** session public id */
  session?: string | null;
  /** person public id or slug */
  person?: string | null;
  reference?: string | null;
}

export async function addAgendaItem(db: Kysely<DB>, actor: Actor, meetingKey: string, input: AgendaItemInput): Promise<AgendaItem> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const kind = oneOf('kind', input.kind, AGENDA_KINDS, problems);
  const title = langMapField('title', input.title, problems, true);
  const reference = input.reference?.trim() || null;
  if (reference && reference.length > 200) problems.push({ field: 'reference', message: 'is longer than 200 characters' });
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const session = input.session ? await repo.findSessionByUid(trx, input.session) : undefined;
    if (input.session && (!session || session.meeting_id !== m.key)) throw invalid([{ field: 'session', message: 'is not a session of this meeting' }]);
    const person = input.person ? await getPerson(trx, input.person) : null;
    const now = nowIso();
    const position = (await repo.agendaRows(trx, m.key)).length + 1;
    const id = await repo.insertAgendaItem(trx, {
      meeting_id: m.key,
      session_id: session?.id ?? null,
      kind,
      title: JSON.stringify(title),
      person_id: person?.key ?? null,
      reference,
      position,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, { action: 'meeting.agenda.add', entityType: 'meeting', entityId: m.id, summary: `agenda item (${kind}) of ${m.slug}`, after: { kind, title, person: person?.id ?? null, reference } });
    return { key: id, kind, title, sessionKey: session?.id ?? null, person, reference, position };
  });
}

export async function removeAgendaItem(db: Kysely<DB>, actor: Actor, meetingKey: string, itemKey: number): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const row = await repo.findAgendaItemById(trx, itemKey);
    if (!row || row.meeting_id !== m.key) throw notFound('Agenda item');
    await repo.deleteAgendaItem(trx, row.id);
    await recordAudit(trx, actor, { action: 'meeting.agenda.remove', entityType: 'meeting', entityId: m.id, summary: `removed agenda item (${row.kind})`, before: { kind: row.kind, title: parseLangMap(row.title) } });
  });
}

// ---- reported figures: what a source said, with its date; never mixed with computed counts

export interface ReportedFigure {
  key: number;
  measure: string;
  qualifier: string;
  value: number;
  label: LangMap;
  reportedOn: string | null;
  source: LangMap;
  sourceUrl: string | null;
  sessionKey: number | null;
  position: number;
}

const toFigure = (r: repo.FigureRow): ReportedFigure => ({
  key: r.id,
  measure: r.measure,
  qualifier: r.qualifier,
  value: r.value,
  label: parseLangMap(r.label),
  reportedOn: r.reported_on,
  source: parseLangMap(r.source),
  sourceUrl: r.source_url,
  sessionKey: r.session_id,
  position: r.position,
});

export async function listFigures(db: Kysely<DB>, meetingKey: number): Promise<ReportedFigure[]> {
  return (await repo.figureRows(db, meetingKey)).map(toFigure);
}

export interface FigureInput {
  /** a stable key for what is counted: participants, countries, member_institutions ... */
  measure: string;
  qualifier?: string;
  value: number;
  /** what was counted, in the source's words */
  label: Record<string, string>;
  reportedOn?: string | null;
  source: Record<string, string>;
  sourceUrl?: string | null;
  /** session public id, when the figure is about one session */
  session?: string | null;
}

export async function addFigure(db: Kysely<DB>, actor: Actor, meetingKey: string, input: FigureInput): Promise<ReportedFigure> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const measure = (input.measure ?? '').trim();
  if (!/^[a-z][a-z0-9_]{0,49}$/.test(measure)) problems.push({ field: 'measure', message: 'must be a key such as participants or member_institutions' });
  const qualifier = oneOf('qualifier', input.qualifier, FIGURE_QUALIFIERS, problems, 'exactly');
  if (!(Number.isInteger(input.value) && input.value >= 0)) problems.push({ field: 'value', message: 'must be a whole number from 0' });
  const label = langMapField('label', input.label, problems, true);
  const source = langMapField('source', input.source, problems, true);
  const reportedOn = input.reportedOn?.trim() || null;
  if (reportedOn && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(reportedOn)) problems.push({ field: 'reportedOn', message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' });
  let sourceUrl = input.sourceUrl?.trim() || null;
  if (sourceUrl) {
    try {
      const u = new URL(sourceUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      sourceUrl = u.href;
    } catch {
      problems.push({ field: 'sourceUrl', message: 'must be an http(s) URL' });
    }
  }
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const session = input.session ? await repo.findSessionByUid(trx, input.session) : undefined;
    if (input.session && (!session || session.meeting_id !== m.key)) throw invalid([{ field: 'session', message: 'is not a session of this meeting' }]);
    const now = nowIso();
    const position = (await repo.figureRows(trx, m.key)).length + 1;
    const id = await repo.insertFigure(trx, {
      meeting_id: m.key,
      session_id: session?.id ?? null,
      measure,
      qualifier,
      value: input.value,
      label: JSON.stringify(label),
      reported_on: reportedOn,
      source: JSON.stringify(source),
      source_url: sourceUrl,
      position,
      created_at: now,
      updated_at: now,
    });
    const f = toFigure((await repo.findFigureById(trx, id))!);
    await recordAudit(trx, actor, { action: 'meeting.figure.add', entityType: 'meeting', entityId: m.id, summary: `reported figure ${measure} of ${m.slug}`, after: f });
    return f;
  });
}

export async function removeFigure(db: Kysely<DB>, actor: Actor, meetingKey: string, figureKey: number): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const row = await repo.findFigureById(trx, figureKey);
    if (!row || row.meeting_id !== m.key) throw notFound('Reported figure');
    await repo.deleteFigure(trx, row.id);
    await recordAudit(trx, actor, { action: 'meeting.figure.remove', entityType: 'meeting', entityId: m.id, summary: `removed figure ${row.measure}`, before: toFigure(row) });
  });
}
