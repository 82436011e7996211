// fetch -> parse -> prepare: the half of a run that needs no write access. It yields
// batches of prepared records with the checkpoint that follows them, and runs either in
// the process that stores them or in a worker thread (batch.stream.ts), so parsing and
// writing use both cores. A record whose checksum matches the stored one is not parsed.
import type { SourceFormat } from '../sources/source.service.ts';
import { listRecords, OaiError, type ListRecordsParams, type OaiClientOptions } from './fetch/oai-client.ts';
import type { Mapping } from './formats/mapped.ts';
import { fileRecords } from './file-records.ts';
import { checksumOf, prepareRecord, type PreparedRecord } from './ingest.ts';
import { parseContext, parseOaiRecord } from './parse.ts';
import type { ParsedRecord } from './record.types.ts';

interface CommonSpec {
  sourceKey: number;
  format: SourceFormat;
  defaultLanguage: string;
  /** records per batch at least (OAI pages are merged up to it; files are cut at it) */
  batchSize: number;
}

export interface OaiSpec extends CommonSpec {
  kind: 'oai';
  base: string;
  params: Omit<ListRecordsParams, 'signal' | 'resumptionToken'>;
  /** resume from this token (a killed run's checkpoint) */
  token?: string;
  /** plain options only (it crosses to a worker thread): no signal */
  client: Omit<OaiClientOptions, 'signal'>;
}

export interface FilesSpec extends CommonSpec {
  kind: 'files';
  files: string[];
  /** the checkpoint "file:record" to go on from */
  startFile: number;
  startRecord: number;
  mapping?: Mapping;
}

export type ProducerSpec = OaiSpec | FilesSpec;

export interface ProducedBatch {
  records: PreparedRecord[];
  /** where a resumed run goes on after this batch is stored (OAI: the next token; files: "file:record") */
  checkpoint: string | null;
  /** OAI pages (files: 0) in the batch */
  pages: number;
  repairs: string[];
  /** the provider's clock on the first page (the next incremental harvest starts there) */
  responseDate?: string;
  /** completeListSize (OAI) or number of files */
  total?: number;
}

/** The stored checksum of identifiers of the source (absent: never stored). */
export type Lookup = (identifiers: string[]) => Promise<Map<string, { checksum: string; deleted: number }>>;

function aborted(signal?: AbortSignal) {
  if (signal?.aborted) throw new Error('aborted');
}

/** Prepare records, skipping the parse of those whose bytes are already stored. */
async function prepareAll<T>(
  items: T[],
  keyOf: (x: T) => { identifier?: string; raw: Buffer; datestamp?: string; deleted?: boolean },
  parse: (x: T) => ParsedRecord,
  lang: string,
  lookup: Lookup,
): Promise<PreparedRecord[]> {
  const keys = items.map(keyOf);
  const ids = keys.filter((k) => k.identifier && !k.deleted).map((k) => k.identifier!);
  const stored = ids.length ? await lookup(ids) : new Map<string, { checksum: string; deleted: number }>();
  return items.map((x, i) => {
    const k = keys[i]!;
    const checksum = checksumOf(k.raw);
    const before = k.identifier && !k.deleted ? stored.get(k.identifier) : undefined;
    if (before && !before.deleted && before.checksum === checksum)
      return { identifier: k.identifier!, raw: k.raw, checksum, skipped: true, ...(k.datestamp ? { datestamp: k.datestamp } : {}) };
    return prepareRecord(parse(x), lang, checksum);
  });
}

async function* produceOai(spec: OaiSpec, lookup: Lookup, signal?: AbortSignal): AsyncGenerator<ProducedBatch> {
  const ctx = parseContext(spec.defaultLanguage);
  let token = spec.token;
  let pending: ProducedBatch | undefined;
  let repairs: string[] = [];
  for (;;) {
    try {
      for await (const page of listRecords(spec.base, { ...spec.params, ...(token ? { resumptionToken: token } : {}) }, { ...spec.client, ...(signal ? { signal } : {}) })) {
        const records = await prepareAll(page.records, (r) => r, (r) => parseOaiRecord(r, spec.format, ctx), spec.defaultLanguage, lookup);
        token = page.resumptionToken ?? undefined;
        if (!pending) pending = { records: [], checkpoint: null, pages: 0, repairs: [], ...(page.responseDate ? { responseDate: page.responseDate } : {}) };
        pending.records.push(...records);
        pending.checkpoint = page.resumptionToken;
        pending.pages++;
        pending.repairs.push(...repairs, ...page.repairs);
        repairs = [];
        if (page.completeListSize) pending.total = page.completeListSize;
        // pages are merged so that one transaction stores a few hundred records
        if (pending.records.length >= spec.batchSize) {
          yield pending;
          pending = undefined;
        }
      }
      break;
    } catch (e) {
      // an expired token after a resume: start the window again; checksums skip what is stored
      if (e instanceof OaiError && e.code === 'badResumptionToken' && token) {
        repairs.push(`resumption token expired; restarted the list from ${spec.params.from ?? 'the beginning'}`);
        token = undefined;
        continue;
      }
      throw e;
    }
  }
  if (pending) yield pending;
  else if (repairs.length) yield { records: [], checkpoint: null, pages: 0, repairs };
}

async function* produceFiles(spec: FilesSpec, lookup: Lookup, signal?: AbortSignal): AsyncGenerator<ProducedBatch> {
  const ctx = parseContext(spec.defaultLanguage);
  const { files } = spec;
  let batch: ParsedRecord[] = [];
  const flush = async (checkpoint: string): Promise<ProducedBatch> => {
    const records = await prepareAll(batch, (r) => r, (r) => r, spec.defaultLanguage, lookup);
    batch = [];
    return { records, checkpoint, pages: 0, repairs: [], total: files.length };
  };
  for (let f = spec.startFile; f < files.length; f++) {
    aborted(signal);
    let i = 0;
    const skip = f === spec.startFile ? spec.startRecord : 0;
    for await (const record of fileRecords(files[f]!, spec.format, ctx, spec.mapping)) {
      if (i++ < skip) continue; // stored before the run was interrupted
      aborted(signal); // stop between records: the run stays resumable
      batch.push(record);
      // the checkpoint names the next record to read after this batch
      if (batch.length >= spec.batchSize) yield await flush(`${f}:${i}`);
    }
    // the file is done: the checkpoint moves to the next one with the next batch
  }
  if (batch.length) yield await flush(`${files.length}:0`);
}

/** The batches of a run, parsed and prepared, in order. */
export function produce(spec: ProducerSpec, lookup: Lookup, signal?: AbortSignal): AsyncGenerator<ProducedBatch> {
  return spec.kind === 'oai' ? produceOai(spec, lookup, signal) : produceFiles(spec, lookup, signal);
}
