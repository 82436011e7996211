// People and their posts: a person's position at an institution over time. Names are
// language maps; a post's title too ("Director" / "馆长").
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { newUid, nowIso, slugify } from '../../shared/ids.ts';
import { cleanLangMap, isLangTag, parseLangMap, type LangMap } from '../../shared/langmap.ts';
import { queryTerms, searchText } from '../../shared/text.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import * as repo from './person.repository.ts';

export interface Person {
  key: number;
  id: string;
  slug: string;
  name: LangMap;
  honorific: LangMap;
}

export interface Post {
  id: number;
  personKey: number;
  institutionKey: number;
  title: LangMap;
  startedOn: string | null;
  endedOn: string | null;
}

export interface PersonInput {
  name: Record<string, string>;
  honorific?: Record<string, string>;
  slug?: string;
}

export interface PostInput {
  /** institution public id or slug */
  institution: string;
  title: Record<string, string>;
  startedOn?: string | null;
  endedOn?: string | null;
}

const toPerson = (r: repo.PersonRow): Person => ({
  key: r.id,
  id: r.uid,
  slug: r.slug,
  name: parseLangMap(r.name),
  honorific: parseLangMap(r.honorific),
});

const toPost = (r: repo.PostRow): Post => ({
  id: r.id,
  personKey: r.person_id,
  institutionKey: r.institution_id,
  title: parseLangMap(r.title),
  startedOn: r.started_on,
  endedOn: r.ended_on,
});

export const publicPerson = ({ key: _k, ...p }: Person) => p;

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function langMapField(field: string, m: Record<string, string> | undefined, problems: FieldProblem[], required: boolean): LangMap {
  const cleaned = cleanLangMap(m ?? {});
  for (const k of Object.keys(cleaned)) if (!isLangTag(k)) problems.push({ field, message: `"${k}" is not a language tag` });
  if (required && !Object.keys(cleaned).length) problems.push({ field, message: 'is required in at least one language' });
  return cleaned;
}

/** Dates of posts and offices are often known only to the year or month: YYYY, YYYY-MM or YYYY-MM-DD. */
export function checkPartialDate(field: string, v: string | null | undefined, problems: FieldProblem[]): string | null {
  const s = v?.trim() || null;
  if (s && !DATE.test(s)) problems.push({ field, message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' });
  return s;
}

export async function getPerson(db: Kysely<DB>, key: string): Promise<Person> {
  const r = await repo.findPersonByKey(db, key);
  if (!r) throw notFound(`Person ${key}`);
  return toPerson(r);
}

export async function peopleByKeys(db: Kysely<DB>, keys: readonly number[]): Promise<Map<number, Person>> {
  const rows = await repo.findPeopleByIds(db, [...new Set(keys)]);
  return new Map(rows.map((r) => [r.id, toPerson(r)]));
}

export async function searchPeople(db: Kysely<DB>, q: string, limit = 50, offset = 0): Promise<{ items: Person[]; total: number }> {
  const terms = queryTerms(q);
  const [rows, total] = await Promise.all([repo.searchPeopleRows(db, terms, limit, offset), repo.countPeopleRows(db, terms)]);
  return { items: rows.map(toPerson), total };
}

export async function allPeople(db: Kysely<DB>): Promise<Person[]> {
  return (await repo.allPeopleRows(db)).map(toPerson);
}

export async function postsOfPerson(db: Kysely<DB>, personKey: number): Promise<Post[]> {
  return (await repo.postsOfPerson(db, personKey)).map(toPost);
}

export async function postsAtInstitution(db: Kysely<DB>, institutionKey: number): Promise<Post[]> {
  return (await repo.postsOfInstitution(db, institutionKey)).map(toPost);
}

/** The institutions a person belongs to through posts: a member editor may edit such a person only if all are its own. */
async function institutionsOfPerson(db: Kysely<DB>, personKey: number): Promise<number[]> {
  return [...new Set((await repo.postsOfPerson(db, personKey)).map((p) => p.institution_id))];
}

async function uniquePersonSlug(db: Kysely<DB>, base: string): Promise<string> {
  let slug = base;
  for (let n = 2; await repo.personSlugTaken(db, slug); n++) slug = `${base}-${n}`;
  return slug;
}

/**
 * Create a person, optionally with a first post. A member editor must give a post at its
 * own institution: it may add its own staff, not arbitrary people.
 */
export async function createPerson(db: Kysely<DB>, actor: Actor, input: PersonInput, post?: PostInput): Promise<Person> {
  const problems: FieldProblem[] = [];
  const name = langMapField('name', input.name, problems, true);
  const honorific = langMapField('honorific', input.honorific, problems, false);
  if (problems.length) throw invalid(problems);
  const inst = post ? await getInstitution(db, post.institution) : undefined;
  assertCan(actor, 'person.write', { institutionIds: inst ? [inst.key] : [] });
  return inTransaction(db, async (trx) => {
    const uid = newUid('p');
    const wanted = input.slug?.trim().toLowerCase();
    if (wanted && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(wanted)) throw invalid([{ field: 'slug', message: 'may hold only a-z, 0-9 and single hyphens' }]);
    const slug = await uniquePersonSlug(trx, wanted || slugify(name.en ?? Object.values(name).find((n) => /[a-z]/i.test(n)) ?? '', uid));
    const now = nowIso();
    const id = await repo.insertPerson(trx, {
      uid,
      slug,
      name: JSON.stringify(name),
      honorific: JSON.stringify(honorific),
      search_text: searchText(name),
      created_at: now,
      updated_at: now,
    });
    const person = toPerson((await repo.findPersonById(trx, id))!);
    await recordAudit(trx, actor, { action: 'person.create', entityType: 'person', entityId: uid, summary: `created person ${slug}`, after: publicPerson(person) });
    if (post) await addPostIn(trx, actor, person, post);
    return person;
  });
}

export async function updatePerson(db: Kysely<DB>, actor: Actor, key: string, input: PersonInput): Promise<Person> {
  return inTransaction(db, async (trx) => {
    const row = await repo.findPersonByKey(trx, key);
    if (!row) throw notFound(`Person ${key}`);
    assertCan(actor, 'person.write', { institutionIds: await institutionsOfPerson(trx, row.id) });
    const problems: FieldProblem[] = [];
    const name = langMapField('name', input.name, problems, true);
    const honorific = langMapField('honorific', input.honorific, problems, false);
    if (problems.length) throw invalid(problems);
    const before = toPerson(row);
    await repo.updatePersonRow(trx, row.id, {
      name: JSON.stringify(name),
      honorific: JSON.stringify(honorific),
      search_text: searchText(name),
      updated_at: nowIso(),
    });
    const after = toPerson((await repo.findPersonById(trx, row.id))!);
    await recordAudit(trx, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: row.uid,
      summary: `updated person ${row.slug}`,
      before: publicPerson(before),
      after: publicPerson(after),
    });
    return after;
  });
}

function checkPost(input: PostInput): { title: LangMap; startedOn: string | null; endedOn: string | null } {
  const problems: FieldProblem[] = [];
  const title = langMapField('title', input.title, problems, true);
  const startedOn = checkPartialDate('startedOn', input.startedOn, problems);
  const endedOn = checkPartialDate('endedOn', input.endedOn, problems);
  if (startedOn && endedOn && endedOn < startedOn) problems.push({ field: 'endedOn', message: 'is before the start' });
  if (problems.length) throw invalid(problems);
  return { title, startedOn, endedOn };
}

async function addPostIn(trx: Kysely<DB>, actor: Actor, person: Person, input: PostInput): Promise<Post> {
  const inst = await getInstitution(trx, input.institution);
  assertCan(actor, 'post.write', { institutionIds: [inst.key] });
  const v = checkPost(input);
  const now = nowIso();
  const id = await repo.insertPost(trx, {
    person_id: person.key,
    institution_id: inst.key,
    title: JSON.stringify(v.title),
    started_on: v.startedOn,
    ended_on: v.endedOn,
    created_at: now,
    updated_at: now,
  });
  const post = toPost((await repo.findPostById(trx, id))!);
  await recordAudit(trx, actor, {
    action: 'post.create',
    entityType: 'post',
    entityId: id,
    summary: `${person.slug} at ${inst.slug}`,
    after: { person: person.id, institution: inst.id, ...v },
  });
  return post;
}

export async function addPost(db: Kysely<DB>, actor: Actor, personKey: string, input: PostInput): Promise<Post> {
  const person = await getPerson(db, personKey);
  return inTransaction(db, (trx) => addPostIn(trx, actor, person, input));
}

export async function updatePost(db: Kysely<DB>, actor: Actor, postId: number, input: Omit<PostInput, 'institution'>): Promise<Post> {
  return inTransaction(db, async (trx) => {
    const row = await repo.findPostById(trx, postId);
    if (!row) throw notFound('Post');
    assertCan(actor, 'post.write', { institutionIds: [row.institution_id] });
    const v = checkPost({ ...input, institution: '' });
    const before = toPost(row);
    await repo.updatePostRow(trx, postId, {
      title: JSON.stringify(v.title),
      started_on: v.startedOn,
      ended_on: v.endedOn,
      updated_at: nowIso(),
    });
    const after = toPost((await repo.findPostById(trx, postId))!);
    await recordAudit(trx, actor, { action: 'post.update', entityType: 'post', entityId: postId, summary: 'updated post', before, after });
    return after;
  });
}

export async function removePost(db: Kysely<DB>, actor: Actor, postId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await repo.findPostById(trx, postId);
    if (!row) throw notFound('Post');
    assertCan(actor, 'post.write', { institutionIds: [row.institution_id] });
    await repo.deletePostRow(trx, postId);
    await recordAudit(trx, actor, { action: 'post.delete', entityType: 'post', entityId: postId, summary: 'removed post', before: toPost(row) });
  });
}
