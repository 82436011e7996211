// The worker role: runs queued jobs one at a time, schedules due harvests, and resumes
// harvests that a killed process left half done. Runs in its own process (never in the
// web server's event loop): `caravanserai worker`, or forked by `serve --role all`.
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../shared/ids.ts';
import { systemActor } from '../modules/accounts/permission.policy.ts';
import { harvestSource } from '../modules/harvest/harvest.service.ts';
import { THIS_WORKER } from '../modules/harvest/run.service.ts';
import { listSources, type Schedule } from '../modules/sources/source.service.ts';
import * as repo from './job.repository.ts';
import { enqueue, harvestPending, type HarvestJob } from './queue.ts';
import { defaultPreparers } from '../modules/harvest/batch.stream.ts';

/** Parsing threads of a file run here: one core is left to the web server beside this process. */
const PARSERS = Math.max(1, Math.min(4, os.availableParallelism() - 1));
/** Prepare threads of an OAI-PMH run here: the default less the web server's core (none below five cores). */
const PREPARERS = Math.max(0, defaultPreparers() - 1);

const INTERVAL_MS: Record<Exclude<Schedule, 'manual'>, number> = { hourly: 3600_000, daily: 86_400_000, weekly: 7 * 86_400_000 };

/** Enqueue every scheduled source that is due and not already waiting. */
export async function scheduleDue(db: Kysely<DB>, now = Date.now()): Promise<string[]> {
  const queued: string[] = [];
  for (const s of await listSources(db)) {
    if (s.schedule === 'manual' || s.kind !== 'oai') continue;
    const last = s.lastSuccessAt ? Date.parse(s.lastSuccessAt) : 0;
    if (now - last < INTERVAL_MS[s.schedule]) continue;
    if (await harvestPending(db, s.id)) continue;
    await enqueue(db, 'harvest', { sourceId: s.id, requestedBy: `schedule (${s.schedule})` });
    queued.push(s.id);
  }
  return queued;
}

/** Run one due job, if any. Returns whether a job ran. */
export async function runOneJob(db: Kysely<DB>, log: Logger, signal?: AbortSignal): Promise<boolean> {
  const job = await repo.claimJob(db, THIS_WORKER, nowIso());
  if (!job) return false;
  try {
    if (job.kind === 'harvest') {
      const p = JSON.parse(job.payload) as HarvestJob;
      const report = await harvestSource(db, systemActor(`worker for ${p.requestedBy}`), p.sourceId, { parsers: PARSERS, preparers: PREPARERS, ...(signal ? { signal } : {}) });
      log.info({ job: job.id, report }, 'harvest finished');
      await repo.finishJob(db, job.id, report.status === 'failed' ? 'failed' : 'done', report.error);
    } else await repo.finishJob(db, job.id, 'failed', `unknown job kind ${job.kind}`);
  } catch (e) {
    if (signal?.aborted) {
      // stopping: the run stays resumable and the job goes back to the queue
      await repo.requeueAbandoned(db, nowIso());
      throw e;
    }
    log.error({ err: e, job: job.id }, 'job failed');
    await repo.finishJob(db, job.id, 'failed', e instanceof Error ? e.message : String(e));
  }
  return true;
}

export async function runWorker(db: Kysely<DB>, log: Logger, signal: AbortSignal, opts: { pollMs?: number } = {}): Promise<void> {
  const poll = opts.pollMs ?? 2000;
  // a job left "running" by a dead worker (its harvest is resumable) goes back to the queue
  const requeued = await repo.requeueAbandoned(db, new Date(Date.now() - 60_000).toISOString());
  if (requeued) log.info({ requeued }, 'requeued jobs of a stopped worker');
  let lastSchedule = 0;
  log.info({ worker: THIS_WORKER }, 'worker started');
  while (!signal.aborted) {
    if (Date.now() - lastSchedule > 60_000) {
      lastSchedule = Date.now();
      const queued = await scheduleDue(db);
      if (queued.length) log.info({ queued }, 'scheduled harvests');
    }
    const ran = await runOneJob(db, log, signal).catch((e: unknown) => {
      if (!signal.aborted) log.error({ err: e }, 'worker loop');
      return false;
    });
    if (!ran) await new Promise((r) => setTimeout(r, poll));
  }
  log.info('worker stopped');
}
