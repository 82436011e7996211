// The public page of one institution: /{lang}/members/{slug}
import type { FastifyInstance } from 'fastify';
import { langPaths, sendPage } from '../../http/page.ts';
import { text } from '../../http/layout.ts';
import { actorOf } from '../accounts/session.service.ts';
import { can } from '../accounts/permission.policy.ts';
import { institutionDetail } from '../alliance/registry.read.ts';
import { institutionView } from './views/institution.view.ts';

export async function institutionPages(app: FastifyInstance): Promise<void> {
  for (const url of langPaths('/members/:slug'))
    app.get(url, async (req, reply) => {
      const { slug } = req.params as { slug: string };
      const d = await institutionDetail(app.db, slug);
      // one canonical URL: an id or an old spelling redirects to the slug
      if (slug !== d.institution.slug) return reply.redirect(req.url.replace(/\/members\/[^/?]+/, `/members/${d.institution.slug}`), 301);
      return sendPage(req, reply, (ctx, alliance) => ({
        title: text(ctx, d.institution.name),
        section: 'members',
        main: institutionView(ctx, alliance, d, !!req.user && can(actorOf(req.user), 'institution.update', { institutionIds: [d.institution.key] })),
      }));
    });
}
