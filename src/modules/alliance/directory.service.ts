// The member directory and the live counts, always computed from the registry.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { invalid } from '../../shared/errors.ts';
import { queryTerms } from '../../shared/text.ts';
import { toInstitution, type Institution } from '../institutions/institution.service.ts';
import { getAlliance } from './alliance.service.ts';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from './membership.service.ts';
import * as repo from './alliance.repository.ts';
import { cachedCounts } from './counts.cache.ts';

export interface DirectoryQuery {
  q?: string;
  country?: string;
  category?: string;
  /** default "member"; "any" lists every institution, members or not */
  status?: string;
  kind?: string;
  includeDemo?: boolean;
  limit?: number;
  offset?: number;
}

export interface DirectoryEntry {
  institution: Institution;
  membership: { category: string; status: MembershipStatus; memberSince: string | null; memberNumber: number | null } | null;
}

export async function listDirectory(db: Kysely<DB>, query: DirectoryQuery): Promise<{ items: DirectoryEntry[]; total: number }> {
  const alliance = await getAlliance(db);
  const status = query.status || 'member';
  if (status !== 'any' && !(MEMBERSHIP_STATUSES as readonly string[]).includes(status))
    throw invalid([{ field: 'status', message: `must be any or one of ${MEMBERSHIP_STATUSES.join(', ')}` }]);
  const filter: repo.DirectoryFilter = {
    allianceId: alliance.key,
    terms: queryTerms(query.q ?? ''),
    status,
    includeDemo: query.includeDemo ?? false,
    limit: Math.min(Math.max(query.limit ?? 50, 0), 500),
    offset: Math.max(query.offset ?? 0, 0),
    ...(query.country ? { country: query.country.toUpperCase() } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const [rows, total] = await Promise.all([filter.limit ? repo.directoryRows(db, filter) : Promise.resolve([]), repo.directoryCount(db, filter)]);
  return {
    total,
    items: rows.map((r) => ({
      institution: toInstitution(r),
      membership: r.status
        ? { category: r.category!, status: r.status as MembershipStatus, memberSince: r.member_since, memberNumber: r.member_number }
        : null,
    })),
  };
}

export interface Counts {
  /** institutions whose membership status is "member" */
  members: number;
  byCategory: Record<string, number>;
  /** members per country (ISO code), largest first */
  byCountry: Array<{ country: string; n: number }>;
  /** institutions per membership status, every status listed */
  byStatus: Record<MembershipStatus, number>;
  countries: number;
}

export function getCounts(db: Kysely<DB>): Promise<Counts> {
  return cachedCounts(db, () => computeCounts(db));
}

async function computeCounts(db: Kysely<DB>): Promise<Counts> {
  const a = await getAlliance(db);
  const [cat, country, status] = await Promise.all([
    repo.countsBy(db, a.key, 'category', 'member'),
    repo.countsBy(db, a.key, 'country', 'member'),
    repo.countsBy(db, a.key, 'status'),
  ]);
  const byCategory = Object.fromEntries(a.categories.map((c) => [c.key, 0])) as Record<string, number>;
  for (const r of cat) if (r.key) byCategory[r.key] = r.n;
  const byStatus = Object.fromEntries(MEMBERSHIP_STATUSES.map((s) => [s, 0])) as Record<MembershipStatus, number>;
  for (const r of status) if (r.key) byStatus[r.key as MembershipStatus] = r.n;
  const byCountry = country
    .filter((r): r is { key: string; n: number } => r.key !== null)
    .map((r) => ({ country: r.key, n: r.n }))
    .sort((x, y) => y.n - x.n || x.country.localeCompare(y.country));
  return { members: byStatus.member, byCategory, byCountry, byStatus, countries: byCountry.length };
}
