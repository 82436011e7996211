// Delegates at a meeting. A member institution registers its own delegates (a member
// editor may register only people of its own institution: enforced here, not in the
// pages); the secretariat approves, waitlists or declines them within the meeting's
// capacity, and takes attendance. Statistics by country and membership category are
// computed from these records, never typed in.
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { countryName } from '../../shared/countries.ts';
import { newUid, nowIso } from '../../shared/ids.ts';
import { parseLangMap, pickText, type LangMap } from '../../shared/langmap.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, can, type Actor } from '../accounts/permission.policy.ts';
import { getAlliance } from '../alliance/alliance.service.ts';
import { membershipsByInstitution } from '../alliance/membership.service.ts';
import { getInstitution, institutionsByKeys, type Institution } from '../institutions/institution.service.ts';
import { createPerson, getPerson, peopleByKeys, postsOfPerson, type Person } from '../people/person.service.ts';
import * as repo from './meeting.repository.ts';
import { getMeeting, getMeetingByKey, langMapField, type Meeting } from './meeting.service.ts';

export const REGISTRATION_STATUSES = ['pending', 'approved', 'waitlisted', 'declined', 'cancelled'] as const;
export const ATTENDANCE = ['unknown', 'present', 'absent'] as const;
export const DECISIONS = ['approve', 'waitlist', 'decline'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type Attendance = (typeof ATTENDANCE)[number];
export type Decision = (typeof DECISIONS)[number];

export interface Registration {
  key: number;
  id: string;
  meetingKey: number;
  institution: Institution;
  person: Person;
  /** the delegate's post at the time, for the badge */
  post: LangMap;
  email: string | null;
  status: RegistrationStatus;
  attendance: Attendance;
  note: string | null;
  registeredBy: string;
  waitlistedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  createdAt: string;
}

export interface RegistrationInput {
  /** the delegate's institution, id or slug */
  institution: string;
  /** an existing person (id or slug) who holds a post at the institution ... */
  person?: string | null;
  /** ... or a new person, created with that post */
  newPerson?: { name: Record<string, string>; post: Record<string, string> } | null;
  email?: string | null;
  note?: string | null;
}

async function resolve(db: Kysely<DB>, rows: repo.RegistrationRow[]): Promise<Registration[]> {
  const [insts, people] = await Promise.all([institutionsByKeys(db, rows.map((r) => r.institution_id)), peopleByKeys(db, rows.map((r) => r.person_id))]);
  return rows.map((r) => ({
    key: r.id,
    id: r.uid,
    meetingKey: r.meeting_id,
    institution: insts.get(r.institution_id)!,
    person: people.get(r.person_id)!,
    post: parseLangMap(r.post),
    email: r.email,
    status: r.status as RegistrationStatus,
    attendance: r.attendance as Attendance,
    note: r.note,
    registeredBy: r.registered_by,
    waitlistedAt: r.waitlisted_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    createdAt: r.created_at,
  }));
}

const publicRegistration = (r: Registration) => ({
  id: r.id,
  institution: r.institution.id,
  person: r.person.id,
  post: r.post,
  status: r.status,
  attendance: r.attendance,
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A member editor registers only while registration is open; the secretariat at any time but after a cancellation. */
function assertOpen(actor: Actor, m: Meeting): void {
  if (m.status === 'cancelled') throw conflict('The meeting is cancelled');
  if (m.status !== 'registration_open' && !can(actor, 'registration.manage')) throw conflict('Registration for this meeting is not open');
}

export async function registerDelegate(db: Kysely<DB>, actor: Actor, meetingKey: string, input: RegistrationInput): Promise<Registration> {
  const m = await getMeeting(db, meetingKey);
  if (!input.institution) throw invalid([{ field: 'institution', message: 'is required' }]);
  const inst = await getInstitution(db, input.institution);
  assertCan(actor, 'registration.write', { institutionIds: [inst.key] });
  assertOpen(actor, m);
  const problems: FieldProblem[] = [];
  const email = input.email?.trim() || null;
  if (email && (!EMAIL.test(email) || email.length > 200)) problems.push({ field: 'email', message: 'is not an e-mail address' });
  const note = input.note?.trim() || null;
  if (note && note.length > 1000) problems.push({ field: 'note', message: 'is longer than 1,000 characters' });
  let newName: LangMap = {};
  let newPost: LangMap = {};
  if (!input.person) {
    newName = langMapField('newPerson.name', input.newPerson?.name, problems);
    newPost = langMapField('newPerson.post', input.newPerson?.post, problems);
    if (!Object.keys(newName).length) problems.push({ field: 'person', message: 'choose a person or give the name of a new delegate' });
    else if (!Object.keys(newPost).length) problems.push({ field: 'newPerson.post', message: 'is required for a new delegate' });
  }
  if (problems.length) throw invalid(problems);

  return inTransaction(db, async (trx) => {
    let person: Person;
    let post: LangMap;
    if (input.person) {
      person = await getPerson(trx, input.person);
      // a delegate of an institution works there: a member editor cannot register another museum's staff
      const held = (await postsOfPerson(trx, person.key)).filter((p) => p.institutionKey === inst.key && (!p.endedOn || !m.startsOn || p.endedOn >= m.startsOn));
      if (!held.length) throw invalid([{ field: 'person', message: `does not hold a post at ${inst.slug}` }]);
      post = held[0]!.title;
    } else {
      person = await createPerson(trx, actor, { name: newName }, { institution: inst.id, title: newPost });
      post = newPost;
    }
    if (await repo.findRegistrationOfPerson(trx, m.key, person.key)) throw invalid([{ field: 'person', message: 'is already registered for this meeting' }]);
    await repo.lockMeeting(trx, m.key);
    const current = await getMeetingByKey(trx, m.key);
    const approved = await repo.countRegistrations(trx, m.key, 'approved');
    const full = current.capacity !== null && approved >= current.capacity;
    const now = nowIso();
    const uid = newUid('r');
    await repo.insertRegistration(trx, {
      uid,
      meeting_id: m.key,
      institution_id: inst.key,
      person_id: person.key,
      post: JSON.stringify(post),
      email,
      status: full ? 'waitlisted' : 'pending',
      attendance: 'unknown',
      note,
      registered_by: actor.label,
      waitlisted_at: full ? now : null,
      decided_at: null,
      decided_by: null,
      created_at: now,
      updated_at: now,
    });
    const [r] = await resolve(trx, [(await repo.findRegistrationByUid(trx, uid))!]);
    await recordAudit(trx, actor, {
      action: 'registration.create',
      entityType: 'registration',
      entityId: uid,
      summary: `${person.slug} (${inst.slug}) for ${m.slug}: ${r!.status}`,
      after: publicRegistration(r!),
    });
    return r!;
  });
}

async function loadRegistration(db: Kysely<DB>, id: string): Promise<Registration> {
  const row = await repo.findRegistrationByUid(db, id);
  if (!row) throw notFound(`Registration ${id}`);
  return (await resolve(db, [row]))[0]!;
}

export async function getRegistration(db: Kysely<DB>, actor: Actor, id: string): Promise<Registration> {
  const r = await loadRegistration(db, id);
  if (!can(actor, 'registration.manage')) assertCan(actor, 'registration.write', { institutionIds: [r.institution.key] });
  return r;
}

/** The capacity is reached: an approval must wait for a place. */
export class CapacityReached extends AppError {
  constructor(
    readonly approved: number,
    readonly capacity: number,
  ) {
    super('conflict', `The meeting is full: ${approved} of ${capacity} places are taken`, [{ field: 'capacity', message: `${approved} of ${capacity} places are taken` }]);
  }
}

const ALLOWED_FROM: Record<Decision, readonly RegistrationStatus[]> = {
  approve: ['pending', 'waitlisted', 'declined'],
  waitlist: ['pending', 'approved', 'declined'],
  decline: ['pending', 'waitlisted', 'approved'],
};
const RESULT: Record<Decision, RegistrationStatus> = { approve: 'approved', waitlist: 'waitlisted', decline: 'declined' };

export async function decideRegistration(db: Kysely<DB>, actor: Actor, id: string, decision: string): Promise<Registration> {
  assertCan(actor, 'registration.manage');
  if (!(DECISIONS as readonly string[]).includes(decision)) throw invalid([{ field: 'decision', message: `must be one of ${DECISIONS.join(', ')}` }]);
  const d = decision as Decision;
  return inTransaction(db, async (trx) => {
    const before = await loadRegistration(trx, id);
    if (!ALLOWED_FROM[d].includes(before.status)) throw conflict(`A registration that is ${before.status} cannot be changed to ${RESULT[d]}`);
    await repo.lockMeeting(trx, before.meetingKey);
    if (d === 'approve') {
      const m = await getMeetingByKey(trx, before.meetingKey);
      const approved = await repo.countRegistrations(trx, m.key, 'approved');
      if (m.capacity !== null && approved >= m.capacity) throw new CapacityReached(approved, m.capacity);
    }
    const now = nowIso();
    await repo.updateRegistrationRow(trx, before.key, {
      status: RESULT[d],
      decided_at: now,
      decided_by: actor.label,
      ...(d === 'waitlist' ? { waitlisted_at: now } : {}),
      ...(d !== 'approve' ? { attendance: 'unknown' } : {}),
      updated_at: now,
    });
    const after = await loadRegistration(trx, id);
    await recordAudit(trx, actor, {
      action: `registration.${d}`,
      entityType: 'registration',
      entityId: id,
      summary: `${after.person.slug}: ${before.status} -> ${after.status}`,
      before: publicRegistration(before),
      after: publicRegistration(after),
    });
    return after;
  });
}

/** The institution withdraws a delegate (or the secretariat does). A freed place goes to no one automatically. */
export async function cancelRegistration(db: Kysely<DB>, actor: Actor, id: string): Promise<Registration> {
  return inTransaction(db, async (trx) => {
    const before = await loadRegistration(trx, id);
    assertCan(actor, 'registration.write', { institutionIds: [before.institution.key] });
    if (before.status === 'cancelled') return before;
    const now = nowIso();
    await repo.updateRegistrationRow(trx, before.key, { status: 'cancelled', attendance: 'unknown', updated_at: now });
    const after = await loadRegistration(trx, id);
    await recordAudit(trx, actor, { action: 'registration.cancel', entityType: 'registration', entityId: id, summary: `${after.person.slug} withdrawn`, before: publicRegistration(before), after: publicRegistration(after) });
    return after;
  });
}

export async function setAttendance(db: Kysely<DB>, actor: Actor, id: string, attendance: string): Promise<Registration> {
  assertCan(actor, 'registration.manage');
  if (!(ATTENDANCE as readonly string[]).includes(attendance)) throw invalid([{ field: 'attendance', message: `must be one of ${ATTENDANCE.join(', ')}` }]);
  return inTransaction(db, async (trx) => {
    const before = await loadRegistration(trx, id);
    if (before.status !== 'approved') throw conflict('Attendance is taken for approved delegates only');
    if (before.attendance === attendance) return before;
    await repo.updateRegistrationRow(trx, before.key, { attendance, updated_at: nowIso() });
    const after = await loadRegistration(trx, id);
    await recordAudit(trx, actor, { action: 'registration.attendance', entityType: 'registration', entityId: id, summary: `${after.person.slug}: ${attendance}`, before: { attendance: before.attendance }, after: { attendance } });
    return after;
  });
}

/**
 * The registrations an actor may see: all of them for the secretariat, its own
 * institution's for a member editor; nobody else sees names.
 */
export async function listRegistrations(db: Kysely<DB>, actor: Actor, meetingKey: string, f: { status?: string } = {}): Promise<Registration[]> {
  const m = await getMeeting(db, meetingKey);
  let institutionId: number | undefined;
  if (!can(actor, 'registration.manage')) {
    if (actor.kind !== 'user' || actor.institutionId === null) throw forbidden('Your role may not read registrations');
    assertCan(actor, 'registration.write', { institutionIds: [actor.institutionId] });
    institutionId = actor.institutionId;
  }
  const rows = await repo.registrationRows(db, m.key, { ...(institutionId !== undefined ? { institutionId } : {}), ...(f.status ? { status: f.status } : {}) });
  return resolve(db, rows);
}

// ---- statistics (public: counts only, no names)

export interface Tally {
  delegates: number;
  institutions: number;
  countries: number;
}

export interface RegistrationStats {
  capacity: number | null;
  byStatus: Record<RegistrationStatus, number>;
  placesLeft: number | null;
  approved: Tally;
  /** null until attendance has been taken */
  attended: Tally | null;
  /** what byCountry and byCategory count: attendance once taken, else approvals */
  basis: 'attended' | 'approved';
  byCountry: Array<{ country: string | null; delegates: number; institutions: number }>;
  /** category key of the institution's membership; null: not a member */
  byCategory: Array<{ category: string | null; delegates: number; institutions: number }>;
}

export async function registrationStats(db: Kysely<DB>, meetingKey: number): Promise<RegistrationStats> {
  const [m, alliance] = await Promise.all([getMeetingByKey(db, meetingKey), getAlliance(db)]);
  const tally = await repo.registrationTally(db, m.key, alliance.key);
  const countryOf = new Map(tally.map((t) => [t.institutionId, t.country]));
  const byStatus = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<RegistrationStatus, number>;
  for (const t of tally) byStatus[t.status as RegistrationStatus] = (byStatus[t.status as RegistrationStatus] ?? 0) + t.n;

  const summarise = (rows: typeof tally): Tally => {
    const institutions = new Set(rows.map((r) => r.institutionId));
    const countries = new Set([...institutions].map((k) => countryOf.get(k)).filter((c): c is string => !!c));
    return { delegates: rows.reduce((s, r) => s + r.n, 0), institutions: institutions.size, countries: countries.size };
  };
  const approvedRows = tally.filter((t) => t.status === 'approved');
  const presentRows = approvedRows.filter((t) => t.attendance === 'present');
  const attendanceTaken = approvedRows.some((t) => t.attendance !== 'unknown');
  const basisRows = attendanceTaken ? presentRows : approvedRows;

  const group = <K extends string | null>(keyOf: (instKey: number) => K) => {
    const acc = new Map<K, { delegates: number; institutions: Set<number> }>();
    for (const r of basisRows) {
      const k = keyOf(r.institutionId);
      const a = acc.get(k) ?? { delegates: 0, institutions: new Set<number>() };
      a.delegates += r.n;
      a.institutions.add(r.institutionId);
      acc.set(k, a);
    }
    return [...acc].map(([k, a]) => ({ key: k, delegates: a.delegates, institutions: a.institutions.size })).sort((x, y) => y.delegates - x.delegates || String(x.key).localeCompare(String(y.key)));
  };
  const categoryByInst = new Map(tally.map((t) => [t.institutionId, t.category && alliance.categories.some((c) => c.key === t.category) ? t.category : null]));
  const categoryOf = (k: number) => categoryByInst.get(k) ?? null;
  return {
    capacity: m.capacity,
    byStatus,
    placesLeft: m.capacity === null ? null : Math.max(0, m.capacity - byStatus.approved),
    approved: summarise(approvedRows),
    attended: attendanceTaken ? summarise(presentRows) : null,
    basis: attendanceTaken ? 'attended' : 'approved',
    byCountry: group((k) => countryOf.get(k) ?? null).map((g) => ({ country: g.key, delegates: g.delegates, institutions: g.institutions })),
    byCategory: group(categoryOf).map((g) => ({ category: g.key, delegates: g.delegates, institutions: g.institutions })),
  };
}

// ---- badge list and attendee list (CSV)

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe. */
const cell = (s: string | number | null | undefined) => {
  const v = s === null || s === undefined ? '' : String(s);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
};

const otherScripts = (map: LangMap, shown: string) => [...new Set(Object.values(map).filter((v) => v !== shown))].join(' / ');

/**
 * The approved delegates, one badge each: the name in the badge language (the
 * alliance's working languages as the fallback), the name in other scripts, post,
 * institution and country. `lang` is a UI language or BCP 47 tag.
 */
export async function badgeListCsv(db: Kysely<DB>, actor: Actor, meetingKey: string, lang = 'en'): Promise<string> {
  assertCan(actor, 'registration.manage');
  const alliance = await getAlliance(db);
  const regs = (await listRegistrations(db, actor, meetingKey, { status: 'approved' })).sort((a, b) =>
    pickText(a.person.name, lang, alliance.workingLanguages).localeCompare(pickText(b.person.name, lang, alliance.workingLanguages), lang),
  );
  const tag = lang === 'zh' ? 'zh-Hans' : lang;
  const rows = regs.map((r) => {
    const name = pickText(r.person.name, tag, alliance.workingLanguages);
    const inst = pickText(r.institution.name, tag, alliance.workingLanguages);
    return [r.id, pickText(r.person.honorific, tag, alliance.workingLanguages), name, otherScripts(r.person.name, name), pickText(r.post, tag, alliance.workingLanguages), inst, otherScripts(r.institution.name, inst), r.institution.country ? countryName(r.institution.country, lang.split('-')[0]!) : ''].map(cell);
  });
  return stringify([['registration', 'honorific', 'name', 'name_other_scripts', 'post', 'institution', 'institution_other_scripts', 'country'], ...rows]);
}

/** Every approved delegate with attendance and contact, for the secretariat's records. */
export async function attendeeListCsv(db: Kysely<DB>, actor: Actor, meetingKey: string): Promise<string> {
  assertCan(actor, 'registration.manage');
  const alliance = await getAlliance(db);
  const regs = await listRegistrations(db, actor, meetingKey, { status: 'approved' });
  const ms = await membershipsByInstitution(db, regs.map((r) => r.institution.key));
  const chain = alliance.workingLanguages;
  const rows = regs.map((r) =>
    [
      r.id, pickText(r.person.name, 'en', chain), r.person.slug, pickText(r.post, 'en', chain), pickText(r.institution.name, 'en', chain), r.institution.slug,
      r.institution.country ?? '', ms.get(r.institution.key)?.status === 'member' ? ms.get(r.institution.key)!.category : '', r.attendance, r.email ?? '',
      r.createdAt, r.registeredBy, r.decidedAt ?? '', r.decidedBy ?? '',
    ].map(cell),
  );
  return stringify([['registration', 'name', 'person', 'post', 'institution', 'institution_slug', 'country', 'category', 'attendance', 'email', 'registered_at', 'registered_by', 'approved_at', 'approved_by'], ...rows]);
}
