// The durable queue in the database: the web server enqueues, the worker role runs.
// Jobs carry ids only and re-load their data; their handlers are idempotent and
// checkpoint (a harvest resumes), so a job run twice does no harm.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../shared/ids.ts';
import * as repo from './job.repository.ts';

export interface HarvestJob {
  sourceId: string;
  /** who asked, for the audit trail and the run's actor label */
  requestedBy: string;
}

export type JobKinds = { harvest: HarvestJob };

export async function enqueue<K extends keyof JobKinds>(db: Kysely<DB>, kind: K, payload: JobKinds[K], runAt = nowIso()): Promise<number> {
  return repo.insertJob(db, kind, payload, runAt, nowIso());
}

/** Is a harvest of this source already waiting or running? */
export async function harvestPending(db: Kysely<DB>, sourceId: string): Promise<boolean> {
  const jobs = await repo.pendingJobsFor(db, 'harvest');
  return jobs.some((j) => (JSON.parse(j.payload) as HarvestJob).sourceId === sourceId);
}
