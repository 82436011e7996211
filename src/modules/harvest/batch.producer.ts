// fetch -> parse -> prepare: the half of a run that needs no write access. It yields
// batches of prepared records with the checkpoint that follows them, and runs either in
// the process that stores them or in a worker thread (batch.stream.ts), so parsing and
// writing use both cores. A record whose checksum matches the stored one is not parsed.
import type { SourceFormat } from '../sources/source.service.ts';
import { headerIdentifiers, listRecords, OaiError, type ListRecordsParams, type OaiClientOptions, type OaiRecord } from './fetch/oai-client.ts';
import type { Mapping } from './formats/mapped.ts';
import { fileUnits, readUnit, unitRecords, type FileUnit, type SliceOptions } from './file-records.ts';
import { checksumOf, prepareRecord, type PreparedRecord } from './ingest.ts';
import { oaiRecordVerdict, parseContext, parseOaiRecord } from './parse.ts';
import type { ParseContext, ParsedRecord } from './record.types.ts';

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
  /** the checkpoint to go on from (FileResume; absent byte: from the file's start) */
  startFile: number;
  startRecord: number;
  startByte?: number;
  startInUnit?: number;
  mapping?: Mapping;
  /** how large files are cut into units (tests cut small ones) */
  slicing?: SliceOptions;
  /** each file's units, planned once for the run (planFiles); absent: each reader cuts them */
  units?: FileUnit[][];
}

export type ProducerSpec = OaiSpec | FilesSpec;

export interface ProducedBatch {
  records: PreparedRecord[];
  /** where a resumed run goes on after this batch is stored (OAI: the next token; files: FileResume) */
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

type Key = { identifier?: string; raw: Buffer; datestamp?: string; deleted?: boolean };
type Stored = Map<string, { checksum: string; deleted: number }>;

/** The stored checksums of the identifiers (none asked: none stored). */
async function storedOf(ids: string[], lookup: Lookup): Promise<Stored> {
  return ids.length ? lookup(ids) : new Map();
}

/** The record as skipped when its bytes are the ones stored (it is then not parsed). */
function skippedOf(x: Key, checksum: string, stored: Stored): PreparedRecord | undefined {
  const before = x.identifier && !x.deleted ? stored.get(x.identifier) : undefined;
  if (before && !before.deleted && before.checksum === checksum)
    return { identifier: x.identifier!, raw: x.raw, checksum, skipped: true, ...(x.datestamp ? { datestamp: x.datestamp } : {}) };
  return undefined;
}

/** Prepare a record, or skip its parse when its bytes are the ones stored. */
function prepareOne<T extends Key>(x: T, parse: (x: T) => ParsedRecord, lang: string, stored: Stored): PreparedRecord {
  const checksum = checksumOf(x.raw);
  return skippedOf(x, checksum, stored) ?? prepareRecord(parse(x), lang, checksum);
}

/**
 * An OAI record whose metadata is to be parsed in a prepare thread (prepare.pool.ts):
 * only what its header and envelope show is decided here (skipped, deleted, a problem).
 */
function deferOne(x: OaiRecord, spec: OaiSpec, ctx: ParseContext, stored: Stored): PreparedRecord {
  const checksum = checksumOf(x.raw);
  const skipped = skippedOf(x, checksum, stored);
  if (skipped) return skipped;
  const verdict = oaiRecordVerdict(x, spec.format, ctx);
  if (verdict) return prepareRecord(verdict, spec.defaultLanguage, checksum);
  return { identifier: x.identifier!, raw: x.raw, checksum, deferred: true, ...(x.datestamp ? { datestamp: x.datestamp } : {}) };
}

/** Prepare records, skipping the parse of those whose bytes are already stored. */
async function prepareAll<T extends Key>(items: T[], parse: (x: T) => ParsedRecord, lang: string, lookup: Lookup): Promise<PreparedRecord[]> {
  const stored = await storedOf(items.filter((k) => k.identifier && !k.deleted).map((k) => k.identifier!), lookup);
  return items.map((x) => prepareOne(x, parse, lang, stored));
}

/**
 * The batches of an OAI-PMH list. `defer`: records to parse are left `deferred` (their
 * metadata is not even built into a tree here) for prepare threads to parse from their
 * bytes, so that the thread that reads the list in order only cuts pages into records.
 */
async function* produceOai(spec: OaiSpec, lookup: Lookup, signal?: AbortSignal, defer = false): AsyncGenerator<ProducedBatch> {
  const ctx = parseContext(spec.defaultLanguage);
  const parse = (r: OaiRecord) => parseOaiRecord(r, spec.format, ctx);
  let token = spec.token;
  let pending: ProducedBatch | undefined;
  let repairs: string[] = [];
  for (;;) {
    try {
      // each record is prepared as the page is parsed, so its tree dies young; the page's
      // stored checksums are looked up first, by the identifiers its headers name
      const reader = async (text: string) => {
        const stored = await storedOf(headerIdentifiers(text), lookup);
        return defer ? (r: OaiRecord) => deferOne(r, spec, ctx, stored) : (r: OaiRecord) => prepareOne(r, parse, spec.defaultLanguage, stored);
      };
      const params = { ...spec.params, ...(token ? { resumptionToken: token } : {}) };
      const client = { ...spec.client, ...(signal ? { signal } : {}), ...(defer ? { shallowMetadata: true } : {}) };
      for await (const page of listRecords(spec.base, params, client, reader)) {
        const records = page.records;
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

/**
 * One thread's share of a file run: the units of the files (whole files, or slices of
 * large line-based ones) are numbered in order, and thread `index` of `of` parses the
 * units u with u % of === index. Every thread numbers them alike, from the same files.
 */
export interface Part {
  of: number;
  index: number;
}

/** Prepared records of one unit, in order; the last piece of a unit says so (it may be empty). */
export interface FilePiece {
  unit: number;
  file: number;
  /** the unit's bytes in its file */
  start: number;
  end: number;
  /** the unit is its file's last */
  fileLast: boolean;
  records: PreparedRecord[];
  last: boolean;
}

/**
 * Where a file run goes on, as its checkpoint says: "file:record:byte:inUnit" is record
 * `record` of file `file`, which is record `inUnit` of the unit that starts at byte
 * `byte` (so a resumed run reads nothing before that unit). "file:record" (older runs)
 * means record `record` counted from the file's start.
 */
export interface FileResume {
  startFile: number;
  startRecord: number;
  startByte: number;
  startInUnit: number;
}

export function fileResume(checkpoint: string | null): FileResume {
  const [startFile = 0, startRecord = 0, startByte = 0, startInUnit] = (checkpoint ?? '0:0').split(':').map(Number);
  return { startFile, startRecord, startByte, startInUnit: startInUnit ?? startRecord };
}

const checkpointOf = (r: FileResume) => `${r.startFile}:${r.startRecord}:${r.startByte}:${r.startInUnit}`;

/**
 * The run's units, planned once before any thread starts (every thread then cuts the
 * files alike without reading them again: a large CSV is scanned for its row ends once),
 * and the resume point checked against them: when no unit starts at its byte (a
 * checkpoint of an older run, cut otherwise), the file is read from its start and its
 * first `startRecord` records are dropped.
 */
export function planFiles(spec: FilesSpec): FilesSpec {
  const units: FileUnit[][] = [];
  for (const [f, file] of spec.files.entries()) units.push(f < spec.startFile ? [] : fileUnits(file, spec.format, spec.slicing));
  const resumeAt = units[spec.startFile];
  const byteOk = !spec.startByte || !resumeAt || resumeAt.some((u) => u.start === spec.startByte);
  return { ...spec, units, ...(byteOk ? {} : { startByte: 0, startInUnit: spec.startRecord }) };
}

/**
 * Records in a piece at most: small pieces cross to the writer soon, so what a thread
 * has parsed does not wait in its heap, and the writer merges them into batches.
 */
const PIECE_RECORDS = 250;

/** The pieces of this part's units (one checksum lookup each); units before the resume point are not read. */
export async function* filePieces(spec: FilesSpec, lookup: Lookup, part: Part, signal?: AbortSignal): AsyncGenerator<FilePiece> {
  const ctx = parseContext(spec.defaultLanguage);
  let unit = 0;
  for (let f = spec.startFile; f < spec.files.length; f++) {
    const file = spec.files[f]!;
    const units = spec.units?.[f] ?? fileUnits(file, spec.format, spec.slicing);
    for (const [k, u] of units.entries()) {
      if (f === spec.startFile && u.start < (spec.startByte ?? 0)) continue; // stored by the run this one resumes
      if (unit++ % part.of !== part.index) continue;
      aborted(signal);
      let batch: ParsedRecord[] = [];
      const piece = async (last: boolean): Promise<FilePiece> => {
        const records = await prepareAll(batch, (r) => r, spec.defaultLanguage, lookup);
        batch = [];
        return { unit: unit - 1, file: f, start: u.start, end: u.end, fileLast: k === units.length - 1, records, last };
      };
      for (const record of unitRecords(u, readUnit(file, u), spec.format, ctx, spec.mapping)) {
        batch.push(record);
        if (batch.length >= PIECE_RECORDS) {
          aborted(signal); // stop between pieces: the run stays resumable
          yield await piece(false);
        }
      }
      yield await piece(true);
    }
  }
}

/**
 * Pieces, in unit order, into the run's batches: the records a killed run stored before
 * are dropped, and each batch carries the checkpoint of the next record to read after it
 * (FileResume). The same batches whichever thread parsed which unit.
 */
export async function* assembleFiles(spec: FilesSpec, pieces: AsyncIterable<FilePiece>): AsyncGenerator<ProducedBatch> {
  const total = spec.files.length;
  const startInUnit = spec.startInUnit ?? spec.startRecord;
  let records: PreparedRecord[] = [];
  let file = spec.startFile;
  let read = spec.startRecord - startInUnit; // records of `file` before the current unit
  let drop = startInUnit; // records read again that the resumed run had stored
  let unit = -1;
  let inUnit = 0;
  for await (const p of pieces) {
    if (p.file !== file) {
      file = p.file;
      read = 0;
      drop = 0;
    }
    if (p.unit !== unit) {
      unit = p.unit;
      inUnit = 0;
    }
    const skip = Math.min(p.records.length, drop);
    drop -= skip;
    read += p.records.length;
    inUnit += p.records.length;
    for (let i = skip; i < p.records.length; i++) records.push(p.records[i]!);
    if (records.length >= spec.batchSize) {
      const next: FileResume = !p.last
        ? { startFile: file, startRecord: read, startByte: p.start, startInUnit: inUnit }
        : p.fileLast
          ? { startFile: file + 1, startRecord: 0, startByte: 0, startInUnit: 0 }
          : { startFile: file, startRecord: read, startByte: p.end, startInUnit: 0 };
      yield { records, checkpoint: checkpointOf(next), pages: 0, repairs: [], total };
      records = [];
    }
  }
  if (records.length) yield { records, checkpoint: `${total}:0`, pages: 0, repairs: [], total };
}

/** The batches of a run, parsed and prepared, in order (`defer`: OAI records to parse are left deferred, see produceOai). */
export function produce(spec: ProducerSpec, lookup: Lookup, signal?: AbortSignal, defer = false): AsyncGenerator<ProducedBatch> {
  return spec.kind === 'oai' ? produceOai(spec, lookup, signal, defer) : assembleFiles(spec, filePieces(spec, lookup, { of: 1, index: 0 }, signal));
}
