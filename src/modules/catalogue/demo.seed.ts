// The demo collection: real Silk Road objects from open museum data (facts only, see
// seeds/demo/README.md), held by their publishers' records marked as demo data, not as
// alliance members. Loaded by `npm start` into an empty database; loading twice changes
// nothing (unchanged records are skipped by checksum).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { Actor } from '../accounts/permission.policy.ts';
import type { InstitutionInput } from '../institutions/institution.schemas.ts';
import { createInstitution, getInstitution } from '../institutions/institution.service.ts';
import { importPaths } from '../harvest/harvest.service.ts';
import type { RunReport } from '../harvest/run.service.ts';

interface Publisher extends InstitutionInput {
  slug: string;
  /** the publisher's objects, a file of ObjectDraft lines beside publishers.json */
  objects?: string;
}

const INSTITUTION_FIELDS = ['slug', 'name', 'shortName', 'kind', 'country', 'city', 'latitude', 'longitude', 'website', 'wikidata'] as const;

export async function loadDemo(db: Kysely<DB>, actor: Actor, dir: string): Promise<RunReport[]> {
  const file = JSON.parse(await fs.readFile(path.join(dir, 'publishers.json'), 'utf8')) as { publishers: Publisher[] };
  const reports: RunReport[] = [];
  for (const p of file.publishers) {
    const existing = await getInstitution(db, p.slug).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found') return undefined;
      throw e;
    });
    const input = Object.fromEntries(INSTITUTION_FIELDS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])) as unknown as InstitutionInput;
    const holder = existing ?? (await createInstitution(db, actor, input, { isDemo: true }));
    const data = path.join(dir, p.objects ?? `${p.slug}.ndjson`);
    if (await fs.stat(data).catch(() => undefined))
      reports.push(await importPaths(db, actor, { institution: holder.id, format: 'draft', paths: [data], isDemo: true }));
  }
  return reports;
}
