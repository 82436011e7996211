// Meetings benchmark: a conference of 60 sessions in 6 rooms over two days, 300
// contributions and 1,000 registrations (with approvals and attendance), written through
// the services; then autocannon on loopback against the programme page (three views),
// the iCalendar feeds (meeting and session) and the meeting's JSON. Prints figures and a
// JSON line; asserts nothing.
//
//   npm run bench:meetings
//   DATABASE_URL=postgres://… npm run bench:meetings   (PostgreSQL: a fresh database is
//                                 created next to that one and dropped afterwards)
//
// Knobs (environment): BENCH_SESSIONS (60), BENCH_CONTRIBUTIONS (300), BENCH_REGISTRATIONS
// (1000), BENCH_DURATION (10 s per target), BENCH_WARMUP (2 s), BENCH_CONNECTIONS (10),
// BENCH_LOG_LEVEL (the server's LOG_LEVEL; unset = its default, info, as in production).
//
// p50/p95/p99 are exact, from every 2xx response time autocannon reports (its own
// histogram has no p95). The server's CPU per request is printed too: on a busy machine
// it moves less than latency does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { open } from '../src/main.ts';
import { buildMeetingData, SLUG, type Built } from './meetings.data.ts';
import { envInt, sleep, r1, say, procCpuSeconds, machine, freePort, percentile } from './measure.ts';
import { children, cleanup, pgDrops, tempDirs } from './cleanup.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/caravanserai.mjs');
const SESSIONS = envInt('BENCH_SESSIONS', 60);
const CONTRIBUTIONS = envInt('BENCH_CONTRIBUTIONS', 300);
const REGISTRATIONS = envInt('BENCH_REGISTRATIONS', 1000);
const DURATION = envInt('BENCH_DURATION', 10);
const WARMUP = envInt('BENCH_WARMUP', 2);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL?.trim() || undefined;

let dataDir: string | undefined;

// ---------------------------------------------------------------- server

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

async function start(env: NodeJS.ProcessEnv): Promise<{ base: string; pid: number }> {
  const port = await freePort();
  const log = path.join(dataDir!, 'server.log');
  const fd = fs.openSync(log, 'w');
  const e: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' };
  delete e.NODE_OPTIONS;
  delete e.SESSION_SECRET;
  if (LOG_LEVEL) e.LOG_LEVEL = LOG_LEVEL;
  else delete e.LOG_LEVEL;
  const child = spawn(process.execPath, [BIN, 'serve', '--role', 'web'], { cwd: ROOT, env: e, stdio: ['ignore', fd, fd] });
  children.add(child);
  fs.closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    if ((await get(`${base}/health`)).status === 200) return { base, pid: child.pid! };
    await sleep(50);
  }
  throw new Error('server did not start');
}

// ---------------------------------------------------------------- load

interface Figures {
  name: string;
  path: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  kbPerResponse: number;
  serverCpuMsPerReq: number;
  /** the machine's 1-minute load average at the end of the run */
  loadAvg1: number;
}

async function measure(base: string, pid: number, name: string, urlPath: string): Promise<Figures> {
  const url = base + urlPath;
  const first = await get(url);
  if (first.status !== 200) throw new Error(`${urlPath} answered ${first.status}: ${first.body.slice(0, 300)}`);
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP });
  const latencies: number[] = [];
  const cpu0 = procCpuSeconds(pid);
  const run = autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  run.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const r = await run;
  const cpu = procCpuSeconds(pid) - cpu0;
  latencies.sort((a, b) => a - b);
  const total = r['2xx'] + r.non2xx;
  return {
    name,
    path: urlPath,
    p50: r1(percentile(latencies, 50)),
    p95: r1(percentile(latencies, 95)),
    p99: r1(percentile(latencies, 99)),
    max: r.latency.max,
    rps: r1(r.requests.average),
    requests: total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    kbPerResponse: r1(Buffer.byteLength(first.body, 'utf8') / 1024),
    serverCpuMsPerReq: total ? Math.round((cpu * 1000 * 100) / total) / 100 : NaN,
    loadAvg1: r1(os.loadavg()[0]!),
  };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const mach = machine();
  say(`meetings benchmark — ${mach.cpu}, ${mach.nproc} CPU, ${mach.memGb} GB, Node ${mach.node}, ${mach.os}`);
  say(`  ${SESSIONS} sessions, ${CONTRIBUTIONS} contributions, ${REGISTRATIONS} registrations; autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target, loopback`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caravanserai-bench-meetings-'));
  tempDirs.add(dataDir);
  let env: NodeJS.ProcessEnv = { DATA_DIR: dataDir };
  let store = `SQLite ${path.join(dataDir, 'caravanserai.sqlite')}`;
  const baseUrl = process.env.DATABASE_URL?.trim();
  if (baseUrl) {
    const name = `caravanserai_bench_meetings_${process.pid}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    env = { DATA_DIR: dataDir, DATABASE_URL: u.href };
    store = `PostgreSQL ${u.host}/${name}`;
    pgDrops.push(async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
  } else delete process.env.DATABASE_URL;
  say(`  store: ${store}`);

  const config = loadConfig({ DATA_DIR: dataDir, ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}) });
  const database = open(config);
  let built: Built;
  try {
    built = await buildMeetingData(database.db, { sessions: SESSIONS, contributions: CONTRIBUTIONS, registrations: REGISTRATIONS, log: say });
  } finally {
    await database.close();
  }
  const { base, pid } = await start(env);
  const targets: Array<[string, string]> = [
    ['programme page (en)', `/en/meetings/${SLUG}`],
    ['programme by room (ru)', `/ru/meetings/${SLUG}?view=rooms`],
    ['programme, one topic (zh)', `/zh/meetings/${SLUG}?topic=${built.topic}`],
    ['iCal feed, meeting', `/api/v1/meetings/${built.meetingId}/calendar.ics?lang=en`],
    ['iCal feed, one session', `/api/v1/meetings/${built.meetingId}/sessions/${built.sessionId}/calendar.ics?lang=ru`],
    ['meeting JSON (API)', `/api/v1/meetings/${SLUG}`],
  ];
  const figures: Figures[] = [];
  for (const [name, p] of targets) {
    const f = await measure(base, pid, name, p);
    figures.push(f);
    say(`  ${name.padEnd(26)} p50 ${String(f.p50).padStart(6)} ms  p95 ${String(f.p95).padStart(6)} ms  p99 ${String(f.p99).padStart(6)} ms  ${String(f.rps).padStart(7)} req/s  ${String(f.kbPerResponse).padStart(6)} KB  server CPU ${f.serverCpuMsPerReq} ms/req  load ${f.loadAvg1}${f.non2xx || f.errors ? `  non-2xx ${f.non2xx} errors ${f.errors}` : ''}`);
  }
  say('\n  p50/p95/p99: exact, from every 2xx response time; KB: one response body; server CPU: its user+system time over the run / requests;\n  load: the machine\'s 1-minute load average (other processes share the CPUs: compare CPU ms/req between runs).');
  console.log(JSON.stringify({ bench: 'meetings', machine: mach, store, data: built.counts, buildMs: Math.round(built.ms), connections: CONNECTIONS, durationS: DURATION, targets: figures }));
}

main()
  .then(() => cleanup())
  .then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      void cleanup().finally(() => process.exit(1));
    },
  );
