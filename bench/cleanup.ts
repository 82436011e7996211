// What a benchmark leaves behind, and its removal on every way out: child processes
// (SIGTERM, then SIGKILL after 5 s), PostgreSQL databases it created, temp dirs.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from './measure.ts';

export const children = new Set<ChildProcess>();
export const tempDirs = new Set<string>();
export const pgDrops: Array<() => Promise<void>> = [];

export async function stopChild(c: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) {
    children.delete(c);
    return;
  }
  const done = new Promise<void>((r) => c.once('exit', () => r()));
  c.kill(signal);
  const ok = await Promise.race([done.then(() => true), sleep(5000).then(() => false)]);
  if (!ok) {
    c.kill('SIGKILL');
    await done;
  }
  children.delete(c);
}

export async function cleanup(): Promise<void> {
  for (const c of [...children]) await stopChild(c).catch(() => c.kill('SIGKILL'));
  for (const drop of pgDrops.splice(0)) await drop().catch((e) => console.error(`cleanup: ${(e as Error).message}`));
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

// last resort when the process ends some other way: no orphan servers, no litter
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    console.error(`\n${sig}: stopping children, dropping databases, removing temp dirs`);
    void cleanup().finally(() => process.exit(130));
  });
