// Reads the session cookie into req.user, and sets or clears it. The cookie is
// HttpOnly, SameSite=Lax, Secure (and __Host- prefixed) when served over https.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endSession, resolveSession, startSession } from '../modules/accounts/session.service.ts';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-cs_session' : 'cs_session';
}

export function registerAuth(app: FastifyInstance): void {
  const name = sessionCookieName(app.config.secureCookies);
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[name];
    // static assets and the API's public reads need no session lookup
    if (!token || req.url.startsWith('/assets/')) return;
    req.user = (await resolveSession(app.db, token)) ?? null;
  });
}

export async function logIn(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, userId: number): Promise<void> {
  const old = req.cookies[sessionCookieName(app.config.secureCookies)];
  if (old) await endSession(app.db, old); // a new session id at every login: no fixation
  const token = await startSession(app.db, userId, { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
  reply.setCookie(sessionCookieName(app.config.secureCookies), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
    maxAge: 7 * 24 * 3600,
  });
}

export async function logOut(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const name = sessionCookieName(app.config.secureCookies);
  const token = req.cookies[name];
  if (token) await endSession(app.db, token);
  reply.clearCookie(name, { path: '/' });
}
