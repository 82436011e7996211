// Sources: where a member's collection comes from. An OAI-PMH endpoint (with its
// metadata prefix, set and schedule), or a file or URL of records in a known format,
// with a declarative mapping for CSV and JSON. A member editor manages its own
// institution's sources; the secretariat all of them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { newUid, nowIso } from '../../shared/ids.ts';
import { isLangTag } from '../../shared/langmap.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import * as repo from './source.repository.ts';

/** draft: Caravanserai's own ObjectDraft JSON, one per line (the demo collection ships in it) */
export const SOURCE_FORMATS = ['lido', 'oai_dc', 'edm', 'csv', 'json', 'linked-art', 'iiif', 'draft'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
export const OAI_PREFIXES = ['lido', 'oai_dc', 'edm'] as const;
export const SCHEDULES = ['manual', 'hourly', 'daily', 'weekly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export interface Source {
  key: number;
  id: string;
  institutionKey: number;
  kind: 'oai' | 'file' | 'url';
  format: SourceFormat;
  label: string;
  baseUrl: string | null;
  metadataPrefix: string | null;
  setSpec: string | null;
  location: string | null;
  mapping: unknown;
  defaultLanguage: string;
  schedule: Schedule;
  granularity: string | null;
  lastDatestamp: string | null;
  lastSuccessAt: string | null;
  isDemo: boolean;
}

export interface SourceInput {
  /** institution public id or slug */
  institution: string;
  kind: string;
  format: string;
  label?: string;
  baseUrl?: string | null;
  metadataPrefix?: string | null;
  setSpec?: string | null;
  location?: string | null;
  mapping?: unknown;
  defaultLanguage?: string;
  schedule?: string;
  isDemo?: boolean;
}

export const toSource = (r: repo.SourceRow): Source => ({
  key: r.id,
  id: r.uid,
  institutionKey: r.institution_id,
  kind: r.kind as Source['kind'],
  format: r.format as SourceFormat,
  label: r.label,
  baseUrl: r.base_url,
  metadataPrefix: r.metadata_prefix,
  setSpec: r.set_spec,
  location: r.location,
  mapping: r.mapping ? JSON.parse(r.mapping) : null,
  defaultLanguage: r.default_language,
  schedule: r.schedule as Schedule,
  granularity: r.granularity,
  lastDatestamp: r.last_datestamp,
  lastSuccessAt: r.last_success_at,
  isDemo: r.is_demo === 1,
});

/** Harvest URLs: http(s) only, no credentials in the URL, no fragment. */
export function checkHttpUrl(field: string, value: string, problems: FieldProblem[]): string | null {
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    if (u.username || u.password) {
      problems.push({ field, message: 'must not carry a user name or password' });
      return null;
    }
    u.hash = '';
    return u.href;
  } catch {
    problems.push({ field, message: 'must be an http:// or https:// URL' });
    return null;
  }
}

function checkSource(input: SourceInput) {
  const problems: FieldProblem[] = [];
  const kind = input.kind;
  if (!['oai', 'file', 'url'].includes(kind)) problems.push({ field: 'kind', message: 'must be oai, file or url' });
  const format = input.format;
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) problems.push({ field: 'format', message: `must be one of ${SOURCE_FORMATS.join(', ')}` });
  let baseUrl: string | null = null;
  let metadataPrefix: string | null = null;
  if (kind === 'oai') {
    baseUrl = input.baseUrl ? checkHttpUrl('baseUrl', input.baseUrl, problems) : (problems.push({ field: 'baseUrl', message: 'is required for OAI-PMH' }), null);
    metadataPrefix = input.metadataPrefix?.trim() || format;
    if (!(OAI_PREFIXES as readonly string[]).includes(metadataPrefix)) problems.push({ field: 'metadataPrefix', message: `must be one of ${OAI_PREFIXES.join(', ')}` });
  }
  let location = input.location?.trim() || null;
  if (kind === 'url') location = location ? checkHttpUrl('location', location, problems) : (problems.push({ field: 'location', message: 'is required' }), null);
  if (kind === 'file' && !location) problems.push({ field: 'location', message: 'is required' });
  const defaultLanguage = input.defaultLanguage?.trim() || 'en';
  if (!isLangTag(defaultLanguage)) problems.push({ field: 'defaultLanguage', message: 'must be a language tag such as en, zh-Hans, ar' });
  const schedule = input.schedule || 'manual';
  if (!(SCHEDULES as readonly string[]).includes(schedule)) problems.push({ field: 'schedule', message: `must be one of ${SCHEDULES.join(', ')}` });
  if ((format === 'csv' || format === 'json') && kind !== 'oai' && input.mapping == null)
    problems.push({ field: 'mapping', message: 'CSV and JSON records need a field mapping' });
  if (problems.length) throw invalid(problems);
  return {
    kind,
    format,
    baseUrl,
    metadataPrefix,
    setSpec: input.setSpec?.trim() || null,
    location,
    defaultLanguage,
    schedule,
    label: input.label?.trim() || (kind === 'oai' ? `${baseUrl} (${metadataPrefix})` : `${format}: ${location}`),
  };
}

export async function createSource(db: Kysely<DB>, actor: Actor, input: SourceInput): Promise<Source> {
  const inst = await getInstitution(db, input.institution);
  assertCan(actor, 'source.write', { institutionIds: [inst.key] });
  const v = checkSource(input);
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const id = await repo.insertSource(trx, {
      uid: newUid('s'),
      institution_id: inst.key,
      kind: v.kind,
      format: v.format,
      label: v.label.slice(0, 300),
      base_url: v.baseUrl,
      metadata_prefix: v.metadataPrefix,
      set_spec: v.setSpec,
      location: v.location,
      mapping: input.mapping == null ? null : JSON.stringify(input.mapping),
      default_language: v.defaultLanguage,
      schedule: v.schedule,
      granularity: null,
      last_datestamp: null,
      last_success_at: null,
      is_demo: input.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    const source = toSource((await repo.findSourceById(trx, id))!);
    await recordAudit(trx, actor, { action: 'source.create', entityType: 'source', entityId: source.id, summary: `source ${source.label} for ${inst.slug}`, after: { ...source, key: undefined } });
    return source;
  });
}

/** A file source is found again by institution, format and location, so re-importing the same files updates the same records. */
export async function fileSource(db: Kysely<DB>, actor: Actor, input: SourceInput): Promise<Source> {
  const inst = await getInstitution(db, input.institution);
  const existing = await repo.findFileSource(db, inst.key, input.format, input.location ?? '');
  if (existing) {
    assertCan(actor, 'source.write', { institutionIds: [inst.key] });
    if (input.mapping != null && JSON.stringify(input.mapping) !== existing.mapping) {
      await repo.updateSourceRow(db, existing.id, { mapping: JSON.stringify(input.mapping), updated_at: nowIso() });
      await recordAudit(db, actor, { action: 'source.update', entityType: 'source', entityId: existing.uid, summary: 'mapping changed', before: existing.mapping, after: input.mapping });
    }
    return toSource((await repo.findSourceById(db, existing.id))!);
  }
  return createSource(db, actor, { ...input, kind: 'file' });
}

export async function getSource(db: Kysely<DB>, key: string): Promise<Source> {
  const r = await repo.findSourceByKey(db, key);
  if (!r) throw notFound(`Source ${key}`);
  return toSource(r);
}

export async function getSourceByKey(db: Kysely<DB>, id: number): Promise<Source> {
  const r = await repo.findSourceById(db, id);
  if (!r) throw notFound('Source');
  return toSource(r);
}

export async function listSources(db: Kysely<DB>, institutionKey?: number): Promise<Source[]> {
  return (await repo.listSourceRows(db, institutionKey)).map(toSource);
}

export interface SourcePatch {
  label?: string;
  mapping?: unknown;
  schedule?: string;
  defaultLanguage?: string;
  setSpec?: string | null;
}

export async function updateSource(db: Kysely<DB>, actor: Actor, key: string, patch: SourcePatch): Promise<Source> {
  return inTransaction(db, async (trx) => {
    const before = await getSource(trx, key);
    assertCan(actor, 'source.write', { institutionIds: [before.institutionKey] });
    const problems: FieldProblem[] = [];
    if (patch.schedule !== undefined && !(SCHEDULES as readonly string[]).includes(patch.schedule)) problems.push({ field: 'schedule', message: `must be one of ${SCHEDULES.join(', ')}` });
    if (patch.defaultLanguage !== undefined && !isLangTag(patch.defaultLanguage)) problems.push({ field: 'defaultLanguage', message: 'must be a language tag' });
    if (problems.length) throw invalid(problems);
    await repo.updateSourceRow(trx, before.key, {
      ...(patch.label !== undefined ? { label: patch.label.slice(0, 300) } : {}),
      ...(patch.mapping !== undefined ? { mapping: patch.mapping == null ? null : JSON.stringify(patch.mapping) } : {}),
      ...(patch.schedule !== undefined ? { schedule: patch.schedule } : {}),
      ...(patch.defaultLanguage !== undefined ? { default_language: patch.defaultLanguage } : {}),
      ...(patch.setSpec !== undefined ? { set_spec: patch.setSpec } : {}),
      updated_at: nowIso(),
    });
    const after = await getSource(trx, key);
    await recordAudit(trx, actor, { action: 'source.update', entityType: 'source', entityId: after.id, summary: `updated source ${after.label}`, before: { ...before, key: undefined }, after: { ...after, key: undefined } });
    return after;
  });
}

/** Bookkeeping written by the harvester (not a person's change: no audit line). */
export async function recordHarvestState(db: Kysely<DB>, sourceKey: number, patch: { granularity?: string | null; lastDatestamp?: string | null; lastSuccessAt?: string }): Promise<void> {
  await repo.updateSourceRow(db, sourceKey, {
    ...(patch.granularity !== undefined ? { granularity: patch.granularity } : {}),
    ...(patch.lastDatestamp !== undefined ? { last_datestamp: patch.lastDatestamp } : {}),
    ...(patch.lastSuccessAt !== undefined ? { last_success_at: patch.lastSuccessAt } : {}),
  });
}
