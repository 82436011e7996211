// The migrator on both databases: what is pending, up, down and up again; and on
// PostgreSQL, that migrations take turns per database (see inTurn in migrator.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DIALECTS, dropSchema, type TestDialect } from '../../test/support/database.ts';
import { openDatabase, type Database } from './database.ts';
import { migrateDown, migrateToLatest, pendingMigrations } from './migrator.ts';

const ALL = ['20261128_0001_registry', '20261128_0002_catalogue', '20261128_0003_meetings', '20261128_0004_registry_indexes'];
const url = process.env.TEST_POSTGRES_URL;

/** an empty database: nothing migrated */
async function empty(dialect: TestDialect): Promise<{ database: Database; schema?: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', sqlitePath: ':memory:' });
    return { database, drop: () => database.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url: url!, pgSchema: schema, poolSize: 4 });
  return {
    database,
    schema,
    drop: async () => {
      await database.close();
      await dropSchema(schema, url);
    },
  };
}

describe.each(DIALECTS)('migrator on %s', (dialect) => {
  it('lists what is pending, applies it, goes one down and up again', async () => {
    const { database, schema, drop } = await empty(dialect);
    try {
      expect(await pendingMigrations(database.db, schema)).toEqual(ALL);
      expect(await migrateToLatest(database.db, schema)).toEqual(ALL);
      expect(await pendingMigrations(database.db, schema)).toEqual([]);
      expect(await migrateToLatest(database.db, schema)).toEqual([]);
      expect(await migrateDown(database.db, schema)).toBe(ALL[3]);
      expect(await pendingMigrations(database.db, schema)).toEqual([ALL[3]]);
      expect(await migrateToLatest(database.db, schema)).toEqual([ALL[3]]);
    } finally {
      await drop();
    }
  });
});

describe('migrator on PostgreSQL: migrations take turns per database', () => {
  if (!url) console.log('[tests] skipped: migrations taking turns needs PostgreSQL (TEST_POSTGRES_URL is not set)');

  it.skipIf(!url)('waits while another session holds the turn, and goes on when it is released', async () => {
    const { database, schema, drop } = await empty('postgres');
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query(`select pg_advisory_lock(${0x63617276})`);
      let done = false;
      const run = migrateToLatest(database.db, schema).then((r) => {
        done = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(done).toBe(false);
      await other.query(`select pg_advisory_unlock(${0x63617276})`);
      expect(await run).toEqual(ALL);
      // the turn is given back: another migration goes at once
      expect(await pendingMigrations(database.db, schema)).toEqual([]);
    } finally {
      await other.end();
      await drop();
    }
  });
});
