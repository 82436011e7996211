// The batches of a run as the storing side sees them: produced in worker threads when
// the database can be reached from another thread (a SQLite file, PostgreSQL), so that
// fetching, parsing and normalising run on the other cores while this thread writes (an
// OAI-PMH list on one thread, a file run on one per core); produced inline otherwise (an
// in-memory database). Same batches either way.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { shareableOptions } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { assembleFiles, produce, type FilePiece, type FilesSpec, type ProducedBatch, type ProducerSpec } from './batch.producer.ts';
import { startWorker, unpack, type Packed, type PackedBatch } from './batch.threads.ts';
import * as store from './store.repository.ts';

/**
 * Records a thread may have produced ahead of the writer (plus the batch that crosses
 * the line): counted in records, not batches, so that memory stays bounded whatever the
 * provider's page size (250-record pages: four ahead; 1,000-record pages: one). A file
 * run's threads have less each, as there are several of them.
 */
const AHEAD_RECORDS = 1000;
const AHEAD_PER_PARSER = 500;
/** records in one merged batch at most (one transaction) */
const MERGE_UP_TO = 2000;

// The thread's heap is capped so that V8 collects instead of growing: most of what a
// parse allocates is garbage within the page, and an uncapped heap lets it pile up
// (the run's peak RSS is the target, not the heap in use). The cap still holds the
// largest page the OAI client accepts (64 MB) several times over. The young generation
// is sized to the garbage: a LIDO page's trees die young in 48 MB (in 24 MB the thread
// took 15% more CPU), while a file run's threads, several of them, each do with 24 MB
// (the same rate, and 40-90 MB less peak RSS on two threads, 100k NDJSON records).
const OAI_LIMITS = { maxOldGenerationSizeMb: 320, maxYoungGenerationSizeMb: 48 };
const FILE_LIMITS = { maxOldGenerationSizeMb: 320, maxYoungGenerationSizeMb: 24 };

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

export interface StreamOptions {
  /** false: produce in this thread even when a worker could reach the database */
  threads?: boolean;
  /** parsing threads of a file run, each parsing its share of the units (default: one per core, at most four) */
  parsers?: number;
  /**
   * prepare threads of an OAI-PMH run: the list is read on one thread, which hands the
   * parsing of its records to these (prepare.pool.ts; default defaultPreparers, at most
   * MAX_PREPARERS)
   */
  preparers?: number;
  signal?: AbortSignal;
}

/** One per core, at most four: the writer is idle most of the time, parsing is the bottleneck. */
export const defaultParsers = () => Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * Prepare threads of an OAI-PMH run unless told: none below four cores. Each record is
 * then read twice (cut from its page, parsed from its bytes), and on two cores the
 * reader, the writer and one prepare thread took 1.5 times the CPU per record of one
 * thread doing it all, for no gain in rate (50k LIDO records: 1,078 and 1,138 against
 * 1,305 records/s). With cores to spare, the reader's own cost per record halves.
 */
/** each has its own heap (256 MB cap) and, from the sources, its own module loader */
const MAX_PREPARERS = 3;

export const defaultPreparers = () => {
  const cores = os.availableParallelism();
  return cores >= 4 ? Math.min(3, cores - 2) : 0;
};

/** A parsing thread and the messages it has sent that were not taken yet. */
class ParseThread {
  private readonly inbox: Message[] = [];
  private failure: Error | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly worker: Worker;

  constructor(workerData: unknown, limits: typeof OAI_LIMITS) {
    this.worker = startWorker('batch.worker', workerData, limits);
    this.worker.on('message', (m: Message) => {
      this.inbox.push(m);
      this.notify();
    });
    // a fault outside the producer's own handling: out of memory (the heap cap), a module that did not load
    this.worker.on('error', (e) => this.fail(new Error(`the parsing thread failed: ${e.message}`)));
    this.worker.on('exit', (code) => {
      if (!this.inbox.some((m) => m.type === 'done' || m.type === 'error')) this.fail(new Error(`the parsing thread stopped (exit code ${code})`));
    });
  }

  fail(e: Error): void {
    this.failure ??= e;
    this.notify();
  }

  /** Stop taking messages: whatever is asked for next is the abort. */
  abort(): void {
    this.stopped = true;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }

  /** The next message; a failure of the thread (or an abort) once none is left. */
  async next(): Promise<Message> {
    for (;;) {
      if (this.stopped) throw new Error('aborted');
      const m = this.inbox.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** The next message when it is a batch that is already here. */
  queuedBatch(): PackedBatch | undefined {
    const m = this.stopped ? undefined : this.inbox[0];
    if (m?.type !== 'batch') return undefined;
    this.inbox.shift();
    return m.batch;
  }

  credit(records: number): void {
    this.worker.postMessage({ type: 'credit', records });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The parsing threads of a file run: as many as asked, but not more than its units. */
function parsersFor(spec: FilesSpec, asked: number): number {
  if (!spec.units) return asked;
  const units = spec.units.reduce((n, us) => n + us.length, 0);
  return Math.max(1, Math.min(asked, units));
}

/** The pieces of the threads in unit order: unit u comes from thread u % n. */
async function* inUnitOrder(threads: ParseThread[]): AsyncGenerator<FilePiece> {
  for (let u = 0; ; u++) {
    const t = threads[u % threads.length]!;
    for (;;) {
      const m = await t.next();
      if (m.type === 'done') return; // there is no unit u: every file is read
      if (m.type === 'error') throw new Error(m.message);
      const piece = unpack(m.batch as Packed<FilePiece>);
      if (piece.unit !== u) throw new Error(`the parsing threads disagree: unit ${piece.unit} came where unit ${u} was due (did a file change during the run?)`);
      yield piece;
      t.credit(piece.records.length);
      if (piece.last) break;
    }
  }
}

export async function* batchStream(db: Kysely<DB>, spec: ProducerSpec, o: StreamOptions = {}): AsyncGenerator<ProducedBatch> {
  const shared = o.threads === false ? undefined : shareableOptions(db);
  if (!shared) {
    yield* produce(spec, (ids) => store.existingRecords(db, spec.sourceKey, ids), o.signal);
    return;
  }
  const parsers = o.parsers ?? defaultParsers();
  const preparers = Math.max(0, Math.min(MAX_PREPARERS, o.preparers ?? defaultPreparers()));
  const n = spec.kind === 'files' ? parsersFor(spec, parsers) : 1;
  // an OAI list is read on one thread, which hands the records to parse to the others
  const threads = Array.from({ length: n }, (_, index) =>
    spec.kind === 'files'
      ? new ParseThread({ spec, database: shared, part: { of: n, index } }, FILE_LIMITS)
      : new ParseThread({ spec, database: shared, preparers }, OAI_LIMITS),
  );
  const onAbort = () => threads.forEach((t) => t.abort());
  o.signal?.addEventListener('abort', onAbort);
  if (o.signal?.aborted) onAbort();
  for (const t of threads) t.credit(spec.kind === 'files' ? AHEAD_PER_PARSER : AHEAD_RECORDS);
  try {
    if (spec.kind === 'files') {
      yield* assembleFiles(spec, inUnitOrder(threads));
      return;
    }
    const t = threads[0]!;
    for (;;) {
      const m = await t.next();
      if (m.type === 'done') return;
      if (m.type === 'error') throw new Error(m.message);
      // batches that queued while the last one was written go in together: fewer, larger
      // transactions exactly when the writer is the slower side
      const batch = unpack(m.batch as Packed<ProducedBatch>);
      while (batch.records.length < MERGE_UP_TO) {
        const queued = t.queuedBatch();
        if (!queued) break;
        merge(batch, unpack(queued as Packed<ProducedBatch>));
      }
      const records = batch.records.length;
      yield batch;
      t.credit(records);
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
