// Public pages of meetings: /{lang}/meetings, /{lang}/meetings/{id-or-slug} (the
// programme by day and room, filter by sub-topic), speakers, a speaker, the changelog.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html } from '../../http/html.ts';
import { text } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { notFound } from '../../shared/errors.ts';
import { can } from '../accounts/permission.policy.ts';
import { actorOf } from '../accounts/session.service.ts';
import { meetingDetail, speakerAppearances } from './meeting.read.ts';
import { getMeeting, listMeetings, type Meeting } from './meeting.service.ts';
import { mt } from './meeting.i18n.ts';
import { programmeHistory, publishedProgramme } from './programme.service.ts';
import { calendarUrl } from './views/meeting.parts.ts';
import { meetingsListView, meetingView, programmeSection, type ProgrammeQuery } from './views/meeting.view.ts';
import { cacheFor } from './cache.ts';
import type { Html } from '../../http/html.ts';
import { MEETINGS_CSS } from './views/meetings.css.ts';
import { changelogView, speakersOf, speakerView, speakersView } from './views/speaker.view.ts';

const CSS_ETAG = `"${createHash('sha256').update(MEETINGS_CSS).digest('base64url').slice(0, 16)}"`;
const head = (m?: Meeting, lang?: string) =>
  html`<link rel="stylesheet" href="/assets/meetings.css">${m ? html`\n<link rel="alternate" type="text/calendar" href="${calendarUrl(m)}?lang=${lang ?? 'en'}">\n<link rel="alternate" type="application/json" href="/api/v1/meetings/${m.id}">` : ''}`;

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** One canonical URL: an id or an old spelling of the slug redirects to the slug. */
function canonical(req: FastifyRequest, key: string, m: Meeting): string | undefined {
  return key === m.slug ? undefined : req.url.replace(`/meetings/${encodeURIComponent(key)}`, `/meetings/${m.slug}`).replace(`/meetings/${key}`, `/meetings/${m.slug}`);
}

export async function meetingPages(app: FastifyInstance): Promise<void> {
  app.get('/assets/meetings.css', { schema: { hide: true } }, async (req, reply) => {
    reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(MEETINGS_CSS);
  });

  for (const url of langPaths('/meetings'))
    app.get(url, async (req, reply) =>
      sendPage(req, reply, async (ctx) => ({ title: mt(ctx, 'meetings.title'), head: head(), main: meetingsListView(ctx, await listMeetings(app.db)) })),
    );

  for (const url of langPaths('/meetings/:key'))
    app.get(url, async (req, reply) => {
      const { key } = req.params as { key: string };
      const d = await meetingDetail(app.db, key);
      const to = canonical(req, key, d.meeting);
      if (to) return reply.redirect(to, 301);
      const query = req.query as Record<string, unknown>;
      const q: ProgrammeQuery = { topic: str(query.topic, 60), view: str(query.view, 10) === 'rooms' ? 'rooms' : 'time' };
      const actor = req.user ? actorOf(req.user) : null;
      const open = d.meeting.status === 'registration_open';
      const perms = {
        canManage: !!actor && can(actor, 'meeting.write'),
        // visitors see the way in (the login page follows); of the logged in, those who may register
        canRegister: open && (!actor || can(actor, 'registration.manage') || (actor.kind === 'user' && actor.institutionId !== null && can(actor, 'registration.write', { institutionIds: [actor.institutionId] }))),
      };
      return sendPage(req, reply, (ctx, alliance) => {
        // a published version never changes: its rendering is kept, keyed by everything it depends on
        const cache = d.published ? cacheFor<Html>(app.db, 'programme-html', 256) : undefined;
        const key = d.published ? [d.published.key, d.meeting.updatedAt, ctx.lang, ctx.chain.join(','), q.topic, q.view].join('|') : '';
        let programme = cache?.get(key);
        if (!programme) {
          programme = programmeSection(ctx, d, q);
          cache?.set(key, programme);
        }
        return { title: text(ctx, d.meeting.title), head: head(d.meeting, ctx.lang), main: meetingView(ctx, alliance, d, q, perms, programme) };
      });
    });

  for (const url of langPaths('/meetings/:key/speakers'))
    app.get(url, async (req, reply) => {
      const { key } = req.params as { key: string };
      const m = await getMeeting(app.db, key);
      const to = canonical(req, key, m);
      if (to) return reply.redirect(to, 301);
      const p = await publishedProgramme(app.db, m.key);
      return sendPage(req, reply, (ctx) => ({ title: mt(ctx, 'speakers.title', { meeting: text(ctx, m.title) }), head: head(m, ctx.lang), main: speakersView(ctx, m, p) }));
    });

  for (const url of langPaths('/meetings/:key/speakers/:person'))
    app.get(url, async (req, reply) => {
      const { key, person } = req.params as { key: string; person: string };
      const m = await getMeeting(app.db, key);
      const p = await publishedProgramme(app.db, m.key);
      const speaker = speakersOf(p).find((s) => s.person.slug === person || s.person.id === person);
      if (!speaker) throw notFound(`Speaker ${person}`);
      if (key !== m.slug || person !== speaker.person.slug) return reply.redirect(req.url.replace(/\/meetings\/[^/]+\/speakers\/[^/?]+/, `/meetings/${m.slug}/speakers/${speaker.person.slug}`), 301);
      const { person: who, appearances } = await speakerAppearances(app.db, speaker.person.id);
      return sendPage(req, reply, (ctx) => ({ title: text(ctx, who.name), head: head(m, ctx.lang), main: speakerView(ctx, m, who, appearances) }));
    });

  for (const url of langPaths('/meetings/:key/changelog'))
    app.get(url, async (req, reply) => {
      const { key } = req.params as { key: string };
      const m = await getMeeting(app.db, key);
      const to = canonical(req, key, m);
      if (to) return reply.redirect(to, 301);
      const versions = await programmeHistory(app.db, m.key);
      return sendPage(req, reply, (ctx) => ({ title: mt(ctx, 'changelog.title', { meeting: text(ctx, m.title) }), head: head(m, ctx.lang), main: changelogView(ctx, m, versions) }));
    });
}
