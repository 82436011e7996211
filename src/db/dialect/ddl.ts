// The only place where table definitions differ between SQLite and PostgreSQL.
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export async function dialectOf(db: Kysely<any>): Promise<Dialect> {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** Integer surrogate key: rowid alias on SQLite, identity on PostgreSQL. */
export function withId<T extends string>(t: CreateTableBuilder<T, any>, d: Dialect): CreateTableBuilder<T, any> {
  return d === 'postgres'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** JSON text: jsonb on PostgreSQL (validated, indexable), text on SQLite. */
export function jsonType(d: Dialect) {
  return d === 'postgres' ? sql`jsonb` : sql`text`;
}

/** Floating point coordinates. */
export function realType(d: Dialect) {
  return d === 'postgres' ? sql`double precision` : sql`real`;
}

/** The PostgreSQL schema new tables go to (the first of search_path); undefined on SQLite. */
export async function currentSchema(db: Kysely<any>): Promise<string | undefined> {
  if ((await dialectOf(db)) !== 'postgres') return undefined;
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return r.rows[0]?.s;
}
