// Loads an alliance description (seeds/<alliance>/alliance.json) through the services,
// so the seed is validated and audited like any change. Idempotent: what exists (by
// slug) is left as it is, so loading twice changes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/json.ts';
import type { LangMap } from '../../shared/langmap.ts';
import type { Actor } from '../accounts/permission.policy.ts';
import type { InstitutionInput } from '../institutions/institution.schemas.ts';
import { createInstitution, getInstitution } from '../institutions/institution.service.ts';
import { createMeeting, findMeeting, type MeetingInput } from '../meetings/meeting.service.ts';
import { loadMeetingsSeed, readMeetingsSeed, type MeetingsSeedFile } from '../meetings/meeting.seed.ts';
import { addPost, createPerson, getPerson, postsOfPerson, type PostInput } from '../people/person.service.ts';
import { createAlliance, findAlliance, type AllianceInput } from './alliance.service.ts';
import { getMembership, setMembership } from './membership.service.ts';
import { createOffice, listOffices, type OfficeInput } from './office.service.ts';

export interface SeedFile {
  alliance: AllianceInput;
  meetings?: MeetingInput[];
  institutions: Array<
    InstitutionInput & {
      slug: string;
      membership?: { category: string; status: string; memberSince?: string; memberNumber?: number; admittedAt?: string };
    }
  >;
  people?: Array<{ slug: string; name: LangMap; honorific?: LangMap; posts?: PostInput[] }>;
  offices?: OfficeInput[];
  /** meetings with their programmes (meetings module): a file beside this one, read by readSeedFile */
  programmes?: string | MeetingsSeedFile;
}

export interface SeedReport {
  alliance: boolean;
  meetings: number;
  institutions: number;
  memberships: number;
  people: number;
  posts: number;
  offices: number;
}

async function exists<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return undefined;
    throw e;
  }
}

export async function readSeedFile(file: string): Promise<SeedFile> {
  const seed = JSON.parse(await fs.readFile(file, 'utf8')) as SeedFile;
  if (typeof seed.programmes === 'string') seed.programmes = await readMeetingsSeed(path.resolve(path.dirname(file), seed.programmes));
  return seed;
}

export async function loadSeed(db: Kysely<DB>, actor: Actor, seed: SeedFile): Promise<SeedReport> {
  const report: SeedReport = { alliance: false, meetings: 0, institutions: 0, memberships: 0, people: 0, posts: 0, offices: 0 };
  if (!(await findAlliance(db))) {
    await createAlliance(db, seed.alliance);
    report.alliance = true;
  }
  for (const m of seed.meetings ?? []) {
    if (await findMeeting(db, m.slug)) continue;
    await createMeeting(db, actor, m);
    report.meetings++;
  }
  for (const { membership, ...inst } of seed.institutions) {
    let i = await exists(() => getInstitution(db, inst.slug));
    if (!i) {
      i = await createInstitution(db, actor, inst);
      report.institutions++;
    }
    if (membership && !(await getMembership(db, i.key))) {
      const admitted = membership.admittedAt ? await findMeeting(db, membership.admittedAt) : undefined;
      if (membership.admittedAt && !admitted) throw new Error(`seed: unknown meeting ${membership.admittedAt}`);
      await setMembership(db, actor, i.id, {
        category: membership.category,
        status: membership.status,
        memberSince: membership.memberSince ?? null,
        memberNumber: membership.memberNumber ?? null,
        admittedMeetingKey: admitted?.key ?? null,
      });
      report.memberships++;
    }
  }
  for (const p of seed.people ?? []) {
    let person = await exists(() => getPerson(db, p.slug));
    if (!person) {
      person = await createPerson(db, actor, { name: p.name, honorific: p.honorific ?? {}, slug: p.slug });
      report.people++;
    }
    const held = await postsOfPerson(db, person.key);
    for (const post of p.posts ?? []) {
      const inst = await getInstitution(db, post.institution);
      if (held.some((h) => h.institutionKey === inst.key && canonicalJson(h.title) === canonicalJson(post.title))) continue;
      await addPost(db, actor, person.id, post);
      report.posts++;
    }
  }
  const offices = await listOffices(db);
  for (const o of seed.offices ?? []) {
    const same = offices.some(
      (x) => x.kind === o.kind && (x.person?.slug ?? null) === (o.person ?? null) && (x.institution?.slug ?? null) === (o.institution ?? null),
    );
    if (same) continue;
    await createOffice(db, actor, o);
    report.offices++;
  }
  // last: programmes name the institutions and people above
  if (seed.programmes && typeof seed.programmes !== 'string') await loadMeetingsSeed(db, actor, seed.programmes);
  return report;
}
