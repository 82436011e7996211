// The batches of a run as the storing side sees them: produced in a worker thread when
// the database can be reached from another thread (a SQLite file, PostgreSQL), so that
// fetching, parsing and normalising run on one core while this thread writes on the
// other; produced inline otherwise (an in-memory database). Same batches either way.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { shareableOptions } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { produce, type ProducedBatch, type ProducerSpec } from './batch.producer.ts';
import type { PreparedRecord } from './ingest.ts';
import * as store from './store.repository.ts';

/**
 * Records the worker may have produced ahead of the writer (plus the batch that crosses
 * the line): counted in records, not batches, so that memory stays bounded whatever the
 * provider's page size (250-record pages: four ahead; 1,000-record pages: one).
 */
const AHEAD_RECORDS = 1000;
/** records in one merged batch at most (one transaction) */
const MERGE_UP_TO = 2000;

/** A batch on the wire: every record's bytes in one transferred buffer, not one copy each. */
export interface PackedBatch extends Omit<ProducedBatch, 'records'> {
  records: Array<Omit<PreparedRecord, 'raw'> & { at: number; length: number }>;
  bytes: ArrayBuffer;
}

export function packBatch(b: ProducedBatch): PackedBatch {
  let total = 0;
  for (const r of b.records) total += r.raw.length;
  const buf = Buffer.allocUnsafeSlow(total);
  let at = 0;
  const records = b.records.map(({ raw, ...rest }) => {
    raw.copy(buf, at);
    const out = { ...rest, at, length: raw.length };
    at += raw.length;
    return out;
  });
  return { ...b, records, bytes: buf.buffer as ArrayBuffer };
}

export function unpackBatch({ bytes, records, ...rest }: PackedBatch): ProducedBatch {
  const buf = Buffer.from(bytes);
  return { ...rest, records: records.map(({ at, length, ...r }) => ({ ...r, raw: buf.subarray(at, at + length) })) };
}

/** b then c, as one batch (c's checkpoint follows both) */
function merge(b: ProducedBatch, c: ProducedBatch): void {
  b.records.push(...c.records);
  b.checkpoint = c.checkpoint;
  b.pages += c.pages;
  b.repairs.push(...c.repairs);
  b.responseDate ??= c.responseDate;
  if (c.total !== undefined) b.total = c.total;
}

type Message = { type: 'batch'; batch: PackedBatch } | { type: 'done' } | { type: 'error'; message: string };

const here = new URL(import.meta.url);
const ext = path.extname(here.pathname);
const WORKER = new URL(`./batch.worker${ext}`, here);

// The thread's heap is capped so that V8 collects instead of growing: most of what a
// parse allocates is garbage within the page, and an uncapped heap lets it pile up
// (the run's peak RSS is the target, not the heap in use). The cap still holds the
// largest page the OAI client accepts (64 MB) several times over.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 320, maxYoungGenerationSizeMb: 48 };

/** The thread: dist/ runs the compiled file; sources (npm start, tests) load it through tsx, registered first in the thread. */
function startWorker(workerData: unknown): Worker {
  const options = { workerData, resourceLimits: WORKER_LIMITS };
  if (ext !== '.ts') return new Worker(WORKER, options);
  // the ESM entry of tsx's API (its "./esm/api" export, import condition)
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

export interface StreamOptions {
  /** false: produce in this thread even when a worker could reach the database */
  threads?: boolean;
  signal?: AbortSignal;
}

export async function* batchStream(db: Kysely<DB>, spec: ProducerSpec, o: StreamOptions = {}): AsyncGenerator<ProducedBatch> {
  const shared = o.threads === false ? undefined : shareableOptions(db);
  if (!shared) {
    yield* produce(spec, (ids) => store.existingRecords(db, spec.sourceKey, ids), o.signal);
    return;
  }
  const worker = startWorker({ spec, database: shared });
  const inbox: Message[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: Message) => {
    inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    // a fault outside the producer's own handling: out of memory (the heap cap), a module that did not load
    failure ??= new Error(`the parsing thread failed: ${e.message}`);
    notify();
  });
  worker.on('exit', (code) => {
    if (!inbox.some((m) => m.type === 'done' || m.type === 'error')) failure ??= new Error(`the parsing thread stopped (exit code ${code})`);
    notify();
  });
  const onAbort = () => {
    failure ??= new Error('aborted');
    notify();
  };
  o.signal?.addEventListener('abort', onAbort);
  worker.postMessage({ type: 'credit', records: AHEAD_RECORDS });
  try {
    for (;;) {
      const m = inbox.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (o.signal?.aborted) throw new Error('aborted');
      if (m.type === 'done') return;
      if (m.type === 'error') throw new Error(m.message);
      // batches that queued while the last one was written go in together: fewer, larger
      // transactions exactly when the writer is the slower side
      const batch = unpackBatch(m.batch);
      while (inbox[0]?.type === 'batch' && batch.records.length < MERGE_UP_TO) merge(batch, unpackBatch((inbox.shift() as { batch: PackedBatch }).batch));
      const n = batch.records.length;
      yield batch;
      worker.postMessage({ type: 'credit', records: n });
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
