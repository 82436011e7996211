// Why src/db/database.ts sets the SQLite pragmas it sets: bulk inserts of catalogue-shaped
// rows (a source record of ~6.5 KB verbatim bytes and an object of ~2.5 KB, into the
// app's own tables, indexes and foreign keys, made by its migrations) under several page sizes, page caches and WAL
// checkpoint intervals, in transactions of 1,000 records, ending with a full checkpoint
// so no setting can leave its writes in the WAL. Bare better-sqlite3, nothing parsed.
// Prints records/s and CPU µs per record; asserts nothing.
//
//   node --import tsx bench/sqlite-pragmas.bench.ts      (BENCH_RECORDS, 40000 by default)
//
// Each setting runs in a fresh file in a temp dir, in its own child process, so that one
// setting's page cache and heap cannot help the next.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from '../src/db/migrator.ts';
import { envInt, machine, say, table } from './measure.ts';

interface Setting {
  label: string;
  pageSize: number;
  cacheKb: number;
  /** WAL checkpoint interval in MB (converted to pages) */
  checkpointMb: number;
  synchronous: 'NORMAL' | 'OFF';
}

const SETTINGS: Setting[] = [
  { label: 'SQLite defaults (4 KB pages, 2 MB cache, 4 MB checkpoints)', pageSize: 4096, cacheKb: 2000, checkpointMb: 4, synchronous: 'NORMAL' },
  { label: '4 KB pages, 32 MB cache, 64 MB checkpoints', pageSize: 4096, cacheKb: 32768, checkpointMb: 64, synchronous: 'NORMAL' },
  { label: '16 KB pages, 2 MB cache, 4 MB checkpoints', pageSize: 16384, cacheKb: 2000, checkpointMb: 4, synchronous: 'NORMAL' },
  { label: '16 KB pages, 32 MB cache, 64 MB checkpoints (the app)', pageSize: 16384, cacheKb: 32768, checkpointMb: 64, synchronous: 'NORMAL' },
  { label: '32 KB pages, 32 MB cache, 64 MB checkpoints', pageSize: 32768, cacheKb: 32768, checkpointMb: 64, synchronous: 'NORMAL' },
  { label: 'the app, synchronous=OFF (no fsync: the cost of durability)', pageSize: 16384, cacheKb: 32768, checkpointMb: 64, synchronous: 'OFF' },
];

const PER_TXN = 1000;
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** one setting, in this process: returns records/s and CPU µs per record */
async function run(s: Setting, file: string, n: number) {
  const db = new SQLite(file);
  db.pragma(`page_size = ${s.pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${s.synchronous}`);
  db.pragma(`cache_size = -${s.cacheKb}`);
  db.pragma(`wal_autocheckpoint = ${Math.round((s.checkpointMb << 20) / s.pageSize)}`);
  // the app's own tables, indexes and foreign keys, from its migrations, and the
  // institution and source the rows belong to
  db.pragma('foreign_keys = ON');
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: db }) });
  await migrateToLatest(kysely);
  const now = new Date().toISOString();
  db.prepare(`insert into institutions(id, uid, slug, name, short_name, kind, city, search_text, created_at, updated_at)
    values (1, 'ibench', 'bench', '{}', '{}', 'museum', '{}', '', ?, ?)`).run(now, now);
  db.prepare(`insert into sources(id, uid, institution_id, kind, format, label, default_language, created_at, updated_at)
    values (1, 'sbench', 1, 'oai', 'lido', 'bench', 'en', ?, ?)`).run(now, now);
  // incompressible stand-ins of the real sizes (hex of random bytes)
  const bytes = Buffer.from(randomBytes(3300).toString('hex'));
  const data = randomBytes(1100).toString('hex');
  const search = randomBytes(300).toString('hex');
  const rec = db.prepare('insert into source_records(source_id,identifier,datestamp,checksum,bytes,xml_ns,run_id,received_at) values(1,?,?,?,?,?,1,?)');
  const obj = db.prepare('insert into objects(uid,institution_id,source_id,identifier,title,data,earliest,latest,search_text,created_at,updated_at) values(?,1,1,?,?,?,1,2,?,?,?)');
  const uid = () => {
    let u = 'o';
    for (const b of randomBytes(10)) u += ALPHABET[b & 31];
    return u;
  };
  const insert = db.transaction((from: number) => {
    for (let i = from; i < Math.min(n, from + PER_TXN); i++) {
      // identifiers arrive in no particular order, as from a provider
      const id = `oai:museum.example:object/${String((i * 7919) % n).padStart(8, '0')}`;
      const now = new Date().toISOString();
      rec.run(id, now, createHash('sha256').update(id).digest('hex'), bytes, 'xmlns:lido="http://www.lido-schema.org"', now);
      obj.run(uid(), id, `{"en":"Object ${i}"}`, data, search, now, now);
    }
  });
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i += PER_TXN) insert(i);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const s_ = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const size = fs.statSync(file).size;
  await kysely.destroy();
  return { rate: Math.round(n / s_), cpuUs: Math.round((cpu.user + cpu.system) / n), mb: Math.round(size / 1e6) };
}

if (process.argv[2] === '--one') {
  const s = JSON.parse(process.argv[3]!) as Setting;
  console.log(JSON.stringify(await run(s, process.argv[4]!, Number(process.argv[5]))));
} else {
  const n = envInt('BENCH_RECORDS', 40_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvs-pragmas-'));
  const self = fileURLToPath(import.meta.url);
  try {
    say(`# SQLite pragmas: ${n} catalogue-shaped records, ${PER_TXN} per transaction, ending with a full checkpoint`);
    say(JSON.stringify(machine()));
    const rows: Array<Array<string | number>> = [];
    for (const [i, s] of SETTINGS.entries()) {
      const file = path.join(dir, `${i}.db`);
      const out = execFileSync(process.execPath, [...process.execArgv, self, '--one', JSON.stringify(s), file, String(n)], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { rate: number; cpuUs: number; mb: number };
      rows.push([s.label, r.rate, r.cpuUs, r.mb]);
      for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
    }
    say(table(['setting', 'records/s', 'CPU µs/record', 'file MB'], rows));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
