// Small in-process caches for what never changes once written: a published programme
// version (its row is never updated) and what is rendered from it. Each database handle
// has its own (tests run many databases in one process); transactions bypass them.
import type { Kysely } from 'kysely';

/** Least recently used, bounded by entry count. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

const caches = new WeakMap<object, Map<string, Lru<unknown>>>();

/** The cache `name` of this database handle, or undefined inside a transaction. */
export function cacheFor<V>(db: Kysely<any>, name: string, max: number): Lru<V> | undefined {
  if (db.isTransaction) return undefined;
  let byName = caches.get(db);
  if (!byName) caches.set(db, (byName = new Map()));
  let c = byName.get(name);
  if (!c) byName.set(name, (c = new Lru<unknown>(max)));
  return c as Lru<V>;
}

/** Freeze an object graph so a cached value cannot be changed by one of its readers. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}
