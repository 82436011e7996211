// The bare root picks the interface language; /health answers for probes.
import type { FastifyInstance } from 'fastify';
import { isUiLang, negotiate } from './i18n.ts';

export function registerRoot(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    reply.header('vary', 'Accept-Language');
    return reply.redirect(`/${negotiate(req.headers['accept-language'])}/`, 302);
  });
  app.get('/:lang', { schema: { hide: true } }, async (req, reply) => {
    const { lang } = req.params as { lang: string };
    if (!isUiLang(lang)) return reply.callNotFound();
    return reply.redirect(`/${lang}/`, 301);
  });
  app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
}
