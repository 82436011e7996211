// The public pages of meetings: the list, and one meeting with its programme by day and
// room (filter by sub-topic), organisations, agenda, reported figures and the
// participation computed from registrations.
import { html, qs, type Html } from '../../../http/html.ts';
import { href, localized, text } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { formatNumber, formatPartialDate } from '../../../http/i18n.ts';
import { countryName } from '../../../shared/countries.ts';
import type { Alliance } from '../../alliance/alliance.service.ts';
import { categoryName } from '../../alliance/views/registry.views.ts';
import type { MeetingDetail } from '../meeting.read.ts';
import { ORGANISATION_ROLES, type Meeting } from '../meeting.service.ts';
import { mt, mtOf } from '../meeting.i18n.ts';
import { splitChairs, type SnapRoom, type SnapSession } from '../programme.ts';
import {
  calendarUrl, contributionLine, dateRange, figureSource, figureText, institutionLink, meetingMeta, meetingPath, sessionCalendarUrl, sessionName, sessionTime, zoneOffset,
} from './meeting.parts.ts';

export function meetingsListView(ctx: PageCtx, meetings: Meeting[]): Html {
  const byKey = new Map(meetings.map((m) => [m.key, m]));
  return html`<h1>${mt(ctx, 'meetings.title')}</h1>
<p class="lede">${mt(ctx, 'meetings.lede')}</p>
${meetings.length
  ? html`<ol class="meetings">${meetings.map((m) => {
      const parent = m.parentKey ? byKey.get(m.parentKey) : undefined;
      return html`<li class="meeting-entry" data-slug="${m.slug}"><h2 class="entry-name"><a href="${href(ctx, meetingPath(m))}">${localized(ctx, m.title)}</a></h2>
  <p class="meta">${meetingMeta(ctx, m)} <span class="badge status-${m.status}">${mtOf(ctx, 'status', m.status)}</span></p>
  ${Object.keys(m.theme).length ? html`<p class="theme">${localized(ctx, m.theme)}</p>` : ''}
  ${parent ? html`<p class="meta">${mt(ctx, 'meetings.partOf', { event: text(ctx, parent.title) })}</p>` : ''}</li>`;
    })}</ol>`
  : html`<p>${mt(ctx, 'meetings.none')}</p>`}`;
}

export interface ProgrammeQuery {
  topic: string;
  view: 'time' | 'rooms';
}

export interface MeetingPerms {
  canManage: boolean;
  canRegister: boolean;
}

/**
 * The meeting page. `programme` is the rendered programme section when the caller has
 * it (a published version renders the same every time: pages cache it).
 */
export function meetingView(ctx: PageCtx, alliance: Alliance, d: MeetingDetail, q: ProgrammeQuery, perms: MeetingPerms, programme?: Html): Html {
  const m = d.meeting;
  const zone = m.timeZone ? `${m.timeZone} (UTC${zoneOffset(m)})` : '';
  const place = [text(ctx, m.venue), text(ctx, m.city), m.country ? countryName(m.country, ctx.lang) : ''].filter(Boolean).join(', ');
  return html`<article class="meeting" data-meeting="${m.id}">
<h1>${localized(ctx, m.title)}</h1>
${Object.keys(m.theme).length ? html`<p class="lede theme"><span class="label">${mt(ctx, 'meeting.theme')}:</span> ${localized(ctx, m.theme)}</p>` : ''}
<dl class="facts">
  <dt>${mt(ctx, 'meeting.kind')}</dt><dd>${mtOf(ctx, 'kind', m.kind)}${m.number ? html` · ${mt(ctx, 'meetings.numbered', { n: m.number })}` : ''}</dd>
  ${m.startsOn ? html`<dt>${mt(ctx, 'meeting.dates')}</dt><dd>${dateRange(ctx, m.startsOn, m.endsOn)}</dd>` : ''}
  ${place ? html`<dt>${mt(ctx, 'meeting.place')}</dt><dd>${place}</dd>` : ''}
  <dt>${mt(ctx, 'meeting.mode')}</dt><dd>${mtOf(ctx, 'mode', m.mode)}</dd>
  <dt>${mt(ctx, 'meeting.status')}</dt><dd><span class="badge status-${m.status}">${mtOf(ctx, 'status', m.status)}</span></dd>
  ${zone ? html`<dt>${mt(ctx, 'meeting.timeZone')}</dt><dd>${zone}</dd>` : ''}
  ${d.parent ? html`<dt>${mt(ctx, 'meeting.parent')}</dt><dd><a href="${href(ctx, meetingPath(d.parent))}">${localized(ctx, d.parent.title)}</a></dd>` : ''}
  ${d.children.length ? html`<dt>${mt(ctx, 'meeting.children')}</dt><dd><ul class="plain">${d.children.map((c) => html`<li><a href="${href(ctx, meetingPath(c))}">${localized(ctx, c.title)}</a></li>`)}</ul></dd>` : ''}
</dl>
<p class="actions">
  <a class="button" href="${calendarUrl(m)}?lang=${ctx.lang}" type="text/calendar" title="${mt(ctx, 'meetings.calendarHelp')}">${mt(ctx, 'meetings.calendar')}</a>
  ${perms.canRegister ? html`<a class="button" href="${href(ctx, `/admin${meetingPath(m)}/registrations`)}">${mt(ctx, 'meeting.register')}</a>` : ''}
  ${perms.canManage ? html`<a href="${href(ctx, `/admin${meetingPath(m)}`)}">${mt(ctx, 'meeting.manage')}</a>` : ''}
  <a href="/api/v1/meetings/${m.id}" type="application/json">${mt(ctx, 'meetings.api')}</a>
</p>

${d.organisations.length
  ? html`<section aria-labelledby="orgs-h"><h2 id="orgs-h">${mt(ctx, 'meeting.organisations')}</h2><dl class="facts organisations">
  ${ORGANISATION_ROLES.map((role) => {
    const list = d.organisations.filter((o) => o.role === role);
    return list.length ? html`<dt>${mtOf(ctx, 'role', role)}</dt><dd><ul class="plain">${list.map((o) => html`<li>${institutionLink(ctx, o.institution)}</li>`)}</ul></dd>` : '';
  })}</dl></section>`
  : ''}

${programme ?? programmeSection(ctx, d, q)}
${agendaSection(ctx, d)}
${figuresSection(ctx, d)}
${statsSection(ctx, alliance, d)}
</article>`;
}

export function programmeSection(ctx: PageCtx, d: Pick<MeetingDetail, 'meeting' | 'published'>, q: ProgrammeQuery): Html {
  const m = d.meeting;
  const p = d.published;
  if (!p) return html`<section aria-labelledby="programme-h" id="programme"><h2 id="programme-h">${mt(ctx, 'programme.title')}</h2><p>${mt(ctx, 'programme.none')}</p></section>`;
  const prog = p.programme;
  const topic = prog.topics.some((t) => t.slug === q.topic) ? q.topic : '';
  const sessions = topic ? prog.sessions.filter((s) => s.topic === topic) : prog.sessions;
  const base = href(ctx, meetingPath(m));
  const link = (params: { topic?: string; view?: string }) => `${base}${qs({ topic: params.topic ?? topic, view: (params.view ?? q.view) === 'rooms' ? 'rooms' : '' })}#programme`;
  const topicTitle = new Map(prog.topics.map((t) => [t.slug, t.title]));

  const days = new Map<string | null, SnapSession[]>();
  for (const s of sessions) days.set(s.date, [...(days.get(s.date) ?? []), s]);

  const sessionBlock = (s: SnapSession): Html => {
    const { chairs, talks } = splitChairs(s);
    return html`<li class="session" id="s-${s.id}" data-kind="${s.kind}"${s.topic ? html` data-topic="${s.topic}"` : ''}>
  <p class="when">${sessionTime(ctx, s)}${s.room && q.view !== 'rooms' ? html` · <span class="room">${localized(ctx, s.room.name)}</span>` : ''}</p>
  <h4 class="session-name">${sessionName(ctx, s)}</h4>
  ${Object.keys(s.title).length ? html`<p class="meta">${mtOf(ctx, 'session', s.kind)}</p>` : ''}
  ${Object.keys(s.theme).length ? html`<p class="theme"><span class="label">${mt(ctx, 'meeting.theme')}:</span> ${localized(ctx, s.theme)}</p>` : ''}
  ${s.topic && topicTitle.has(s.topic) ? html`<p class="topic"><span class="label">${mt(ctx, 'programme.topic')}:</span> <a href="${link({ topic: s.topic })}">${localized(ctx, topicTitle.get(s.topic)!)}</a></p>` : ''}
  ${s.place ? html`<p class="place"><span class="label">${mt(ctx, 'programme.at')}:</span> ${institutionLink(ctx, s.place)}</p>` : ''}
  ${chairs.length ? html`<ul class="chairs">${chairs.map((c) => contributionLine(ctx, m, c))}</ul>` : ''}
  ${talks.length ? html`<ul class="contributions">${talks.map((c) => contributionLine(ctx, m, c))}</ul>` : ''}
  <p class="session-links"><a href="${sessionCalendarUrl(m, s)}?lang=${ctx.lang}" type="text/calendar">${mt(ctx, 'programme.sessionCalendar')}</a></p>
</li>`;
  };

  const dayBlock = ([date, list]: [string | null, SnapSession[]]): Html => {
    const heading = date ? formatPartialDate(ctx.lang, date) : mt(ctx, 'programme.noDate');
    if (q.view !== 'rooms') return html`<section class="day"><h3>${heading}</h3><ol class="sessions">${list.map(sessionBlock)}</ol></section>`;
    const rooms = new Map<number | null, { room: SnapRoom | null; list: SnapSession[] }>();
    for (const s of list) {
      const k = s.room?.id ?? null;
      rooms.set(k, { room: s.room, list: [...(rooms.get(k)?.list ?? []), s] });
    }
    const order = [...rooms.values()].sort((a, b) => (a.room === null ? 1 : b.room === null ? -1 : prog.rooms.findIndex((r) => r.id === a.room!.id) - prog.rooms.findIndex((r) => r.id === b.room!.id)));
    return html`<section class="day"><h3>${heading}</h3><div class="rooms">${order.map(
      (r) => html`<section class="room-column"><h4 class="room-name">${r.room ? localized(ctx, r.room.name) : mt(ctx, 'programme.noRoom')}</h4><ol class="sessions">${r.list.map(sessionBlock)}</ol></section>`,
    )}</div></section>`;
  };

  return html`<section aria-labelledby="programme-h" id="programme"><h2 id="programme-h">${mt(ctx, 'programme.title')}</h2>
<p class="meta">${mt(ctx, 'programme.version', { version: p.version, date: formatPartialDate(ctx.lang, p.publishedAt.slice(0, 10)) })} · <a href="${href(ctx, `${meetingPath(m)}/changelog`)}">${mt(ctx, 'programme.changelog')}</a> · <a href="${href(ctx, `${meetingPath(m)}/speakers`)}">${mt(ctx, 'programme.speakers')}</a></p>
${m.timeZone ? html`<p class="meta">${mt(ctx, 'programme.localTimes', { zone: m.timeZone, offset: zoneOffset(m) })}</p>` : ''}
<nav class="programme-filters" aria-label="${mt(ctx, 'programme.filterTopic')}">
  ${prog.topics.length
    ? html`<p><span class="label">${mt(ctx, 'programme.filterTopic')}:</span></p><ul class="topics">
    <li><a href="${link({ topic: '' })}"${!topic ? html` aria-current="true"` : ''}>${mt(ctx, 'programme.allTopics')}</a></li>
    ${prog.topics.map((t) => html`<li><a href="${link({ topic: t.slug })}" data-topic="${t.slug}"${t.slug === topic ? html` aria-current="true"` : ''}>${localized(ctx, t.title)}</a></li>`)}</ul>`
    : ''}
  <p><span class="label">${mt(ctx, 'programme.view')}:</span> <a href="${link({ view: 'time' })}"${q.view !== 'rooms' ? html` aria-current="true"` : ''}>${mt(ctx, 'programme.byTime')}</a> · <a href="${link({ view: 'rooms' })}"${q.view === 'rooms' ? html` aria-current="true"` : ''}>${mt(ctx, 'programme.byRoom')}</a></p>
</nav>
<p class="meta" role="status">${mt(ctx, 'programme.shown', { n: formatNumber(ctx.lang, sessions.length) })}</p>
${sessions.length ? [...days].map(dayBlock) : html`<p>${mt(ctx, 'programme.noSessionsForTopic')}</p>`}
${!topic && prog.contributions.length
  ? html`<section class="unplaced"><h3>${mt(ctx, 'programme.otherContributions')}</h3><p class="meta">${mt(ctx, 'programme.otherContributionsHelp')}</p>
  <ul class="contributions">${prog.contributions.map((c) => contributionLine(ctx, m, c))}</ul></section>`
  : ''}
</section>`;
}

function agendaSection(ctx: PageCtx, d: MeetingDetail): Html | '' {
  if (!d.agenda.length) return '';
  return html`<section aria-labelledby="agenda-h"><h2 id="agenda-h">${mt(ctx, 'agenda.title')}</h2><ul class="agenda">
${d.agenda.map(
  (a) => html`<li class="agenda-item" data-kind="${a.kind}"><span class="label">${mtOf(ctx, 'agenda', a.kind)}:</span> ${localized(ctx, a.title)}${a.person ? html` — ${mt(ctx, 'agenda.releasedBy', { name: text(ctx, a.person.name) })}` : ''}
  ${a.kind === 'admission' && d.admitted.length
    ? html`<p>${mt(ctx, 'agenda.admitted', { n: formatNumber(ctx.lang, d.admitted.length) })}</p><ul class="admitted">${d.admitted.map((i) => html`<li><a href="${href(ctx, `/members/${i.slug}`)}">${localized(ctx, i.name)}</a>${i.country ? html` <small>(${countryName(i.country, ctx.lang)})</small>` : ''}</li>`)}</ul>`
    : ''}</li>`,
)}</ul></section>`;
}

function figuresSection(ctx: PageCtx, d: MeetingDetail): Html | '' {
  if (!d.figures.length) return '';
  return html`<section aria-labelledby="figures-h" class="figures"><h2 id="figures-h">${mt(ctx, 'figures.title')}</h2><p class="meta">${mt(ctx, 'figures.help')}</p>
<ul class="figure-list">${d.figures.map((f) => html`<li data-measure="${f.measure}">${figureText(ctx, f)}<br>${figureSource(ctx, f)}</li>`)}</ul></section>`;
}

function statsSection(ctx: PageCtx, alliance: Alliance, d: MeetingDetail): Html {
  const s = d.stats;
  const n = (x: number) => formatNumber(ctx.lang, x);
  const t = s.attended ?? s.approved;
  return html`<section aria-labelledby="stats-h" class="stats"><h2 id="stats-h">${mt(ctx, 'stats.title')}</h2><p class="meta">${mt(ctx, 'stats.help')}</p>
${t.delegates
  ? html`<p class="computed">${mt(ctx, s.attended ? 'stats.attended' : 'stats.approved', { delegates: n(t.delegates), institutions: n(t.institutions), countries: n(t.countries) })}</p>
<div class="stat-tables">
<table><caption>${mt(ctx, 'stats.byCountry')}</caption><thead><tr><th scope="col">${mt(ctx, 'stats.country')}</th><th scope="col">${mt(ctx, 'stats.delegates')}</th><th scope="col">${mt(ctx, 'stats.institutions')}</th></tr></thead><tbody>
${s.byCountry.map((r) => html`<tr><th scope="row">${r.country ? countryName(r.country, ctx.lang) : mt(ctx, 'stats.unknownCountry')}</th><td>${n(r.delegates)}</td><td>${n(r.institutions)}</td></tr>`)}</tbody></table>
<table><caption>${mt(ctx, 'stats.byCategory')}</caption><thead><tr><th scope="col">${mt(ctx, 'stats.category')}</th><th scope="col">${mt(ctx, 'stats.delegates')}</th><th scope="col">${mt(ctx, 'stats.institutions')}</th></tr></thead><tbody>
${s.byCategory.map((r) => html`<tr><th scope="row">${r.category ? categoryName(ctx, alliance, r.category) : mt(ctx, 'stats.notMember')}</th><td>${n(r.delegates)}</td><td>${n(r.institutions)}</td></tr>`)}</tbody></table>
</div>`
  : html`<p>${mt(ctx, 'stats.none')}</p>`}
</section>`;
}
