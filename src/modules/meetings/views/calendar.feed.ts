// A meeting's published programme as an iCalendar feed: the meeting itself as an all-day
// event over its dates, and one event per session. Timed sessions are UTC instants
// computed from the local time and the meeting's zone; a session known only by its date
// is an all-day event; a phrase such as "in the evening" stays text in the description.
import type { UiLang } from '../../../http/i18n.ts';
import { BCP47 } from '../../../http/i18n.ts';
import { pickText, type LangMap } from '../../../shared/langmap.ts';
import { countryName } from '../../../shared/countries.ts';
import { icsCalendar, type IcsEvent } from '../ical.ts';
import type { Meeting, MeetingStatus } from '../meeting.service.ts';
import { mtLang, type MeetingKey } from '../meeting.i18n.ts';
import type { PublishedProgramme } from '../programme.service.ts';
import { splitChairs, type SnapContribution, type SnapSession } from '../programme.ts';
import { localToUtcIso, nextDay } from '../time.ts';

export interface FeedOptions {
  lang: UiLang;
  chain: readonly string[];
  /** origin for UIDs and page links */
  baseUrl: string;
  /** only this session (the per-session feed) */
  sessionId?: string;
}

const STATUS: Record<MeetingStatus, IcsEvent['status']> = { planned: 'TENTATIVE', registration_open: 'CONFIRMED', held: 'CONFIRMED', cancelled: 'CANCELLED' };

export function meetingCalendar(m: Meeting, published: PublishedProgramme | null, o: FeedOptions): string {
  const tag = BCP47[o.lang];
  const t = (map: LangMap) => pickText(map, tag, o.chain);
  const msg = (key: string, vars?: Record<string, string | number>) => (mtLang as (l: UiLang, k: MeetingKey, v?: Record<string, string | number>) => string)(o.lang, key as MeetingKey, vars);
  const host = new URL(o.baseUrl).hostname;
  const page = `${o.baseUrl}/${o.lang}/meetings/${m.slug}`;
  const place = [t(m.venue), t(m.city), m.country ? countryName(m.country, o.lang) : ''].filter(Boolean).join(', ');
  const stamp = published?.publishedAt ?? m.updatedAt;
  const sequence = published?.version ?? 0;
  const topics = new Map((published?.programme.topics ?? []).map((x) => [x.slug, x.title]));

  const person = (c: SnapContribution) =>
    [c.person ? t(c.person.name) : '', t(c.post), c.institution ? t(c.institution.name) : ''].filter(Boolean).join(', ') +
    (c.mode && c.mode !== 'in_person' ? ` (${msg(`cmode.${c.mode}`)})` : '') +
    (Object.keys(c.title).length ? `: ${t(c.title)}` : '');

  const sessionEvent = (s: SnapSession): IcsEvent | null => {
    if (!s.date) return null;
    const kind = msg(`session.${s.kind}`);
    const topic = s.topic ? topics.get(s.topic) : undefined;
    const summary = Object.keys(s.title).length ? t(s.title) : topic ? `${kind}: ${t(topic)}` : kind;
    const { chairs, talks } = splitChairs(s);
    const lines = [
      // "in the evening": no time is invented, the phrase is kept
      !s.startTime && Object.keys(s.timeNote).length ? t(s.timeNote) : '',
      Object.keys(s.theme).length ? `${msg('meeting.theme')}: ${t(s.theme)}` : '',
      topic && Object.keys(s.title).length ? `${msg('programme.topic')}: ${t(topic)}` : '',
      ...chairs.map((c) => `${msg(`contribution.${c.kind}`)}: ${person(c)}`),
      ...talks.map((c) => `${msg(`contribution.${c.kind}`)}: ${person(c)}`),
      `${t(m.title)}`,
      `${page}#s-${s.id}`,
    ].filter(Boolean);
    const location = [s.room ? t(s.room.name) : '', s.place ? t(s.place.name) : '', place].filter(Boolean).join(', ');
    const timed = s.startTime && m.timeZone;
    return {
      uid: `${s.id}@${host}`,
      summary,
      start: timed ? { utc: localToUtcIso(s.date, s.startTime!, m.timeZone!) } : { date: s.date },
      ...(timed ? (s.endTime ? { end: { utc: localToUtcIso(s.date, s.endTime, m.timeZone!) } } : {}) : { end: { date: nextDay(s.date) } }),
      description: lines.join('\n'),
      ...(location ? { location } : {}),
      url: `${page}#s-${s.id}`,
      sequence,
      stamp,
      status: STATUS[m.status],
      categories: [kind],
    };
  };

  const events: IcsEvent[] = [];
  const sessions = published?.programme.sessions ?? [];
  if (o.sessionId) {
    const s = sessions.find((x) => x.id === o.sessionId);
    const e = s ? sessionEvent(s) : null;
    if (e) events.push(e);
  } else {
    if (m.startsOn)
      events.push({
        uid: `${m.id}@${host}`,
        summary: t(m.title),
        start: { date: m.startsOn },
        end: { date: nextDay(m.endsOn ?? m.startsOn) },
        description: [Object.keys(m.theme).length ? `${msg('meeting.theme')}: ${t(m.theme)}` : '', page].filter(Boolean).join('\n'),
        ...(place ? { location: place } : {}),
        url: page,
        sequence,
        stamp,
        status: STATUS[m.status],
        categories: [msg(`kind.${m.kind}`)],
      });
    for (const s of sessions) {
      const e = sessionEvent(s);
      if (e) events.push(e);
    }
  }
  return icsCalendar({ name: t(m.title), timeZone: m.timeZone, language: tag, url: page, events });
}
