// Migrations are listed here in order (timestamped names): a static list works the
// same under tsx and compiled to dist/, with no directory scanning.
import { Migrator, sql, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import { dialectOf } from './dialect/ddl.ts';
import * as m0001 from './migrations/20261128_0001_registry.ts';
import * as m0002 from './migrations/20261128_0002_catalogue.ts';
import * as m0003 from './migrations/20261128_0003_meetings.ts';
import * as m0004 from './migrations/20261128_0004_registry_indexes.ts';

const MIGRATIONS: Record<string, Migration> = {
  '20261128_0001_registry': m0001,
  '20261128_0002_catalogue': m0002,
  '20261128_0003_meetings': m0003,
  '20261128_0004_registry_indexes': m0004,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * schema: the PostgreSQL schema the tables live in. Kysely looks for its bookkeeping
 * tables across every schema of the database unless told which one, so two
 * installations (or two test runs) in one database need it named.
 */
function migrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

// Kysely reads the catalogue of every schema of the database (columns, serial sequences)
// before it takes its own migration lock; a migration running meanwhile in another
// schema of the same database (another installation, a parallel test file) can make that
// read fail ("column … does not exist"). One session-level advisory lock per database
// makes migrations, and the checks for pending ones, take turns (tests drop their
// schemas in the same turn, for the same reason). Needs a pool of two
// connections at least: the lock holds one while the migrator uses another.
export const MIGRATION_TURN = 0x63617276; // "carv"

async function inTurn<T>(db: Kysely<any>, run: () => Promise<T>): Promise<T> {
  if ((await dialectOf(db)) !== 'postgres') return run();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_TURN)})`.execute(conn);
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_TURN)})`.execute(conn);
    }
  });
}

export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const { error, results } = await inTurn(db, () => migrator(db, schema).migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: Kysely<any>, schema?: string): Promise<string | undefined> {
  const { error, results } = await inTurn(db, () => migrator(db, schema).migrateDown());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results?.[0]?.migrationName;
}

/** Names of migrations not yet applied: the server refuses to serve a stale schema. */
export async function pendingMigrations(db: Kysely<any>, schema?: string): Promise<string[]> {
  const all = await inTurn(db, () => migrator(db, schema).getMigrations());
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
