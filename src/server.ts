// Builds the Fastify app: shared plugins, then each module's api, pages and admin.
// No logic here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db/schema.ts';
import { registerAuth } from './http/auth.ts';
import { frameworkErrorHandler, registerErrorHandling } from './http/errors.ts';
import { registerRoot } from './http/root.ts';
import { registerOpenApi } from './http/openapi.ts';
import { accountPages } from './modules/accounts/account.pages.ts';
import { accountAdmin } from './modules/accounts/account.admin.ts';
import { allianceApi } from './modules/alliance/alliance.api.ts';
import { alliancePages } from './modules/alliance/alliance.pages.ts';
import { allianceAdmin } from './modules/alliance/alliance.admin.ts';
import { institutionApi } from './modules/institutions/institution.api.ts';
import { institutionPages } from './modules/institutions/institution.pages.ts';
import { institutionAdmin } from './modules/institutions/institution.admin.ts';
import { personApi } from './modules/people/person.api.ts';
import { personAdmin } from './modules/people/person.admin.ts';
import { objectApi } from './modules/catalogue/object.api.ts';
import { sourceAdmin } from './modules/sources/source.admin.ts';
import { meetingApi } from './modules/meetings/meeting.api.ts';
import { meetingPages } from './modules/meetings/meeting.pages.ts';
import { meetingAdmin } from './modules/meetings/meeting.admin.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface AppOptions {
  config: Config;
  db: Kysely<DB>;
  /** secret for signed cookies (CSRF) */
  secret: string;
  logger?: boolean | object;
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    // ids and slugs only: cap URL parameter length
    routerOptions: { maxParamLength: 200 },
    // a malformed or over-long URL gets the same error answers as everything else
    frameworkErrors: frameworkErrorHandler,
  });
  app.decorate('db', o.db);
  app.decorate('config', o.config);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        // bar widths and the map's sizing are style attributes; no inline <style> or script
        styleSrcAttr: ["'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: o.config.secureCookies ? [] : null,
      },
    },
    hsts: o.config.secureCookies,
  });
  await app.register(cookie, { secret: o.secret });
  await app.register(csrf, {
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: o.config.secureCookies },
    // multipart forms carry the token in the query string: their body is read later
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const q = req.query as Record<string, unknown> | undefined;
      return (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? (typeof q?._csrf === 'string' ? q._csrf : undefined) ?? (req.headers['x-csrf-token'] as string | undefined) ?? '';
    },
  });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(multipart, { limits: { fileSize: o.config.uploadLimitBytes, files: 1, fields: 20, fieldSize: 64 * 1024 } });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: path.join(here, 'http/assets'), prefix: '/assets/', maxAge: '1h' });

  registerErrorHandling(app);
  registerAuth(app);
  // every state-changing form is CSRF-checked; the JSON API is read-only and cookie-less
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.url.startsWith('/api/')) return done();
    app.csrfProtection(req, reply, done);
  });

  await registerOpenApi(app);
  registerRoot(app);
  for (const mod of [institutionApi, personApi, allianceApi, objectApi, alliancePages, institutionPages, accountPages, accountAdmin, allianceAdmin, institutionAdmin, personAdmin, sourceAdmin, meetingApi, meetingPages, meetingAdmin]) {
    await app.register(mod);
  }
  return app;
}
