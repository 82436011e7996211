// The member roster: a spreadsheet of institutions and their memberships that the
// secretariat keeps outside the platform. Preview reports every problem without writing;
// import applies all rows in one transaction through the institution and membership
// services (so each change is validated the same way and audited), or nothing at all;
// export writes the roster back out so that it round-trips.
//
// The rule for an update: the file's columns are authoritative for what they cover and
// nothing else. A column present with an empty cell clears that value (a name_ar column
// with an empty cell removes the Arabic name); a language or field the file has no
// column for keeps its current value. Two exceptions, because the registry has no empty
// value for them: an empty `kind` keeps the current kind (museum for a new row), and
// empty `category` and `status` leave the membership as it is.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { invalidateCounts } from './counts.cache.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../shared/errors.ts';
import type { LangMap } from '../../shared/langmap.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import type { InstitutionInput, InstitutionKind } from '../institutions/institution.schemas.ts';
import {
  allInstitutions,
  checkInstitutionInput,
  createInstitution,
  updateInstitution,
  type CheckedInstitution,
  type Institution,
} from '../institutions/institution.service.ts';
import { getAlliance, type Alliance } from './alliance.service.ts';
import { allMemberships, checkMembership, setMembership, type Membership, type MembershipInput } from './membership.service.ts';
import {
  interpretHeader,
  readSheet,
  sortLangs,
  writeCsv,
  LANG_FIELDS,
  type Columns,
  type LangField,
  type RosterProblem,
  type ScalarField,
  type Sheet,
} from './roster.format.ts';

export type { RosterProblem } from './roster.format.ts';

export interface RosterRow {
  line: number;
  slug: string;
  action: 'create' | 'update' | 'unchanged';
  /** the values after the import */
  name: LangMap;
  country: string | null;
  category: string | null;
  status: string | null;
}

export interface RosterPreview {
  /** the rows without problems, in file order */
  rows: RosterRow[];
  /** every problem, by line */
  problems: RosterProblem[];
  counts: { create: number; update: number; unchanged: number };
}

interface PlannedRow extends RosterRow {
  existing: Institution | undefined;
  institution: CheckedInstitution & { slug: string };
  institutionChanged: boolean;
  /** the membership to set, when the row changes it */
  membership: MembershipInput | null;
}

/** The service's field names, as the file's columns call them. */
const COLUMN_OF: Record<string, string> = { shortName: 'short_name', memberSince: 'member_since', memberNumber: 'member_number', endedOn: 'ended_on' };

const sameLangMap = (a: LangMap, b: LangMap) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

const institutionDiffers = (i: Institution, v: CheckedInstitution) =>
  !sameLangMap(i.name, v.name) ||
  !sameLangMap(i.shortName, v.shortName) ||
  !sameLangMap(i.city, v.city) ||
  i.kind !== v.kind ||
  i.country !== v.country ||
  i.latitude !== v.latitude ||
  i.longitude !== v.longitude ||
  i.website !== v.website ||
  i.wikidata !== v.wikidata;

const membershipDiffers = (m: Membership | undefined, v: Omit<Membership, 'institutionKey'>) =>
  !m ||
  m.category !== v.category ||
  m.status !== v.status ||
  m.memberSince !== v.memberSince ||
  m.memberNumber !== v.memberNumber ||
  m.admittedMeetingKey !== v.admittedMeetingKey ||
  m.endedOn !== v.endedOn;

/** Plain decimal numbers; a decimal comma is accepted (semicolon CSVs from Excel write one). */
function parseNumber(s: string): number | undefined {
  const t = /^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : undefined;
}

/**
 * The current map with the file's languages replaced: a language with a column takes the
 * cell (an empty one is then dropped by the service's cleaning), the others stay. The
 * current key order is kept so that the stored JSON changes only where a value does.
 */
function mergeLangMap(current: LangMap, cells: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(current)) out[k] = cells.get(k) ?? v;
  for (const [k, v] of cells) if (!(k in out)) out[k] = v;
  return out;
}

interface Registry {
  alliance: Alliance;
  bySlug: Map<string, Institution>;
  memberships: Map<number, Membership>;
}

async function loadRegistry(db: Kysely<DB>): Promise<Registry> {
  const [alliance, institutions, memberships] = await Promise.all([getAlliance(db), allInstitutions(db), allMemberships(db)]);
  return {
    alliance,
    bySlug: new Map(institutions.map((i) => [i.slug, i])),
    memberships: new Map(memberships.map((m) => [m.institutionKey, m])),
  };
}

function planRow(reg: Registry, header: string[], columns: Columns, line: number, cells: string[], seen: Map<string, number>): { row?: PlannedRow; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const add = (field: string, message: string) => problems.push({ line, field, message });
  /** undefined when the file has no such column */
  const cell = (f: ScalarField) => {
    const i = columns.scalar[f];
    return i === undefined ? undefined : (cells[i] ?? '');
  };
  const langCells = (f: LangField) => new Map([...columns.lang[f]].map(([lang, i]) => [lang, cells[i] ?? '']));

  // a value under a column without a name would be lost silently (an unknown name is
  // reported once, on line 1)
  cells.forEach((c, i) => {
    if (c !== '' && !header[i]) add(`column ${i + 1}`, 'holds a value but the column has no name in the header');
  });

  const slug = (cell('slug') ?? '').toLowerCase();
  if (!slug) add('slug', 'is required');
  else if (seen.has(slug)) add('slug', `"${slug}" is also on line ${seen.get(slug)}`);
  else seen.set(slug, line);
  const existing = slug ? reg.bySlug.get(slug) : undefined;

  // a number that cannot be read is reported once, not again by the service's checks
  // (an unreadable coordinate blanks both, so "they go together" is not said either)
  const unreadable = new Set<string>();
  const number = (f: 'latitude' | 'longitude' | 'member_number', current: number | null): number | null => {
    const c = cell(f);
    if (c === undefined) return current;
    if (c === '') return null;
    const n = parseNumber(c);
    if (n === undefined) {
      add(f, `"${c}" is not a number`);
      unreadable.add(f);
      return null;
    }
    return n;
  };
  const text = (f: 'country' | 'website' | 'wikidata', current: string | null) => {
    const c = cell(f);
    return c === undefined ? current : c || null;
  };

  const kindCell = cell('kind');
  const latitude = number('latitude', existing?.latitude ?? null);
  const longitude = number('longitude', existing?.longitude ?? null);
  const input: InstitutionInput = {
    slug,
    name: mergeLangMap(existing?.name ?? {}, langCells('name')),
    shortName: mergeLangMap(existing?.shortName ?? {}, langCells('short_name')),
    city: mergeLangMap(existing?.city ?? {}, langCells('city')),
    kind: (kindCell ? kindCell.toLowerCase() : (existing?.kind ?? 'museum')) as InstitutionKind,
    country: text('country', existing?.country ?? null),
    latitude: unreadable.has('longitude') ? null : latitude,
    longitude: unreadable.has('latitude') ? null : longitude,
    website: text('website', existing?.website ?? null),
    wikidata: text('wikidata', existing?.wikidata ?? null),
  };
  const fromService = (e: unknown) => {
    if (!(e instanceof AppError) || !e.fields.length) throw e;
    for (const f of e.fields) {
      const field = COLUMN_OF[f.field] ?? f.field;
      if (!unreadable.has(field)) add(field, f.message);
    }
  };
  let institution: CheckedInstitution | undefined;
  try {
    institution = checkInstitutionInput(input);
  } catch (e) {
    fromService(e);
  }

  const current = existing ? reg.memberships.get(existing.key) : undefined;
  const category = cell('category') ?? '';
  const status = cell('status') ?? '';
  let membership: MembershipInput | null = null;
  let checkedMembership: Omit<Membership, 'institutionKey'> | undefined;
  if (!category && !status) {
    const stray = (['member_since', 'member_number'] as const).find((f) => cell(f));
    if (stray) add(stray, 'needs a category and a status');
  } else if (!status) add('status', 'is required when category is given');
  else if (!category) add('category', 'is required when status is given');
  else {
    const since = cell('member_since');
    membership = {
      // category keys and statuses are matched without regard to case
      category: reg.alliance.categories.find((c) => c.key.toLowerCase() === category.toLowerCase())?.key ?? category,
      status: status.toLowerCase(),
      memberSince: since === undefined ? (current?.memberSince ?? null) : since || null,
      memberNumber: number('member_number', current?.memberNumber ?? null),
      // not in the file: kept
      admittedMeetingKey: current?.admittedMeetingKey ?? null,
      endedOn: current?.endedOn ?? null,
    };
    try {
      checkedMembership = checkMembership(reg.alliance, membership);
    } catch (e) {
      fromService(e);
    }
  }

  if (problems.length || !institution) return { problems };
  const institutionChanged = !existing || institutionDiffers(existing, institution);
  const membershipChanged = checkedMembership !== undefined && membershipDiffers(current, checkedMembership);
  const after = checkedMembership ?? current;
  return {
    problems,
    row: {
      line,
      slug,
      action: !existing ? 'create' : institutionChanged || membershipChanged ? 'update' : 'unchanged',
      name: institution.name,
      country: institution.country,
      category: after?.category ?? null,
      status: after?.status ?? null,
      existing,
      institution: { ...institution, slug },
      institutionChanged,
      membership: membershipChanged ? membership : null,
    },
  };
}

async function plan(db: Kysely<DB>, sheet: Sheet): Promise<{ preview: RosterPreview; planned: PlannedRow[] }> {
  const { columns, problems: headerProblems } = interpretHeader(sheet.header);
  const problems = [...sheet.problems, ...headerProblems];
  const planned: PlannedRow[] = [];
  // without a slug column no row can be matched: the header problem says so
  if (columns.scalar.slug !== undefined) {
    const reg = await loadRegistry(db);
    const seen = new Map<string, number>();
    for (const { line, cells } of sheet.rows) {
      const r = planRow(reg, sheet.header, columns, line, cells, seen);
      problems.push(...r.problems);
      if (r.row) planned.push(r.row);
    }
  }
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const r of planned) counts[r.action]++;
  const rows = planned.map(({ line, slug, action, name, country, category, status }) => ({ line, slug, action, name, country, category, status }));
  problems.sort((a, b) => a.line - b.line);
  return { preview: { rows, problems, counts }, planned };
}

/** What an import of this file would do, and every problem in it. Never writes. */
export async function previewRoster(db: Kysely<DB>, actor: Actor, file: { bytes: Buffer; filename: string }): Promise<RosterPreview> {
  assertCan(actor, 'members.import');
  return (await plan(db, await readSheet(file))).preview;
}

/**
 * Apply the roster: all rows or, when any row has a problem or a write fails, nothing.
 * Unchanged rows write nothing and leave no audit event.
 */
export async function importRoster(db: Kysely<DB>, actor: Actor, file: { bytes: Buffer; filename: string }): Promise<RosterPreview['counts']> {
  assertCan(actor, 'members.import');
  const sheet = await readSheet(file); // parsed before the transaction opens
  const counts = await inTransaction(db, async (trx) => {
    // planned inside the transaction, so that it compares against what it then changes
    const { preview, planned } = await plan(trx, sheet);
    if (preview.problems.length) {
      const n = preview.problems.length;
      throw new AppError(
        'validation_failed',
        `The roster has ${n} problem${n > 1 ? 's' : ''}; nothing was imported`,
        preview.problems.map((p) => ({ field: `line ${p.line}${p.field ? ` ${p.field}` : ''}`, message: p.message })),
      );
    }
    for (const r of planned) {
      if (r.action === 'unchanged') continue;
      let id = r.existing?.id;
      if (!id) id = (await createInstitution(trx, actor, r.institution)).id;
      else if (r.institutionChanged) await updateInstitution(trx, actor, id, r.institution);
      if (r.membership) await setMembership(trx, actor, id, r.membership);
    }
    return preview.counts;
  });
  // the services invalidated inside the transaction; again now that it is committed
  invalidateCounts(db);
  return counts;
}

/**
 * The roster as CSV: every non-demo institution by slug, with its membership; one
 * column per language present. The roster holds what the public directory shows, so no
 * permission is asked (the actor is accepted for the edges' uniformity). An edge that
 * serves it as a download for Excel should put a UTF-8 BOM before it.
 */
export async function exportRoster(db: Kysely<DB>, _actor?: Actor): Promise<string> {
  const [institutions, memberships] = await Promise.all([allInstitutions(db), allMemberships(db)]);
  // sorted here, not in SQL: the databases collate hyphens differently
  const list = institutions.filter((i) => !i.isDemo).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const membershipOf = new Map(memberships.map((m) => [m.institutionKey, m]));
  const mapOf = (i: Institution, f: LangField) => (f === 'name' ? i.name : f === 'short_name' ? i.shortName : i.city);
  const langs = Object.fromEntries(
    LANG_FIELDS.map((f) => [f, sortLangs(list.flatMap((i) => Object.keys(mapOf(i, f))).concat(f === 'name' ? ['en'] : []))]),
  ) as Record<LangField, string[]>;
  const langColumns = (f: LangField) => langs[f].map((l) => `${f}_${l}`);
  const header = [
    'slug', ...langColumns('name'), ...langColumns('short_name'), 'kind', 'country', ...langColumns('city'),
    'latitude', 'longitude', 'website', 'wikidata', 'category', 'status', 'member_since', 'member_number',
  ];
  const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const rows = list.map((i) => {
    const m = membershipOf.get(i.key);
    const langCells = (f: LangField) => langs[f].map((l) => mapOf(i, f)[l] ?? '');
    return [
      i.slug, ...langCells('name'), ...langCells('short_name'), i.kind, str(i.country), ...langCells('city'),
      str(i.latitude), str(i.longitude), str(i.website), str(i.wikidata),
      str(m?.category), str(m?.status), str(m?.memberSince), str(m?.memberNumber),
    ];
  });
  return writeCsv(header, rows);
}
