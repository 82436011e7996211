import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ObjectFilter {
  institutionId?: number;
  sourceId?: number;
  terms: string[];
  includeWithdrawn: boolean;
  includeDemo: boolean;
  limit: number;
  offset: number;
}

function base(db: Kysely<DB>, f: ObjectFilter) {
  let q = db.selectFrom('objects as o').innerJoin('institutions as i', 'i.id', 'o.institution_id');
  if (f.institutionId !== undefined) q = q.where('o.institution_id', '=', f.institutionId);
  if (f.sourceId !== undefined) q = q.where('o.source_id', '=', f.sourceId);
  if (!f.includeWithdrawn) q = q.where('o.withdrawn', '=', 0);
  if (!f.includeDemo) q = q.where('i.is_demo', '=', 0);
  for (const t of f.terms) q = q.where('o.search_text', 'like', `%${t.replace(/[%_\\]/g, '')}%`);
  return q;
}

export const objectRows = (db: Kysely<DB>, f: ObjectFilter) =>
  base(db, f)
    .select(['o.id', 'o.uid', 'o.identifier', 'o.title', 'o.data', 'o.earliest', 'o.latest', 'o.withdrawn', 'o.updated_at', 'i.uid as institution_uid', 'i.slug as institution_slug'])
    .orderBy('o.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();

export async function countObjects(db: Kysely<DB>, f: ObjectFilter): Promise<number> {
  const r = await base(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const findObjectByUid = (db: Kysely<DB>, uid: string) =>
  db
    .selectFrom('objects as o')
    .innerJoin('institutions as i', 'i.id', 'o.institution_id')
    .select(['o.id', 'o.uid', 'o.identifier', 'o.title', 'o.data', 'o.earliest', 'o.latest', 'o.withdrawn', 'o.updated_at', 'i.uid as institution_uid', 'i.slug as institution_slug'])
    .where('o.uid', '=', uid)
    .executeTakeFirst();
