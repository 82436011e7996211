import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { shareHandle } from './database.ts';

/**
 * Run fn in a transaction, or in the caller's one when db already is a transaction:
 * services compose (an import creates many institutions) and all-or-nothing holds.
 */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction
    ? fn(db)
    : db.transaction().execute((trx) => {
        shareHandle(db, trx);
        return fn(trx);
      });
}
