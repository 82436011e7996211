// Opens the one database the platform runs on: SQLite (embedded default) or PostgreSQL.
// Both are reached through Kysely so that repositories are written once.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseKind } from '../config.ts';
import type { DB } from './schema.ts';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  close(): Promise<void>;
}

// The better-sqlite3 connection behind a Kysely instance (and its transactions), for the
// few hot paths that need statements prepared once and run many times (bulk ingestion):
// Kysely prepares every query anew. Same connection, so same transaction.
const sqliteHandles = new WeakMap<Kysely<DB>, SQLite.Database>();
// how each database was opened: a worker thread opens its own connection the same way
const openedWith = new WeakMap<Kysely<DB>, DatabaseOptions>();

/** The options another thread needs to reach the same database; undefined for an in-memory SQLite (not shareable). */
export function shareableOptions(db: Kysely<DB>): DatabaseOptions | undefined {
  const o = openedWith.get(db);
  if (!o || (o.kind === 'sqlite' && (o.sqlitePath ?? ':memory:') === ':memory:')) return undefined;
  return { ...o, poolSize: 1 };
}

export function sqliteHandle(db: Kysely<DB>): SQLite.Database | undefined {
  return sqliteHandles.get(db);
}

/** A transaction of db shares its connection: see inTransaction. */
export function shareHandle(db: Kysely<DB>, trx: Kysely<DB>): void {
  const h = sqliteHandles.get(db);
  if (h) sqliteHandles.set(trx, h);
  const o = openedWith.get(db);
  if (o) openedWith.set(trx, o);
}

export interface DatabaseOptions {
  kind: DatabaseKind;
  /** SQLite file path (":memory:" allowed) */
  sqlitePath?: string;
  /** PostgreSQL connection string */
  url?: string;
  /** PostgreSQL schema to work in (tests give each file its own). */
  pgSchema?: string;
  poolSize?: number;
  /** SQLite page cache in MB (default 32: the writer's; a connection that only looks up needs less) */
  cacheMb?: number;
}

// Repositories always see JSON columns as strings and counts as numbers, on both
// databases: jsonb is returned unparsed, int8 (count(*)) as a JS number.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 3802 || oid === 114) return (v: string) => v; // jsonb, json
    if (oid === 20) return (v: string) => Number(v); // int8: counts never exceed 2^53
    return pg.types.getTypeParser(oid, format);
  },
};

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.kind === 'sqlite') {
    const file = opts.sqlitePath ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    // Source records are 2-10 KB each: 16 KB pages keep one on a page instead of a chain
    // of overflow pages, which doubled bulk-insert speed (bench/sqlite-pragmas.bench.ts).
    // It only takes on a new file, so it comes before WAL; older files keep their size.
    sqlite.pragma('page_size = 16384');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // a bigger page cache and fewer, larger WAL checkpoints: each checkpoint waits on two
    // fsyncs, and a harvest writes gigabytes; the WAL is cut back to 64 MB after each
    sqlite.pragma(`cache_size = ${-(opts.cacheMb ?? 32) * 1024}`);
    sqlite.pragma(`wal_autocheckpoint = ${Math.round((64 << 20) / (sqlite.pragma('page_size', { simple: true }) as number))}`);
    sqlite.pragma(`journal_size_limit = ${64 << 20}`);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    sqliteHandles.set(db, sqlite);
    openedWith.set(db, opts);
    return { kind: 'sqlite', db, close: () => db.destroy() };
  }
  if (!opts.url) throw new Error('PostgreSQL needs a connection URL');
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    types: pgTypes,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  openedWith.set(db, opts);
  return { kind: 'postgres', db, close: () => db.destroy() };
}
