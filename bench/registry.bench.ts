// Registry benchmark: cold start, a 5,000-institution registry written through the
// services, and autocannon against the directory page and the read API, with the
// server's peak memory. Prints figures and a JSON line; asserts nothing.
//
//   npm run bench:registry
//   DATABASE_URL=postgres://… npm run bench:registry   (also runs against PostgreSQL,
//                                 each run in a fresh database created next to that one)
//
// Knobs (environment): BENCH_INSTITUTIONS (5000), BENCH_DURATION (10 s),
// BENCH_WARMUP (2 s), BENCH_CONNECTIONS (10), BENCH_STARTS (3), BENCH_LOG_LEVEL (the
// server's LOG_LEVEL; unset = its default, info, as in production), BENCH_APP_ROOT (a
// folder with bin/caravanserai.mjs to start instead of this checkout, e.g. a compiled
// copy of the same source: the registry is generated with this checkout's services
// and migrations, so both must be the same version).
//
// Everything runs on loopback; autocannon runs in this process on the same machine (it
// needs a few % of a core, which the table shows). Latency and req/s depend on what
// else the machine is doing, so the table also shows the CPU the server (and, with
// PostgreSQL, the database backends) spent per request and the CPU everything else
// on the machine used meanwhile: compare CPU ms/req between runs on a busy machine.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import { DEFAULT_SEED, open } from '../src/main.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { systemActor } from '../src/modules/accounts/permission.policy.ts';
import { loadSeed, readSeedFile } from '../src/modules/alliance/alliance.seed.ts';
import { COUNTRY_COUNT, generateInstitutions, writeInstitutions } from './registry.data.ts';
import { envInt, sleep, r1, mb, procStatus, procCpuSeconds, machineBusySeconds, selfCpuSeconds, machine, sqliteVersion, freePort, percentile, table } from './measure.ts';
import { children, cleanup, pgDrops, stopChild, tempDirs } from './cleanup.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_APP_ROOT: start the server from another checkout or build (e.g. a compiled copy)
const APP_ROOT = path.resolve(process.env.BENCH_APP_ROOT?.trim() || ROOT);
const BIN = path.join(APP_ROOT, 'bin/caravanserai.mjs');

const INSTITUTIONS = envInt('BENCH_INSTITUTIONS', 5000);
const DURATION = envInt('BENCH_DURATION', 10);
const WARMUP = envInt('BENCH_WARMUP', 2);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const STARTS = envInt('BENCH_STARTS', 3);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL?.trim() || undefined;
const POLL_MS = 10;
const START_TIMEOUT_MS = 120_000;
const WATCHDOG_MS = 20 * 60_000;

// ---------------------------------------------------------------- small helpers

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One GET on a fresh connection: status, body size and time. Errors count as status 0. */
function get(url: string, timeoutMs = 5000): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      res.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
  });
}

// ---------------------------------------------------------------- stores

/** A place for one server's data: a temp DATA_DIR, and for PostgreSQL a fresh database. */
interface Store {
  label: string;
  dataDir: string;
  env: Record<string, string | undefined>;
  config: Config;
  /** PostgreSQL only: CPU seconds used so far by the backends serving this database */
  dbCpuSeconds?: () => Promise<number>;
  dispose(): Promise<void>;
}

type Dialect = { kind: 'sqlite' } | { kind: 'postgres'; baseUrl: string };

let storeSeq = 0;

async function freshStore(d: Dialect): Promise<Store> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'caravanserai-bench-'));
  tempDirs.add(dataDir);
  const rmDir = async () => {
    await fsp.rm(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  };
  if (d.kind === 'sqlite') {
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };
    return { label: path.join(dataDir, 'caravanserai.sqlite'), dataDir, env, config: loadConfig({ DATA_DIR: dataDir }), dispose: rmDir };
  }
  const name = `caravanserai_bench_${process.pid}_${++storeSeq}`;
  const admin = new pg.Client({ connectionString: d.baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(d.baseUrl);
  u.pathname = `/${name}`;
  const url = u.href;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    const c = new pg.Client({ connectionString: d.baseUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  pgDrops.push(drop);
  // the backends of this database are processes on this machine: their CPU is the
  // database's share of the work (the benchmark's own client sits in another database)
  const dbCpuSeconds = async () => {
    const c = new pg.Client({ connectionString: d.baseUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
      return rows.reduce((sum, r) => sum + (procCpuSeconds(r.pid) || 0), 0);
    } finally {
      await c.end();
    }
  };
  return {
    dbCpuSeconds,
    label: `${u.host}/${name}`,
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    config: loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url }),
    dispose: async () => {
      await drop();
      await rmDir();
    },
  };
}

// ---------------------------------------------------------------- server

interface Started {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** spawn -> first 200 on GET /en/ */
  ms: number;
  /** the server's own figure: serve() entry -> listening (migrate, seed, build, listen) */
  serveMs: number | null;
  /** duration of the first successful GET /en/ alone */
  firstRequestMs: number;
  /** server CPU time during the start, and CPU used by other processes meanwhile (% of one core) */
  cpuMs: number;
  otherCpuPct: number;
  log: string;
}

let serverSeq = 0;

async function startServer(store: Store): Promise<Started> {
  const port = await freePort();
  const log = path.join(store.dataDir, `server-${++serverSeq}.log`);
  const fd = fs.openSync(log, 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, ...store.env, PORT: String(port), HOST: '127.0.0.1' };
  for (const [k, v] of Object.entries(store.env)) if (v === undefined) delete env[k];
  delete env.SESSION_SECRET;
  delete env.NODE_OPTIONS;
  if (LOG_LEVEL) env.LOG_LEVEL = LOG_LEVEL;
  else delete env.LOG_LEVEL;
  const base = `http://127.0.0.1:${port}`;
  const all0 = machineBusySeconds();
  const self0 = selfCpuSeconds();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--migrate'], { cwd: APP_ROOT, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  children.add(child);
  let exited: string | null = null;
  child.once('exit', (code, sig) => {
    exited = `exited with ${code ?? sig}`;
    children.delete(child);
  });
  for (;;) {
    if (exited) throw new Error(`server ${exited} before answering; log ${log}:\n${tail(log)}`);
    if (performance.now() - t0 > START_TIMEOUT_MS) {
      await stopChild(child);
      throw new Error(`server did not answer GET /en/ within ${START_TIMEOUT_MS} ms; log:\n${tail(log)}`);
    }
    const r = await get(`${base}/en/`, 2000);
    if (r.status === 200) {
      const ms = performance.now() - t0;
      const cpu = procCpuSeconds(child.pid!);
      const other = machineBusySeconds() - all0 - cpu - (selfCpuSeconds() - self0);
      return {
        child, pid: child.pid!, port, base, ms, serveMs: listeningMs(log), firstRequestMs: r.ms, log,
        cpuMs: Math.round(cpu * 1000), otherCpuPct: Math.max(0, Math.round((other / (ms / 1000)) * 100)),
      };
    }
    if (r.status >= 400) throw new Error(`GET /en/ answered ${r.status}; log:\n${tail(log)}`);
    await sleep(POLL_MS);
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function listeningMs(file: string): number | null {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('Caravanserai is listening')) continue;
    try {
      return (JSON.parse(line) as { ms?: number }).ms ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

// ---------------------------------------------------------------- 1. cold start

interface StartFigures {
  coldMs: number[];
  warmMs: number[];
  coldServeMs: Array<number | null>;
  warmServeMs: Array<number | null>;
  coldFirstReqMs: number[];
  warmFirstReqMs: number[];
  coldCpuMs: number[];
  warmCpuMs: number[];
  otherCpuPct: number[];
}

async function coldStarts(d: Dialect): Promise<StartFigures> {
  const f: StartFigures = { coldMs: [], warmMs: [], coldServeMs: [], warmServeMs: [], coldFirstReqMs: [], warmFirstReqMs: [], coldCpuMs: [], warmCpuMs: [], otherCpuPct: [] };
  for (let i = 0; i < STARTS; i++) {
    const store = await freshStore(d);
    try {
      const cold = await startServer(store);
      await stopChild(cold.child);
      const warm = await startServer(store);
      await stopChild(warm.child);
      f.coldMs.push(cold.ms);
      f.warmMs.push(warm.ms);
      f.coldServeMs.push(cold.serveMs);
      f.warmServeMs.push(warm.serveMs);
      f.coldFirstReqMs.push(cold.firstRequestMs);
      f.warmFirstReqMs.push(warm.firstRequestMs);
      f.coldCpuMs.push(cold.cpuMs);
      f.warmCpuMs.push(warm.cpuMs);
      f.otherCpuPct.push(cold.otherCpuPct, warm.otherCpuPct);
      console.log(
        `  start ${i + 1}/${STARTS}: empty db ${cold.ms.toFixed(0)} ms (serve() ${cold.serveMs} ms, first GET /en/ ${cold.firstRequestMs.toFixed(0)} ms, CPU ${cold.cpuMs} ms, other procs ${cold.otherCpuPct}%)` +
          ` | populated db ${warm.ms.toFixed(0)} ms (serve() ${warm.serveMs} ms, first GET /en/ ${warm.firstRequestMs.toFixed(0)} ms, CPU ${warm.cpuMs} ms, other procs ${warm.otherCpuPct}%)`,
      );
    } finally {
      await store.dispose();
    }
  }
  return f;
}

// ---------------------------------------------------------------- 2. generation

interface Generation {
  institutions: number;
  countries: number;
  migrateSeedMs: number;
  buildInputsMs: number;
  writeMs: number;
  perInstitutionMs: number;
  sqliteFileMb?: number;
  sampleSlug: string;
}

async function populate(store: Store): Promise<Generation> {
  const database = open(store.config);
  try {
    const t0 = performance.now();
    await migrateToLatest(database.db);
    await loadSeed(database.db, systemActor('seed'), await readSeedFile(DEFAULT_SEED));
    const t1 = performance.now();
    const items = generateInstitutions(INSTITUTIONS);
    const t2 = performance.now();
    const slugs = await writeInstitutions(database.db, items);
    const t3 = performance.now();
    return {
      institutions: slugs.length,
      countries: new Set(items.map((i) => i.input.country)).size || COUNTRY_COUNT,
      migrateSeedMs: t1 - t0,
      buildInputsMs: t2 - t1,
      writeMs: t3 - t2,
      perInstitutionMs: (t3 - t2) / Math.max(slugs.length, 1),
      sampleSlug: slugs[Math.floor(slugs.length / 2)]!,
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- 3. load

interface LoadFigures {
  name: string;
  path: string;
  p50: number;
  p95: number;
  p99: number;
  acP50: number;
  acP97_5: number;
  acP99: number;
  max: number;
  rps: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
  serverCpuPct: number;
  /** server CPU time per answered request: less sensitive to a busy machine than latency */
  serverCpuMsPerReq: number;
  /** CPU used by the load generator (this process) and by everything else on the machine, in % of one core */
  benchCpuPct: number;
  /** PostgreSQL backends of the benchmark database (null on SQLite, where the database runs inside the server) */
  dbCpuPct: number | null;
  dbCpuMsPerReq: number | null;
  otherCpuPct: number;
  loadAvg1: number;
}

async function load(base: string, pid: number, name: string, urlPath: string, dbCpuSeconds?: () => Promise<number>): Promise<LoadFigures> {
  const url = base + urlPath;
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP });
  const latencies: number[] = [];
  const db0 = dbCpuSeconds ? await dbCpuSeconds() : 0;
  const cpu0 = procCpuSeconds(pid);
  const self0 = selfCpuSeconds();
  const all0 = machineBusySeconds();
  const t0 = performance.now();
  const run = autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const r = await run;
  const wall = (performance.now() - t0) / 1000;
  const cpu = procCpuSeconds(pid) - cpu0;
  const self = selfCpuSeconds() - self0;
  const all = machineBusySeconds() - all0;
  const dbCpu = dbCpuSeconds ? (await dbCpuSeconds()) - db0 : null;
  latencies.sort((a, b) => a - b);
  const total = r['2xx'] + r.non2xx;
  return {
    name,
    path: urlPath,
    p50: r1(percentile(latencies, 50)),
    p95: r1(percentile(latencies, 95)),
    p99: r1(percentile(latencies, 99)),
    acP50: r.latency.p50,
    acP97_5: r.latency.p97_5,
    acP99: r.latency.p99,
    max: r.latency.max,
    rps: r1(r.requests.average),
    requests: total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    bytesPerResponse: total ? Math.round((r.throughput.average * r.duration) / total) : 0,
    serverCpuPct: Math.round((cpu / wall) * 100),
    serverCpuMsPerReq: total ? Math.round((cpu * 1000 * 100) / total) / 100 : NaN,
    benchCpuPct: Math.round((self / wall) * 100),
    dbCpuPct: dbCpu === null ? null : Math.round((dbCpu / wall) * 100),
    dbCpuMsPerReq: dbCpu === null || !total ? null : Math.round((dbCpu * 1000 * 100) / total) / 100,
    otherCpuPct: Math.max(0, Math.round(((all - cpu - self - (dbCpu ?? 0)) / wall) * 100)),
    loadAvg1: r1(os.loadavg()[0]!),
  };
}

interface LoadTest {
  store: string;
  generation: Generation;
  startWithRegistryMs: number;
  totals: Record<string, number>;
  targets: LoadFigures[];
  rssBeforeMb: number;
  rssPeakSampledMb: number;
  vmHwmMb: number;
  rssAfterMb: number;
  rssSamples: number;
}

async function loadTest(d: Dialect): Promise<LoadTest> {
  const store = await freshStore(d);
  try {
    console.log(`  generating ${INSTITUTIONS} institutions + memberships into ${store.label} …`);
    const generation = await populate(store);
    if (d.kind === 'sqlite') {
      const sz = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
      generation.sqliteFileMb = r1((sz(store.config.sqlitePath) + sz(`${store.config.sqlitePath}-wal`)) / 2 ** 20);
    }
    console.log(
      `  generated ${generation.institutions} in ${(generation.writeMs / 1000).toFixed(2)} s ` +
        `(${generation.perInstitutionMs.toFixed(2)} ms each; migrate + seed ${generation.migrateSeedMs.toFixed(0)} ms)`,
    );
    const server = await startServer(store);
    console.log(`  server with the registry up in ${server.ms.toFixed(0)} ms (pid ${server.pid}, port ${server.port})`);
    try {
      const slug = generation.sampleSlug;
      const targets: Array<[string, string]> = [
        ['directory page', '/en/members'],
        ['directory CN + "museum"', '/en/members?country=CN&q=museum'],
        ['API list', '/api/v1/institutions'],
        ['API list offset 2000', '/api/v1/institutions?limit=50&offset=2000'],
        ['API one institution', `/api/v1/institutions/${slug}`],
      ];
      // sanity: every target answers 200, and what the registry holds
      for (const [, p] of targets) {
        const r = await get(server.base + p);
        if (r.status !== 200) throw new Error(`GET ${p} answered ${r.status}: ${r.body.slice(0, 300)}`);
      }
      const totals: Record<string, number> = {};
      for (const [k, p] of [
        ['members', '/api/v1/institutions?limit=0'],
        ['all institutions', '/api/v1/institutions?status=any&limit=0'],
        ['CN members matching "museum"', '/api/v1/institutions?country=CN&q=museum&limit=0'],
      ] as const) {
        totals[k] = (JSON.parse((await get(server.base + p)).body) as { total: number }).total;
      }
      console.log(`  registry: ${Object.entries(totals).map(([k, v]) => `${k} ${v}`).join(', ')}`);

      const before = procStatus(server.pid)!;
      let peakRss = before.rssKb;
      let samples = 0;
      const sampler = setInterval(() => {
        const s = procStatus(server.pid);
        if (s) {
          samples++;
          peakRss = Math.max(peakRss, s.rssKb);
        }
      }, 100);
      const figures: LoadFigures[] = [];
      try {
        for (const [name, p] of targets) {
          const f = await load(server.base, server.pid, name, p, store.dbCpuSeconds);
          figures.push(f);
          console.log(`  ${name.padEnd(24)} p50 ${f.p50} ms, p95 ${f.p95} ms, ${f.rps} req/s, server CPU ${f.serverCpuPct}% (${f.serverCpuMsPerReq} ms/req)${f.dbCpuPct === null ? '' : `, PostgreSQL ${f.dbCpuPct}% (${f.dbCpuMsPerReq} ms/req)`}, autocannon ${f.benchCpuPct}%, other processes ${f.otherCpuPct}%`);
        }
      } finally {
        clearInterval(sampler);
      }
      const after = procStatus(server.pid)!;
      return {
        store: d.kind === 'sqlite' ? 'SQLite file in a temp DATA_DIR' : `fresh PostgreSQL database ${store.label}`,
        generation,
        startWithRegistryMs: server.ms,
        totals,
        targets: figures,
        rssBeforeMb: mb(before.rssKb),
        rssPeakSampledMb: mb(Math.max(peakRss, after.rssKb)),
        vmHwmMb: mb(after.hwmKb),
        rssAfterMb: mb(after.rssKb),
        rssSamples: samples,
      };
    } finally {
      await stopChild(server.child);
    }
  } finally {
    await store.dispose();
  }
}

// ---------------------------------------------------------------- report

interface DialectResult {
  dialect: string;
  starts: StartFigures;
  load: LoadTest;
}

function report(r: DialectResult): void {
  const s = r.starts;
  const nn = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
  console.log(`\n## ${r.dialect}: start to first GET /en/ (median of ${s.coldMs.length}; poll every ${POLL_MS} ms)\n`);
  console.log(
    table(
      ['start', 'spawn → 200 (ms)', 'runs (ms)', 'serve() → listening (ms)', 'first GET /en/ (ms)', 'server CPU (ms)'],
      [
        ['cold process, empty db (migrate + seed)', r1(median(s.coldMs)), s.coldMs.map((x) => x.toFixed(0)).join(' / '), r1(median(nn(s.coldServeMs))), r1(median(s.coldFirstReqMs)), median(s.coldCpuMs)],
        ['cold process, populated db', r1(median(s.warmMs)), s.warmMs.map((x) => x.toFixed(0)).join(' / '), r1(median(nn(s.warmServeMs))), r1(median(s.warmFirstReqMs)), median(s.warmCpuMs)],
        [`cold process, ${r.load.generation.institutions} + seed institutions`, r1(r.load.startWithRegistryMs), '1 run', '', '', ''],
      ],
    ),
  );
  console.log(
    `  other processes used ${median(s.otherCpuPct)}% of a core (median) while the servers started` +
      (r.load.targets.some((t) => t.dbCpuPct !== null) ? ' (this includes the PostgreSQL server migrating and seeding)' : ''),
  );
  const g = r.load.generation;
  console.log(`\n## ${r.dialect}: generation (${r.load.store})\n`);
  console.log(
    table(
      ['step', 'value'],
      [
        ['institutions + memberships written via services', g.institutions],
        ['countries', g.countries],
        ['write time (batches of 500 in transactions)', `${(g.writeMs / 1000).toFixed(2)} s`],
        ['per institution (create + membership + 2 audit rows)', `${g.perInstitutionMs.toFixed(2)} ms`],
        ['migrate + seed alliance beforehand', `${g.migrateSeedMs.toFixed(0)} ms`],
        ...(g.sqliteFileMb !== undefined ? [['SQLite file + WAL', `${g.sqliteFileMb} MB`] as [string, string]] : []),
        ...Object.entries(r.load.totals).map(([k, v]) => [`API total: ${k}`, v] as [string, number]),
      ],
    ),
  );
  const pgCols = r.load.targets.some((t) => t.dbCpuPct !== null);
  console.log(`\n## ${r.dialect}: load (autocannon, ${CONNECTIONS} connections, ${DURATION} s after a ${WARMUP} s warm-up, loopback)\n`);
  console.log(
    table(
      ['target', 'p50 ms', 'p95 ms', 'p99 ms', 'ac p97.5', 'max', 'req/s', 'requests', 'errors', 'non-2xx', 'KB/resp', 'srv CPU', 'srv CPU ms/req', ...(pgCols ? ['PG CPU', 'PG CPU ms/req'] : []), 'other CPU'],
      r.load.targets.map((t) => [
        `${t.name} ${t.path.length > 45 ? t.path.slice(0, 42) + '…' : t.path}`,
        t.p50, t.p95, t.p99, t.acP97_5, t.max, t.rps, t.requests, t.errors + t.timeouts, t.non2xx, r1(t.bytesPerResponse / 1024), `${t.serverCpuPct}%`, t.serverCpuMsPerReq, ...(pgCols ? [`${t.dbCpuPct}%`, t.dbCpuMsPerReq ?? ''] : []), `${t.otherCpuPct}%`,
      ]),
    ),
  );
  console.log(
    '\n  p50/p95/p99: exact, from every 2xx response time autocannon reported (its own histogram has no p95);' +
      '\n  ac p97.5 and max: autocannon\'s histogram (whole ms). srv CPU: server process CPU time / wall time (100% = one core);' +
      '\n  srv CPU ms/req: server CPU per answered request; PG CPU: the PostgreSQL backends serving the benchmark database;' +
      '\n  other CPU: everything else on the machine (other users of it), from /proc/stat.',
  );
  const busy = median(r.load.targets.map((t) => t.otherCpuPct));
  if (busy > 25)
    console.log(
      `\n  NOTE: other processes used ${busy}% of a core (median) during the load runs on this ${machine().nproc}-CPU machine:` +
        '\n  latencies and req/s are lower than an idle machine would give; CPU ms/req is the figure to compare.',
    );
  console.log(`\n## ${r.dialect}: server memory over the whole load test\n`);
  console.log(
    table(
      ['measure', 'MB'],
      [
        ['VmRSS before load', r.load.rssBeforeMb],
        [`VmRSS peak (${r.load.rssSamples} samples, every 100 ms)`, r.load.rssPeakSampledMb],
        ['VmHWM at the end (peak over the process life)', r.load.vmHwmMb],
        ['VmRSS at the end', r.load.rssAfterMb],
      ],
    ),
  );
}

// ---------------------------------------------------------------- main

async function postgresVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`watchdog: still running after ${WATCHDOG_MS / 60000} min, giving up`);
    void cleanup().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();

  const m = machine();
  const dialects: Array<{ label: string; d: Dialect }> = [{ label: `SQLite ${await sqliteVersion()}`, d: { kind: 'sqlite' } }];
  const pgUrl = process.env.DATABASE_URL?.trim();
  if (pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) dialects.push({ label: `PostgreSQL ${await postgresVersion(pgUrl)}`, d: { kind: 'postgres', baseUrl: pgUrl } });

  console.log('# Caravanserai registry benchmark');
  console.log(`machine: ${m.nproc} CPU (${m.cpu}), ${m.memGb} GB RAM, ${m.os}, Node ${m.node}`);
  console.log(
    `server: node ${path.relative(process.cwd(), BIN) || BIN} serve --migrate (${fs.existsSync(path.join(APP_ROOT, 'dist/cli/index.js')) && !process.env.CARAVANSERAI_FROM_SOURCE ? 'compiled dist/' : 'TypeScript through tsx'}), LOG_LEVEL=${LOG_LEVEL ?? 'default (info)'}`,
  );
  console.log(`load average at start: ${os.loadavg().map(r1).join(' ')} (${m.nproc} CPUs)`);
  console.log(`databases: ${dialects.map((x) => x.label).join(', ')}${dialects.length === 1 ? ' (set DATABASE_URL=postgres://… to add PostgreSQL)' : ''}`);
  if (dialects.length > 1) console.log('PostgreSQL: every run uses a fresh database created next to DATABASE_URL\'s and dropped afterwards');

  const results: DialectResult[] = [];
  try {
    for (const { label, d } of dialects) {
      console.log(`\n# ${label}\n\n- cold starts`);
      const starts = await coldStarts(d);
      console.log('- load test');
      const lt = await loadTest(d);
      const res = { dialect: label, starts, load: lt };
      results.push(res);
      report(res);
    }
  } finally {
    await cleanup();
  }

  const json = {
    bench: 'registry',
    at: new Date().toISOString(),
    machine: m,
    settings: { appRoot: APP_ROOT, institutions: INSTITUTIONS, connections: CONNECTIONS, durationS: DURATION, warmupS: WARMUP, starts: STARTS, logLevel: LOG_LEVEL ?? 'info' },
    latencyNote: 'p50/p95/p99 exact from per-response times; acP97_5 from autocannon',
    results: results.map((r) => ({
      dialect: r.dialect,
      store: r.load.store,
      startMs: {
        emptyDbMedian: r1(median(r.starts.coldMs)),
        populatedDbMedian: r1(median(r.starts.warmMs)),
        emptyDbRuns: r.starts.coldMs.map(r1),
        populatedDbRuns: r.starts.warmMs.map(r1),
        withRegistry: r1(r.load.startWithRegistryMs),
        serverCpuMsEmptyDbMedian: median(r.starts.coldCpuMs),
        serverCpuMsPopulatedDbMedian: median(r.starts.warmCpuMs),
        otherProcessesCpuPctMedian: median(r.starts.otherCpuPct),
      },
      generation: { ...r.load.generation, writeMs: r1(r.load.generation.writeMs), migrateSeedMs: r1(r.load.generation.migrateSeedMs), buildInputsMs: r1(r.load.generation.buildInputsMs), perInstitutionMs: Math.round(r.load.generation.perInstitutionMs * 100) / 100 },
      totals: r.load.totals,
      load: r.load.targets,
      memoryMb: { rssBefore: r.load.rssBeforeMb, rssPeakSampled: r.load.rssPeakSampledMb, vmHwm: r.load.vmHwmMb, rssAfter: r.load.rssAfterMb },
    })),
  };
  console.log(`\n${JSON.stringify(json)}`);
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    console.error(`\nbenchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await cleanup();
    process.exit(1);
  },
);
