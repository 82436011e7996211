// The live counts change only when a membership or an institution does: they are kept
// for a few seconds per database and dropped at once by writes in this process (other
// processes see a change within TTL_MS).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const TTL_MS = 10_000;
const cache = new WeakMap<object, { at: number; value: Promise<unknown> }>();

// a transaction is another Kysely object than its database but shares its adapter: key by that
const keyOf = (db: Kysely<DB>): object => db.getExecutor().adapter;

export function cachedCounts<T>(db: Kysely<DB>, compute: () => Promise<T>): Promise<T> {
  const key = keyOf(db);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Call after a committed write to memberships or institutions. */
export function invalidateCounts(db: Kysely<DB>): void {
  cache.delete(keyOf(db));
}
