// The programme as data, without a database: the snapshot that a published version
// keeps, its order, the changes between two versions, and the conflict warnings
// (a speaker in two places at once, a room booked twice). Pure functions, tested alone.
import type { LangMap } from '../../shared/langmap.ts';
import { canonicalJson } from '../../shared/json.ts';
import { minutesOf } from './time.ts';

export const SESSION_KINDS = [
  'opening_ceremony', 'keynote_session', 'plenary', 'parallel_session', 'panel', 'workshop', 'visit', 'evening_event', 'closing_ceremony', 'break', 'other',
] as const;
export const CONTRIBUTION_KINDS = ['speech', 'keynote', 'video_address', 'work_review', 'presentation', 'presiding', 'chairing', 'panel', 'other'] as const;
export const CONTRIBUTION_MODES = ['in_person', 'video', 'online'] as const;
/** Contributions that make a person the session's chair or presider rather than a speaker. */
export const CHAIR_KINDS: readonly string[] = ['presiding', 'chairing'];

export interface SnapInstitution {
  id: string;
  slug: string;
  name: LangMap;
  country: string | null;
}

export interface SnapPerson {
  id: string;
  slug: string;
  name: LangMap;
  honorific: LangMap;
}

export interface SnapContribution {
  id: string;
  kind: string;
  title: LangMap;
  mode: string | null;
  person: SnapPerson | null;
  institution: SnapInstitution | null;
  post: LangMap;
  startTime: string | null;
  endTime: string | null;
}

export interface SnapRoom {
  id: number;
  name: LangMap;
}

export interface SnapSession {
  id: string;
  kind: string;
  title: LangMap;
  theme: LangMap;
  /** slug of the sub-topic */
  topic: string | null;
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  timeNote: LangMap;
  room: SnapRoom | null;
  place: SnapInstitution | null;
  contributions: SnapContribution[];
}

export interface ProgrammeSnapshot {
  timeZone: string | null;
  topics: Array<{ slug: string; title: LangMap }>;
  rooms: SnapRoom[];
  sessions: SnapSession[];
  /** contributions the sources place at the meeting without naming the session */
  contributions: SnapContribution[];
}

export const emptySnapshot = (timeZone: string | null): ProgrammeSnapshot => ({ timeZone, topics: [], rooms: [], sessions: [], contributions: [] });

/**
 * Programme order: by date (undated last), then timed sessions by start time before
 * those known only by their date, then the organisers' position.
 */
export function compareSessions(a: { date: string | null; startTime: string | null; position: number }, b: { date: string | null; startTime: string | null; position: number }): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1;
  if (a.startTime !== b.startTime) return a.startTime === null ? 1 : b.startTime === null ? -1 : a.startTime < b.startTime ? -1 : 1;
  return a.position - b.position;
}

// ---- changes between versions

export interface ProgrammeChange {
  what: 'session' | 'contribution';
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** the fields that changed (for 'changed') */
  fields: string[];
  kind: string;
  /** a session's title, or a contribution's speaker name, to say what changed */
  label: LangMap;
  /** the session a contribution belongs to (its id), for the changelog's wording */
  session: string | null;
}

const SESSION_FIELDS = ['kind', 'title', 'theme', 'topic', 'date', 'startTime', 'endTime', 'timeNote', 'room', 'place'] as const;
const CONTRIBUTION_FIELDS = ['kind', 'title', 'mode', 'person', 'institution', 'post', 'startTime', 'endTime', 'session'] as const;

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function allContributions(s: ProgrammeSnapshot): Map<string, { c: SnapContribution; session: string | null }> {
  const out = new Map<string, { c: SnapContribution; session: string | null }>();
  for (const x of s.sessions) for (const c of x.contributions) out.set(c.id, { c, session: x.id });
  for (const c of s.contributions) out.set(c.id, { c, session: null });
  return out;
}

/** What changed from `before` (the last published version, or nothing) to `after`. */
export function diffProgrammes(before: ProgrammeSnapshot | null, after: ProgrammeSnapshot): ProgrammeChange[] {
  const changes: ProgrammeChange[] = [];
  const oldSessions = new Map((before?.sessions ?? []).map((s) => [s.id, s]));
  const newSessions = new Map(after.sessions.map((s) => [s.id, s]));
  for (const s of after.sessions) {
    const o = oldSessions.get(s.id);
    if (!o) changes.push({ what: 'session', id: s.id, change: 'added', fields: [], kind: s.kind, label: s.title, session: null });
    else {
      const fields = SESSION_FIELDS.filter((f) => (f === 'room' || f === 'place' ? !same(o[f]?.id, s[f]?.id) : !same(o[f], s[f])));
      if (fields.length) changes.push({ what: 'session', id: s.id, change: 'changed', fields, kind: s.kind, label: s.title, session: null });
    }
  }
  for (const o of before?.sessions ?? []) if (!newSessions.has(o.id)) changes.push({ what: 'session', id: o.id, change: 'removed', fields: [], kind: o.kind, label: o.title, session: null });

  const oldC = before ? allContributions(before) : new Map<string, { c: SnapContribution; session: string | null }>();
  const newC = allContributions(after);
  const label = (c: SnapContribution) => c.person?.name ?? c.title;
  for (const [id, { c, session }] of newC) {
    const o = oldC.get(id);
    if (!o) changes.push({ what: 'contribution', id, change: 'added', fields: [], kind: c.kind, label: label(c), session });
    else {
      const fields = CONTRIBUTION_FIELDS.filter((f) =>
        f === 'session' ? o.session !== session : f === 'person' || f === 'institution' ? !same(o.c[f]?.id, c[f]?.id) : !same(o.c[f], c[f]),
      );
      if (fields.length) changes.push({ what: 'contribution', id, change: 'changed', fields, kind: c.kind, label: label(c), session });
    }
  }
  for (const [id, { c, session }] of oldC) if (!newC.has(id)) changes.push({ what: 'contribution', id, change: 'removed', fields: [], kind: c.kind, label: label(c), session });
  return changes;
}

// ---- conflicts

export interface ProgrammeWarning {
  kind: 'speaker_double_booked' | 'room_double_booked';
  /** the person or the room */
  subject: { id: string; name: LangMap };
  /** the two sessions that overlap */
  sessions: [string, string];
  date: string;
}

interface Interval {
  date: string;
  start: number;
  /** equal to start when only the start is known */
  end: number;
}

function interval(date: string | null, start: string | null, end: string | null): Interval | null {
  if (!date || !start) return null;
  const s = minutesOf(start);
  const e = end ? minutesOf(end) : s;
  return { date, start: s, end: Math.max(e, s) };
}

/** Two intervals of the same day share a moment; an instant inside [start, end) counts. */
function overlaps(a: Interval, b: Interval): boolean {
  if (a.date !== b.date) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start >= b.start && a.start < b.end;
  if (b.start === b.end) return b.start >= a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Warnings, not errors: the secretariat may know better (a video address recorded in
 * advance). Sessions known only by their date cannot clash.
 */
export function programmeWarnings(p: ProgrammeSnapshot): ProgrammeWarning[] {
  const warnings: ProgrammeWarning[] = [];
  const timed = p.sessions.map((s) => ({ s, iv: interval(s.date, s.startTime, s.endTime) })).filter((x): x is { s: SnapSession; iv: Interval } => x.iv !== null);

  for (let i = 0; i < timed.length; i++)
    for (let j = i + 1; j < timed.length; j++) {
      const a = timed[i]!;
      const b = timed[j]!;
      if (a.s.room && b.s.room && a.s.room.id === b.s.room.id && overlaps(a.iv, b.iv))
        warnings.push({ kind: 'room_double_booked', subject: { id: String(a.s.room.id), name: a.s.room.name }, sessions: [a.s.id, b.s.id], date: a.iv.date });
    }

  // a person's appearances: each contribution's own time, else its session's
  const appearances = new Map<string, Array<{ session: string; iv: Interval; person: SnapPerson; mode: string | null }>>();
  for (const s of p.sessions)
    for (const c of s.contributions) {
      if (!c.person) continue;
      const iv = c.startTime ? interval(s.date, c.startTime, c.endTime) : interval(s.date, s.startTime, s.endTime);
      if (!iv) continue;
      const list = appearances.get(c.person.id) ?? [];
      list.push({ session: s.id, iv, person: c.person, mode: c.mode });
      appearances.set(c.person.id, list);
    }
  for (const list of appearances.values()) {
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.session === b.session || !overlaps(a.iv, b.iv)) continue;
        const key = [a.session, b.session].sort().join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        warnings.push({ kind: 'speaker_double_booked', subject: { id: a.person.id, name: a.person.name }, sessions: [a.session, b.session], date: a.iv.date });
      }
  }
  return warnings;
}

/** The chairs or presiders of a session, and its other contributions. */
export function splitChairs(s: SnapSession): { chairs: SnapContribution[]; talks: SnapContribution[] } {
  return { chairs: s.contributions.filter((c) => CHAIR_KINDS.includes(c.kind)), talks: s.contributions.filter((c) => !CHAIR_KINDS.includes(c.kind)) };
}
