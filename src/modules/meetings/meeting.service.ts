// Meetings of the alliance. The registry needs them to say which meeting admitted a
// member; programmes, registrations and calendars grow on this module.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid, notFound } from '../../shared/errors.ts';
import { newUid, nowIso } from '../../shared/ids.ts';
import { cleanLangMap, parseLangMap, type LangMap } from '../../shared/langmap.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getAlliance } from '../alliance/alliance.service.ts';
import * as repo from './meeting.repository.ts';

export interface Meeting {
  key: number;
  id: string;
  slug: string;
  number: number | null;
  kind: string;
  title: LangMap;
  startsOn: string | null;
  endsOn: string | null;
  city: LangMap;
}

export interface MeetingInput {
  slug: string;
  number?: number | null;
  kind: string;
  title: Record<string, string>;
  startsOn?: string | null;
  endsOn?: string | null;
  city?: Record<string, string>;
}

const toMeeting = (r: repo.MeetingRow): Meeting => ({
  key: r.id,
  id: r.uid,
  slug: r.slug,
  number: r.number,
  kind: r.kind,
  title: parseLangMap(r.title),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  city: parseLangMap(r.city),
});

export async function findMeeting(db: Kysely<DB>, key: string): Promise<Meeting | undefined> {
  const r = await repo.findMeetingByKey(db, key);
  return r ? toMeeting(r) : undefined;
}

export async function getMeeting(db: Kysely<DB>, key: string): Promise<Meeting> {
  const m = await findMeeting(db, key);
  if (!m) throw notFound(`Meeting ${key}`);
  return m;
}

export async function meetingsByKeys(db: Kysely<DB>, keys: readonly number[]): Promise<Map<number, Meeting>> {
  const rows = await repo.findMeetingsByIds(db, [...new Set(keys)]);
  return new Map(rows.map((r) => [r.id, toMeeting(r)]));
}

export async function listMeetings(db: Kysely<DB>): Promise<Meeting[]> {
  return (await repo.listMeetingRows(db)).map(toMeeting);
}

export async function createMeeting(db: Kysely<DB>, actor: Actor, input: MeetingInput): Promise<Meeting> {
  assertCan(actor, 'meeting.write');
  const title = cleanLangMap(input.title);
  if (!Object.keys(title).length) throw invalid([{ field: 'title', message: 'is required in at least one language' }]);
  const alliance = await getAlliance(db);
  return inTransaction(db, async (trx) => {
    const uid = newUid('m');
    const now = nowIso();
    await repo.insertMeeting(trx, {
      uid,
      slug: input.slug,
      alliance_id: alliance.key,
      number: input.number ?? null,
      kind: input.kind,
      title: JSON.stringify(title),
      starts_on: input.startsOn ?? null,
      ends_on: input.endsOn ?? null,
      city: JSON.stringify(cleanLangMap(input.city ?? {})),
      created_at: now,
      updated_at: now,
    });
    const m = await getMeeting(trx, uid);
    await recordAudit(trx, actor, { action: 'meeting.create', entityType: 'meeting', entityId: uid, summary: `created meeting ${input.slug}`, after: m });
    return m;
  });
}
