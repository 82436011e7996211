// What every command shares: the same config as the server, a database with a current
// schema, and an actor that names the person at the console in the audit trail.
import os from 'node:os';
import { loadConfig } from '../config.ts';
import { ensureSchema, open } from '../main.ts';
import { systemActor, type Actor } from '../modules/accounts/permission.policy.ts';
import type { Database } from '../db/database.ts';

export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return systemActor(`cli:${user}`);
}

export async function withDatabase<T>(fn: (database: Database) => Promise<T>, opts: { migrate?: boolean; checkSchema?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const database = open(config);
  try {
    if (opts.checkSchema !== false) await ensureSchema(database, opts.migrate ?? false);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Read a secret from stdin: hidden prompt on a terminal, first line otherwise. */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let data = '';
    for await (const chunk of stdin) {
      data += chunk;
      if (data.includes('\n')) break;
    }
    return data.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let s = '';
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(s);
        }
        if (c === '\u0003') return reject(new Error('cancelled'));
        if (c === '\u007f') s = s.slice(0, -1);
        else s += c;
      }
    };
    stdin.on('data', onData);
  });
}
