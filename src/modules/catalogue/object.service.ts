// The normalised catalogue as the API and pages read it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import { queryTerms } from '../../shared/text.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import type { NormalisedObject } from '../harvest/normalise/normalise.ts';
import * as repo from './object.repository.ts';

export interface CatalogueObject {
  id: string;
  identifier: string;
  institution: { id: string; slug: string };
  title: Record<string, string>;
  earliest: number | null;
  latest: number | null;
  withdrawn: boolean;
  updatedAt: string;
  data: NormalisedObject;
}

type Row = Awaited<ReturnType<typeof repo.objectRows>>[number];

const toObject = (r: Row): CatalogueObject => ({
  id: r.uid,
  identifier: r.identifier,
  institution: { id: r.institution_uid, slug: r.institution_slug },
  title: JSON.parse(r.title) as Record<string, string>,
  earliest: r.earliest,
  latest: r.latest,
  withdrawn: r.withdrawn === 1,
  updatedAt: r.updated_at,
  data: JSON.parse(r.data) as NormalisedObject,
});

export interface ObjectQuery {
  /** institution public id or slug */
  institution?: string;
  q?: string;
  limit?: number;
  offset?: number;
  includeDemo?: boolean;
}

export async function listObjects(db: Kysely<DB>, q: ObjectQuery): Promise<{ total: number; items: CatalogueObject[] }> {
  const inst = q.institution ? await getInstitution(db, q.institution) : undefined;
  const f: repo.ObjectFilter = {
    ...(inst ? { institutionId: inst.key } : {}),
    terms: queryTerms(q.q ?? ''),
    includeWithdrawn: false,
    // a demo publisher's objects are listed when asked for by institution, or explicitly
    includeDemo: q.includeDemo ?? inst !== undefined,
    limit: Math.min(Math.max(q.limit ?? 20, 0), 200),
    offset: Math.max(q.offset ?? 0, 0),
  };
  const [items, total] = await Promise.all([f.limit ? repo.objectRows(db, f) : Promise.resolve([]), repo.countObjects(db, f)]);
  return { total, items: items.map(toObject) };
}

export async function getObject(db: Kysely<DB>, id: string): Promise<CatalogueObject> {
  const r = await repo.findObjectByUid(db, id);
  if (!r || r.withdrawn) throw notFound(`Object ${id}`);
  return toObject(r);
}
