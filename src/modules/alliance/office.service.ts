// Alliance offices (President, Secretary-General, Vice-Presidents ...) with terms. An
// office is held by a person, by an institution (a vice-president unit represented by a
// person), or both.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { cleanLangMap, parseLangMap, type LangMap } from '../../shared/langmap.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getInstitution, institutionsByKeys, type Institution } from '../institutions/institution.service.ts';
import { checkPartialDate, getPerson, peopleByKeys, type Person } from '../people/person.service.ts';
import { getAlliance } from './alliance.service.ts';
import * as repo from './alliance.repository.ts';

export const OFFICE_KINDS = ['president', 'secretary_general', 'vice_president', 'other'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export interface Office {
  id: number;
  kind: OfficeKind;
  /** a custom title; empty means the interface's name for the kind */
  title: LangMap;
  person: Person | null;
  institution: Institution | null;
  startedOn: string | null;
  endedOn: string | null;
  position: number;
}

export interface OfficeInput {
  kind: string;
  title?: Record<string, string>;
  /** person public id or slug */
  person?: string | null;
  /** institution public id or slug */
  institution?: string | null;
  startedOn?: string | null;
  endedOn?: string | null;
  position?: number;
}

const RANK: Record<OfficeKind, number> = { president: 0, secretary_general: 1, vice_president: 2, other: 3 };

async function hydrate(db: Kysely<DB>, rows: repo.OfficeRow[]): Promise<Office[]> {
  const people = await peopleByKeys(db, rows.flatMap((r) => (r.person_id ? [r.person_id] : [])));
  const insts = await institutionsByKeys(db, rows.flatMap((r) => (r.institution_id ? [r.institution_id] : [])));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as OfficeKind,
    title: parseLangMap(r.title),
    person: r.person_id ? (people.get(r.person_id) ?? null) : null,
    institution: r.institution_id ? (insts.get(r.institution_id) ?? null) : null,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    position: r.position,
  }));
}

/** Offices ordered President, Secretary-General, Vice-Presidents, others; then by position. */
export async function listOffices(db: Kysely<DB>, opts: { current?: boolean; today?: string } = {}): Promise<Office[]> {
  const a = await getAlliance(db);
  let offices = await hydrate(db, await repo.officesOf(db, a.key));
  if (opts.current) {
    const today = opts.today ?? nowIso().slice(0, 10);
    offices = offices.filter((o) => !o.endedOn || o.endedOn >= today);
  }
  return offices.sort((x, y) => RANK[x.kind] - RANK[y.kind] || x.position - y.position || x.id - y.id);
}

export async function officesHeldBy(db: Kysely<DB>, who: { personKey?: number; institutionKey?: number }): Promise<Office[]> {
  return (await listOffices(db)).filter(
    (o) => (who.personKey !== undefined && o.person?.key === who.personKey) || (who.institutionKey !== undefined && o.institution?.key === who.institutionKey),
  );
}

async function checkOffice(db: Kysely<DB>, input: OfficeInput) {
  const problems: FieldProblem[] = [];
  if (!(OFFICE_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: `must be one of ${OFFICE_KINDS.join(', ')}` });
  const title = cleanLangMap(input.title ?? {});
  if (input.kind === 'other' && !Object.keys(title).length) problems.push({ field: 'title', message: 'an office of kind "other" needs a title' });
  const startedOn = checkPartialDate('startedOn', input.startedOn, problems);
  const endedOn = checkPartialDate('endedOn', input.endedOn, problems);
  if (startedOn && endedOn && endedOn < startedOn) problems.push({ field: 'endedOn', message: 'is before the start' });
  if (!input.person && !input.institution) problems.push({ field: 'person', message: 'an office is held by a person, an institution, or both' });
  if (problems.length) throw invalid(problems);
  const person = input.person ? await getPerson(db, input.person) : null;
  const institution = input.institution ? await getInstitution(db, input.institution) : null;
  return { kind: input.kind as OfficeKind, title, startedOn, endedOn, person, institution, position: input.position ?? 0 };
}

const snapshot = (o: Office) => ({
  kind: o.kind,
  title: o.title,
  person: o.person?.id ?? null,
  institution: o.institution?.id ?? null,
  startedOn: o.startedOn,
  endedOn: o.endedOn,
  position: o.position,
});

export async function createOffice(db: Kysely<DB>, actor: Actor, input: OfficeInput): Promise<Office> {
  assertCan(actor, 'office.write');
  const a = await getAlliance(db);
  const v = await checkOffice(db, input);
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const id = await repo.insertOffice(trx, {
      alliance_id: a.key,
      kind: v.kind,
      title: JSON.stringify(v.title),
      person_id: v.person?.key ?? null,
      institution_id: v.institution?.key ?? null,
      started_on: v.startedOn,
      ended_on: v.endedOn,
      position: v.position,
      created_at: now,
      updated_at: now,
    });
    const [office] = await hydrate(trx, [(await repo.findOffice(trx, id))!]);
    await recordAudit(trx, actor, { action: 'office.create', entityType: 'office', entityId: id, summary: `created office ${v.kind}`, after: snapshot(office!) });
    return office!;
  });
}

export async function updateOffice(db: Kysely<DB>, actor: Actor, id: number, input: OfficeInput): Promise<Office> {
  assertCan(actor, 'office.write');
  const v = await checkOffice(db, input);
  return inTransaction(db, async (trx) => {
    const row = await repo.findOffice(trx, id);
    if (!row) throw notFound('Office');
    const [before] = await hydrate(trx, [row]);
    await repo.updateOfficeRow(trx, id, {
      kind: v.kind,
      title: JSON.stringify(v.title),
      person_id: v.person?.key ?? null,
      institution_id: v.institution?.key ?? null,
      started_on: v.startedOn,
      ended_on: v.endedOn,
      position: v.position,
      updated_at: nowIso(),
    });
    const [after] = await hydrate(trx, [(await repo.findOffice(trx, id))!]);
    await recordAudit(trx, actor, { action: 'office.update', entityType: 'office', entityId: id, summary: `updated office ${v.kind}`, before: snapshot(before!), after: snapshot(after!) });
    return after!;
  });
}

export async function deleteOffice(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'office.write');
  await inTransaction(db, async (trx) => {
    const row = await repo.findOffice(trx, id);
    if (!row) throw notFound('Office');
    const [before] = await hydrate(trx, [row]);
    await repo.deleteOfficeRow(trx, id);
    await recordAudit(trx, actor, { action: 'office.delete', entityType: 'office', entityId: id, summary: `removed office ${row.kind}`, before: snapshot(before!) });
  });
}
