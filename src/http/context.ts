// What every request carries once the auth hook and the language prefix have run.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../modules/accounts/permission.policy.ts';
import { actorOf, type SessionUser } from '../modules/accounts/session.service.ts';
import { AppError } from '../shared/errors.ts';
import { BCP47, isUiLang, t, type UiLang } from './i18n.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    config: Config;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** The interface language from the /{lang}/ prefix of the URL. */
export function langOf(req: FastifyRequest): UiLang {
  const seg = req.url.split('/')[1] ?? '';
  return isUiLang(seg) ? seg : 'en';
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('unauthenticated', 'Log in first');
  return req.user;
}

export function actorFor(req: FastifyRequest): Actor {
  return actorOf(requireUser(req), req.ip);
}

export interface PageCtx {
  lang: UiLang;
  /** BCP 47 tag of the interface language, for content language maps */
  tag: string;
  /** the alliance's content fallback chain */
  chain: readonly string[];
  user: SessionUser | null;
  /** path of this page without the /{lang} prefix, with its query, for the language switcher */
  here: string;
  csrf: string;
  /** a one-line notice to show (saved, deleted ...) */
  notice?: string;
}

export function pageCtx(req: FastifyRequest, reply: FastifyReply, chain: readonly string[]): PageCtx {
  const lang = langOf(req);
  const here = req.url.replace(/^\/(zh|en|ru|ar)(?=\/|$|\?)/, '') || '/';
  // ?done=saved after a redirect: only known words, so a crafted link cannot put text on our page
  const done = (req.query as Record<string, unknown> | undefined)?.done;
  const notice = done === 'saved' ? t(lang, 'admin.saved') : done === 'deleted' ? t(lang, 'admin.deleted') : undefined;
  return { lang, tag: BCP47[lang], chain, user: req.user, here, csrf: reply.generateCsrf(), ...(notice ? { notice } : {}) };
}
