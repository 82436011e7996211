// Entry: config -> database -> schema check -> role (web now; the worker role arrives
// with harvesting). The CLI calls these; nothing here parses arguments.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest, pendingMigrations } from './db/migrator.ts';
import { currentSchema } from './db/dialect/ddl.ts';
import { systemActor } from './modules/accounts/permission.policy.ts';
import { findAlliance } from './modules/alliance/alliance.service.ts';
import { loadSeed, readSeedFile } from './modules/alliance/alliance.seed.ts';
import { buildApp } from './server.ts';
import { loadDemo } from './modules/catalogue/demo.seed.ts';
import { runWorker } from './jobs/worker.ts';
import { fork, type ChildProcess } from 'node:child_process';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SEED = path.join(PACKAGE_ROOT, 'seeds/iams/alliance.json');
export const DEMO_DIR = path.join(PACKAGE_ROOT, 'seeds/demo');

export function logger(config: Config) {
  return pino({ level: config.logLevel });
}

export function open(config: Config): Database {
  return config.databaseKind === 'postgres'
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl! })
    : openDatabase({ kind: 'sqlite', sqlitePath: config.sqlitePath });
}

/** The schema must be current: migrate when asked, else refuse with the command to run. */
export async function ensureSchema(database: Database, migrate: boolean): Promise<string[]> {
  const schema = await currentSchema(database.db);
  if (migrate) return migrateToLatest(database.db, schema);
  const pending = await pendingMigrations(database.db, schema);
  if (pending.length)
    throw new Error(`The database schema is out of date (${pending.length} pending: ${pending.join(', ')}). Run \`caravanserai migrate\` or start with --migrate.`);
  return [];
}

/** SESSION_SECRET, else a secret kept in DATA_DIR/.secret (created once, mode 0600). */
export function cookieSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, '.secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const s = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, s, { mode: 0o600, flag: 'wx' });
    return s;
  }
}

export type Role = 'web' | 'worker' | 'all';

/** The worker role in its own process, restarted if it dies, stopped with the server. */
function spawnWorker(log: ReturnType<typeof logger>): { stop(): void } {
  let child: ChildProcess | undefined;
  let stopping = false;
  const start = () => {
    child = fork(path.join(PACKAGE_ROOT, 'bin/caravanserai.mjs'), ['worker'], { stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log.warn({ code, signal }, 'worker exited; restarting in 5 s');
      setTimeout(start, 5000).unref();
    });
  };
  start();
  return {
    stop() {
      stopping = true;
      child?.kill('SIGTERM');
    },
  };
}

/** caravanserai worker: runs queued and scheduled harvests until SIGTERM. */
export async function work(config = loadConfig()): Promise<void> {
  const log = logger(config);
  const database = open(config);
  await ensureSchema(database, false);
  const ac = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => ac.abort());
  try {
    await runWorker(database.db, log, ac.signal);
  } finally {
    await database.close();
  }
}

export interface ServeOptions {
  migrate: boolean;
  /** web: the server alone; all: the server plus a worker process beside it (harvests never run in the server) */
  role?: Role;
  /** seed file to load when the database holds no alliance yet; undefined = none */
  seedIfEmpty?: string;
  config?: Config;
}

export async function serve(o: ServeOptions): Promise<{ close(): Promise<void>; url: string }> {
  const t0 = performance.now();
  const config = o.config ?? loadConfig();
  const log = logger(config);
  const database = open(config);
  const applied = await ensureSchema(database, o.migrate);
  if (applied.length) log.info({ applied }, 'migrated');
  if (o.seedIfEmpty && !(await findAlliance(database.db))) {
    const report = await loadSeed(database.db, systemActor('seed'), await readSeedFile(o.seedIfEmpty));
    log.info({ report, file: o.seedIfEmpty }, 'empty database: seed alliance loaded');
    if (fs.existsSync(path.join(DEMO_DIR, 'publishers.json'))) {
      const runs = await loadDemo(database.db, systemActor('seed'), DEMO_DIR);
      log.info({ objects: runs.map((r) => ({ source: r.source, new: r.new, quarantined: r.quarantined, ms: r.durationMs })) }, 'demo collection loaded');
    }
  }
  const app = await buildApp({ config, db: database.db, secret: cookieSecret(config), logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  log.info({ url, database: config.databaseKind, ms: Math.round(performance.now() - t0) }, 'Caravanserai is listening');
  const worker = (o.role ?? 'all') === 'all' ? spawnWorker(log) : undefined;
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    worker?.stop();
    await app.close();
    await database.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void close().then(() => process.exit(0)));
  return { close, url };
}
