// Prepare threads for an OAI-PMH run. A list is read in order on one thread, as each
// page names the next; what costs (parsing a record's metadata, normalising it, its
// JSON and search text) needs no order. So the thread that reads the list leaves those
// records deferred (batch.producer.ts) and hands them here in chunks, round robin; the
// batches leave in the order they came, each once all its records are back.
import type { Worker } from 'node:worker_threads';
import type { SourceFormat } from '../sources/source.service.ts';
import type { ProducedBatch } from './batch.producer.ts';
import { pack, startWorker } from './batch.threads.ts';
import type { PreparedRecord } from './ingest.ts';
import type { PrepareReply, PrepareRequest, PrepareResult } from './prepare.worker.ts';

/** records per message: small enough to spread a page over the threads, large enough to cost little to send */
const CHUNK = 50;
// a record's tree dies with its record: a small young generation does
const LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 };

interface Waiting {
  resolve(results: PrepareResult[]): void;
  reject(e: Error): void;
}

export class PreparePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  private ids = 0;
  private turn = 0;
  private failure: Error | undefined;

  constructor(size: number, o: { format: SourceFormat; defaultLanguage: string }) {
    this.workers = Array.from({ length: size }, () => {
      const w = startWorker('prepare.worker', o, LIMITS);
      w.on('message', (m: PrepareReply) => {
        const waiting = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if ('error' in m) waiting?.reject(new Error(m.error));
        else waiting?.resolve(m.results);
      });
      w.on('error', (e) => this.fail(new Error(`a prepare thread failed: ${e.message}`)));
      w.on('exit', (code) => this.fail(new Error(`a prepare thread stopped (exit code ${code})`)));
      return w;
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  private send(records: PreparedRecord[]): Promise<PrepareResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.ids++;
    const chunk = pack({ records });
    const w = this.workers[this.turn++ % this.workers.length]!;
    const done = new Promise<PrepareResult[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    w.postMessage({ id, chunk } satisfies PrepareRequest, [chunk.bytes]);
    return done;
  }

  /** The batch's deferred records prepared, in place (they keep their bytes). */
  async prepare(batch: ProducedBatch): Promise<ProducedBatch> {
    const at: number[] = [];
    batch.records.forEach((r, i) => r.deferred && at.push(i));
    const parts: Array<Promise<void>> = [];
    for (let k = 0; k < at.length; k += CHUNK) {
      const idx = at.slice(k, k + CHUNK);
      parts.push(
        this.send(idx.map((i) => batch.records[i]!)).then((results) =>
          idx.forEach((i, j) => {
            const { deferred: _d, ...r } = batch.records[i]!;
            batch.records[i] = { ...r, ...results[j]!, raw: r.raw };
          }),
        ),
      );
    }
    await Promise.all(parts);
    return batch;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the prepare threads were closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * The batches with their deferred records prepared by the pool, in order. The next batch
 * is read (fetched, cut) while the pool works, up to `ahead` records in its hands; the
 * batch at the head leaves as soon as it is prepared, without waiting for a fetch, so
 * what is stored (and checkpointed) is never held back by the network. A failure of the
 * list comes after the batches read before it, as without a pool.
 */
export async function* preparedInOrder(batches: AsyncIterable<ProducedBatch>, pool: PreparePool, ahead: number): AsyncGenerator<ProducedBatch> {
  type Read = { batch?: ProducedBatch; end?: true; failure?: { e: unknown } };
  const it = batches[Symbol.asyncIterator]();
  const queue: Array<{ done: Promise<ProducedBatch>; records: number }> = [];
  let inPool = 0;
  let reading: Promise<Read> | undefined;
  let failure: { e: unknown } | undefined;
  let ended = false;
  const take = (r: Read) => {
    reading = undefined;
    if (r.failure) failure = r.failure;
    if (!r.batch) {
      ended = true;
      return;
    }
    const done = pool.prepare(r.batch);
    done.catch(() => {}); // awaited in turn below
    queue.push({ done, records: r.batch.records.length });
    inPool += r.batch.records.length;
  };
  try {
    for (;;) {
      if (!ended && !reading && (!queue.length || inPool < ahead))
        reading = it.next().then(
          (n): Read => (n.done ? { end: true } : { batch: n.value }),
          (e: unknown): Read => ({ failure: { e } }),
        );
      const head = queue[0];
      if (!head) {
        if (!reading) break;
        take(await reading);
        continue;
      }
      // whichever comes first: the head prepared, or the next batch read
      const first = reading ? await Promise.race([head.done.then(() => undefined), reading]) : undefined;
      if (first) {
        take(first);
        continue;
      }
      queue.shift();
      inPool -= head.records;
      yield await head.done;
    }
    if (failure) throw failure.e;
  } finally {
    if (!ended) await it.return?.();
  }
}
