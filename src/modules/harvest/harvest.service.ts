// The ingestion use cases: harvest an OAI-PMH source (incremental, resumable), import
// files (a folder read recursively), and rebuild objects from stored records with no
// network. Each stores page by page: records, counts and checkpoint in one transaction.
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
import { compareDatestamps, fromParameter, granularityOf, identify, listRecords, OaiError, type OaiClientOptions } from './fetch/oai-client.ts';
import type { Mapping } from './formats/mapped.ts';
import { storeBatch, type Counts } from './ingest.ts';
import { parseContext, parseOaiRecord, reparse } from './parse.ts';
import { fileRecords } from './file-records.ts';
import type { ParsedRecord } from './record.types.ts';
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
  /** records per stored batch for file imports */
  batchSize?: number;
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

async function storePage(db: Kysely<DB>, source: Source, run: Run, records: ParsedRecord[], t0: number, elapsedBefore: number, checkpoint: string | null) {
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    const { maxDatestamp } = await storeBatch(trx, source, records, run.counts, { runId: run.id, now });
    run.maxDatestamp = mergeMax(run.maxDatestamp, maxDatestamp);
    run.checkpoint = checkpoint;
    run.pages++;
    await checkpointRun(trx, run, elapsedBefore + Math.round(performance.now() - t0));
  });
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
  const ctx = parseContext(source.defaultLanguage);
  try {
    let token = run.checkpoint ?? undefined;
    if (resumed && run.pages > 0 && !token) {
      // the killed run had stored its last page: nothing is left to fetch
      return await complete(db, source, run, t0, elapsedBefore, resumed);
    }
    for (;;) {
      try {
        for await (const page of listRecords(
          base,
          {
            metadataPrefix: source.metadataPrefix ?? source.format,
            ...(source.setSpec ? { set: source.setSpec } : {}),
            ...(run.fromParam ? { from: run.fromParam } : {}),
            ...(token ? { resumptionToken: token } : {}),
          },
          clientOpts,
        )) {
          run.repairs.push(...page.repairs);
          // the next incremental harvest starts from the provider's clock when this run began
          // (records are not ordered by datestamp: the highest one seen could skip a record
          // changed during the run); kept from the first page, also across a resume
          run.nextFrom ??= page.responseDate || null;
          const parsed = page.records.map((r) => parseOaiRecord(r, source.format, ctx));
          await storePage(db, source, run, parsed, t0, elapsedBefore, page.resumptionToken);
          opts.onProgress?.({ seen: run.counts.seen, pages: run.pages, counts: run.counts, ...(page.completeListSize ? { total: page.completeListSize } : {}) });
          token = page.resumptionToken ?? undefined;
        }
        break;
      } catch (e) {
        // an expired token after a resume: start the window again; checksums skip what is stored
        if (e instanceof OaiError && e.code === 'badResumptionToken' && token) {
          run.repairs.push(`resumption token expired; restarted the list from ${run.fromParam ?? 'the beginning'}`);
          token = undefined;
          continue;
        }
        throw e;
      }
    }
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

/** Run a file or URL source: records in batches; the checkpoint is "file index:record index". */
export async function importSource(db: Kysely<DB>, actor: Actor, source: Source, opts: RunOptions = {}): Promise<RunReport> {
  assertCan(actor, 'harvest.run', { institutionIds: [source.institutionKey] });
  return audited(db, actor, source, importFiles(db, source, opts));
}

async function importFiles(db: Kysely<DB>, source: Source, opts: RunOptions): Promise<RunReport> {
  if (source.kind === 'url') throw new AppError('bad_request', 'Importing from a URL is not available yet: download the file and import it');
  const files = await listFiles((source.location ?? '').split(path.delimiter).filter(Boolean), source.format);
  const { run, resumed } = await beginRun(db, source, 'import', null);
  const t0 = performance.now();
  const elapsedBefore = run.elapsedMs;
  const ctx = parseContext(source.defaultLanguage);
  const batchSize = opts.batchSize ?? 1000;
  const [startFile, startRecord] = (run.checkpoint ?? '0:0').split(':').map(Number) as [number, number];
  try {
    let batch: ParsedRecord[] = [];
    for (let f = startFile; f < files.length; f++) {
      if (opts.signal?.aborted) throw new Error('aborted');
      let i = 0;
      const skip = f === startFile ? startRecord : 0;
      for await (const record of fileRecords(files[f]!, source.format, ctx, (source.mapping ?? undefined) as Mapping | undefined)) {
        if (i++ < skip) continue; // stored before the run was interrupted
        if (opts.signal?.aborted) throw new Error('aborted'); // stop between records: the run stays resumable
        batch.push(record);
        // the checkpoint names the next record to read after this batch
        if (batch.length >= batchSize) {
          await storePage(db, source, run, batch, t0, elapsedBefore, `${f}:${i}`);
          opts.onProgress?.({ seen: run.counts.seen, pages: run.pages, counts: run.counts, total: files.length });
          batch = [];
        }
      }
      // the file is done: the checkpoint moves to the next one with the next batch
    }
    if (batch.length) await storePage(db, source, run, batch, t0, elapsedBefore, `${files.length}:0`);
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

async function renormalise(db: Kysely<DB>, source: Source, opts: RunOptions): Promise<RunReport> {
  const { run, resumed } = await beginRun(db, source, 'renormalise', null);
  const t0 = performance.now();
  const elapsedBefore = run.elapsedMs;
  const ctx = parseContext(source.defaultLanguage);
  let after = Number(run.checkpoint ?? 0);
  try {
    for (;;) {
      const rows = await store.sourceRecordPage(db, source.key, after, opts.batchSize ?? 1000);
      if (!rows.length) break;
      const parsed = rows.map((r): ParsedRecord => {
        const raw = Buffer.from(r.bytes);
        if (r.deleted) return { raw, identifier: r.identifier, deleted: true };
        return reparse(raw, source.format, ctx, { identifier: r.identifier, oai: source.kind === 'oai', ...(source.mapping ? { mapping: source.mapping as Mapping } : {}) });
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
