// Catalogue ingestion benchmark (issue 3): end-to-end records/s and peak RSS for
// (a) LIDO harvested over OAI-PMH on loopback and (b) Walters JSON records imported with
// a mapping, each beside (c) a raw bulk insert of the same rows into the same database
// in the same run (the ratio), plus a re-harvest of (a) with nothing changed. Prints
// tables and one JSON line; asserts nothing.
//
//   npm run bench:catalogue
//   DATABASE_URL=postgres://… npm run bench:catalogue   (also PostgreSQL: a fresh
//        database created next to that one and dropped afterwards)
//
// How it runs:
// - the OAI-PMH provider (test/support/oai-provider.ts, generateLidoRecords) runs in a
//   child process of its own and serves every page from a disk cache it builds before
//   any clock starts (--cache --warm), so the harvester's RSS and CPU are measured alone
//   and the provider costs the machine little CPU (the table shows how much);
// - every harvest and import runs as `node bin/caravanserai.mjs harvest|import … --json`
//   in a child process (TypeScript through tsx unless dist/ is built), whose
//   /proc/PID/status (VmRSS, VmHWM) and /proc/PID/stat (CPU) are sampled every 50 ms;
//   records/s is the run report's (seen / run time inside the process), wall is spawn
//   to exit; the CLI's own start-up CPU (`caravanserai source list`) is measured once
//   and taken off the CPU per record;
// - the machine is shared: besides records/s, every run shows its CPU time per record
//   (harvester + PostgreSQL backends) and the CPU every other process used meanwhile;
//   records per CPU-second is the figure to compare between runs on a busy machine;
// - (a2) the re-harvest resets the source's last datestamp first, so the whole list
//   comes again and every record is skipped by checksum (an incremental harvest of an
//   unchanged provider fetches nothing);
// - (b') besides the one NDJSON file the issue asks for, the same records as a folder of
//   smaller files (does memory or speed depend on the file size?);
// - (c) raw bulk insert: the rows the run left in source_records and objects for that
//   source are copied into fresh tables made like them (same columns, unique
//   constraints, indexes, foreign keys) in one transaction: better-sqlite3 prepared
//   multi-row INSERTs with the app's pragmas on SQLite, multi-row INSERTs through one pg
//   client on PostgreSQL. Reading the rows back is not timed; a record is one
//   source_records row plus one objects row;
// - search indexing: the catalogue's index is the folded `search_text` column that
//   prepareRecord fills (objectSearchText), so it is inside the end-to-end figures; its
//   CPU cost is also measured apart on a sample of the stored objects;
// - bounded: everything shares BENCH_BUDGET; each run gets an equal share of what is
//   left and is stopped (SIGTERM, then SIGKILL after 10 s) when its share is spent: its
//   figures are then those of its last checkpoint, and the table says "stopped". Temp
//   dirs, the provider and the PostgreSQL database go away on every exit path.
//
// Knobs (environment): BENCH_RECORDS (100000), BENCH_PAGE_SIZE (250 records per OAI
// page), BENCH_JSON_FOLDER (1; 0 skips (b')), BENCH_JSON_PER_FILE (1000 lines per file
// of (b')), BENCH_BUDGET (570 s for the whole benchmark), BENCH_RUN_TIMEOUT (240 s per
// run at most), BENCH_DIALECTS (sqlite,postgres), BENCH_PROFILE (1: the children run
// with --cpu-prof and the report shows where their main thread's CPU went; the figures
// are then the profiled ones), BENCH_PROFILE_DIR (keep the .cpuprofile files there),
// BENCH_LOG_LEVEL (LOG_LEVEL of the children), BENCH_INDEX_SAMPLE (20000), BENCH_PARSERS (the --parsers of every run; default: the CLI's).
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import type { DB } from '../src/db/schema.ts';
import { DEFAULT_SEED, open } from '../src/main.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { systemActor } from '../src/modules/accounts/permission.policy.ts';
import { loadSeed, readSeedFile } from '../src/modules/alliance/alliance.seed.ts';
import { createSource } from '../src/modules/sources/source.service.ts';
import { objectSearchText, type Counts } from '../src/modules/harvest/ingest.ts';
import { defaultParsers, defaultPreparers } from '../src/modules/harvest/batch.stream.ts';
import type { NormalisedObject } from '../src/modules/harvest/normalise/normalise.ts';
import { writeWaltersNdjson, type WaltersInput } from './catalogue.data.ts';
import { summariseProfile, type ProfileSummary } from './catalogue.profile.ts';

/** the CPU profile of one thread of a run */
type ThreadProfile = ProfileSummary & { thread: string };
import { envInt, sleep, r1, mb, say, procStatus, procCpuSeconds, machineBusySeconds, selfCpuSeconds, machine, sqliteVersion, table } from './measure.ts';
import { children, cleanup, pgDrops, stopChild, tempDirs } from './cleanup.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/caravanserai.mjs');
const PROVIDER = path.join(ROOT, 'test/support/oai-provider.ts');
const MAPPING = path.join(ROOT, 'mappings/walters.json');

const RECORDS = envInt('BENCH_RECORDS', 100_000);
const PAGE_SIZE = envInt('BENCH_PAGE_SIZE', 250);
const JSON_FOLDER = envInt('BENCH_JSON_FOLDER', 1) === 1;
const JSON_PER_FILE = envInt('BENCH_JSON_PER_FILE', 1000);
const BUDGET_S = envInt('BENCH_BUDGET', 570);
const RUN_TIMEOUT_S = envInt('BENCH_RUN_TIMEOUT', 240);
const PROFILE = envInt('BENCH_PROFILE', 0) === 1;
const PROFILE_KEEP = process.env.BENCH_PROFILE_DIR?.trim() || undefined;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL?.trim() || undefined;
const INDEX_SAMPLE = envInt('BENCH_INDEX_SAMPLE', 20_000);
const PARSERS = envInt('BENCH_PARSERS', 0); // 0: the CLI's default
const parsersArg = PARSERS ? ['--parsers', String(PARSERS)] : [];
const WANT = (process.env.BENCH_DIALECTS?.trim() || 'sqlite,postgres').split(',').map((x) => x.trim());
const TARGET = { lido: 5000, json: 15000, rssMb: 500 };
const SAMPLE_MS = 50;
const WATCHDOG_MS = (BUDGET_S + 120) * 1000;
const LIDO_INSTITUTION = 'national-museum-of-china';
const JSON_INSTITUTION = 'china-national-silk-museum';
const JSON_FOLDER_INSTITUTION = 'fujian-museum';

const T_START = performance.now();
const remainingS = () => BUDGET_S - (performance.now() - T_START) / 1000;

// ---------------------------------------------------------------- machine facts

async function pgQuery<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------- stores

type Dialect = { kind: 'sqlite' } | { kind: 'postgres'; baseUrl: string };

interface Store {
  kind: 'sqlite' | 'postgres';
  label: string;
  dataDir: string;
  env: Record<string, string | undefined>;
  config: Config;
  /** PostgreSQL: the database's name and URL, and the URL it was created next to */
  pgName?: string;
  pgUrl?: string;
  pgBaseUrl?: string;
  dispose(): Promise<void>;
}

let storeSeq = 0;

async function freshStore(d: Dialect, work: string): Promise<Store> {
  const dataDir = await fsp.mkdtemp(path.join(work, 'data-'));
  const rmDir = () => fsp.rm(dataDir, { recursive: true, force: true });
  if (d.kind === 'sqlite') {
    const config = loadConfig({ DATA_DIR: dataDir });
    return { kind: 'sqlite', label: config.sqlitePath, dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: undefined }, config, dispose: rmDir };
  }
  const name = `caravanserai_catbench_${process.pid}_${++storeSeq}`;
  await pgQuery(d.baseUrl, `CREATE DATABASE "${name}"`);
  const u = new URL(d.baseUrl);
  u.pathname = `/${name}`;
  const url = u.href;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await pgQuery(d.baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  pgDrops.push(drop);
  const env = { DATA_DIR: dataDir, DATABASE_URL: url };
  return {
    kind: 'postgres',
    label: `database ${name}`,
    dataDir,
    env,
    config: loadConfig(env),
    pgName: name,
    pgUrl: url,
    pgBaseUrl: d.baseUrl,
    async dispose() {
      await drop();
      await rmDir();
    },
  };
}

/** Migrate, seed the alliance (its institutions own the sources), register the OAI source. */
async function prepare(store: Store, baseUrl: string): Promise<{ lidoSource: string; ms: number }> {
  const t0 = performance.now();
  const database = open(store.config);
  try {
    await migrateToLatest(database.db);
    await loadSeed(database.db, systemActor('seed'), await readSeedFile(DEFAULT_SEED));
    const s = await createSource(database.db, systemActor('bench'), {
      institution: LIDO_INSTITUTION,
      kind: 'oai',
      format: 'lido',
      baseUrl,
      metadataPrefix: 'lido',
      defaultLanguage: 'en',
    });
    return { lidoSource: s.id, ms: performance.now() - t0 };
  } finally {
    await database.close();
  }
}

/** Small SQL on the store through the app's own connection setup. */
async function withDb<T>(store: Store, fn: (db: ReturnType<typeof open>['db']) => Promise<T>): Promise<T> {
  const database = open(store.config);
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

async function sourceKeyOf(store: Store, where: { uid?: string; institution?: string }): Promise<{ key: number; uid: string }> {
  return withDb(store, async (db) => {
    let q = db.selectFrom('sources').innerJoin('institutions', 'institutions.id', 'sources.institution_id').select(['sources.id as key', 'sources.uid as uid']);
    if (where.uid) q = q.where('sources.uid', '=', where.uid);
    if (where.institution) q = q.where('institutions.slug', '=', where.institution);
    const r = await q.orderBy('sources.id', 'desc').executeTakeFirstOrThrow();
    return { key: Number(r.key), uid: r.uid };
  });
}

// ---------------------------------------------------------------- the provider

interface ProviderProc {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  warmMs: number;
  cacheMb: number;
}

async function startProvider(cacheDir: string): Promise<ProviderProc> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', PROVIDER, '--generate', String(RECORDS), '--page-size', String(PAGE_SIZE), '--cache', cacheDir, '--warm'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`the provider did not start within 300 s: ${err}`)), 300_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the provider exited (${code}): ${err}`));
    });
  });
  const { baseUrl } = JSON.parse(line) as { baseUrl: string };
  const cacheMb = r1(fs.readdirSync(cacheDir).reduce((s, f) => s + fs.statSync(path.join(cacheDir, f)).size, 0) / 2 ** 20);
  return { child, pid: child.pid!, baseUrl, warmMs: performance.now() - t0, cacheMb };
}

// ---------------------------------------------------------------- a run in a child process

interface RunReport extends Counts {
  run: number;
  status: string;
  durationMs: number;
  recordsPerSecond: number;
  error: string | null;
}

interface RunFigures {
  name: string;
  /** done; stopped (by the budget or once it had seen what it was to see: figures from its last checkpoint); failed; skipped */
  outcome: 'done' | 'stopped' | 'failed' | 'skipped';
  counts: Counts | null;
  seen: number;
  /** the run report's records/s, or seen / elapsed at the last checkpoint of a stopped run */
  rate: number;
  durationS: number;
  wallS: number;
  vmHwmMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** VmRSS (MB) at each tenth of the child's life: does memory follow the record count? */
  rssTimelineMb: number[];
  childCpuS: number;
  childCpuPct: number;
  providerCpuPct: number | null;
  dbCpuS: number | null;
  dbCpuPct: number | null;
  benchCpuPct: number;
  otherCpuPct: number;
  /** (child CPU − the CLI's start-up CPU + PostgreSQL backends' CPU) per record */
  cpuMsPerRecord: number | null;
  /** 1000 / cpuMsPerRecord: the rate with a core to itself */
  recordsPerCpuS: number | null;
  loadAvg1: number;
  samples: number;
  timeoutS: number;
  profiles?: ThreadProfile[];
  note?: string;
}

/** CPU of the PostgreSQL backends serving one database, polled (backends of a child die with it). */
function pgBackendSampler(baseUrl: string, dbName: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  const seen = new Map<number, { first: number; last: number }>();
  let stopped = false;
  let loop: Promise<void> = Promise.resolve();
  const backends = async () => (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName])).rows;
  return {
    async start(): Promise<void> {
      await client.connect();
      // backends alive before the run: only their CPU from now on counts
      for (const r of await backends()) {
        const cpu = procCpuSeconds(r.pid);
        if (!Number.isNaN(cpu)) seen.set(r.pid, { first: cpu, last: cpu });
      }
      loop = (async () => {
        while (!stopped) {
          try {
            for (const r of await backends()) {
              const cpu = procCpuSeconds(r.pid);
              if (Number.isNaN(cpu)) continue;
              const e = seen.get(r.pid);
              if (e) e.last = cpu;
              else seen.set(r.pid, { first: 0, last: cpu }); // started during the run: all of it counts
            }
          } catch {
            /* next poll */
          }
          await sleep(200);
        }
      })();
    },
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      await client.end().catch(() => undefined);
      return [...seen.values()].reduce((s, e) => s + (e.last - e.first), 0);
    },
  };
}

interface Measured {
  code: number | null;
  out: string;
  err: string;
  wallS: number;
  cpuS: number;
  hwmKb: number;
  rssPeakKb: number;
  rssLastKb: number;
  samples: number;
  /** [seconds since spawn, VmRSS kB], every sample */
  rssSeries: Array<[number, number]>;
  stoppedBy: 'timeout' | 'watch' | null;
  providerCpuS: number;
  selfCpuS: number;
  allCpuS: number;
  dbCpuS: number | null;
}

/** Spawn `node bin/caravanserai.mjs ARGS`, sample its memory and CPU, stop it on timeout or when watch() says so. */
async function spawnMeasured(
  args: string[],
  store: Store,
  o: { provider?: ProviderProc; timeoutS: number; nodeArgs?: string[]; watch?: () => Promise<boolean> },
): Promise<Measured> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...store.env, ...(LOG_LEVEL ? { LOG_LEVEL } : {}) })) if (v !== undefined) env[k] = v;
  const pgSampler = store.kind === 'postgres' ? pgBackendSampler(store.pgBaseUrl!, store.pgName!) : undefined;
  await pgSampler?.start();
  const prov0 = o.provider ? procCpuSeconds(o.provider.pid) : 0;
  const self0 = selfCpuSeconds();
  const all0 = machineBusySeconds();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const pid = child.pid!;
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-8000)));
  const m = { hwmKb: 0, rssPeakKb: 0, rssLastKb: 0, cpuS: 0, samples: 0, rssSeries: [] as Array<[number, number]> };
  const sample = () => {
    const s = procStatus(pid);
    if (!s) return;
    const cpu = procCpuSeconds(pid);
    if (!Number.isNaN(cpu)) m.cpuS = cpu;
    m.samples++;
    m.rssSeries.push([(performance.now() - t0) / 1000, s.rssKb]);
    m.hwmKb = Math.max(m.hwmKb, s.hwmKb);
    m.rssPeakKb = Math.max(m.rssPeakKb, s.rssKb);
    m.rssLastKb = s.rssKb;
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  let stoppedBy: Measured['stoppedBy'] = null;
  const stop = (why: 'timeout' | 'watch') => {
    if (stoppedBy) return;
    stoppedBy = why;
    sample();
    child.kill('SIGTERM'); // the CLI stops a run between pages; it stays resumable
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 10_000).unref();
  };
  const killer = setTimeout(() => stop('timeout'), o.timeoutS * 1000);
  let watching = !!o.watch;
  const watcher = (async () => {
    while (watching) {
      await sleep(500);
      if (watching && (await o.watch!().catch(() => false))) stop('watch');
    }
  })();
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const wallS = (performance.now() - t0) / 1000;
  watching = false;
  clearInterval(sampler);
  clearTimeout(killer);
  await watcher;
  children.delete(child);
  return {
    code,
    out,
    err,
    wallS,
    ...m,
    stoppedBy,
    providerCpuS: o.provider ? procCpuSeconds(o.provider.pid) - prov0 : 0,
    selfCpuS: selfCpuSeconds() - self0,
    allCpuS: machineBusySeconds() - all0,
    dbCpuS: pgSampler ? await pgSampler.stop() : null,
  };
}

/** The child runs left in the plan; each gets an equal share of the budget that remains. */
let runsLeft = 0;
const RESERVE_PER_RUN_S = 20; // the raw insert (and reading its rows back) and bookkeeping after a run

function runTimeoutS(): number {
  const share = remainingS() / Math.max(runsLeft, 1) - RESERVE_PER_RUN_S;
  return Math.floor(Math.min(RUN_TIMEOUT_S, share));
}

interface RunState {
  id: number;
  status: string;
  counts: Counts;
  elapsedMs: number;
}

/** The newest run of a source, as its last checkpoint left it. */
async function runState(db: Kysely<DB>, sourceKey: number): Promise<RunState | undefined> {
  const r = await db.selectFrom('harvest_runs').select(['id', 'status', 'counts', 'elapsed_ms']).where('source_id', '=', sourceKey).orderBy('id', 'desc').executeTakeFirst();
  if (!r) return undefined;
  return { id: r.id, status: r.status, counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Counts, elapsedMs: r.elapsed_ms };
}

async function runChild(
  name: string,
  args: string[],
  store: Store,
  ctx: { provider?: ProviderProc; profDir: string; startupCpuS: number; sourceKey: () => Promise<number | undefined>; stopWhen?: (s: RunState) => boolean },
): Promise<RunFigures> {
  runsLeft--;
  const timeoutS = runTimeoutS();
  const base = {
    name, counts: null, seen: 0, rate: 0, durationS: 0, wallS: 0, vmHwmMb: 0, rssPeakMb: 0, rssEndMb: 0, rssTimelineMb: [] as number[], childCpuS: 0, childCpuPct: 0, providerCpuPct: null,
    dbCpuS: null, dbCpuPct: null, benchCpuPct: 0, otherCpuPct: 0, cpuMsPerRecord: null, recordsPerCpuS: null, loadAvg1: r1(os.loadavg()[0]!), samples: 0, timeoutS,
  } satisfies Omit<RunFigures, 'outcome'>;
  if (timeoutS < 15) return { ...base, outcome: 'skipped', note: `the ${BUDGET_S} s budget is spent` };
  // one folder per run: every thread writes its own profile (tsx's loader runs in a worker)
  const runProfDir = path.join(ctx.profDir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${store.kind}`);
  const nodeArgs = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', runProfDir] : [];

  // a watch connection: the run's checkpoints, to stop it once it has seen enough
  const watchDb = ctx.stopWhen ? open(store.config) : undefined;
  let watchKey: number | undefined;
  let runId0: number | undefined;
  if (watchDb) {
    watchKey = await ctx.sourceKey();
    runId0 = watchKey === undefined ? undefined : (await runState(watchDb.db, watchKey))?.id;
  }
  const watch = watchDb
    ? async () => {
        watchKey ??= await ctx.sourceKey();
        if (watchKey === undefined) return false;
        const s = await runState(watchDb.db, watchKey);
        return !!s && s.id !== runId0 && ctx.stopWhen!(s);
      }
    : undefined;
  let m: Measured;
  try {
    m = await spawnMeasured(args, store, { ...(ctx.provider ? { provider: ctx.provider } : {}), timeoutS, nodeArgs, ...(watch ? { watch } : {}) });
  } finally {
    await watchDb?.close();
  }

  let report: RunReport | undefined;
  for (const line of m.out.split('\n').reverse()) {
    if (!line.trim().startsWith('{')) continue;
    try {
      report = JSON.parse(line) as RunReport;
      break;
    } catch {
      /* not the report */
    }
  }
  let outcome: RunFigures['outcome'];
  let counts: Counts | null = null;
  let durationS = 0;
  let note: string | undefined;
  if (report) {
    const { seen: se, new: nw, updated, unchanged, deleted, quarantined, byReason } = report;
    counts = { seen: se, new: nw, updated, unchanged, deleted, quarantined, byReason: byReason ?? {} };
    durationS = report.durationMs / 1000;
    outcome = report.status === 'succeeded' && m.code === 0 ? 'done' : 'failed';
    if (outcome === 'failed') note = `run ${report.status}: ${report.error ?? `exit ${m.code}`}`;
  } else {
    // stopped or crashed: what its last checkpoint holds; a stopped run is closed so the next harvest starts afresh
    const key = await ctx.sourceKey();
    const s = key === undefined ? undefined : await withDb(store, (db) => runState(db, key));
    if (s) {
      const c = s.counts;
      counts = { seen: c.seen ?? 0, new: c.new ?? 0, updated: c.updated ?? 0, unchanged: c.unchanged ?? 0, deleted: c.deleted ?? 0, quarantined: c.quarantined ?? 0, byReason: c.byReason ?? {} };
      durationS = s.elapsedMs / 1000;
      if (s.status === 'running')
        await withDb(store, (db) => db.updateTable('harvest_runs').set({ status: 'failed', error: 'stopped by the benchmark', finished_at: new Date().toISOString() }).where('id', '=', s.id).execute());
    }
    outcome = m.stoppedBy ? 'stopped' : 'failed';
    note =
      m.stoppedBy === 'timeout'
        ? `stopped after ${timeoutS} s (its share of the budget): figures up to its last checkpoint`
        : m.stoppedBy === 'watch'
          ? 'stopped once it had seen every stored record: figures up to its last checkpoint'
          : `exit ${m.code}: ${m.err.trim().split('\n').slice(-5).join(' | ')}`;
  }
  const seen = counts?.seen ?? 0;
  const pct = (s: number) => Math.round((s / m.wallS) * 100);
  const workCpu = Math.max(0, m.cpuS - ctx.startupCpuS) + (m.dbCpuS ?? 0);
  const profiles: ThreadProfile[] = [];
  if (PROFILE && fs.existsSync(runProfDir)) {
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread (the
    // writer); of the others, the busiest is the parsing thread (tsx's loader threads idle)
    const files = fs.readdirSync(runProfDir).filter((f) => f.endsWith('.cpuprofile'));
    const all = files.map((f) => ({ f, s: summariseProfile(path.join(runProfDir, f), ROOT, PROFILE_FUNCTIONS) }));
    const busy = (x: ProfileSummary) => x.totalMs - (x.byFile.find((b) => b.file === '(idle)')?.ms ?? 0);
    const main = all.find((x) => /\.\d+\.0\.\d+\.cpuprofile$/.test(x.f));
    const parser = all.filter((x) => x !== main).sort((a, b) => busy(b.s) - busy(a.s))[0];
    if (main) profiles.push({ thread: 'main thread (writes)', ...main.s });
    if (parser && busy(parser.s) > 0) profiles.push({ thread: 'parsing thread', ...parser.s });
  }
  return {
    ...base,
    outcome,
    counts,
    seen,
    rate: report ? report.recordsPerSecond : durationS > 0 ? Math.round(seen / durationS) : 0,
    durationS: r1(durationS),
    wallS: r1(m.wallS),
    vmHwmMb: mb(m.hwmKb),
    rssPeakMb: mb(m.rssPeakKb),
    rssEndMb: mb(m.rssLastKb),
    rssTimelineMb: timeline(m.rssSeries, m.wallS),
    childCpuS: r1(m.cpuS),
    childCpuPct: pct(m.cpuS),
    providerCpuPct: ctx.provider ? pct(m.providerCpuS) : null,
    dbCpuS: m.dbCpuS === null ? null : r1(m.dbCpuS),
    dbCpuPct: m.dbCpuS === null ? null : pct(m.dbCpuS),
    benchCpuPct: pct(m.selfCpuS),
    otherCpuPct: Math.max(0, pct(m.allCpuS - m.cpuS - m.providerCpuS - m.selfCpuS - (m.dbCpuS ?? 0))),
    cpuMsPerRecord: seen ? Math.round((workCpu * 1000 * 100) / seen) / 100 : null,
    recordsPerCpuS: seen && workCpu > 0 ? Math.round(seen / workCpu) : null,
    samples: m.samples,
    ...(profiles.length ? { profiles } : {}),
    ...(note ? { note } : {}),
  };
}

/** The highest VmRSS in each tenth of the run. */
function timeline(series: Array<[number, number]>, wallS: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < 10; k++) {
    const lo = (wallS * k) / 10;
    const hi = (wallS * (k + 1)) / 10;
    const inside = series.filter(([t]) => t >= lo && t < hi).map(([, kb]) => kb);
    if (inside.length) out.push(Math.round(Math.max(...inside) / 1024));
  }
  return out;
}

const PROFILE_FUNCTIONS = [
  'harvestOai', 'importFiles', 'storePage', 'storeBatch', 'prepareAll', 'prepareRecord', 'listRecords', 'fetchBytes', 'parseOaiRecord', 'parseXmlRecord', 'parseXml', 'decodeXml', 'parseBytes', 'parseJsonFile',
  'iterateJsonFile', 'splitJson', 'applyMapped', 'normaliseDraft', 'objectSearchText', 'searchText', 'checksumOf', 'existingRecords', 'upsertSourceRecords', 'upsertObjects',
  'checkpointRun', 'compileQuery', 'executeQuery', 'garbage collector',
];

/** CPU and wall of the CLI doing nothing much (`source list`): tsx, module loading, schema check. */
async function startupCost(store: Store): Promise<{ cpuS: number; wallS: number; hwmMb: number }> {
  const m = await spawnMeasured(['source', 'list'], store, { timeoutS: 60 });
  if (m.code !== 0) throw new Error(`caravanserai source list: exit ${m.code}: ${m.err.slice(-500)}`);
  return { cpuS: r1(m.cpuS), wallS: r1(m.wallS), hwmMb: mb(m.hwmKb) };
}

// ---------------------------------------------------------------- raw bulk insert

interface RawFigures {
  /** the run whose rows it copies */
  of: string;
  records: number;
  rows: number;
  insertS: number;
  rate: number;
  sourceRecordsS: number;
  objectsS: number;
  commitS: number;
  /** CPU of the inserting side (this process; on PostgreSQL plus its backend) */
  cpuS: number;
  recordsPerCpuS: number;
  readS: number;
  method: string;
}

const RECORD_COLS = ['source_id', 'identifier', 'datestamp', 'checksum', 'bytes', 'xml_ns', 'deleted', 'run_id', 'received_at'];
const OBJECT_COLS = ['uid', 'institution_id', 'source_id', 'identifier', 'title', 'data', 'earliest', 'latest', 'withdrawn', 'search_text', 'created_at', 'updated_at'];
const READ_CHUNK = 2000;
type Row = Record<string, unknown> & { id: number };

function rawFigures(of: string, records: number, objects: number, timed: { source_records: number; objects: number }, commitS: number, cpuS: number, readS: number, method: string): RawFigures {
  const insertS = timed.source_records + timed.objects + commitS;
  const h = (x: number) => Math.round(x * 100) / 100;
  return {
    of,
    records: objects,
    rows: records + objects,
    insertS: h(insertS),
    rate: Math.round(objects / insertS),
    sourceRecordsS: h(timed.source_records),
    objectsS: h(timed.objects),
    commitS: h(commitS),
    cpuS: h(cpuS),
    recordsPerCpuS: Math.round(objects / cpuS),
    readS: h(readS),
    method,
  };
}

async function rawInsertSqlite(store: Store, sourceKey: number, of: string): Promise<RawFigures> {
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(store.config.sqlitePath);
  // the app's connection settings (src/db/database.ts)
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    for (const t of ['source_records', 'objects']) {
      db.exec(`drop table if exists "raw_${t}"`);
      const ddl = db.prepare<[string], { type: string; name: string; sql: string | null }>('select type, name, sql from sqlite_master where tbl_name = ? and sql is not null order by type desc').all(t);
      for (const o of ddl) {
        // CREATE TABLE "t" (…) / CREATE INDEX "i" on "t" (…): the same, renamed
        const sql =
          o.type === 'table'
            ? o.sql!.replace(new RegExp(`^CREATE TABLE "?${t}"?`, 'i'), `CREATE TABLE "raw_${t}"`)
            : o.sql!.replace(/^CREATE (UNIQUE )?INDEX "?(\w+)"? on "?(\w+)"?/i, (_m, u: string | undefined, i: string) => `CREATE ${u ?? ''}INDEX "raw_${i}" on "raw_${t}"`);
        if (!sql.includes(`raw_${t}`)) throw new Error(`cannot copy ${o.type} ${o.name}: ${o.sql}`);
        db.exec(sql);
      }
    }
    const PER = 100;
    const stmt = (t: string, cols: string[], n: number) =>
      db.prepare(`insert into "raw_${t}" (${cols.join(', ')}) values ${Array.from({ length: n }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`);
    const stmts = new Map<string, ReturnType<typeof stmt>>();
    const insert = (t: string, cols: string[], rows: Row[]) => {
      for (let i = 0; i < rows.length; i += PER) {
        const part = rows.slice(i, i + PER);
        let s = stmts.get(`${t}/${part.length}`);
        if (!s) stmts.set(`${t}/${part.length}`, (s = stmt(t, cols, part.length)));
        const params: unknown[] = [];
        for (const r of part) for (const c of cols) params.push(r[c]);
        s.run(params);
      }
    };
    let readS = 0;
    let cpuS = 0;
    const timed = { source_records: 0, objects: 0 };
    let records = 0;
    let objects = 0;
    db.exec('begin');
    for (const [t, cols] of [['source_records', RECORD_COLS], ['objects', OBJECT_COLS]] as const) {
      const read = db.prepare(`select id, ${cols.join(', ')} from ${t} where source_id = ? and id > ? order by id limit ${READ_CHUNK}`);
      let after = 0;
      for (;;) {
        const r0 = performance.now();
        const rows = read.all(sourceKey, after) as Row[];
        readS += (performance.now() - r0) / 1000;
        if (!rows.length) break;
        after = rows[rows.length - 1]!.id;
        const c0 = selfCpuSeconds();
        const w0 = performance.now();
        insert(t, cols, rows);
        timed[t] += (performance.now() - w0) / 1000;
        cpuS += selfCpuSeconds() - c0;
        if (t === 'source_records') records += rows.length;
        else objects += rows.length;
      }
    }
    const c0 = selfCpuSeconds();
    const w0 = performance.now();
    db.exec('commit');
    const commitS = (performance.now() - w0) / 1000;
    cpuS += selfCpuSeconds() - c0;
    for (const t of ['source_records', 'objects']) db.exec(`drop table "raw_${t}"`);
    return rawFigures(of, records, objects, timed, commitS, cpuS, readS, `better-sqlite3 (the app's pragmas), one transaction, prepared INSERTs of ${PER} rows`);
  } finally {
    db.close();
  }
}

async function rawInsertPostgres(store: Store, sourceKey: number, of: string): Promise<RawFigures> {
  // JSON columns travel as text, as the app sends them
  const client = new pg.Client({
    connectionString: store.pgUrl,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 3802 || oid === 114 ? (v: string) => v : pg.types.getTypeParser(oid, format)) } as never,
  });
  await client.connect();
  const PER = 1000;
  try {
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const cpuNow = () => selfCpuSeconds() + (procCpuSeconds(backend) || 0);
    for (const t of ['source_records', 'objects']) {
      await client.query(`drop table if exists raw_${t}`);
      await client.query(`create table raw_${t} (like ${t} including all)`);
    }
    await client.query('alter table raw_source_records add foreign key (source_id) references sources(id) on delete cascade');
    await client.query('alter table raw_objects add foreign key (source_id) references sources(id) on delete cascade, add foreign key (institution_id) references institutions(id) on delete cascade');
    const insert = async (t: string, cols: string[], rows: Row[]) => {
      for (let i = 0; i < rows.length; i += PER) {
        const part = rows.slice(i, i + PER);
        const params: unknown[] = [];
        const tuples = part.map((r) => `(${cols.map((c) => (params.push(r[c]), `$${params.length}`)).join(', ')})`);
        await client.query(`insert into raw_${t} (${cols.join(', ')}) values ${tuples.join(', ')}`, params);
      }
    };
    let readS = 0;
    let cpuS = 0;
    const timed = { source_records: 0, objects: 0 };
    let records = 0;
    let objects = 0;
    await client.query('begin');
    for (const [t, cols] of [['source_records', RECORD_COLS], ['objects', OBJECT_COLS]] as const) {
      let after = 0;
      for (;;) {
        const r0 = performance.now();
        const { rows } = await client.query<Row>(`select id, ${cols.join(', ')} from ${t} where source_id = $1 and id > $2 order by id limit ${READ_CHUNK}`, [sourceKey, after]);
        readS += (performance.now() - r0) / 1000;
        if (!rows.length) break;
        after = rows[rows.length - 1]!.id;
        const c0 = cpuNow();
        const w0 = performance.now();
        await insert(t, cols, rows);
        timed[t] += (performance.now() - w0) / 1000;
        cpuS += cpuNow() - c0;
        if (t === 'source_records') records += rows.length;
        else objects += rows.length;
      }
    }
    const c0 = cpuNow();
    const w0 = performance.now();
    await client.query('commit');
    const commitS = (performance.now() - w0) / 1000;
    cpuS += cpuNow() - c0;
    for (const t of ['source_records', 'objects']) await client.query(`drop table raw_${t}`);
    return rawFigures(of, records, objects, timed, commitS, cpuS, readS, `pg, one transaction, multi-row INSERTs of ${PER} rows (tables LIKE the originals INCLUDING ALL, plus their foreign keys)`);
  } finally {
    await client.end();
  }
}

const rawInsert = (store: Store, sourceKey: number, of: string) => (store.kind === 'sqlite' ? rawInsertSqlite(store, sourceKey, of) : rawInsertPostgres(store, sourceKey, of));

// ---------------------------------------------------------------- search indexing apart

interface IndexFigures {
  of: string;
  sample: number;
  usPerRecord: number;
  chars: number;
}

/** objectSearchText (the folded search_text "index") on stored objects: µs per record. */
async function indexCost(store: Store, sourceKey: number, of: string): Promise<IndexFigures> {
  return withDb(store, async (db) => {
    const rows = await db.selectFrom('objects').select(['data']).where('source_id', '=', sourceKey).orderBy('id').limit(INDEX_SAMPLE).execute();
    const objs = rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as NormalisedObject);
    let chars = 0;
    for (const o of objs.slice(0, 500)) objectSearchText(o); // warm-up
    const c0 = selfCpuSeconds();
    for (const o of objs) chars += objectSearchText(o).length;
    // CPU time, not wall: the machine may be busy
    const us = ((selfCpuSeconds() - c0) * 1e6) / Math.max(objs.length, 1);
    return { of, sample: objs.length, usPerRecord: Math.round(us * 10) / 10, chars: Math.round(chars / Math.max(objs.length, 1)) };
  });
}

// ---------------------------------------------------------------- one database

interface DialectResult {
  dialect: string;
  store: string;
  prepareMs: number;
  startup: { cpuS: number; wallS: number; hwmMb: number } | null;
  runs: RunFigures[];
  raw: RawFigures[];
  index: IndexFigures[];
  dbSizeMb?: number;
  errors: string[];
}

const RUN_A = '(a) LIDO over OAI-PMH';
const RUN_RE = '(a2) re-harvest of (a), nothing changed';
const RUN_B = '(b) JSON + mapping, one NDJSON file';
const RUN_BF = "(b') JSON + mapping, folder of files";
const RUNS_PER_DIALECT = () => (JSON_FOLDER ? 4 : 3);

async function benchDialect(label: string, d: Dialect, work: string, provider: ProviderProc, json: WaltersInput, folder: WaltersInput | undefined, profDir: string): Promise<DialectResult> {
  const store = await freshStore(d, work);
  const res: DialectResult = { dialect: label, store: store.kind === 'sqlite' ? 'SQLite file in a temp DATA_DIR' : `fresh PostgreSQL ${store.label}`, prepareMs: 0, startup: null, runs: [], raw: [], index: [], errors: [] };
  let planned = RUNS_PER_DIALECT();
  const step = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      const m = `${what}: ${e instanceof Error ? e.message : String(e)}`;
      res.errors.push(m);
      say(`  ! ${m}`);
      return undefined;
    }
  };
  const show = (r: RunFigures) =>
    say(
      `  ${r.name}: ${r.outcome}${r.note ? ` (${r.note})` : ''}; ${r.seen} records, ${r.rate} records/s, run ${r.durationS} s, wall ${r.wallS} s (limit ${r.timeoutS} s), ` +
        `VmHWM ${r.vmHwmMb} MB, CPU ${r.childCpuPct}%${r.providerCpuPct === null ? '' : `, provider ${r.providerCpuPct}%`}${r.dbCpuPct === null ? '' : `, PostgreSQL ${r.dbCpuPct}%`}, ` +
        `other processes ${r.otherCpuPct}%; ${r.cpuMsPerRecord ?? '–'} CPU ms/record (${r.recordsPerCpuS ?? '–'} records per CPU-second)`,
    );
  const keyOf = (where: { uid?: string; institution?: string }) => async () => (await sourceKeyOf(store, where).catch(() => undefined))?.key;
  const rawAndIndex = async (run: RunFigures, key: number | undefined, of: string, objects: string) => {
    if (!key || !run.counts || run.counts.new + run.counts.updated === 0) return;
    const raw = await step(`raw insert of the ${of} rows`, () => rawInsert(store, key, of));
    if (raw) {
      res.raw.push(raw);
      say(`  (c) raw insert of the ${of} rows: ${raw.records} records (${raw.rows} rows) in ${raw.insertS} s, ${raw.rate} records/s, ${raw.recordsPerCpuS} records per CPU-second`);
    }
    const ix = await step(`search text cost of ${objects}`, () => indexCost(store, key, of));
    if (ix) res.index.push(ix);
  };
  try {
    const prep = await prepare(store, provider.baseUrl);
    res.prepareMs = Math.round(prep.ms);
    say(`  migrated, seeded and registered the OAI source ${prep.lidoSource} in ${res.prepareMs} ms (${store.label})`);
    res.startup = await startupCost(store);
    say(`  the CLI's own start (\`caravanserai source list\`): ${res.startup.cpuS} CPU s, ${res.startup.wallS} s wall, VmHWM ${res.startup.hwmMb} MB (subtracted from the runs' CPU per record)`);
    const startupCpuS = res.startup.cpuS;
    const lidoKey = keyOf({ uid: prep.lidoSource });

    // (a) LIDO over OAI-PMH
    planned--;
    const a = await runChild(RUN_A, ['harvest', prep.lidoSource, ...parsersArg, '--json'], store, { provider, profDir, startupCpuS, sourceKey: lidoKey });
    res.runs.push(a);
    show(a);
    await rawAndIndex(a, await lidoKey(), '(a)', 'the LIDO objects');

    // (a2) the whole list again, nothing changed: every record skipped by checksum
    planned--;
    if (a.counts && a.seen > 0) {
      await withDb(store, (db) => db.updateTable('sources').set({ last_datestamp: null }).where('uid', '=', prep.lidoSource).execute());
      // after a stopped (a), only its records are stored: stop once they have all been seen again
      const stored = a.outcome === 'done' ? undefined : a.seen;
      const again = await runChild(RUN_RE, ['harvest', prep.lidoSource, ...parsersArg, '--json'], store, {
        provider, profDir, startupCpuS, sourceKey: lidoKey,
        ...(stored !== undefined ? { stopWhen: (s: RunState) => s.counts.seen >= stored } : {}),
      });
      res.runs.push(again);
      show(again);
    } else {
      runsLeft--;
      res.runs.push({ ...a, name: RUN_RE, outcome: 'skipped', counts: null, seen: 0, rate: 0, note: '(a) stored nothing' });
    }

    // (b') first when asked for: the same JSON records as a folder of smaller files
    const folderKey = keyOf({ institution: JSON_FOLDER_INSTITUTION });
    let bf: RunFigures | undefined;
    if (folder) {
      planned--;
      bf = await runChild(
        `${RUN_BF} (${folder.files.length} × ${JSON_PER_FILE})`,
        ['import', path.dirname(folder.files[0]!), '--institution', JSON_FOLDER_INSTITUTION, '--format', 'json', '--mapping', MAPPING, ...parsersArg, '--json'],
        store, { profDir, startupCpuS, sourceKey: folderKey },
      );
      res.runs.push(bf);
      show(bf);
    }

    // (b) JSON with a mapping: one NDJSON file, as the issue asks
    planned--;
    const jsonKey = keyOf({ institution: JSON_INSTITUTION });
    const b = await runChild(RUN_B, ['import', json.files[0]!, '--institution', JSON_INSTITUTION, '--format', 'json', '--mapping', MAPPING, ...parsersArg, '--json'], store, {
      profDir, startupCpuS, sourceKey: jsonKey,
    });
    res.runs.push(b);
    show(b);
    // the raw baseline of the JSON rows: (b)'s, or (b')'s when (b) stored fewer
    if (bf && (bf.counts?.new ?? 0) > (b.counts?.new ?? 0)) await rawAndIndex(bf, await folderKey(), "(b')", 'the Walters objects');
    else await rawAndIndex(b, await jsonKey(), '(b)', 'the Walters objects');

    if (store.kind === 'sqlite') {
      const sz = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
      res.dbSizeMb = r1((sz(store.config.sqlitePath) + sz(`${store.config.sqlitePath}-wal`)) / 2 ** 20);
    } else {
      const [r] = await pgQuery<{ size: string }>(store.pgUrl!, 'select pg_database_size(current_database()) as size');
      res.dbSizeMb = r1(Number(r!.size) / 2 ** 20);
    }
  } catch (e) {
    const m = e instanceof Error ? (e.stack ?? e.message) : String(e);
    res.errors.push(m);
    say(`  ! ${m}`);
  } finally {
    runsLeft -= planned; // runs this dialect will not make
    await store.dispose().catch((e: Error) => res.errors.push(`dispose: ${e.message}`));
  }
  return res;
}

// ---------------------------------------------------------------- report

const targetOf = (name: string) => (name.startsWith('(a)') ? TARGET.lido : name.startsWith('(b') ? TARGET.json : undefined);
const verdict = (rate: number | null, t: number | undefined) => (t === undefined || rate === null ? '' : rate >= t ? 'met' : 'MISSED');
/** the end-to-end run a raw baseline belongs to */
const runOfRaw = (r: DialectResult, raw: RawFigures) => r.runs.find((x) => x.name.startsWith(raw.of));

function report(r: DialectResult): void {
  say(`\n## ${r.dialect}: end to end (${r.store}; ${RECORDS} records offered)\n`);
  const pgCol = r.runs.some((x) => x.dbCpuPct !== null);
  say(
    table(
      ['run', 'outcome', 'records', 'new', 'unchanged', 'quar.', 'records/s', 'target', 'run s', 'wall s', 'VmHWM MB', '< 500 MB', 'child CPU', 'provider CPU', ...(pgCol ? ['PG CPU'] : []), 'other CPU', 'CPU ms/rec', 'rec/CPU-s', 'target'],
      r.runs.map((x) => {
        const t = targetOf(x.name);
        return [
          x.name, x.outcome, x.seen, x.counts?.new ?? '', x.counts?.unchanged ?? '', x.counts?.quarantined ?? '', x.rate, t ? `${t} ${verdict(x.rate, t)}` : '', x.durationS, x.wallS, x.vmHwmMb,
          x.outcome === 'skipped' ? '' : x.vmHwmMb < TARGET.rssMb ? 'yes' : 'NO', `${x.childCpuPct}%`, x.providerCpuPct === null ? '' : `${x.providerCpuPct}%`,
          ...(pgCol ? [x.dbCpuPct === null ? '' : `${x.dbCpuPct}%`] : []), `${x.otherCpuPct}%`, x.cpuMsPerRecord ?? '', x.recordsPerCpuS ?? '', verdict(x.recordsPerCpuS, t),
        ];
      }),
    ),
  );
  for (const x of r.runs) if (x.note) say(`  ${x.name}: ${x.note}`);
  for (const x of r.runs) if (x.rssTimelineMb.length) say(`  ${x.name}: VmRSS MB over each tenth of its life: ${x.rssTimelineMb.join(' ')}`);
  for (const x of r.runs) if (x.counts && Object.keys(x.counts.byReason ?? {}).length) say(`  ${x.name}: quarantined by reason ${JSON.stringify(x.counts.byReason)}`);
  say(
    `  records/s: the run report's (seen / run time, from the run's start to its end inside the process), or up to the last checkpoint of a stopped run;` +
      `\n  CPU ms/rec: (child CPU − ${r.startup?.cpuS ?? '?'} s of CLI start-up${pgCol ? ' + PostgreSQL backends' : ''}) / records; rec/CPU-s = 1000 / that, the rate with a core to itself.`,
  );
  if (r.raw.length) {
    say(`\n## ${r.dialect}: raw bulk insert of the same rows (one source_records + one objects row per record), same database, same run\n`);
    say(
      table(
        ['rows of', 'records', 'rows', 'insert s', 'records/s', 'source_records s', 'objects s', 'commit s', 'rec/CPU-s', 'end-to-end records/s', 'ratio e2e/raw', 'ratio per CPU-s'],
        r.raw.map((x) => {
          const e = runOfRaw(r, x);
          return [
            x.of, x.records, x.rows, x.insertS, x.rate, x.sourceRecordsS, x.objectsS, x.commitS, x.recordsPerCpuS, e?.rate ?? '',
            e ? `${(e.rate / x.rate).toFixed(3)} (1 : ${(x.rate / Math.max(e.rate, 1)).toFixed(1)})` : '',
            e?.recordsPerCpuS ? `${(e.recordsPerCpuS / x.recordsPerCpuS).toFixed(3)} (1 : ${(x.recordsPerCpuS / e.recordsPerCpuS).toFixed(1)})` : '',
          ];
        }),
      ),
    );
    say(`  method: ${r.raw[0]!.method}; reading the rows back (${r.raw.map((x) => `${x.readS} s`).join(', ')}) not timed`);
  }
  if (r.index.length) {
    say(`\n## ${r.dialect}: search indexing (objectSearchText → objects.search_text, CPU time), measured apart\n`);
    say(
      table(
        ['objects of', 'sample', 'CPU µs/record', 'chars/record', 'share of the run\'s CPU per record'],
        r.index.map((x) => {
          const run = r.runs.find((y) => y.name.startsWith(x.of));
          return [x.of, x.sample, x.usPerRecord, x.chars, run?.cpuMsPerRecord ? `${((x.usPerRecord / (run.cpuMsPerRecord * 1000)) * 100).toFixed(1)}% of ${(run.cpuMsPerRecord * 1000).toFixed(0)} µs` : ''];
        }),
      ),
    );
    say('  (inside the end-to-end figures: prepareRecord computes search_text, in the parsing thread, for every new or changed object; there is no other index to build)');
  }
  if (r.dbSizeMb !== undefined) say(`\n  database size after the runs: ${r.dbSizeMb} MB`);
  for (const x of r.runs) for (const p of x.profiles ?? []) {
    say(`\n## ${r.dialect}: CPU profile of ${x.name}, ${p.thread} (${p.totalMs} ms sampled; ${path.basename(p.file)})\n`);
    say(table(['self time by file', 'ms', '%'], p.byFile.slice(0, 18).map((f) => [f.file, f.ms, f.pct])));
    say('');
    say(table(['self time by function', 'where', 'ms', '%'], p.topSelf.slice(0, 25).map((f) => [f.fn, f.where, f.ms, f.pct])));
    say('');
    say(table(['inclusive (synchronous stacks)', 'ms', '%'], p.inclusive.filter((f) => f.ms > 0).map((f) => [f.fn, f.ms, f.pct])));
  }
  for (const e of r.errors) say(`  error: ${e}`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`watchdog: still running after ${WATCHDOG_MS / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();

  const m = machine();
  const load0 = os.loadavg().map(r1);
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  const dialects: Array<{ label: string; d: Dialect }> = [];
  if (WANT.includes('sqlite')) dialects.push({ label: `SQLite ${await sqliteVersion()}`, d: { kind: 'sqlite' } });
  const pgUrl = process.env.DATABASE_URL?.trim();
  if (WANT.includes('postgres') && pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) {
    const [v] = await pgQuery<{ server_version: string }>(pgUrl, 'show server_version');
    dialects.push({ label: `PostgreSQL ${v!.server_version.split(' ')[0]}`, d: { kind: 'postgres', baseUrl: pgUrl } });
  }
  if (!dialects.length) throw new Error(`BENCH_DIALECTS=${process.env.BENCH_DIALECTS} leaves no database (PostgreSQL needs DATABASE_URL=postgres://…)`);
  runsLeft = dialects.length * RUNS_PER_DIALECT();

  say('# Caravanserai catalogue ingestion benchmark');
  say(`machine: ${m.nproc} CPU (${m.cpu}), ${m.memGb} GB RAM, ${m.os}, Node ${m.node}`);
  say(`load average at start: ${load0.join(' ')} (${m.nproc} CPUs)`);
  say(`databases: ${dialects.map((x) => x.label).join(', ')}${dialects.length === 1 ? ' (set DATABASE_URL=postgres://… to add PostgreSQL)' : ''}`);
  say(
    `harvester: node bin/caravanserai.mjs harvest|import … --json, a child process per run (${fs.existsSync(path.join(ROOT, 'dist/cli/index.js')) && !process.env.CARAVANSERAI_FROM_SOURCE ? 'compiled dist/' : 'TypeScript through tsx'}), ` +
      `LOG_LEVEL=${LOG_LEVEL ?? 'default'}${PROFILE ? ', with --cpu-prof (the figures are the profiled ones)' : ''}`,
  );
  say(
    `parsing threads: a file import parses on ${PARSERS || defaultParsers()}${PARSERS ? ' (BENCH_PARSERS)' : ' (one per core, at most four)'}; ` +
      `an OAI-PMH harvest reads its list on one and parses its records on ${PARSERS ? PARSERS - 1 : defaultPreparers()} more (prepare threads${PARSERS ? '' : ': none below four cores'}); the writer is the run's own thread`,
  );
  say(`records: ${RECORDS}; OAI page size ${PAGE_SIZE}; budget ${BUDGET_S} s for everything (${RUN_TIMEOUT_S} s per run at most; each run gets an equal share of what is left)`);
  let git = '';
  try {
    git = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src', { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) git += ` + uncommitted changes in ${dirty.split('\n').length} files of src/`;
  } catch {
    /* not a checkout */
  }
  if (git) say(`source: ${git}`);

  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'caravanserai-catbench-'));
  tempDirs.add(work);
  const profDir = PROFILE_KEEP ? path.resolve(PROFILE_KEEP) : path.join(work, 'profiles');
  if (PROFILE) fs.mkdirSync(profDir, { recursive: true });

  const results: DialectResult[] = [];
  let json: WaltersInput | undefined;
  let folder: WaltersInput | undefined;
  let provider: ProviderProc | undefined;
  try {
    say('\n- inputs (before any clock starts)');
    // the provider builds its page cache in its own process while this one writes the JSON
    const providerP = startProvider(path.join(work, 'oai-cache'));
    providerP.catch(() => undefined);
    json = await writeWaltersNdjson(path.join(work, 'json'), RECORDS);
    say(`  Walters NDJSON: ${json.records} records cycled from ${json.originals} real ones with fresh ObjectIDs, ${r1(json.bytes / 2 ** 20)} MB in one file (${(json.ms / 1000).toFixed(1)} s)`);
    if (JSON_FOLDER) {
      folder = await writeWaltersNdjson(path.join(work, 'json-folder'), RECORDS, JSON_PER_FILE);
      say(`  the same records as ${folder.files.length} files of ${JSON_PER_FILE} lines (${(folder.ms / 1000).toFixed(1)} s)`);
    }
    provider = await providerP;
    say(
      `  OAI-PMH provider: child process ${provider.pid} at ${provider.baseUrl}, ${RECORDS} generated LIDO records (generateLidoRecords), ${PAGE_SIZE} per page, ` +
        `every page built into a disk cache first (${provider.cacheMb} MB, ready after ${(provider.warmMs / 1000).toFixed(1)} s)`,
    );
    say(`  ${Math.round(remainingS())} s of the budget left for ${runsLeft} runs`);
    for (const { label, d } of dialects) {
      say(`\n# ${label}\n`);
      const res = await benchDialect(label, d, work, provider, json, folder, profDir);
      results.push(res);
      report(res);
    }
  } finally {
    if (provider) await stopChild(provider.child).catch(() => undefined);
    await cleanup();
  }
  const wallS = (performance.now() - t0) / 1000;
  const busyAvg = Math.round(((machineBusySeconds() - busy0) / wallS) * 100);

  say(`\n# Summary\n`);
  const rows: Array<Array<string | number>> = [];
  for (const r of results)
    for (const x of r.runs) {
      const t = targetOf(x.name);
      const raw = r.raw.find((y) => x.name.startsWith(y.of));
      rows.push([
        `${r.dialect.split(' ')[0]} ${x.name}`, x.outcome, x.seen, x.rate, t ? `≥ ${t} ${verdict(x.rate, t)}` : '', x.recordsPerCpuS ?? '', verdict(x.recordsPerCpuS, t), raw ? raw.rate : '',
        raw ? (x.rate / raw.rate).toFixed(3) : '', x.vmHwmMb, x.outcome === 'skipped' ? '' : x.vmHwmMb < TARGET.rssMb ? 'met' : 'MISSED', `${x.otherCpuPct}%`,
      ]);
    }
  say(table(['run', 'outcome', 'records', 'records/s', 'target', 'rec/CPU-s', 'target', 'raw records/s', 'ratio', 'peak RSS MB', '< 500 MB', 'other CPU'], rows));
  say(
    `\n  whole benchmark ${r1(wallS)} s; the machine was ${busyAvg}% busy on average (every process; ${m.nproc * 100}% = all cores); load average now ${os.loadavg().map(r1).join(' ')}` +
      '\n  records/s: the run report\'s (or up to the last checkpoint of a stopped run); wall: spawn to exit (adds start-up, tsx, schema check, exit);' +
      '\n  peak RSS: VmHWM of the child; child/provider/PG CPU: their CPU time / wall (100% = one core); other CPU: every other process meanwhile;' +
      '\n  rec/CPU-s: records per CPU-second of the harvester (minus its start-up) and, on PostgreSQL, its backends: the rate on a machine that is not shared.',
  );
  if (results.some((r) => r.runs.some((x) => x.otherCpuPct > 25)))
    say(`  NOTE: other processes used much of this ${m.nproc}-CPU machine meanwhile: records/s are lower than an idle machine gives; compare rec/CPU-s.`);

  const out = {
    bench: 'catalogue',
    at: new Date().toISOString(),
    machine: m,
    loadAvgAtStart: load0,
    source: git,
    settings: { records: RECORDS, pageSize: PAGE_SIZE, jsonFolderPerFile: JSON_FOLDER ? JSON_PER_FILE : 0, budgetS: BUDGET_S, runTimeoutS: RUN_TIMEOUT_S, profile: PROFILE, logLevel: LOG_LEVEL ?? 'default' },
    targets: TARGET,
    inputs: {
      json: json ? { records: json.records, originals: json.originals, mb: r1(json.bytes / 2 ** 20), files: json.files.length } : null,
      jsonFolder: folder ? { files: folder.files.length, perFile: JSON_PER_FILE } : null,
      provider: provider ? { process: 'child', pageSize: PAGE_SIZE, diskCacheMb: provider.cacheMb, readyS: r1(provider.warmMs / 1000) } : null,
    },
    results: results.map((r) => ({
      dialect: r.dialect,
      store: r.store,
      cliStartup: r.startup,
      runs: r.runs.map(({ profiles, ...x }) => ({ ...x, ...(profiles ? { profileByFile: profiles.map((p) => ({ thread: p.thread, byFile: p.byFile.slice(0, 8) })) } : {}) })),
      raw: r.raw,
      ratios: Object.fromEntries(
        r.raw.map((y) => {
          const e = runOfRaw(r, y);
          return [y.of, e ? { wall: Math.round((e.rate / y.rate) * 1000) / 1000, cpu: e.recordsPerCpuS ? Math.round((e.recordsPerCpuS / y.recordsPerCpuS) * 1000) / 1000 : null } : null];
        }),
      ),
      searchIndex: r.index,
      dbSizeMb: r.dbSizeMb ?? null,
      errors: r.errors,
    })),
    wallS: r1(wallS),
    machineBusyPctAvg: busyAvg,
  };
  say(`\n${JSON.stringify(out)}`);
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    console.error(`\nbenchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await cleanup();
    process.exit(1);
  },
);
