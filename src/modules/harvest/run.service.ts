// Harvest runs: one run of fetching or importing a source, with its counts and its
// checkpoint. A run is stored page by page together with its checkpoint, so a run
// killed at any instant (kill -9) is found again ("running", its worker gone) and
// resumed from the last page that was stored.
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../shared/ids.ts';
import { notFound } from '../../shared/errors.ts';
import type { Source } from '../sources/source.service.ts';
import { emptyCounts, type Counts } from './ingest.ts';
import * as store from './store.repository.ts';

export type RunKind = 'harvest' | 'import' | 'renormalise';
export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface Run {
  id: number;
  sourceKey: number;
  kind: RunKind;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  worker: string | null;
  fromParam: string | null;
  checkpoint: string | null;
  pages: number;
  counts: Counts;
  maxDatestamp: string | null;
  /** OAI: the first page's responseDate, the `from` of the next incremental harvest */
  nextFrom: string | null;
  repairs: string[];
  error: string | null;
  elapsedMs: number;
}

/** The run report: the counts, duration and rate, as the CLI prints it with --json. */
export interface RunReport extends Counts {
  run: number;
  source: string;
  kind: RunKind;
  status: RunStatus;
  resumed: boolean;
  durationMs: number;
  recordsPerSecond: number;
  repairs: string[];
  error: string | null;
}

export const toRun = (r: store.RunRow): Run => ({
  id: r.id,
  sourceKey: r.source_id,
  kind: r.kind as RunKind,
  status: r.status as RunStatus,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  heartbeatAt: r.heartbeat_at,
  worker: r.worker,
  fromParam: r.from_param,
  checkpoint: r.checkpoint,
  pages: r.pages,
  counts: { ...emptyCounts(), ...(JSON.parse(r.counts) as Partial<Counts>) },
  maxDatestamp: r.max_datestamp,
  nextFrom: r.next_from,
  repairs: r.repairs ? (JSON.parse(r.repairs) as string[]) : [],
  error: r.error,
  elapsedMs: r.elapsed_ms,
});

export const THIS_WORKER = `${os.hostname()}:${process.pid}`;
/** A run whose worker has not written for this long is taken as dead, wherever it ran. */
const STALE_MS = 5 * 60_000;

function workerGone(run: Run): boolean {
  const [host, pid] = (run.worker ?? '').split(':');
  if (host === os.hostname() && pid) {
    if (Number(pid) === process.pid) return false;
    try {
      process.kill(Number(pid), 0);
      return Date.now() - Date.parse(run.heartbeatAt) > STALE_MS;
    } catch {
      return true; // no such process: killed
    }
  }
  return Date.now() - Date.parse(run.heartbeatAt) > STALE_MS;
}

/** A run of this source that was killed mid-way, to resume; undefined when none. */
export async function interruptedRun(db: Kysely<DB>, source: Source, kind: RunKind): Promise<Run | undefined> {
  const runs = (await store.runningRuns(db, source.key)).map(toRun);
  return runs.find((r) => r.kind === kind && workerGone(r));
}

/** Another live process is harvesting this source right now. */
export async function liveRun(db: Kysely<DB>, source: Source): Promise<Run | undefined> {
  const runs = (await store.runningRuns(db, source.key)).map(toRun);
  return runs.find((r) => !workerGone(r));
}

export async function startRun(db: Kysely<DB>, source: Source, kind: RunKind, fromParam: string | null): Promise<Run> {
  const now = nowIso();
  const id = await store.insertRun(db, {
    source_id: source.key,
    kind,
    status: 'running',
    started_at: now,
    finished_at: null,
    heartbeat_at: now,
    worker: THIS_WORKER,
    from_param: fromParam,
    checkpoint: null,
    pages: 0,
    counts: JSON.stringify(emptyCounts()),
    max_datestamp: null,
    next_from: null,
    repairs: null,
    error: null,
    elapsed_ms: 0,
  });
  return toRun((await store.findRun(db, id))!);
}

/** Take over a killed run: this process becomes its worker. */
export async function adoptRun(db: Kysely<DB>, run: Run): Promise<Run> {
  await store.updateRun(db, run.id, { worker: THIS_WORKER, heartbeat_at: nowIso() });
  return { ...run, worker: THIS_WORKER };
}

/** Written in the same transaction as the page it follows. */
export async function checkpointRun(db: Kysely<DB>, run: Run, elapsedMs: number): Promise<void> {
  await store.updateRun(db, run.id, {
    checkpoint: run.checkpoint,
    pages: run.pages,
    counts: JSON.stringify(run.counts),
    max_datestamp: run.maxDatestamp,
    next_from: run.nextFrom,
    repairs: run.repairs.length ? JSON.stringify(run.repairs.slice(-200)) : null,
    heartbeat_at: nowIso(),
    elapsed_ms: elapsedMs,
  });
}

export async function finishRun(db: Kysely<DB>, run: Run, status: RunStatus, elapsedMs: number, error?: string): Promise<Run> {
  await store.updateRun(db, run.id, {
    status,
    finished_at: nowIso(),
    counts: JSON.stringify(run.counts),
    max_datestamp: run.maxDatestamp,
    next_from: run.nextFrom,
    repairs: run.repairs.length ? JSON.stringify(run.repairs.slice(-200)) : null,
    error: error ?? null,
    elapsed_ms: elapsedMs,
  });
  return toRun((await store.findRun(db, run.id))!);
}

export function reportOf(run: Run, source: Source, resumed: boolean): RunReport {
  const seconds = run.elapsedMs / 1000;
  return {
    run: run.id,
    source: source.id,
    kind: run.kind,
    status: run.status,
    resumed,
    ...run.counts,
    durationMs: run.elapsedMs,
    recordsPerSecond: seconds > 0 ? Math.round(run.counts.seen / seconds) : 0,
    repairs: [...new Set(run.repairs)].slice(0, 50),
    error: run.error,
  };
}

export async function getRun(db: Kysely<DB>, id: number): Promise<Run> {
  const r = await store.findRun(db, id);
  if (!r) throw notFound('Run');
  return toRun(r);
}

export async function recentRuns(db: Kysely<DB>, source: Source, limit = 20): Promise<Run[]> {
  return (await store.recentRuns(db, source.key, limit)).map(toRun);
}
