// Public pages of the alliance: home, member directory, officers.
import type { FastifyInstance } from 'fastify';
import { langPaths, sendPage } from '../../http/page.ts';
import { text, tr } from '../../http/layout.ts';
import { getCounts, listDirectory } from './directory.service.ts';
import { listOffices } from './office.service.ts';
import { homeView } from './views/home.view.ts';
import { directoryView, PAGE_SIZE, type DirectoryParams } from './views/directory.view.ts';
import { officersView } from './views/officers.view.ts';
import { MEMBERSHIP_STATUSES } from './membership.service.ts';

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export async function alliancePages(app: FastifyInstance): Promise<void> {
  for (const url of langPaths('/')) app.get(url, async (req, reply) =>
    sendPage(req, reply, async (ctx, alliance) => {
      const [counts, offices, recent] = await Promise.all([
        getCounts(app.db),
        listOffices(app.db, { current: true }),
        listDirectory(app.db, { limit: 500 }),
      ]);
      const admitted = recent.items
        .filter((e) => e.membership?.memberSince)
        .sort((x, y) => (y.membership!.memberSince! > x.membership!.memberSince! ? 1 : -1))
        .slice(0, 8);
      return { title: text(ctx, alliance.shortName) || text(ctx, alliance.name), section: 'home', main: homeView(ctx, alliance, counts, offices, admitted) };
    }),
  );

  for (const url of langPaths('/members')) app.get(url, async (req, reply) =>
    sendPage(req, reply, async (ctx, alliance) => {
      const q = req.query as Record<string, unknown>;
      const status = str(q.status, 20);
      const country = str(q.country, 2).toUpperCase();
      const p: DirectoryParams = {
        q: str(q.q),
        country: /^[A-Z]{2}$/.test(country) ? country : '',
        category: str(q.category, 50),
        status: status === 'any' || (MEMBERSHIP_STATUSES as readonly string[]).includes(status) ? status : 'member',
        kind: str(q.kind, 50),
        page: Math.min(Math.max(Number.parseInt(str(q.page, 6), 10) || 1, 1), 10_000),
      };
      const [result, counts] = await Promise.all([
        listDirectory(app.db, { ...p, limit: PAGE_SIZE, offset: (p.page - 1) * PAGE_SIZE }),
        getCounts(app.db),
      ]);
      const countries = new Set(counts.byCountry.map((c) => c.country));
      if (p.country) countries.add(p.country);
      return { title: tr(ctx, 'directory.title'), section: 'members', main: directoryView(ctx, alliance, p, result, [...countries]) };
    }),
  );

  for (const url of langPaths('/officers')) app.get(url, async (req, reply) =>
    sendPage(req, reply, async (ctx, alliance) => ({
      title: tr(ctx, 'officers.title'),
      section: 'officers',
      main: officersView(ctx, alliance, await listOffices(app.db, { current: true })),
    })),
  );
}
