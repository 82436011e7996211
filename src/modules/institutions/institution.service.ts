// Institutions: museums and every other organisation the alliance deals with, with
// names in as many scripts as are known.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid, notFound, conflict, type FieldProblem } from '../../shared/errors.ts';
import { newUid, nowIso, slugify } from '../../shared/ids.ts';
import { cleanLangMap, isLangTag, parseLangMap, type LangMap } from '../../shared/langmap.ts';
import { searchText } from '../../shared/text.ts';
import { canonicalJson } from '../../shared/json.ts';
import { isCountryCode } from '../../shared/countries.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { invalidateCounts } from '../alliance/counts.cache.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { INSTITUTION_KINDS, type InstitutionInput, type InstitutionKind } from './institution.schemas.ts';
import * as repo from './institution.repository.ts';

export interface Institution {
  /** internal key, never shown */
  key: number;
  id: string;
  slug: string;
  name: LangMap;
  shortName: LangMap;
  kind: InstitutionKind;
  country: string | null;
  city: LangMap;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  wikidata: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toInstitution(r: repo.InstitutionRow): Institution {
  return {
    key: r.id,
    id: r.uid,
    slug: r.slug,
    name: parseLangMap(r.name),
    shortName: parseLangMap(r.short_name),
    kind: r.kind as InstitutionKind,
    country: r.country,
    city: parseLangMap(r.city),
    latitude: r.latitude,
    longitude: r.longitude,
    website: r.website,
    wikidata: r.wikidata,
    isDemo: r.is_demo === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The public JSON form (no internal key). */
export function publicInstitution(i: Institution): Omit<Institution, 'key'> {
  const { key: _key, ...rest } = i;
  return rest;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Public ids look like this; a slug must not, or a lookup by "id or slug" would be ambiguous. */
const UID_SHAPE = /^i[0-9a-z]{10}$/;


/** Validate and normalise an input; returns the cleaned values or throws naming each field. */
export interface CheckedInstitution {
  name: LangMap;
  shortName: LangMap;
  city: LangMap;
  country: string | null;
  kind: InstitutionKind;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  wikidata: string | null;
  slug?: string;
}

export function checkInstitutionInput(input: InstitutionInput): CheckedInstitution {
  const problems: FieldProblem[] = [];
  const langMap = (field: string, m: Record<string, string> | undefined) => {
    const cleaned = cleanLangMap(m ?? {});
    for (const k of Object.keys(cleaned)) if (!isLangTag(k)) problems.push({ field, message: `"${k}" is not a language tag such as en, zh-Hans, ar` });
    return cleaned;
  };
  const name = langMap('name', input.name);
  if (!Object.keys(name).length) problems.push({ field: 'name', message: 'is required in at least one language' });
  const shortName = langMap('shortName', input.shortName);
  const city = langMap('city', input.city);
  const country = input.country ? input.country.trim().toUpperCase() : null;
  if (country && !isCountryCode(country)) problems.push({ field: 'country', message: `"${input.country}" is not an ISO 3166-1 alpha-2 code` });
  const kind = (input.kind || 'museum') as InstitutionKind;
  if (!(INSTITUTION_KINDS as readonly string[]).includes(kind)) problems.push({ field: 'kind', message: `must be one of ${INSTITUTION_KINDS.join(', ')}` });
  const lat = input.latitude ?? null;
  const lon = input.longitude ?? null;
  if ((lat === null) !== (lon === null)) problems.push({ field: 'latitude', message: 'latitude and longitude go together' });
  if (lat !== null && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) problems.push({ field: 'latitude', message: 'must be between -90 and 90' });
  if (lon !== null && !(Number.isFinite(lon) && lon >= -180 && lon <= 180)) problems.push({ field: 'longitude', message: 'must be between -180 and 180' });
  let website = input.website?.trim() || null;
  if (website) {
    try {
      const u = new URL(website);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      website = u.href;
    } catch {
      problems.push({ field: 'website', message: 'must be an http(s) URL' });
    }
  }
  const wikidata = input.wikidata?.trim() || null;
  if (wikidata && !/^Q[1-9]\d*$/.test(wikidata)) problems.push({ field: 'wikidata', message: 'must be a Wikidata item id such as Q123' });
  const slug = input.slug?.trim().toLowerCase() || undefined;
  if (slug && !SLUG.test(slug)) problems.push({ field: 'slug', message: 'may hold only a-z, 0-9 and single hyphens' });
  else if (slug && UID_SHAPE.test(slug)) problems.push({ field: 'slug', message: 'must not look like a public id (a letter and ten characters)' });
  if (problems.length) throw invalid(problems);
  return { name, shortName, city, country, kind, latitude: lat, longitude: lon, website, wikidata, ...(slug ? { slug } : {}) };
}

function defaultSlug(name: LangMap, shortName: LangMap, uid: string): string {
  const s = slugify(name.en ?? shortName.en ?? Object.values(name).find((n) => /[a-z]/i.test(n)) ?? '', '');
  // a name in a script without Latin letters gets "institution-<id>"; never a bare id shape
  return !s ? `institution-${uid.slice(1)}` : UID_SHAPE.test(s) ? `${s}-1` : s;
}

async function uniqueSlug(db: Kysely<DB>, base: string, exceptId?: number): Promise<string> {
  let slug = base;
  for (let n = 2; await repo.slugTaken(db, slug, exceptId); n++) slug = `${base}-${n}`;
  return slug;
}

export async function institutionExists(db: Kysely<DB>, key: number): Promise<boolean> {
  return (await repo.findInstitutionById(db, key)) !== undefined;
}

export async function getInstitution(db: Kysely<DB>, idOrSlug: string): Promise<Institution> {
  const r = await repo.findInstitutionByKey(db, idOrSlug);
  if (!r) throw notFound(`Institution ${idOrSlug}`);
  return toInstitution(r);
}

export async function getInstitutionByKey(db: Kysely<DB>, key: number): Promise<Institution> {
  const r = await repo.findInstitutionById(db, key);
  if (!r) throw notFound('Institution');
  return toInstitution(r);
}

export async function institutionsByKeys(db: Kysely<DB>, keys: readonly number[]): Promise<Map<number, Institution>> {
  const rows = await repo.findInstitutionsByIds(db, [...new Set(keys)]);
  return new Map(rows.map((r) => [r.id, toInstitution(r)]));
}

export async function allInstitutions(db: Kysely<DB>): Promise<Institution[]> {
  return (await repo.listAllInstitutions(db)).map(toInstitution);
}

const haystack = (v: { name: LangMap; shortName: LangMap; city: LangMap }, slug: string) =>
  searchText(v.name, v.shortName, v.city, slug.replace(/-/g, ' '));

export async function createInstitution(
  db: Kysely<DB>,
  actor: Actor,
  input: InstitutionInput,
  opts: { isDemo?: boolean; uid?: string } = {},
): Promise<Institution> {
  assertCan(actor, 'institution.create');
  const v = checkInstitutionInput(input);
  const result = await inTransaction(db, async (trx) => {
    const uid = opts.uid ?? newUid('i');
    let slug: string;
    if (v.slug) {
      if (await repo.slugTaken(trx, v.slug)) throw conflict(`The slug "${v.slug}" is taken`);
      slug = v.slug;
    } else slug = await uniqueSlug(trx, defaultSlug(v.name, v.shortName, uid));
    const now = nowIso();
    const id = await repo.insertInstitution(trx, {
      uid,
      slug,
      name: JSON.stringify(v.name),
      short_name: JSON.stringify(v.shortName),
      kind: v.kind,
      country: v.country,
      city: JSON.stringify(v.city),
      latitude: v.latitude,
      longitude: v.longitude,
      website: v.website,
      wikidata: v.wikidata,
      is_demo: opts.isDemo ? 1 : 0,
      search_text: haystack(v, slug),
      created_at: now,
      updated_at: now,
    });
    const created = toInstitution((await repo.findInstitutionById(trx, id))!);
    await recordAudit(trx, actor, {
      action: 'institution.create',
      entityType: 'institution',
      entityId: created.id,
      summary: `created institution ${slug}`,
      after: publicInstitution(created),
    });
    return created;
  });
  invalidateCounts(db);
  return result;
}

export async function updateInstitution(
  db: Kysely<DB>,
  actor: Actor,
  idOrSlug: string,
  input: InstitutionInput,
): Promise<Institution> {
  const result = await inTransaction(db, async (trx) => {
    const row = await repo.findInstitutionByKey(trx, idOrSlug);
    if (!row) throw notFound(`Institution ${idOrSlug}`);
    assertCan(actor, 'institution.update', { institutionIds: [row.id] });
    const before = toInstitution(row);
    const v = checkInstitutionInput(input);
    // a member editor may not rename the institution's URL: links from elsewhere rely on it
    const slug = v.slug && (actor.kind === 'system' || actor.role !== 'member_editor') ? v.slug : row.slug;
    if (slug !== row.slug && (await repo.slugTaken(trx, slug, row.id))) throw conflict(`The slug "${slug}" is taken`);
    await repo.updateInstitutionRow(trx, row.id, {
      slug,
      name: JSON.stringify(v.name),
      short_name: JSON.stringify(v.shortName),
      kind: v.kind,
      country: v.country,
      city: JSON.stringify(v.city),
      latitude: v.latitude,
      longitude: v.longitude,
      website: v.website,
      wikidata: v.wikidata,
      search_text: haystack(v, slug),
      updated_at: nowIso(),
    });
    const after = toInstitution((await repo.findInstitutionById(trx, row.id))!);
    const { updatedAt: _a, ...b } = publicInstitution(before);
    const { updatedAt: _b, ...a } = publicInstitution(after);
    // compared with sorted keys: a language map re-ordered is not a change
    if (canonicalJson(a) !== canonicalJson(b))
      await recordAudit(trx, actor, {
        action: 'institution.update',
        entityType: 'institution',
        entityId: after.id,
        summary: `updated institution ${after.slug}`,
        before: b,
        after: a,
      });
    return after;
  });
  invalidateCounts(db);
  return result;
}

export async function deleteInstitution(db: Kysely<DB>, actor: Actor, idOrSlug: string): Promise<void> {
  assertCan(actor, 'institution.delete');
  await inTransaction(db, async (trx) => {
    const row = await repo.findInstitutionByKey(trx, idOrSlug);
    if (!row) throw notFound(`Institution ${idOrSlug}`);
    await repo.deleteInstitutionRow(trx, row.id);
    await recordAudit(trx, actor, {
      action: 'institution.delete',
      entityType: 'institution',
      entityId: row.uid,
      summary: `deleted institution ${row.slug}`,
      before: publicInstitution(toInstitution(row)),
    });
  });
  invalidateCounts(db);
}
