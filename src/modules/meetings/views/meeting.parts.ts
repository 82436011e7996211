// Small pieces of the meeting pages: dates, times, session and contribution lines.
import { html, type Html } from '../../../http/html.ts';
import { href, localized, text } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { BCP47, formatNumber, formatPartialDate } from '../../../http/i18n.ts';
import { countryName } from '../../../shared/countries.ts';
import type { LangMap } from '../../../shared/langmap.ts';
import type { Meeting, ReportedFigure } from '../meeting.service.ts';
import { mt, mtOf } from '../meeting.i18n.ts';
import type { SnapContribution, SnapInstitution, SnapSession } from '../programme.ts';
import { localToUtcMs, offsetLabel } from '../time.ts';

const has = (m: LangMap | undefined | null) => !!m && Object.keys(m).length > 0;

export const meetingPath = (m: { slug: string }) => `/meetings/${m.slug}`;
export const calendarUrl = (m: { id: string }) => `/api/v1/meetings/${m.id}/calendar.ics`;
export const sessionCalendarUrl = (m: { id: string }, s: { id: string }) => `/api/v1/meetings/${m.id}/sessions/${s.id}/calendar.ics`;

function locale(ctx: PageCtx): string {
  return ctx.lang === 'ar' ? 'ar-u-nu-latn' : BCP47[ctx.lang];
}

/** "19 October 2025", or a range "17–19 October 2025". */
export function dateRange(ctx: PageCtx, from: string | null, to: string | null): string {
  if (!from) return '';
  if (!to || to === from) return formatPartialDate(ctx.lang, from);
  const [a, b] = [from, to].map((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  }) as [number, number];
  let f = rangeFormats.get(ctx.lang);
  if (!f) rangeFormats.set(ctx.lang, (f = new Intl.DateTimeFormat(locale(ctx), { dateStyle: 'long', timeZone: 'UTC' })));
  return f.formatRange(a, b);
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

export function meetingTitle(ctx: PageCtx, m: Meeting): Html {
  return localized(ctx, m.title);
}

/** Kind, number, date and place on one line. */
export function meetingMeta(ctx: PageCtx, m: Meeting): string {
  const place = m.mode === 'online' ? mt(ctx, 'meetings.online') : [text(ctx, m.city), m.country ? countryName(m.country, ctx.lang) : ''].filter(Boolean).join(', ');
  return [mtOf(ctx, 'kind', m.kind), m.number ? mt(ctx, 'meetings.numbered', { n: m.number }) : '', dateRange(ctx, m.startsOn, m.endsOn), place].filter(Boolean).join(' · ');
}

/** "UTC+08:00" for a meeting's zone on its first day. */
export function zoneOffset(m: { timeZone: string | null; startsOn: string | null }): string {
  if (!m.timeZone) return '';
  return offsetLabel(m.timeZone, m.startsOn ? localToUtcMs(m.startsOn, '12:00', m.timeZone) : Date.now());
}

/** The time of a session: 09:00–10:30, or the source's phrase, or "time not stated". */
export function sessionTime(ctx: PageCtx, s: Pick<SnapSession, 'startTime' | 'endTime' | 'timeNote'>): Html | string {
  if (s.startTime) return html`<time>${s.startTime}</time>${s.endTime ? html`–<time>${s.endTime}</time>` : ''}`;
  if (has(s.timeNote)) return localized(ctx, s.timeNote);
  return mt(ctx, 'programme.timeNotStated');
}

/** What a session is called: its title, else its kind (and sub-topic for a parallel session). */
export function sessionName(ctx: PageCtx, s: Pick<SnapSession, 'kind' | 'title'>): Html | string {
  return has(s.title) ? localized(ctx, s.title) : mtOf(ctx, 'session', s.kind);
}

export function sessionNameText(ctx: PageCtx, s: Pick<SnapSession, 'kind' | 'title'>): string {
  return has(s.title) ? text(ctx, s.title) : mtOf(ctx, 'session', s.kind);
}

export function institutionLink(ctx: PageCtx, i: SnapInstitution): Html {
  return html`<a href="${href(ctx, `/members/${i.slug}`)}">${localized(ctx, i.name)}</a>`;
}

export function speakerLink(ctx: PageCtx, m: { slug: string }, c: SnapContribution): Html | string {
  if (!c.person) return '';
  return html`<a class="speaker" href="${href(ctx, `${meetingPath(m)}/speakers/${c.person.slug}`)}">${localized(ctx, c.person.name)}</a>`;
}

/** Speaker, post and institution at the time, mode when not in person, title. */
export function contributionLine(ctx: PageCtx, m: { slug: string }, c: SnapContribution, opts: { kind?: boolean } = {}): Html {
  const who = speakerLink(ctx, m, c);
  const post = has(c.post) ? localized(ctx, c.post) : '';
  const inst = c.institution ? institutionLink(ctx, c.institution) : '';
  const affiliation = [post, inst].filter(Boolean);
  return html`<li class="contribution" data-kind="${c.kind}">${opts.kind === false ? '' : html`<span class="ckind">${mtOf(ctx, 'contribution', c.kind)}</span> `}${c.startTime ? html`<time class="ctime">${c.startTime}${c.endTime ? `–${c.endTime}` : ''}</time> ` : ''}${who}${affiliation.length ? html`<span class="affiliation">, ${affiliation.map((a, i) => html`${i ? ', ' : ''}${a}`)}</span>` : ''}${c.mode && c.mode !== 'in_person' ? html` <span class="badge mode">${mtOf(ctx, 'cmode', c.mode)}</span>` : ''}${has(c.title) ? html` <q class="ctitle">${localized(ctx, c.title)}</q>` : ''}</li>`;
}

/** "more than 100 representatives from IAMS member institutions" with its date and source. */
/** "more than 100", "about 30", or the bare number when it was reported exactly. */
export function qualified(ctx: Pick<PageCtx, 'lang'>, qualifier: string, n: string): string {
  return qualifier === 'exactly' ? n : mtOf(ctx, 'qualifier', qualifier, { n });
}

export function figureText(ctx: PageCtx, f: ReportedFigure): Html {
  return html`<strong>${qualified(ctx, f.qualifier, formatNumber(ctx.lang, f.value))}</strong> ${localized(ctx, f.label)}`;
}

export function figureSource(ctx: PageCtx, f: ReportedFigure): Html {
  const src = f.sourceUrl ? html`<a href="${f.sourceUrl}" rel="noopener external">${localized(ctx, f.source)}</a>` : localized(ctx, f.source);
  return html`<small class="source">${mt(ctx, 'figures.source', { source: '\u0000' }).split('\u0000').map((part, i) => html`${i ? src : ''}${part}`)}${f.reportedOn ? html` · ${formatPartialDate(ctx.lang, f.reportedOn)}` : ''}</small>`;
}
