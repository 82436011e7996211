// Renders a page in the frame, with the alliance's name and content fallback chain.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getAlliance } from '../modules/alliance/alliance.service.ts';
import type { Alliance } from '../modules/alliance/alliance.service.ts';
import { pageCtx, type PageCtx } from './context.ts';
import { UI_LANGS } from './i18n.ts';
import type { Html } from './html.ts';
import { layout, type LayoutOptions } from './layout.ts';

export interface PageSpec {
  title: string;
  main: Html;
  section?: LayoutOptions['section'];
  head?: Html;
  status?: number;
}

export async function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  build: (ctx: PageCtx, alliance: Alliance) => Promise<PageSpec> | PageSpec,
): Promise<FastifyReply> {
  const alliance = await getAlliance(req.server.db);
  const ctx = pageCtx(req, reply, alliance.workingLanguages);
  const spec = await build(ctx, alliance);
  reply.status(spec.status ?? 200).type('text/html; charset=utf-8');
  // pages can show who is logged in, so shared caches must not keep them
  reply.header('cache-control', 'private, no-cache');
  return reply.send(layout(ctx, { ...spec, siteName: alliance.name }));
}

/** Register a page under every interface language: /zh/…, /en/…, /ru/…, /ar/… */
export function langPaths(path: string): string[] {
  return UI_LANGS.map((l) => `/${l}${path}`);
}
