// Inputs of the catalogue benchmark: Walters-like NDJSON built from the real Walters
// Art Museum records in ../shared/data/collections/walters/objects (cycled, each copy
// with a fresh ObjectID so every line is a new object), written as one file or as a
// folder of smaller files.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

export const WALTERS_DIR = process.env.CARAVANSERAI_COLLECTIONS
  ? path.join(process.env.CARAVANSERAI_COLLECTIONS, 'walters/objects')
  : path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/data/collections/walters/objects');

export interface WaltersInput {
  /** the real records it cycles through */
  originals: number;
  records: number;
  bytes: number;
  files: string[];
  ms: number;
}

/** The real Walters records, parsed, in file-name order. */
export function readWalters(dir = WALTERS_DIR): Array<Record<string, unknown>> {
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  if (!names.length) throw new Error(`no Walters records in ${dir}`);
  return names.map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as Record<string, unknown>);
}

/**
 * n records as NDJSON: record i is original i mod originals.length with ObjectID
 * 10,000,000 + i (the mapping's identifier). perFile = 0: one file; else files of
 * perFile lines each in `dir`.
 */
export async function writeWaltersNdjson(dir: string, n: number, perFile = 0): Promise<WaltersInput> {
  const t0 = performance.now();
  const originals = readWalters();
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  let out: fs.WriteStream | undefined;
  const open = async (k: number) => {
    if (out) {
      out.end();
      await once(out, 'finish');
    }
    const f = path.join(dir, perFile ? `walters-${String(k).padStart(5, '0')}.ndjson` : 'walters.ndjson');
    files.push(f);
    out = fs.createWriteStream(f);
  };
  await open(0);
  for (let i = 0; i < n; i++) {
    if (perFile && i > 0 && i % perFile === 0) await open(i / perFile);
    const line = `${JSON.stringify({ ...originals[i % originals.length]!, ObjectID: 10_000_000 + i })}\n`;
    bytes += Buffer.byteLength(line);
    if (!out!.write(line)) await once(out!, 'drain');
  }
  out!.end();
  await once(out!, 'finish');
  return { originals: originals.length, records: n, bytes, files, ms: performance.now() - t0 };
}
