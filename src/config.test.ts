import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('needs nothing for the embedded default', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', baseUrl: 'http://127.0.0.1:3000', databaseKind: 'sqlite', secureCookies: false });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.sqlitePath).toBe(path.resolve('./data/caravanserai.sqlite'));
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('takes PostgreSQL from DATABASE_URL and https from BASE_URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', BASE_URL: 'https://iams.example.org/' });
    expect(c.databaseKind).toBe('postgres');
    expect(c.baseUrl).toBe('https://iams.example.org');
    expect(c.secureCookies).toBe(true);
  });

  it('stops start-up naming every bad key', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BASE_URL: 'ftp://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      'PORT="eighty" must be a whole number from 0 to 65535',
      'BASE_URL="ftp://x" must be an absolute http(s) URL without query or fragment',
      'DATABASE_URL must be unset (SQLite in DATA_DIR) or a postgres:// URL',
      'SESSION_SECRET must be at least 32 characters',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});
