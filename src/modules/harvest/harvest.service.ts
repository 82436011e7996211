// The ingestion use cases: harvest an OAI-PMH source (incremental, resumable), import
// files (a folder read recursively), and rebuild objects from stored records with no
// network. Each stores page by page: records, counts and checkpoint in one transaction.
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import { fileSource, getSource, recordHarvestState, SOURCE_FORMATS, type Source, type SourceFormat } from '../sources/source.service.ts';
import { compareDatestamps, fromParameter, granularityOf, identify, type OaiClientOptions } from './fetch/oai-client.ts';
import { loadMappingLookups, type Mapping } from './formats/mapped.ts';
import { prepareRecord, storeBatch, type Counts, type PreparedRecord, type Reprepare } from './ingest.ts';
import { parseContext, reparse } from './parse.ts';
import { batchStream } from './batch.stream.ts';
import { fileResume, planFiles, type ProducedBatch, type ProducerSpec } from './batch.producer.ts';
import { adoptRun, checkpointRun, finishRun, interruptedRun, liveRun, reportOf, startRun, type Run, type RunKind, type RunReport } from './run.service.ts';
import * as store from './store.repository.ts';

export interface Progress {
  (p: { seen: number; pages: number; counts: Counts; total?: number }): void;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: Progress;
  /** OAI client options (tests shorten retries) */
  oai?: OaiClientOptions;
  /** records per stored batch (OAI pages are merged up to it) */
  batchSize?: number;
  /** false: parse in this thread, not in a worker thread (default: a worker whenever the database allows) */
  threads?: boolean;
  /** parsing threads of a file run (default: one per core, at most four; see StreamOptions.parsers) */
  parsers?: number;
  /** prepare threads of an OAI-PMH run (default: defaultPreparers, none below four cores) */
  preparers?: number;
}

/**
 * The source with the lookups of its mapping loaded from their folders ("files": an
 * export's side tables, such as M+'s constituents_JSON, sit beside or above its records).
 * Looked for from the source's first path, at each import and each renormalise, so that
 * a rebuild sees the same names; what cannot be loaded is said in the run's report.
 */
function withLookups(source: Source, notes: string[], opts: { rebuild: boolean }): Source {
  const mapping = source.mapping as Mapping | undefined;
  if (source.kind !== 'file' || !mapping?.lookups || !Object.values(mapping.lookups).some((l) => l.files)) return source;
  const first = (source.location ?? '').split(path.delimiter).find(Boolean);
  if (!first) return source;
  const base = statSync(first, { throwIfNoEntry: false })?.isDirectory() ? first : path.dirname(first);
  const loaded = loadMappingLookups(mapping, base);
  // a rebuild without the side records would strip every object of what they gave (makers' names)
  if (opts.rebuild && loaded.missing.length) throw new AppError('bad_request', `renormalise needs the mapping's lookup folders: ${loaded.notes.join('; ')}`);
  const fresh = loaded.notes.filter((n) => !notes.includes(n)); // a resumed run has them already
  notes.push(...fresh.slice(0, 20));
  if (fresh.length > 20) notes.push(`… and ${fresh.length - 20} more notes on the mapping's lookups`);
  return { ...source, mapping: loaded.mapping };
}

/** A record skipped by checksum (not parsed) that must be stored after all: read its bytes again. */
function reprepareFor(source: Source): Reprepare {
  const ctx = parseContext(source.defaultLanguage);
  return (p: PreparedRecord) => {
    const r = reparse(p.raw, source.format, ctx, { identifier: p.identifier!, oai: source.kind === 'oai', ...(source.mapping ? { mapping: source.mapping as Mapping } : {}) });
    return prepareRecord({ ...r, ...(p.datestamp ? { datestamp: p.datestamp } : {}) }, source.defaultLanguage, p.checksum);
  };
}

/** Begin a run, or take over a killed one of the same kind. Refuses while another live process runs the source. */
async function beginRun(db: Kysely<DB>, source: Source, kind: RunKind, fromParam: string | null): Promise<{ run: Run; resumed: boolean }> {
  const killed = await interruptedRun(db, source, kind);
  if (killed) return { run: await adoptRun(db, killed), resumed: true };
  const live = await liveRun(db, source);
  if (live) throw conflict(`Source ${source.id} is being ${live.kind === 'import' ? 'imported' : 'harvested'} by ${live.worker} (run ${live.id})`);
  return { run: await startRun(db, source, kind, fromParam), resumed: false };
}

function mergeMax(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return compareDatestamps(a, b) >= 0 ? a : b;
}

async function storePage(db: Kysely<DB>, source: Source, run: Run, batch: ProducedBatch, t0: number, elapsedBefore: number, reprepare: Reprepare) {
  const now = nowIso();
  run.repairs.push(...batch.repairs);
  // the next incremental harvest starts from the provider's clock when this run began
  // (records are not ordered by datestamp: the highest one seen could skip a record
  // changed during the run); kept from the first page, also across a resume
  if (batch.responseDate) run.nextFrom ??= batch.responseDate;
  await inTransaction(db, async (trx) => {
    const { maxDatestamp } = await storeBatch(trx, source, batch.records, run.counts, { runId: run.id, now, reprepare });
    run.maxDatestamp = mergeMax(run.maxDatestamp, maxDatestamp);
    run.checkpoint = batch.checkpoint;
    run.pages += batch.pages || 1;
    await checkpointRun(trx, run, elapsedBefore + Math.round(performance.now() - t0));
  });
}

const specOf = (source: Source, batchSize: number) => ({ sourceKey: source.key, format: source.format, defaultLanguage: source.defaultLanguage, batchSize });

/** Every batch of the run stored as it comes (produced in a worker thread when the database allows). */
async function storeAll(db: Kysely<DB>, source: Source, run: Run, spec: ProducerSpec, opts: RunOptions, t0: number, elapsedBefore: number): Promise<void> {
  const stream = batchStream(db, spec, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.threads === false ? { threads: false } : {}),
    ...(opts.parsers ? { parsers: opts.parsers } : {}),
    ...(opts.preparers !== undefined ? { preparers: opts.preparers } : {}),
  });
  const reprepare = reprepareFor(source);
  for await (const batch of stream) {
    await storePage(db, source, run, batch, t0, elapsedBefore, reprepare);
    opts.onProgress?.({ seen: run.counts.seen, pages: run.pages, counts: run.counts, ...(batch.total ? { total: batch.total } : {}) });
  }
}

/** A run started by a person is a change by a person: it goes to the audit trail with its counts. */
async function audited(db: Kysely<DB>, actor: Actor, source: Source, report: Promise<RunReport>): Promise<RunReport> {
  const r = await report;
  await recordAudit(db, actor, {
    action: `source.${r.kind}`,
    entityType: 'source',
    entityId: source.id,
    summary: `${r.kind} run ${r.run} ${r.status}: ${r.seen} seen, ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.deleted} deleted, ${r.quarantined} quarantined`,
  });
  return r;
}

/** Harvest an OAI-PMH source: incremental from the last successful datestamp, resumable after a kill. */
export async function harvestSource(db: Kysely<DB>, actor: Actor, sourceId: string, opts: RunOptions = {}): Promise<RunReport> {
  const source = await getSource(db, sourceId);
  assertCan(actor, 'harvest.run', { institutionIds: [source.institutionKey] });
  if (source.kind !== 'oai') return importSource(db, actor, source, opts);
  return audited(db, actor, source, harvestOai(db, source, opts));
}

async function harvestOai(db: Kysely<DB>, source: Source, opts: RunOptions): Promise<RunReport> {
  const base = source.baseUrl!;
  // salvage: a page with one broken record still yields the others (the broken one is quarantined)
  const clientOpts: OaiClientOptions = { salvage: true, ...opts.oai, ...(opts.signal ? { signal: opts.signal } : {}) };
  let granularity = source.granularity;
  if (!granularity) {
    granularity = granularityOf(await identify(base, clientOpts));
    await recordHarvestState(db, source.key, { granularity });
  }
  const from = fromParameter(source.lastDatestamp, granularity) ?? null;
  const { run, resumed } = await beginRun(db, source, 'harvest', from);
  const t0 = performance.now();
  const elapsedBefore = run.elapsedMs;
  try {
    const token = run.checkpoint ?? undefined;
    if (resumed && run.pages > 0 && !token) {
      // the killed run had stored its last page: nothing is left to fetch
      return await complete(db, source, run, t0, elapsedBefore, resumed);
    }
    const { signal: _signal, ...client } = clientOpts;
    const spec: ProducerSpec = {
      kind: 'oai',
      ...specOf(source, opts.batchSize ?? 1), // a page per batch (the writer merges pages that queue up)
      base,
      params: {
        metadataPrefix: source.metadataPrefix ?? source.format,
        ...(source.setSpec ? { set: source.setSpec } : {}),
        ...(run.fromParam ? { from: run.fromParam } : {}),
      },
      ...(token ? { token } : {}),
      client,
    };
    await storeAll(db, source, run, spec, opts, t0, elapsedBefore);
    return await complete(db, source, run, t0, elapsedBefore, resumed);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // a run stopped by the process (signal) stays "running" so the next start resumes it
    if (opts.signal?.aborted) throw e;
    const failed = await finishRun(db, run, 'failed', elapsedBefore + Math.round(performance.now() - t0), message);
    return reportOf(failed, source, resumed);
  }
}

async function complete(db: Kysely<DB>, source: Source, run: Run, t0: number, elapsedBefore: number, resumed: boolean): Promise<RunReport> {
  const done = await finishRun(db, run, 'succeeded', elapsedBefore + Math.round(performance.now() - t0));
  await recordHarvestState(db, source.key, {
    lastDatestamp: done.nextFrom ?? mergeMax(source.lastDatestamp, done.maxDatestamp),
    lastSuccessAt: nowIso(),
  });
  return reportOf(done, source, resumed);
}

// ---- files ---------------------------------------------------------------------

const EXTENSIONS: Record<string, string[]> = {
  lido: ['.xml', '.lido'],
  oai_dc: ['.xml'],
  edm: ['.xml', '.rdf'],
  csv: ['.csv', '.tsv', '.txt'],
  json: ['.json', '.ndjson', '.jsonl'],
  'linked-art': ['.json', '.jsonld'],
  iiif: ['.json'],
  draft: ['.ndjson', '.jsonl'],
};

/** Files of a path: itself, or a folder read recursively, in a stable order. */
export async function listFiles(paths: string[], format: SourceFormat): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string) => {
    const st = await fs.stat(p);
    if (st.isDirectory()) {
      const names = (await fs.readdir(p)).sort();
      for (const n of names) if (!n.startsWith('.')) await walk(path.join(p, n));
    } else if (st.isFile() && (paths.includes(p) || EXTENSIONS[format]!.includes(path.extname(p).toLowerCase()))) out.push(p);
  };
  for (const p of paths) await walk(path.resolve(p));
  return out;
}

export interface ImportInput {
  institution: string;
  format: string;
  paths: string[];
  mapping?: Mapping;
  defaultLanguage?: string;
  isDemo?: boolean;
}

/** caravanserai import PATH… --institution --format [--mapping]: a file source, then a run over its files. */
export async function importPaths(db: Kysely<DB>, actor: Actor, input: ImportInput, opts: RunOptions = {}): Promise<RunReport> {
  if (!(SOURCE_FORMATS as readonly string[]).includes(input.format))
    throw invalid([{ field: 'format', message: `must be one of ${SOURCE_FORMATS.join(', ')}` }]);
  const inst = await getInstitution(db, input.institution);
  assertCan(actor, 'harvest.run', { institutionIds: [inst.key] });
  const location = input.paths.map((p) => path.resolve(p)).join(path.delimiter);
  const source = await fileSource(db, actor, {
    institution: inst.id,
    kind: 'file',
    format: input.format,
    location,
    ...(input.mapping ? { mapping: input.mapping } : {}),
    ...(input.defaultLanguage ? { defaultLanguage: input.defaultLanguage } : {}),
    ...(input.isDemo ? { isDemo: true } : {}),
  });
  return importSource(db, actor, source, opts);
}

/** Run a file or URL source: records in batches; the checkpoint says which file, record and unit come next (FileResume). */
export async function importSource(db: Kysely<DB>, actor: Actor, source: Source, opts: RunOptions = {}): Promise<RunReport> {
  assertCan(actor, 'harvest.run', { institutionIds: [source.institutionKey] });
  return audited(db, actor, source, importFiles(db, source, opts));
}

async function importFiles(db: Kysely<DB>, given: Source, opts: RunOptions): Promise<RunReport> {
  if (given.kind === 'url') throw new AppError('bad_request', 'Importing from a URL is not available yet: download the file and import it');
  const files = await listFiles((given.location ?? '').split(path.delimiter).filter(Boolean), given.format);
  const { run, resumed } = await beginRun(db, given, 'import', null);
  const t0 = performance.now();
  const elapsedBefore = run.elapsedMs;
  let source = given;
  try {
    source = withLookups(given, run.repairs, { rebuild: false });
    const spec: ProducerSpec = planFiles({
      kind: 'files',
      ...specOf(source, opts.batchSize ?? 1000),
      files,
      ...fileResume(run.checkpoint),
      ...(source.mapping ? { mapping: source.mapping as Mapping } : {}),
    });
    await storeAll(db, source, run, spec, opts, t0, elapsedBefore);
    return await complete(db, source, run, t0, elapsedBefore, resumed);
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    const failed = await finishRun(db, run, 'failed', elapsedBefore + Math.round(performance.now() - t0), e instanceof Error ? e.message : String(e));
    return reportOf(failed, source, resumed);
  }
}

// ---- renormalise -----------------------------------------------------------------

/** Rebuild objects from the stored records, with no network (after a parser or normaliser improves). */
export async function renormaliseSource(db: Kysely<DB>, actor: Actor, sourceId: string, opts: RunOptions = {}): Promise<RunReport> {
  const source = await getSource(db, sourceId);
  assertCan(actor, 'harvest.run', { institutionIds: [source.institutionKey] });
  return audited(db, actor, source, renormalise(db, source, opts));
}

async function renormalise(db: Kysely<DB>, given: Source, opts: RunOptions): Promise<RunReport> {
  const { run, resumed } = await beginRun(db, given, 'renormalise', null);
  const t0 = performance.now();
  const elapsedBefore = run.elapsedMs;
  let source = given;
  const ctx = parseContext(given.defaultLanguage);
  let after = Number(run.checkpoint ?? 0);
  try {
    source = withLookups(given, run.repairs, { rebuild: true });
    for (;;) {
      const rows = await store.sourceRecordPage(db, source.key, after, opts.batchSize ?? 1000);
      if (!rows.length) break;
      const parsed = rows.map((r): PreparedRecord => {
        const raw = Buffer.from(r.bytes);
        if (r.deleted) return { raw, identifier: r.identifier, deleted: true, checksum: r.checksum };
        const p = reparse(raw, source.format, ctx, { identifier: r.identifier, oai: source.kind === 'oai', ...(source.mapping ? { mapping: source.mapping as Mapping } : {}) });
        return prepareRecord(p, source.defaultLanguage, r.checksum);
      });
      after = rows[rows.length - 1]!.id;
      const now = nowIso();
      await inTransaction(db, async (trx) => {
        await storeBatch(trx, source, parsed, run.counts, { runId: run.id, now, force: true });
        run.checkpoint = String(after);
        run.pages++;
        await checkpointRun(trx, run, elapsedBefore + Math.round(performance.now() - t0));
      });
      opts.onProgress?.({ seen: run.counts.seen, pages: run.pages, counts: run.counts });
    }
    const done = await finishRun(db, run, 'succeeded', elapsedBefore + Math.round(performance.now() - t0));
    return reportOf(done, source, resumed);
  } catch (e) {
    const failed = await finishRun(db, run, 'failed', elapsedBefore + Math.round(performance.now() - t0), e instanceof Error ? e.message : String(e));
    return reportOf(failed, source, resumed);
  }
}
