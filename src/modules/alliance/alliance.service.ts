// The alliance that runs this platform: its names, working languages and membership
// categories. One alliance per installation; nothing in the code is specific to IAMS.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { parseLangMap, type LangMap } from '../../shared/langmap.ts';
import * as repo from './alliance.repository.ts';

export interface Category {
  key: string;
  name: LangMap;
}

export interface Alliance {
  key: number;
  slug: string;
  name: LangMap;
  shortName: LangMap;
  workingLanguages: string[];
  categories: Category[];
  foundedOn: string | null;
  website: string | null;
}

export interface AllianceInput {
  slug: string;
  name: LangMap;
  shortName: LangMap;
  workingLanguages: string[];
  categories: Category[];
  foundedOn?: string | null;
  website?: string | null;
}

const toAlliance = (r: repo.AllianceRow): Alliance => ({
  key: r.id,
  slug: r.slug,
  name: parseLangMap(r.name),
  shortName: parseLangMap(r.short_name),
  workingLanguages: JSON.parse(r.working_languages) as string[],
  categories: JSON.parse(r.categories) as Category[],
  foundedOn: r.founded_on,
  website: r.website,
});

export async function findAlliance(db: Kysely<DB>): Promise<Alliance | undefined> {
  const r = await repo.firstAlliance(db);
  return r ? toAlliance(r) : undefined;
}

export async function getAlliance(db: Kysely<DB>): Promise<Alliance> {
  const a = await findAlliance(db);
  if (!a) throw new AppError('internal', 'No alliance is set up: run `caravanserai seed`');
  return a;
}

/** Create the alliance (only the seed and the CLI do this). */
export async function createAlliance(db: Kysely<DB>, input: AllianceInput): Promise<Alliance> {
  const now = nowIso();
  await repo.insertAlliance(db, {
    slug: input.slug,
    name: JSON.stringify(input.name),
    short_name: JSON.stringify(input.shortName),
    working_languages: JSON.stringify(input.workingLanguages),
    categories: JSON.stringify(input.categories),
    founded_on: input.foundedOn ?? null,
    website: input.website ?? null,
    created_at: now,
    updated_at: now,
  });
  return getAlliance(db);
}
