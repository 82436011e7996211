import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { JobTable } from '../modules/sources/source.table.ts';

export type JobRow = Selectable<JobTable>;

export async function insertJob(db: Kysely<DB>, kind: string, payload: unknown, runAt: string, now: string): Promise<number> {
  const r = await db
    .insertInto('jobs')
    .values({ kind, payload: JSON.stringify(payload), status: 'queued', run_at: runAt, attempts: 0, locked_by: null, locked_at: null, last_error: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Claim the oldest due job: the conditional update makes two workers never take the same one. */
export async function claimJob(db: Kysely<DB>, worker: string, now: string): Promise<JobRow | undefined> {
  for (let i = 0; i < 3; i++) {
    const candidate = await db.selectFrom('jobs').select('id').where('status', '=', 'queued').where('run_at', '<=', now).orderBy('id').limit(1).executeTakeFirst();
    if (!candidate) return undefined;
    const res = await db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', locked_by: worker, locked_at: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', candidate.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) return db.selectFrom('jobs').selectAll().where('id', '=', candidate.id).executeTakeFirst();
  }
  return undefined;
}

export async function finishJob(db: Kysely<DB>, id: number, status: 'done' | 'failed', error: string | null): Promise<void> {
  await db.updateTable('jobs').set({ status, last_error: error }).where('id', '=', id).execute();
}

/** Jobs left "running" by a worker that died go back to the queue. */
export async function requeueAbandoned(db: Kysely<DB>, lockedBefore: string): Promise<number> {
  const r = await db.updateTable('jobs').set({ status: 'queued', locked_by: null }).where('status', '=', 'running').where('locked_at', '<', lockedBefore).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const pendingJobsFor = (db: Kysely<DB>, kind: string) =>
  db.selectFrom('jobs').select(['id', 'payload', 'status']).where('kind', '=', kind).where('status', 'in', ['queued', 'running']).execute();

export const recentJobs = (db: Kysely<DB>, limit: number) => db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
