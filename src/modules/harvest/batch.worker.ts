// The parsing thread of a run (batch.stream.ts starts it): produces the run's batches
// with its own connection for the checksum lookups, and sends them as the writer asks.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type DatabaseOptions } from '../../db/database.ts';
import { produce, type ProducerSpec } from './batch.producer.ts';
import { packBatch } from './batch.stream.ts';
import * as store from './store.repository.ts';

const port = parentPort!;
const { spec, database } = workerData as { spec: ProducerSpec; database: DatabaseOptions };

// records the writer is ready for: a batch goes when it is positive, and may overdraw it
let credits = 0;
let wake: (() => void) | undefined;
port.on('message', (m: { type: 'credit'; records: number }) => {
  credits += m.records;
  wake?.();
  wake = undefined;
});

const db = openDatabase(database);
try {
  for await (const batch of produce(spec, (ids) => store.existingRecords(db.db, spec.sourceKey, ids))) {
    while (credits <= 0) await new Promise<void>((r) => (wake = r));
    credits -= batch.records.length;
    const packed = packBatch(batch);
    port.postMessage({ type: 'batch', batch: packed }, [packed.bytes]);
  }
  port.postMessage({ type: 'done' });
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
} finally {
  await db.close();
}
