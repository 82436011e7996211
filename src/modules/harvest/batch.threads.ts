// The threads of a run: starting one (compiled, or from the sources through tsx), and
// records on the wire between threads (their bytes in one transferred buffer).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { PreparedRecord } from './ingest.ts';

const here = new URL(import.meta.url);
const ext = path.extname(here.pathname);

/**
 * Start the thread whose module is `name` beside this one: dist/ runs the compiled
 * file; sources (npm start, tests) load it through tsx, registered first in the thread.
 */
export function startWorker(name: string, workerData: unknown, resourceLimits: ResourceLimits): Worker {
  const file = new URL(`./${name}${ext}`, here);
  const options = { workerData, resourceLimits };
  if (ext !== '.ts') return new Worker(file, options);
  // the ESM entry of tsx's API (its "./esm/api" export, import condition)
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

type WithRecords = { records: PreparedRecord[] };

/** A batch (or a file piece) on the wire: every record's bytes in one transferred buffer, not one copy each. */
export type Packed<B extends WithRecords> = Omit<B, 'records'> & {
  records: Array<Omit<PreparedRecord, 'raw'> & { at: number; length: number }>;
  bytes: ArrayBuffer;
};
export type PackedBatch = Packed<WithRecords>;

export function pack<B extends WithRecords>(b: B): Packed<B> {
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

export function unpack<B extends WithRecords>({ bytes, records, ...rest }: Packed<B>): B {
  const buf = Buffer.from(bytes);
  return { ...(rest as unknown as Omit<B, 'records'>), records: records.map(({ at, length, ...r }) => ({ ...r, raw: buf.subarray(at, at + length) })) } as B;
}

