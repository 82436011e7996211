// The programme of a meeting: sessions and contributions are edited as a draft; the
// secretariat publishes it as a numbered version with a note, and the public pages,
// the API and the calendars show the latest published version. Each version keeps what
// changed since the one before: that is the public changelog.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { newUid, nowIso } from '../../shared/ids.ts';
import { parseLangMap, type LangMap } from '../../shared/langmap.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getInstitution, institutionsByKeys, type Institution } from '../institutions/institution.service.ts';
import { getPerson, peopleByKeys, postsOfPerson, type Person } from '../people/person.service.ts';
import { cacheFor, deepFreeze } from './cache.ts';
import * as repo from './meeting.repository.ts';
import { getMeeting, langMapField, oneOf, type Meeting } from './meeting.service.ts';
import {
  compareSessions, CONTRIBUTION_KINDS, CONTRIBUTION_MODES, diffProgrammes, emptySnapshot, programmeWarnings, SESSION_KINDS,
  type ProgrammeChange, type ProgrammeSnapshot, type ProgrammeWarning, type SnapContribution, type SnapInstitution, type SnapPerson, type SnapSession,
} from './programme.ts';
import { isDate, isTime } from './time.ts';

// ---- sessions

export interface SessionInput {
  kind: string;
  title?: Record<string, string>;
  theme?: Record<string, string>;
  /** slug of one of the meeting's sub-topics */
  topic?: string | null;
  date?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  timeNote?: Record<string, string>;
  /** key of one of the meeting's rooms */
  room?: number | null;
  /** an institution whose premises the session takes place at (a visit), id or slug */
  place?: string | null;
  position?: number | null;
}

export interface Session {
  key: number;
  id: string;
  meetingKey: number;
  kind: string;
  title: LangMap;
  theme: LangMap;
  topicKey: number | null;
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  timeNote: LangMap;
  roomKey: number | null;
  placeKey: number | null;
  position: number;
}

const toSession = (r: repo.SessionRow): Session => ({
  key: r.id,
  id: r.uid,
  meetingKey: r.meeting_id,
  kind: r.kind,
  title: parseLangMap(r.title),
  theme: parseLangMap(r.theme),
  topicKey: r.topic_id,
  date: r.date,
  startTime: r.start_time,
  endTime: r.end_time,
  timeNote: parseLangMap(r.time_note),
  roomKey: r.room_id,
  placeKey: r.place_institution_id,
  position: r.position,
});

function checkTimes(problems: FieldProblem[], start: string | null | undefined, end: string | null | undefined) {
  const s = start?.trim() || null;
  const e = end?.trim() || null;
  if (s && !isTime(s)) problems.push({ field: 'startTime', message: 'must be a time HH:MM' });
  if (e && !isTime(e)) problems.push({ field: 'endTime', message: 'must be a time HH:MM' });
  if (e && !s) problems.push({ field: 'startTime', message: 'is required when the end is given' });
  if (s && e && isTime(s) && isTime(e) && e <= s) problems.push({ field: 'endTime', message: 'must be after the start' });
  return { start: s, end: e };
}

async function checkSession(db: Kysely<DB>, m: Meeting, input: SessionInput) {
  const problems: FieldProblem[] = [];
  const kind = oneOf('kind', input.kind, SESSION_KINDS, problems);
  const title = langMapField('title', input.title, problems);
  const theme = langMapField('theme', input.theme, problems);
  const timeNote = langMapField('timeNote', input.timeNote, problems);
  const date = input.date?.trim() || null;
  if (date && !isDate(date)) problems.push({ field: 'date', message: 'must be a date YYYY-MM-DD' });
  else if (date && m.startsOn && m.endsOn && (date < m.startsOn || date > m.endsOn))
    problems.push({ field: 'date', message: `must be within the meeting (${m.startsOn} to ${m.endsOn})` });
  const { start, end } = checkTimes(problems, input.startTime, input.endTime);
  if (start && !date) problems.push({ field: 'date', message: 'is required when a time is given' });
  if (start && !m.timeZone) problems.push({ field: 'startTime', message: 'needs the meeting’s time zone: set it first' });
  let topicKey: number | null = null;
  if (input.topic) {
    const t = await repo.findTopicBySlug(db, m.key, input.topic);
    if (!t) problems.push({ field: 'topic', message: `is not a sub-topic of this meeting` });
    else topicKey = t.id;
  }
  let roomKey: number | null = null;
  if (input.room) {
    const r = await repo.findRoomById(db, input.room);
    if (!r || r.meeting_id !== m.key) problems.push({ field: 'room', message: 'is not a room of this meeting' });
    else roomKey = r.id;
  }
  let placeKey: number | null = null;
  if (input.place) placeKey = (await getInstitution(db, input.place)).key;
  if (problems.length) throw invalid(problems);
  return { kind, title, theme, timeNote, date, start, end, topicKey, roomKey, placeKey };
}

export async function listSessions(db: Kysely<DB>, meetingKey: number): Promise<Session[]> {
  return (await repo.sessionRows(db, meetingKey)).map(toSession).sort(compareSessions);
}

export async function getSession(db: Kysely<DB>, meeting: Meeting, sessionId: string): Promise<Session> {
  const r = await repo.findSessionByUid(db, sessionId);
  if (!r || r.meeting_id !== meeting.key) throw notFound(`Session ${sessionId}`);
  return toSession(r);
}

export async function createSession(db: Kysely<DB>, actor: Actor, meetingKey: string, input: SessionInput): Promise<Session> {
  assertCan(actor, 'meeting.write');
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const v = await checkSession(trx, m, input);
    const uid = newUid('s');
    const now = nowIso();
    const position = input.position ?? (await repo.maxSessionPosition(trx, m.key)) + 1;
    const id = await repo.insertSession(trx, {
      uid,
      meeting_id: m.key,
      kind: v.kind,
      title: JSON.stringify(v.title),
      theme: JSON.stringify(v.theme),
      topic_id: v.topicKey,
      date: v.date,
      start_time: v.start,
      end_time: v.end,
      time_note: JSON.stringify(v.timeNote),
      room_id: v.roomKey,
      place_institution_id: v.placeKey,
      position,
      created_at: now,
      updated_at: now,
    });
    const s = toSession((await repo.findSessionById(trx, id))!);
    await recordAudit(trx, actor, { action: 'session.create', entityType: 'session', entityId: uid, summary: `${v.kind} in ${m.slug}`, after: s });
    return s;
  });
}

export async function updateSession(db: Kysely<DB>, actor: Actor, meetingKey: string, sessionId: string, input: SessionInput): Promise<Session> {
  assertCan(actor, 'meeting.write');
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const before = await getSession(trx, m, sessionId);
    const v = await checkSession(trx, m, input);
    await repo.updateSessionRow(trx, before.key, {
      kind: v.kind,
      title: JSON.stringify(v.title),
      theme: JSON.stringify(v.theme),
      topic_id: v.topicKey,
      date: v.date,
      start_time: v.start,
      end_time: v.end,
      time_note: JSON.stringify(v.timeNote),
      room_id: v.roomKey,
      place_institution_id: v.placeKey,
      ...(input.position != null ? { position: input.position } : {}),
      updated_at: nowIso(),
    });
    const after = toSession((await repo.findSessionById(trx, before.key))!);
    await recordAudit(trx, actor, { action: 'session.update', entityType: 'session', entityId: before.id, summary: `${after.kind} in ${m.slug}`, before, after });
    return after;
  });
}

/** Removes the session and its contributions (the draft: the published version keeps them). */
export async function deleteSession(db: Kysely<DB>, actor: Actor, meetingKey: string, sessionId: string): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const s = await getSession(trx, m, sessionId);
    await repo.deleteSession(trx, s.key);
    await recordAudit(trx, actor, { action: 'session.delete', entityType: 'session', entityId: s.id, summary: `${s.kind} in ${m.slug}`, before: s });
  });
}

// ---- contributions

export interface ContributionInput {
  /** session public id; null: at the meeting, session not known */
  session?: string | null;
  kind: string;
  /** person public id or slug */
  person?: string | null;
  /** the institution the speaker spoke for (id or slug); defaults to the person's current post */
  institution?: string | null;
  /** the speaker's post at the time; defaults to the title of that post */
  post?: Record<string, string>;
  title?: Record<string, string>;
  mode?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  position?: number | null;
}

export interface Contribution {
  key: number;
  id: string;
  meetingKey: number;
  sessionKey: number | null;
  kind: string;
  personKey: number | null;
  institutionKey: number | null;
  post: LangMap;
  title: LangMap;
  mode: string | null;
  startTime: string | null;
  endTime: string | null;
  position: number;
}

const toContribution = (r: repo.ContributionRow): Contribution => ({
  key: r.id,
  id: r.uid,
  meetingKey: r.meeting_id,
  sessionKey: r.session_id,
  kind: r.kind,
  personKey: r.person_id,
  institutionKey: r.institution_id,
  post: parseLangMap(r.post),
  title: parseLangMap(r.title),
  mode: r.mode,
  startTime: r.start_time,
  endTime: r.end_time,
  position: r.position,
});

async function checkContribution(db: Kysely<DB>, m: Meeting, input: ContributionInput) {
  const problems: FieldProblem[] = [];
  const kind = oneOf('kind', input.kind, CONTRIBUTION_KINDS, problems);
  const title = langMapField('title', input.title, problems);
  let post = langMapField('post', input.post, problems);
  const mode = input.mode ? oneOf('mode', input.mode, CONTRIBUTION_MODES, problems) : null;
  const { start, end } = checkTimes(problems, input.startTime, input.endTime);
  let session: repo.SessionRow | undefined;
  if (input.session) {
    session = await repo.findSessionByUid(db, input.session);
    if (!session || session.meeting_id !== m.key) problems.push({ field: 'session', message: 'is not a session of this meeting' });
    else if (start && !session.date) problems.push({ field: 'startTime', message: 'the session has no date' });
  } else if (start) problems.push({ field: 'startTime', message: 'a time needs a session' });
  const person = input.person ? await getPerson(db, input.person) : null;
  let institution: Institution | null = input.institution ? await getInstitution(db, input.institution) : null;
  if (!person && !Object.keys(title).length) problems.push({ field: 'person', message: 'name a speaker or give a title' });
  if (problems.length) throw invalid(problems);
  // the speaker's post at the time: what the organisers say, else the post the registry knows
  if (person && (!institution || !Object.keys(post).length)) {
    const posts = (await postsOfPerson(db, person.key)).filter((p) => !p.endedOn || !m.startsOn || p.endedOn >= m.startsOn);
    const match = (institution ? posts.find((p) => p.institutionKey === institution!.key) : undefined) ?? (institution ? undefined : posts[0]);
    if (match) {
      if (!institution) institution = (await institutionsByKeys(db, [match.institutionKey])).get(match.institutionKey) ?? null;
      if (!Object.keys(post).length) post = match.title;
    }
  }
  return { kind, title, post, mode, start, end, session, person, institution };
}

export async function listContributions(db: Kysely<DB>, meetingKey: number): Promise<Contribution[]> {
  return (await repo.contributionRows(db, meetingKey)).map(toContribution);
}

async function getContribution(db: Kysely<DB>, m: Meeting, id: string): Promise<Contribution> {
  const r = await repo.findContributionByUid(db, id);
  if (!r || r.meeting_id !== m.key) throw notFound(`Contribution ${id}`);
  return toContribution(r);
}

export async function createContribution(db: Kysely<DB>, actor: Actor, meetingKey: string, input: ContributionInput): Promise<Contribution> {
  assertCan(actor, 'meeting.write');
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const v = await checkContribution(trx, m, input);
    const uid = newUid('c');
    const now = nowIso();
    const position = input.position ?? (await repo.maxContributionPosition(trx, m.key, v.session?.id ?? null)) + 1;
    const id = await repo.insertContribution(trx, {
      uid,
      meeting_id: m.key,
      session_id: v.session?.id ?? null,
      kind: v.kind,
      person_id: v.person?.key ?? null,
      institution_id: v.institution?.key ?? null,
      post: JSON.stringify(v.post),
      title: JSON.stringify(v.title),
      mode: v.mode,
      start_time: v.start,
      end_time: v.end,
      position,
      created_at: now,
      updated_at: now,
    });
    const c = toContribution((await repo.findContributionByUid(trx, uid))!);
    await recordAudit(trx, actor, {
      action: 'contribution.create',
      entityType: 'contribution',
      entityId: uid,
      summary: `${v.kind}${v.person ? ` by ${v.person.slug}` : ''} in ${m.slug}`,
      after: { ...c, key: id },
    });
    return c;
  });
}

export async function updateContribution(db: Kysely<DB>, actor: Actor, meetingKey: string, contributionId: string, input: ContributionInput): Promise<Contribution> {
  assertCan(actor, 'meeting.write');
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const before = await getContribution(trx, m, contributionId);
    const v = await checkContribution(trx, m, input);
    await repo.updateContributionRow(trx, before.key, {
      session_id: v.session?.id ?? null,
      kind: v.kind,
      person_id: v.person?.key ?? null,
      institution_id: v.institution?.key ?? null,
      post: JSON.stringify(v.post),
      title: JSON.stringify(v.title),
      mode: v.mode,
      start_time: v.start,
      end_time: v.end,
      ...(input.position != null ? { position: input.position } : {}),
      updated_at: nowIso(),
    });
    const after = await getContribution(trx, m, contributionId);
    await recordAudit(trx, actor, { action: 'contribution.update', entityType: 'contribution', entityId: before.id, summary: `${after.kind} in ${m.slug}`, before, after });
    return after;
  });
}

export async function deleteContribution(db: Kysely<DB>, actor: Actor, meetingKey: string, contributionId: string): Promise<void> {
  assertCan(actor, 'meeting.write');
  await inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    const c = await getContribution(trx, m, contributionId);
    await repo.deleteContribution(trx, c.key);
    await recordAudit(trx, actor, { action: 'contribution.delete', entityType: 'contribution', entityId: c.id, summary: `${c.kind} in ${m.slug}`, before: c });
  });
}

// ---- the draft as a snapshot

const snapInstitution = (i: Institution): SnapInstitution => ({ id: i.id, slug: i.slug, name: i.name, country: i.country });
const snapPerson = (p: Person): SnapPerson => ({ id: p.id, slug: p.slug, name: p.name, honorific: p.honorific });

/** The current draft, shaped exactly like a published version. */
export async function draftProgramme(db: Kysely<DB>, m: Meeting): Promise<ProgrammeSnapshot> {
  const [sessions, contributions, topics, rooms] = await Promise.all([
    repo.sessionRows(db, m.key),
    repo.contributionRows(db, m.key),
    repo.topicRows(db, m.key),
    repo.roomRows(db, m.key),
  ]);
  const [people, insts] = await Promise.all([
    peopleByKeys(db, contributions.flatMap((c) => (c.person_id ? [c.person_id] : []))),
    institutionsByKeys(db, [...contributions.flatMap((c) => (c.institution_id ? [c.institution_id] : [])), ...sessions.flatMap((s) => (s.place_institution_id ? [s.place_institution_id] : []))]),
  ]);
  const topicSlug = new Map(topics.map((t) => [t.id, t.slug]));
  const roomOf = new Map(rooms.map((r) => [r.id, { id: r.id, name: parseLangMap(r.name) }]));
  const snapC = (c: repo.ContributionRow): SnapContribution => {
    const p = c.person_id ? people.get(c.person_id) : undefined;
    const i = c.institution_id ? insts.get(c.institution_id) : undefined;
    return {
      id: c.uid,
      kind: c.kind,
      title: parseLangMap(c.title),
      mode: c.mode,
      person: p ? snapPerson(p) : null,
      institution: i ? snapInstitution(i) : null,
      post: parseLangMap(c.post),
      startTime: c.start_time,
      endTime: c.end_time,
    };
  };
  const bySession = new Map<number | null, repo.ContributionRow[]>();
  for (const c of contributions) bySession.set(c.session_id, [...(bySession.get(c.session_id) ?? []), c]);
  const byTimeThenPosition = (a: repo.ContributionRow, b: repo.ContributionRow) =>
    (a.start_time ?? '99') < (b.start_time ?? '99') ? -1 : (a.start_time ?? '99') > (b.start_time ?? '99') ? 1 : a.position - b.position || a.id - b.id;
  const snapSessions: SnapSession[] = sessions
    .map((s) => ({ s, key: { date: s.date, startTime: s.start_time, position: s.position } }))
    .sort((a, b) => compareSessions(a.key, b.key) || a.s.id - b.s.id)
    .map(({ s }) => {
      const place = s.place_institution_id ? insts.get(s.place_institution_id) : undefined;
      return {
        id: s.uid,
        kind: s.kind,
        title: parseLangMap(s.title),
        theme: parseLangMap(s.theme),
        topic: s.topic_id ? (topicSlug.get(s.topic_id) ?? null) : null,
        date: s.date,
        startTime: s.start_time,
        endTime: s.end_time,
        timeNote: parseLangMap(s.time_note),
        room: s.room_id ? (roomOf.get(s.room_id) ?? null) : null,
        place: place ? snapInstitution(place) : null,
        contributions: (bySession.get(s.id) ?? []).sort(byTimeThenPosition).map(snapC),
      };
    });
  return {
    timeZone: m.timeZone,
    topics: topics.map((t) => ({ slug: t.slug, title: parseLangMap(t.title) })),
    rooms: rooms.map((r) => ({ id: r.id, name: parseLangMap(r.name) })),
    sessions: snapSessions,
    contributions: (bySession.get(null) ?? []).sort(byTimeThenPosition).map(snapC),
  };
}

// ---- published versions

export interface PublishedProgramme {
  /** the version row's key: what is rendered from it can be cached by it */
  key: number;
  version: number;
  publishedAt: string;
  /** frozen: shared by every reader */
  programme: ProgrammeSnapshot;
}

export interface VersionEntry {
  version: number;
  publishedAt: string;
  publishedBy: string;
  note: LangMap;
  changes: ProgrammeChange[];
}

/** A version row never changes: its parsed snapshot is kept (per database handle). */
async function snapshotOf(db: Kysely<DB>, id: number, json?: string): Promise<ProgrammeSnapshot> {
  const cache = cacheFor<ProgrammeSnapshot>(db, 'snapshots', 32);
  const hit = cache?.get(String(id));
  if (hit) return hit;
  const snapshot = deepFreeze(JSON.parse(json ?? (await repo.versionSnapshot(db, id))) as ProgrammeSnapshot);
  cache?.set(String(id), snapshot);
  return snapshot;
}

export async function publishedProgramme(db: Kysely<DB>, meetingKey: number): Promise<PublishedProgramme | null> {
  const head = await repo.latestVersionHead(db, meetingKey);
  return head ? { key: head.id, version: head.version, publishedAt: head.published_at, programme: await snapshotOf(db, head.id) } : null;
}

/** The latest published programme of each meeting. */
export async function publishedProgrammes(db: Kysely<DB>, meetingKeys: readonly number[]): Promise<Map<number, PublishedProgramme>> {
  const rows = await repo.latestVersionRows(db, meetingKeys);
  const out = new Map<number, PublishedProgramme>();
  for (const r of rows) out.set(r.meeting_id, { key: r.id, version: r.version, publishedAt: r.published_at, programme: await snapshotOf(db, r.id, r.snapshot) });
  return out;
}

/** The public changelog, newest first. */
export async function programmeHistory(db: Kysely<DB>, meetingKey: number): Promise<VersionEntry[]> {
  return (await repo.versionHistoryRows(db, meetingKey)).map((r) => ({
    version: r.version,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    note: parseLangMap(r.note),
    changes: JSON.parse(r.changes) as ProgrammeChange[],
  }));
}

export interface DraftState {
  draft: ProgrammeSnapshot;
  published: PublishedProgramme | null;
  /** what publishing now would announce */
  pending: ProgrammeChange[];
  warnings: ProgrammeWarning[];
}

export async function draftState(db: Kysely<DB>, actor: Actor, meetingKey: string): Promise<DraftState> {
  assertCan(actor, 'meeting.write');
  const m = await getMeeting(db, meetingKey);
  const [draft, published] = await Promise.all([draftProgramme(db, m), publishedProgramme(db, m.key)]);
  return { draft, published, pending: diffProgrammes(published?.programme ?? null, draft), warnings: programmeWarnings(draft) };
}

/**
 * Publish the draft as the next version. Refused when nothing changed since the last
 * version (a changelog line that says nothing helps nobody). Warnings do not block.
 */
export async function publishProgramme(db: Kysely<DB>, actor: Actor, meetingKey: string, note: Record<string, string> = {}): Promise<VersionEntry & { warnings: ProgrammeWarning[] }> {
  assertCan(actor, 'meeting.write');
  const problems: FieldProblem[] = [];
  const cleanNote = langMapField('note', note, problems);
  if (problems.length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const m = await getMeeting(trx, meetingKey);
    await repo.lockMeeting(trx, m.key);
    const [draft, last] = await Promise.all([draftProgramme(trx, m), repo.latestVersionRow(trx, m.key)]);
    const before = last ? (JSON.parse(last.snapshot) as ProgrammeSnapshot) : null;
    const changes = diffProgrammes(before, draft);
    const metaChanged = before !== null && (JSON.stringify(before.topics) !== JSON.stringify(draft.topics) || before.timeZone !== draft.timeZone);
    if (last && !changes.length && !metaChanged) throw conflict('Nothing has changed since the last published version');
    if (!last && !draft.sessions.length && !draft.contributions.length) throw conflict('The programme is empty: add a session first');
    const version = (last?.version ?? 0) + 1;
    const publishedAt = nowIso();
    await repo.insertVersion(trx, {
      meeting_id: m.key,
      version,
      published_at: publishedAt,
      published_by: actor.label,
      note: JSON.stringify(cleanNote),
      changes: JSON.stringify(changes),
      snapshot: JSON.stringify(draft),
    });
    await repo.updateMeetingRow(trx, m.key, { updated_at: publishedAt });
    await recordAudit(trx, actor, {
      action: 'programme.publish',
      entityType: 'meeting',
      entityId: m.id,
      summary: `published version ${version} of the programme of ${m.slug} (${changes.length} changes)`,
      after: { version, note: cleanNote, changes: changes.length },
    });
    return { version, publishedAt, publishedBy: actor.label, note: cleanNote, changes, warnings: programmeWarnings(draft) };
  });
}

export { emptySnapshot };
