// Memberships: an institution's place in the alliance. Only staff change them; a member
// editor cannot make its own museum a member.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { canonicalJson } from '../../shared/json.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { invalidateCounts } from './counts.cache.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import { checkPartialDate } from '../people/person.service.ts';
import { getAlliance, type Alliance } from './alliance.service.ts';
import * as repo from './alliance.repository.ts';

export const MEMBERSHIP_STATUSES = ['applicant', 'member', 'suspended', 'withdrawn'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export interface Membership {
  institutionKey: number;
  category: string;
  status: MembershipStatus;
  memberSince: string | null;
  memberNumber: number | null;
  admittedMeetingKey: number | null;
  endedOn: string | null;
}

export interface MembershipInput {
  category: string;
  status: string;
  memberSince?: string | null;
  memberNumber?: number | null;
  admittedMeetingKey?: number | null;
  endedOn?: string | null;
}

export const toMembership = (r: repo.MembershipRow): Membership => ({
  institutionKey: r.institution_id,
  category: r.category,
  status: r.status as MembershipStatus,
  memberSince: r.member_since,
  memberNumber: r.member_number,
  admittedMeetingKey: r.admitted_meeting_id,
  endedOn: r.ended_on,
});

export function checkMembership(alliance: Alliance, input: MembershipInput): Omit<Membership, 'institutionKey'> {
  const problems: FieldProblem[] = [];
  if (!alliance.categories.some((c) => c.key === input.category))
    problems.push({ field: 'category', message: `must be one of ${alliance.categories.map((c) => c.key).join(', ')}` });
  if (!(MEMBERSHIP_STATUSES as readonly string[]).includes(input.status))
    problems.push({ field: 'status', message: `must be one of ${MEMBERSHIP_STATUSES.join(', ')}` });
  const memberSince = checkPartialDate('memberSince', input.memberSince, problems);
  const endedOn = checkPartialDate('endedOn', input.endedOn, problems);
  const n = input.memberNumber ?? null;
  if (n !== null && !(Number.isInteger(n) && n > 0)) problems.push({ field: 'memberNumber', message: 'must be a positive whole number' });
  if (problems.length) throw invalid(problems);
  return {
    category: input.category,
    status: input.status as MembershipStatus,
    memberSince,
    memberNumber: n,
    admittedMeetingKey: input.admittedMeetingKey ?? null,
    endedOn,
  };
}

export async function getMembership(db: Kysely<DB>, institutionKey: number): Promise<Membership | undefined> {
  const a = await getAlliance(db);
  const r = await repo.findMembership(db, a.key, institutionKey);
  return r ? toMembership(r) : undefined;
}

export async function membershipsByInstitution(db: Kysely<DB>, keys: readonly number[]): Promise<Map<number, Membership>> {
  const a = await getAlliance(db);
  const rows = await repo.membershipsOf(db, a.key, [...new Set(keys)]);
  return new Map(rows.map((r) => [r.institution_id, toMembership(r)]));
}

export async function allMemberships(db: Kysely<DB>): Promise<Membership[]> {
  const a = await getAlliance(db);
  return (await repo.allMemberships(db, a.key)).map(toMembership);
}

/** Create or change the membership of an institution (audited). Returns it unchanged when nothing differs. */
export async function setMembership(db: Kysely<DB>, actor: Actor, institution: string, input: MembershipInput): Promise<Membership> {
  assertCan(actor, 'membership.write');
  const alliance = await getAlliance(db);
  const v = checkMembership(alliance, input);
  const inst = await getInstitution(db, institution);
  const result = await inTransaction(db, async (trx) => {
    const existing = await repo.findMembership(trx, alliance.key, inst.key);
    const before = existing ? toMembership(existing) : undefined;
    const now = nowIso();
    const values = {
      category: v.category,
      status: v.status,
      member_since: v.memberSince,
      member_number: v.memberNumber,
      admitted_meeting_id: v.admittedMeetingKey,
      ended_on: v.endedOn,
    };
    if (before && canonicalJson({ ...before, institutionKey: undefined }) === canonicalJson({ ...v, institutionKey: undefined })) return before;
    if (existing) await repo.updateMembershipRow(trx, existing.id, { ...values, updated_at: now });
    else await repo.insertMembership(trx, { ...values, alliance_id: alliance.key, institution_id: inst.key, created_at: now, updated_at: now });
    const after = toMembership((await repo.findMembership(trx, alliance.key, inst.key))!);
    await recordAudit(trx, actor, {
      action: existing ? 'membership.update' : 'membership.create',
      entityType: 'membership',
      entityId: inst.id,
      summary: `${inst.slug}: ${after.status} (${after.category})`,
      before,
      after,
    });
    return after;
  });
  invalidateCounts(db);
  return result;
}

export async function requireMembership(db: Kysely<DB>, institutionKey: number): Promise<Membership> {
  const m = await getMembership(db, institutionKey);
  if (!m) throw notFound('Membership');
  return m;
}
