import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { systemActor } from '../../src/modules/accounts/permission.policy.ts';
import { loadSeed, readSeedFile } from '../../src/modules/alliance/alliance.seed.ts';

export const SEED_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../seeds/iams/alliance.json');

/** Load the IAMS seed as the CLI would. */
export async function seedIams(db: Kysely<DB>) {
  return loadSeed(db, systemActor('test'), await readSeedFile(SEED_FILE));
}
