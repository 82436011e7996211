// A parsing thread of a run (batch.stream.ts starts it): produces the run's batches, or
// its part of a file run's pieces, with its own connection for the checksum lookups, and
// sends them as the writer asks.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type DatabaseOptions } from '../../db/database.ts';
import { filePieces, produce, type Part, type ProducerSpec } from './batch.producer.ts';
import { pack } from './batch.threads.ts';
import { PreparePool, preparedInOrder } from './prepare.pool.ts';
import * as store from './store.repository.ts';

const port = parentPort!;
/** part: this thread's share of a file run; preparers: prepare threads of an OAI run (0: it prepares its records itself) */
const { spec, database, part, preparers = 0 } = workerData as { spec: ProducerSpec; database: DatabaseOptions; part?: Part; preparers?: number };

/** records of an OAI run in the prepare threads' hands at most, beyond what the writer has credited */
const IN_PREPARATION = 1000;

// records the writer is ready for: a message goes when it is positive, and may overdraw it
let credits = 0;
let wake: (() => void) | undefined;
port.on('message', (m: { type: 'credit'; records: number }) => {
  credits += m.records;
  wake?.();
  wake = undefined;
});

// lookups only: a small page cache (the writer's connection has the large one) and a small pool
const db = openDatabase({ ...database, cacheMb: 8, poolSize: 2 });
const lookup = (ids: string[]) => store.existingRecords(db.db, spec.sourceKey, ids);
const pool = spec.kind === 'oai' && preparers > 0 ? new PreparePool(preparers, { format: spec.format, defaultLanguage: spec.defaultLanguage }) : undefined;
try {
  const out =
    part && spec.kind === 'files' ? filePieces(spec, lookup, part) : pool ? preparedInOrder(produce(spec, lookup, undefined, true), pool, IN_PREPARATION) : produce(spec, lookup);
  for await (const item of out) {
    while (credits <= 0) await new Promise<void>((r) => (wake = r));
    credits -= item.records.length;
    const packed = pack(item);
    port.postMessage({ type: 'batch', batch: packed }, [packed.bytes]);
  }
  port.postMessage({ type: 'done' });
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
} finally {
  await pool?.close();
  await db.close();
}
