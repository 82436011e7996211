// The only reader of process.env. Every setting is declared once here with its type,
// default and a one-line reason; a bad value stops start-up with a message naming it.
import path from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Config {
  /** TCP port of the web server. */
  readonly port: number;
  /** Interface to listen on; loopback by default so a fresh install is not exposed. */
  readonly host: string;
  /** Public origin used for canonical URLs, calendar feeds and secure cookies. */
  readonly baseUrl: string;
  /** Folder for the SQLite file, uploads and derivatives. */
  readonly dataDir: string;
  /** Unset: SQLite in dataDir. postgres://...: PostgreSQL. */
  readonly databaseUrl: string | undefined;
  readonly databaseKind: DatabaseKind;
  /** Path of the SQLite file (only meaningful when databaseKind is sqlite). */
  readonly sqlitePath: string;
  /** Secret that signs cookies; read from DATA_DIR/.secret (created once) when unset. */
  readonly sessionSecret: string | undefined;
  /** pino level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted upload, in bytes (member lists, later collection files). */
  readonly uploadLimitBytes: number;
  /** True when served over https: cookies get the Secure flag. */
  readonly secureCookies: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
      problems.push(`${key}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) problems.push(`HOST=${JSON.stringify(host)} is not a host name or address`);

  let baseUrl = env.BASE_URL?.trim() || `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    if (u.search || u.hash) throw new Error('query');
    baseUrl = u.origin + u.pathname.replace(/\/+$/, '');
  } catch {
    problems.push(`BASE_URL=${JSON.stringify(env.BASE_URL)} must be an absolute http(s) URL without query or fragment`);
  }

  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  let databaseKind: DatabaseKind = 'sqlite';
  if (databaseUrl) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
      databaseKind = 'postgres';
      try {
        new URL(databaseUrl);
      } catch {
        problems.push('DATABASE_URL is not a valid postgres:// URL');
      }
    } else {
      problems.push('DATABASE_URL must be unset (SQLite in DATA_DIR) or a postgres:// URL');
    }
  }

  const sessionSecret = env.SESSION_SECRET || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const uploadLimitBytes = int('UPLOAD_LIMIT_MB', 20, 1, 4096) * 1024 * 1024;

  if (problems.length) throw new ConfigError(problems);

  return Object.freeze({
    port,
    host,
    baseUrl,
    dataDir,
    databaseUrl,
    databaseKind,
    sqlitePath: path.join(dataDir, 'caravanserai.sqlite'),
    sessionSecret,
    logLevel,
    uploadLimitBytes,
    secureCookies: baseUrl.startsWith('https:'),
  });
}
