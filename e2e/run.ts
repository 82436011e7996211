// Browser journeys against a real server: `npm run test:e2e`.
//
// 1. a fresh DATA_DIR (mkdtemp) with SQLite: `migrate`, `seed`, two `user add`
//    (a member editor of china-national-silk-museum and a secretariat user);
// 2. `serve --migrate` on a free loopback port, waited for on /health;
// 3. `node --test` over e2e/*.e2e.ts with the server URL, the accounts and the
//    Chromium path (scripts/chromium.sh: Debian's package, never a download) in E2E_*;
// 4. always: the server is stopped and the temporary folder removed.
//
// Exit status: that of the test run (non-zero on any failure), 1 when set-up fails.
// Extra arguments go to `node --test`, e.g. `npm run test:e2e -- --test-name-pattern=search`.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(E2E_DIR, '..');
const CLI = path.join(ROOT, 'bin/caravanserai.mjs');
const HOST = '127.0.0.1';

export const ACCOUNTS = {
  editor: { email: 'editor@silkmuseum.example', password: 'silk-road-editor-2025', role: 'member_editor', institution: 'china-national-silk-museum' },
  secretariat: { email: 'secretariat@iams.example', password: 'secretariat-pass-2025', role: 'secretariat' },
} as const;

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg: string) => process.stderr.write(`e2e: ${msg}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Run one CLI command to completion; its output is shown only when it fails. */
async function cli(env: NodeJS.ProcessEnv, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, timeout: 60_000 });
  } catch (e) {
    const err = e as Error & { code?: number | string; stdout?: string; stderr?: string };
    const output = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message;
    throw new Error(`\`caravanserai ${args.join(' ')}\` failed (${err.code ?? 'killed'}): ${output}`);
  }
}

/** Poll /health until it answers 200; give up when the server exits or after the deadline. */
async function waitForHealth(url: string, server: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let last = '';
  while (Date.now() < until) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) before /health answered`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url}/health did not answer within ${deadlineMs} ms (last: ${last})`);
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function chromiumPath(): Promise<string> {
  return promisify(execFile)(path.join(ROOT, 'scripts/chromium.sh'), [], { cwd: ROOT }).then(
    (r) => r.stdout.trim(),
    (e: Error & { stderr?: string }) => {
      throw new Error(`scripts/chromium.sh failed: ${e.stderr?.trim() || e.message}`);
    },
  );
}

async function main(): Promise<number> {
  const files = fs
    .readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort()
    .map((f) => path.join('e2e', f));
  if (!files.length) throw new Error('no e2e/*.e2e.ts files');

  // screenshots are of this run only
  const out = path.join(E2E_DIR, 'out');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caravanserai-e2e-'));
  let server: ChildProcess | undefined;
  let tests: ChildProcess | undefined;
  const cleanup = async () => {
    await stop(tests);
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void cleanup().finally(() => process.exit(130)));

  try {
    const [port, chromium] = await Promise.all([freePort(), chromiumPath()]);
    const url = `http://${HOST}:${port}`;
    // only what the server needs, so a developer's DATABASE_URL or SESSION_SECRET never leaks in
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: 'UTC',
      DATA_DIR: dataDir,
      HOST,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // test the sources even when a stale dist/ exists
      CARAVANSERAI_FROM_SOURCE: '1',
    };

    await cli(env, ['migrate']);
    await cli(env, ['seed']);
    // one after the other: two CLI writers at once can meet "database is locked"
    for (const a of Object.values(ACCOUNTS))
      await cli(env, ['user', 'add', '--email', a.email, '--role', a.role, ...('institution' in a ? ['--institution', a.institution] : [])], {
        CARAVANSERAI_PASSWORD: a.password,
      });
    say(`database ready in ${dataDir} (${elapsed()})`);

    server = spawn(process.execPath, [CLI, 'serve', '--migrate'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [server.stdout!, server.stderr!])
      stream.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) process.stderr.write(`[server] ${line}\n`);
      });
    await waitForHealth(url, server, 30_000);
    say(`server listening at ${url} (${elapsed()})`);

    tests = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...process.argv.slice(2), ...files], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: url,
        E2E_CHROMIUM: chromium,
        E2E_OUT: out,
        E2E_EDITOR_EMAIL: ACCOUNTS.editor.email,
        E2E_EDITOR_PASSWORD: ACCOUNTS.editor.password,
        E2E_EDITOR_INSTITUTION: ACCOUNTS.editor.institution,
        E2E_SECRETARIAT_EMAIL: ACCOUNTS.secretariat.email,
        E2E_SECRETARIAT_PASSWORD: ACCOUNTS.secretariat.password,
      },
    });
    const code = await new Promise<number>((resolve) => tests!.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
    say(`${code === 0 ? 'passed' : 'FAILED'} in ${elapsed()}`);
    return code;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
