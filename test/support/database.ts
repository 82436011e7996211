// Per-dialect test databases. Every database test runs on each dialect in DIALECTS:
// SQLite always; PostgreSQL when TEST_POSTGRES_URL names a server (.ci/run starts one).
// Each call gets a fresh, migrated database: an in-memory SQLite file, or a new
// PostgreSQL schema that is dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { MIGRATION_TURN, migrateToLatest } from '../../src/db/migrator.ts';

export type TestDialect = 'sqlite' | 'postgres';

function dialects(): TestDialect[] {
  const wanted = (process.env.TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const out: TestDialect[] = [];
  if (wanted.includes('sqlite')) out.push('sqlite');
  if (wanted.includes('postgres')) {
    if (process.env.TEST_POSTGRES_URL) out.push('postgres');
    else if (!warned) {
      warned = true;
      console.warn('[tests] PostgreSQL skipped: TEST_POSTGRES_URL is not set (bash .ci/run, or scripts/pg-test-cluster.sh start, runs both).');
    }
  }
  if (!out.length) throw new Error(`TEST_DIALECTS=${process.env.TEST_DIALECTS} leaves no database to test on`);
  return out;
}
let warned = false;

export const DIALECTS: readonly TestDialect[] = dialects();

export async function testDatabase(dialect: TestDialect): Promise<Database> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', sqlitePath: ':memory:' });
    await migrateToLatest(database.db);
    return database;
  }
  const url = process.env.TEST_POSTGRES_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url, pgSchema: schema, poolSize: 4 });
  await migrateToLatest(database.db, schema);
  return {
    ...database,
    async close() {
      await database.close();
      await dropSchema(schema);
    },
  };
}

/**
 * Drop a test schema in the migrations' turn (migrator.ts): a migration in another test
 * file reads the catalogue of every schema, and fails on one that vanishes under it
 * ("schema … does not exist"). Ending the session releases the turn.
 */
export async function dropSchema(schema: string, url = process.env.TEST_POSTGRES_URL!): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`select pg_advisory_lock(${MIGRATION_TURN})`);
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
