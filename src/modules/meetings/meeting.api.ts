// GET /api/v1/meetings, /api/v1/meetings/{id}, its changelog, and the iCalendar feeds of
// a meeting and of one session.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/api.schemas.ts';
import { isUiLang } from '../../http/i18n.ts';
import { notFound } from '../../shared/errors.ts';
import { getAlliance } from '../alliance/alliance.service.ts';
import { meetingDetail } from './meeting.read.ts';
import { ChangelogJson, changelogJson, MeetingJson, meetingJson, MeetingSummaryJson, meetingSummaryJson } from './meeting.schemas.ts';
import { getMeeting, listMeetings, MEETING_KINDS, MEETING_STATUSES } from './meeting.service.ts';
import { programmeHistory, publishedProgramme } from './programme.service.ts';
import { meetingCalendar } from './views/calendar.feed.ts';
import { cacheFor } from './cache.ts';

const IcsResponse = {
  200: {
    description: 'iCalendar (RFC 5545): times in UTC; a session known only by its date is an all-day event',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  },
};

const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ enum: ['zh', 'en', 'ru', 'ar'], description: 'language of the texts; default: the alliance’s first working language' })) });

export async function meetingApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = app.config.baseUrl;

  r.get(
    '/api/v1/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Meetings of the alliance: conferences, council and online meetings, and the events they are part of',
        description: 'Newest first. Each item gives the URL of its iCalendar feed.',
        querystring: Type.Object({
          kind: Type.Optional(Type.String({ enum: [...MEETING_KINDS] })),
          status: Type.Optional(Type.String({ enum: [...MEETING_STATUSES] })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(MeetingSummaryJson) }), ...errorResponses },
      },
    },
    async (req) => {
      const all = await listMeetings(app.db);
      const byKey = new Map(all.map((m) => [m.key, m]));
      const items = all.filter((m) => (!req.query.kind || m.kind === req.query.kind) && (!req.query.status || m.status === req.query.status));
      return { total: items.length, items: items.map((m) => meetingSummaryJson(base, m, m.parentKey ? byKey.get(m.parentKey) : null)) };
    },
  );

  r.get(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One meeting with its published programme: sessions and contributions, organisations, agenda, reported figures and computed statistics',
        params: Type.Object({ id: Type.String({ description: 'public id or slug' }) }),
        response: { 200: MeetingJson, ...errorResponses },
      },
    },
    async (req) => meetingJson(base, await meetingDetail(app.db, req.params.id), cacheFor<unknown>(app.db, 'programme-json', 64)),
  );

  r.get(
    '/api/v1/meetings/:id/changelog',
    {
      schema: {
        tags: ['meetings'],
        summary: 'The published versions of the programme, newest first, with what changed in each',
        params: Type.Object({ id: Type.String({ description: 'public id or slug' }) }),
        response: { 200: ChangelogJson, ...errorResponses },
      },
    },
    async (req) => {
      const m = await getMeeting(app.db, req.params.id);
      return changelogJson(await programmeHistory(app.db, m.key));
    },
  );

  const sendFeed = async (id: string, lang: string | undefined, sessionId: string | undefined, reply: import('fastify').FastifyReply) => {
    const m = await getMeeting(app.db, id);
    const [published, alliance] = await Promise.all([publishedProgramme(app.db, m.key), getAlliance(app.db)]);
    if (sessionId && !published?.programme.sessions.some((s) => s.id === sessionId)) throw notFound(`Session ${sessionId}`);
    const first = alliance.workingLanguages[0]?.split('-')[0] ?? 'en';
    const ui = lang && isUiLang(lang) ? lang : isUiLang(first) ? first : 'en';
    // the feed of a published version is the same every time until the meeting or the version changes
    const cache = cacheFor<string>(app.db, 'calendars', 256);
    const key = [published?.key ?? 0, m.updatedAt, ui, alliance.workingLanguages.join(','), sessionId ?? ''].join('|');
    let body = cache?.get(key);
    if (!body) {
      body = meetingCalendar(m, published, { lang: ui, chain: alliance.workingLanguages, baseUrl: base, ...(sessionId ? { sessionId } : {}) });
      cache?.set(key, body);
    }
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${m.slug}${sessionId ? `-${sessionId}` : ''}.ics"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);
  };

  r.get(
    '/api/v1/meetings/:id/calendar.ics',
    {
      schema: {
        tags: ['meetings'],
        summary: 'iCalendar feed of a meeting: the meeting and every session of its published programme',
        params: Type.Object({ id: Type.String({ description: 'public id or slug' }) }),
        querystring: LangQuery,
        response: { ...IcsResponse, ...errorResponses },
      },
    },
    async (req, reply) => sendFeed(req.params.id, req.query.lang, undefined, reply),
  );

  r.get(
    '/api/v1/meetings/:id/sessions/:sessionId/calendar.ics',
    {
      schema: {
        tags: ['meetings'],
        summary: 'iCalendar feed of one session',
        params: Type.Object({ id: Type.String({ description: 'meeting public id or slug' }), sessionId: Type.String({ description: 'session public id' }) }),
        querystring: LangQuery,
        response: { ...IcsResponse, ...errorResponses },
      },
    },
    async (req, reply) => sendFeed(req.params.id, req.query.lang, req.params.sessionId, reply),
  );
}
