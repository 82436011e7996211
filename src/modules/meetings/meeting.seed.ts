// Loads meetings and their programmes (seeds/<alliance>/meetings.json) through the
// services, so the seed is validated and audited like any change. Idempotent: a meeting
// that already has anything of its own (organisations, sessions, figures, a published
// programme ...) is left as it is, so loading twice changes nothing, and a secretariat's
// later edits are never overwritten.
import fs from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { canonicalJson } from '../../shared/json.ts';
import type { LangMap } from '../../shared/langmap.ts';
import type { Actor } from '../accounts/permission.policy.ts';
import * as repo from './meeting.repository.ts';
import {
  addAgendaItem, addFigure, addOrganisation, addRoom, addTopic, createMeeting, findMeeting, getMeetingByKey, updateMeeting,
  type AgendaItemInput, type FigureInput, type Meeting, type MeetingInput,
} from './meeting.service.ts';
import { createContribution, createSession, publishProgramme, type ContributionInput, type SessionInput } from './programme.service.ts';

type SeedContribution = Omit<ContributionInput, 'session'>;

export interface MeetingSeed extends MeetingInput {
  organisations?: Array<{ institution: string; role: string }>;
  topics?: Array<{ slug: string; title: LangMap }>;
  /** rooms with a key the sessions refer to */
  rooms?: Array<{ key: string; name: LangMap; capacity?: number | null }>;
  sessions?: Array<
    Omit<SessionInput, 'room'> & {
      /** a key the agenda items and figures refer to */
      key?: string;
      room?: string | null;
      contributions?: SeedContribution[];
    }
  >;
  /** contributions the sources place at the meeting without naming the session */
  contributions?: SeedContribution[];
  agenda?: Array<Omit<AgendaItemInput, 'session'> & { session?: string | null }>;
  figures?: Array<Omit<FigureInput, 'session'> & { session?: string | null }>;
  /** publish the programme as version 1 with this note */
  publish?: { note: LangMap };
}

export interface MeetingsSeedFile {
  meetings: MeetingSeed[];
}

export interface MeetingsSeedReport {
  meetings: number;
  updated: number;
  sessions: number;
  contributions: number;
  published: number;
}

export async function readMeetingsSeed(file: string): Promise<MeetingsSeedFile> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as MeetingsSeedFile;
}

/** Nothing of the meeting's own yet: the seed may fill it in. */
async function isBare(db: Kysely<DB>, key: number): Promise<boolean> {
  const [o, t, s, c, a, f, v] = await Promise.all([
    repo.organisationRows(db, key),
    repo.topicRows(db, key),
    repo.sessionRows(db, key),
    repo.contributionRows(db, key),
    repo.agendaRows(db, key),
    repo.figureRows(db, key),
    repo.latestVersionRow(db, key),
  ]);
  return !o.length && !t.length && !s.length && !c.length && !a.length && !f.length && !v;
}

function meetingInput(s: MeetingSeed, current?: Meeting, parentSlug?: string | null): MeetingInput {
  // what the seed does not say, an existing meeting keeps
  return {
    slug: s.slug,
    number: s.number ?? current?.number ?? null,
    kind: s.kind ?? current?.kind,
    title: s.title ?? current?.title,
    theme: s.theme ?? current?.theme ?? {},
    startsOn: s.startsOn ?? current?.startsOn ?? null,
    endsOn: s.endsOn ?? current?.endsOn ?? null,
    city: s.city ?? current?.city ?? {},
    venue: s.venue ?? current?.venue ?? {},
    country: s.country ?? current?.country ?? null,
    timeZone: s.timeZone ?? current?.timeZone ?? null,
    mode: s.mode ?? current?.mode ?? 'in_person',
    status: s.status ?? current?.status ?? 'planned',
    capacity: s.capacity ?? current?.capacity ?? null,
    parent: s.parent ?? parentSlug ?? null,
  };
}

const sameMeeting = (a: Meeting, b: Meeting) => canonicalJson({ ...a, updatedAt: '' }) === canonicalJson({ ...b, updatedAt: '' });

export async function loadMeetingsSeed(db: Kysely<DB>, actor: Actor, seed: MeetingsSeedFile): Promise<MeetingsSeedReport> {
  const report: MeetingsSeedReport = { meetings: 0, updated: 0, sessions: 0, contributions: 0, published: 0 };
  for (const s of seed.meetings) {
    await inTransaction(db, async (trx) => {
      const existing = await findMeeting(trx, s.slug);
      let m: Meeting;
      if (!existing) {
        m = await createMeeting(trx, actor, meetingInput(s));
        report.meetings++;
      } else {
        if (!(await isBare(trx, existing.key))) return;
        const parent = existing.parentKey ? (await getMeetingByKey(trx, existing.parentKey)).slug : null;
        const input = meetingInput(s, existing, parent);
        // compare through a dry shape: only a real difference is written (and audited)
        const wanted: Meeting = { ...existing, ...(await shapeOf(trx, input)) };
        m = sameMeeting(existing, wanted) ? existing : await updateMeeting(trx, actor, existing.id, input);
        if (m !== existing) report.updated++;
      }
      for (const o of s.organisations ?? []) await addOrganisation(trx, actor, m.id, o);
      for (const t of s.topics ?? []) await addTopic(trx, actor, m.id, t);
      const rooms = new Map<string, number>();
      for (const r of s.rooms ?? []) rooms.set(r.key, (await addRoom(trx, actor, m.id, r)).key);
      const sessions = new Map<string, string>();
      for (const [i, x] of (s.sessions ?? []).entries()) {
        const { key, room, contributions, ...input } = x;
        const session = await createSession(trx, actor, m.id, { ...input, room: room ? (rooms.get(room) ?? null) : null, position: i + 1 });
        report.sessions++;
        if (key) sessions.set(key, session.id);
        for (const [j, c] of (contributions ?? []).entries()) {
          await createContribution(trx, actor, m.id, { ...c, session: session.id, position: j + 1 });
          report.contributions++;
        }
      }
      for (const [j, c] of (s.contributions ?? []).entries()) {
        await createContribution(trx, actor, m.id, { ...c, session: null, position: j + 1 });
        report.contributions++;
      }
      const sessionOf = (k: string | null | undefined) => {
        if (!k) return null;
        const id = sessions.get(k);
        if (!id) throw new Error(`meetings seed: ${s.slug} has no session "${k}"`);
        return id;
      };
      for (const a of s.agenda ?? []) await addAgendaItem(trx, actor, m.id, { ...a, session: sessionOf(a.session) });
      for (const f of s.figures ?? []) await addFigure(trx, actor, m.id, { ...f, session: sessionOf(f.session) });
      if (s.publish && (s.sessions?.length || s.contributions?.length)) {
        await publishProgramme(trx, actor, m.id, s.publish.note);
        report.published++;
      }
    });
  }
  return report;
}

/** The Meeting fields an input would produce, to compare with what is stored. */
async function shapeOf(db: Kysely<DB>, i: MeetingInput): Promise<Partial<Meeting>> {
  const parent = i.parent ? await findMeeting(db, i.parent) : undefined;
  return {
    slug: i.slug,
    number: i.number ?? null,
    kind: i.kind,
    title: i.title,
    theme: i.theme ?? {},
    startsOn: i.startsOn ?? null,
    endsOn: i.endsOn ?? i.startsOn ?? null,
    city: i.city ?? {},
    venue: i.venue ?? {},
    country: i.country ?? null,
    timeZone: i.timeZone ?? null,
    mode: i.mode ?? 'in_person',
    status: (i.status ?? 'planned') as Meeting['status'],
    capacity: i.capacity ?? null,
    parentKey: parent?.key ?? null,
  };
}
