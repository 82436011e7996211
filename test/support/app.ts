// An in-process app on a fresh test database (one per dialect), seeded with the IAMS,
// with helpers to create users and log in through the real login form.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/server.ts';
import { systemActor } from '../../src/modules/accounts/permission.policy.ts';
import { createUser } from '../../src/modules/accounts/user.service.ts';
import { getInstitution } from '../../src/modules/institutions/institution.service.ts';
import { testDatabase, type TestDialect } from './database.ts';
import { seedIams } from './seed.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function testApp(dialect: TestDialect, opts: { seed?: boolean } = {}): Promise<TestApp> {
  const database = await testDatabase(dialect);
  if (opts.seed !== false) await seedIams(database.db);
  const config = loadConfig({ DATA_DIR: `/tmp/caravanserai-test-${process.pid}`, LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, db: database.db, secret: 'test-secret-test-secret-test-secret!!' });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export async function addUser(t: TestApp, email: string, role: string, institutionSlug?: string) {
  const institutionId = institutionSlug ? (await getInstitution(t.database.db, institutionSlug)).key : null;
  return createUser(t.database.db, systemActor('test'), { email, role, password: TEST_PASSWORD, institutionId });
}

/** A cookie jar for app.inject: keeps cookies between requests like a browser. */
export class Browser {
  private cookies = new Map<string, string>();
  /** ip: the client address, so rate limits of one test do not spill into another */
  constructor(
    private readonly t: TestApp,
    private readonly ip = '127.0.0.1',
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.t.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.cookieHeader, accept: 'text/html', ...headers } });
    this.remember(res);
    return res;
  }

  /** The CSRF token of the first form on a page. */
  async csrfFrom(url: string): Promise<string> {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body) ?? /_csrf=([^"&]+)/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return decodeURIComponent(m[1]!);
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await this.t.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      payload: new URLSearchParams(form).toString(),
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    });
    this.remember(res);
    return res;
  }

  async login(email: string, password = TEST_PASSWORD) {
    const _csrf = await this.csrfFrom('/en/login');
    return this.post('/en/login', { _csrf, email, password, next: '/en/admin' });
  }
}
