// SQL of the alliance: its own row, memberships, offices, and the read models that
// join the registry (the member directory and the live counts).
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AllianceTable, MembershipTable, OfficeTable } from './alliance.table.ts';

export type AllianceRow = Selectable<AllianceTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type OfficeRow = Selectable<OfficeTable>;

export const firstAlliance = (db: Kysely<DB>) => db.selectFrom('alliances').selectAll().orderBy('id').limit(1).executeTakeFirst();

export async function insertAlliance(db: Kysely<DB>, row: Insertable<AllianceTable>): Promise<number> {
  return (await db.insertInto('alliances').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAllianceRow(db: Kysely<DB>, id: number, patch: Updateable<AllianceTable>): Promise<void> {
  await db.updateTable('alliances').set(patch).where('id', '=', id).execute();
}

export const findMembership = (db: Kysely<DB>, allianceId: number, institutionId: number) =>
  db.selectFrom('memberships').selectAll().where('alliance_id', '=', allianceId).where('institution_id', '=', institutionId).executeTakeFirst();

export const membershipsOf = (db: Kysely<DB>, allianceId: number, institutionIds: readonly number[]) =>
  institutionIds.length
    ? db.selectFrom('memberships').selectAll().where('alliance_id', '=', allianceId).where('institution_id', 'in', institutionIds).execute()
    : Promise.resolve([]);

export const allMemberships = (db: Kysely<DB>, allianceId: number) =>
  db.selectFrom('memberships').selectAll().where('alliance_id', '=', allianceId).orderBy('id').execute();

export async function insertMembership(db: Kysely<DB>, row: Insertable<MembershipTable>): Promise<number> {
  return (await db.insertInto('memberships').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMembershipRow(db: Kysely<DB>, id: number, patch: Updateable<MembershipTable>): Promise<void> {
  await db.updateTable('memberships').set(patch).where('id', '=', id).execute();
}

export const officesOf = (db: Kysely<DB>, allianceId: number) =>
  db.selectFrom('offices').selectAll().where('alliance_id', '=', allianceId).orderBy('position').orderBy('id').execute();

export const findOffice = (db: Kysely<DB>, id: number) => db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertOffice(db: Kysely<DB>, row: Insertable<OfficeTable>): Promise<number> {
  return (await db.insertInto('offices').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateOfficeRow(db: Kysely<DB>, id: number, patch: Updateable<OfficeTable>): Promise<void> {
  await db.updateTable('offices').set(patch).where('id', '=', id).execute();
}

export async function deleteOfficeRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('offices').where('id', '=', id).execute();
}

export interface DirectoryFilter {
  allianceId: number;
  terms: string[];
  country?: string;
  category?: string;
  /** a membership status, or 'any' for every institution, members or not */
  status: string;
  kind?: string;
  includeDemo: boolean;
  limit: number;
  offset: number;
}

function directoryBase(db: Kysely<DB>, f: DirectoryFilter) {
  let q = db
    .selectFrom('institutions as i')
    .leftJoin('memberships as m', (j) => j.onRef('m.institution_id', '=', 'i.id').on('m.alliance_id', '=', f.allianceId));
  if (f.status !== 'any') q = q.where('m.status', '=', f.status);
  if (!f.includeDemo) q = q.where('i.is_demo', '=', 0);
  if (f.country) q = q.where('i.country', '=', f.country);
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  // every folded query word must occur in the folded names (any script), short names or city
  for (const t of f.terms) q = q.where('i.search_text', 'like', `%${t.replace(/[%_\\]/g, '')}%`);
  return q;
}

export function directoryRows(db: Kysely<DB>, f: DirectoryFilter) {
  return directoryBase(db, f)
    .selectAll('i')
    .select(['m.category', 'm.status', 'm.member_since', 'm.member_number'])
    .orderBy('i.country')
    .orderBy('i.slug')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function directoryCount(db: Kysely<DB>, f: DirectoryFilter): Promise<number> {
  const r = await directoryBase(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Facet values present in the directory with their counts (ignores the other filters). */
export function countsBy(db: Kysely<DB>, allianceId: number, by: 'category' | 'status' | 'country', status?: string) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .where('m.alliance_id', '=', allianceId)
    .where('i.is_demo', '=', 0);
  if (status) q = q.where('m.status', '=', status);
  const col = by === 'country' ? ('i.country' as const) : by === 'category' ? ('m.category' as const) : ('m.status' as const);
  return q
    .select([col, (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(col)
    .execute()
    .then((rows) => rows.map((r) => ({ key: (r as Record<string, unknown>)[by] as string | null, n: Number(r.n) })));
}
