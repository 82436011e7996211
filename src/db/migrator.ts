// Migrations are listed here in order (timestamped names): a static list works the
// same under tsx and compiled to dist/, with no directory scanning.
import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as m0001 from './migrations/20261128_0001_registry.ts';

const MIGRATIONS: Record<string, Migration> = {
  '20261128_0001_registry': m0001,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: Kysely<any>): Promise<string | undefined> {
  const { error, results } = await migrator(db).migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results?.[0]?.migrationName;
}

/** Names of migrations not yet applied: the server refuses to serve a stale schema. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
