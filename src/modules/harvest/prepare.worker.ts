// A prepare thread of an OAI-PMH run (prepare.pool.ts starts it from the thread that
// reads the list): parses deferred records from their bytes, normalises them, and sends
// back what the writer needs besides the bytes, which stay with the sender.
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceFormat } from '../sources/source.service.ts';
import { unpack, type Packed } from './batch.threads.ts';
import { prepareRecord, type PreparedRecord } from './ingest.ts';
import { parseContext, reparseOaiRecords } from './parse.ts';

export interface PrepareRequest {
  id: number;
  chunk: Packed<{ records: PreparedRecord[] }>;
}
export type PrepareResult = Omit<PreparedRecord, 'raw'>;
export type PrepareReply = { id: number; results: PrepareResult[] } | { id: number; error: string };

const port = parentPort!;
const { format, defaultLanguage } = workerData as { format: SourceFormat; defaultLanguage: string };
const ctx = parseContext(defaultLanguage);

port.on('message', ({ id, chunk }: PrepareRequest) => {
  try {
    const records = unpack(chunk).records;
    const parsed = reparseOaiRecords(records as Array<PreparedRecord & { identifier: string }>, format as 'lido' | 'oai_dc' | 'edm', ctx);
    const results = records.map((d, i) => {
      const { raw: _raw, ...p } = prepareRecord({ ...parsed[i]!, ...(d.datestamp ? { datestamp: d.datestamp } : {}) }, defaultLanguage, d.checksum);
      return p;
    });
    port.postMessage({ id, results } satisfies PrepareReply);
  } catch (e) {
    port.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies PrepareReply);
  }
});
