// Speaker pages (who spoke at a meeting, and one person's contributions) and the public
// changelog of the programme.
import { html, type Html } from '../../../http/html.ts';
import { href, localized, text } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { formatNumber, formatPartialDate } from '../../../http/i18n.ts';
import type { LangMap } from '../../../shared/langmap.ts';
import type { Person } from '../../people/person.service.ts';
import type { SpeakerAppearance } from '../meeting.read.ts';
import type { Meeting } from '../meeting.service.ts';
import { mt, mtOf, type MeetingKey } from '../meeting.i18n.ts';
import type { PublishedProgramme, VersionEntry } from '../programme.service.ts';
import type { ProgrammeChange, SnapContribution, SnapPerson, SnapSession } from '../programme.ts';
import { contributionLine, dateRange, meetingPath, sessionName, sessionTime } from './meeting.parts.ts';

interface Speaker {
  person: SnapPerson;
  contributions: Array<{ c: SnapContribution; s: SnapSession | null }>;
}

export function speakersOf(p: PublishedProgramme | null): Speaker[] {
  const out = new Map<string, Speaker>();
  const add = (c: SnapContribution, s: SnapSession | null) => {
    if (!c.person) return;
    const e = out.get(c.person.id) ?? { person: c.person, contributions: [] };
    e.contributions.push({ c, s });
    out.set(c.person.id, e);
  };
  for (const s of p?.programme.sessions ?? []) for (const c of s.contributions) add(c, s);
  for (const c of p?.programme.contributions ?? []) add(c, null);
  return [...out.values()];
}

export function speakersView(ctx: PageCtx, m: Meeting, p: PublishedProgramme | null): Html {
  const speakers = speakersOf(p).sort((a, b) => text(ctx, a.person.name).localeCompare(text(ctx, b.person.name), ctx.tag));
  return html`<p class="meta"><a href="${href(ctx, meetingPath(m))}">${localized(ctx, m.title)}</a></p>
<h1>${mt(ctx, 'speakers.title', { meeting: text(ctx, m.title) })}</h1>
${speakers.length
  ? html`<ul class="speakers">${speakers.map(
      (s) => html`<li data-person="${s.person.slug}"><a href="${href(ctx, `${meetingPath(m)}/speakers/${s.person.slug}`)}">${localized(ctx, s.person.name)}</a>
  <small>${s.contributions.map(({ c }, i) => html`${i ? ', ' : ''}${mtOf(ctx, 'contribution', c.kind)}`)}</small></li>`,
    )}</ul>`
  : html`<p>${mt(ctx, 'speakers.none')}</p>`}`;
}

export function speakerView(ctx: PageCtx, m: Meeting, person: Person, appearances: SpeakerAppearance[]): Html {
  const here = appearances.filter((a) => a.meeting.key === m.key);
  const elsewhere = appearances.filter((a) => a.meeting.key !== m.key);
  const item = (a: SpeakerAppearance) => html`<li>${a.session
    ? html`<a href="${href(ctx, `${meetingPath(a.meeting)}#s-${a.session.id}`)}">${sessionName(ctx, a.session)}</a> · ${a.session.date ? formatPartialDate(ctx.lang, a.session.date) : ''} ${sessionTime(ctx, a.session)}`
    : html`<a href="${href(ctx, meetingPath(a.meeting))}">${mt(ctx, 'speaker.atMeeting')}</a>`}
  <ul class="contributions">${contributionLine(ctx, a.meeting, a.contribution)}</ul></li>`;
  return html`<p class="meta"><a href="${href(ctx, meetingPath(m))}">${localized(ctx, m.title)}</a> › <a href="${href(ctx, `${meetingPath(m)}/speakers`)}">${mt(ctx, 'programme.speakers')}</a></p>
<h1>${Object.keys(person.honorific).length ? html`<small>${localized(ctx, person.honorific, { mark: false })}</small> ` : ''}${localized(ctx, person.name)}</h1>
<section><h2>${mt(ctx, 'speaker.at', { meeting: text(ctx, m.title) })}</h2><ul class="appearances">${here.map(item)}</ul></section>
${elsewhere.length
  ? html`<section><h2>${mt(ctx, 'speaker.elsewhere')}</h2>${[...new Set(elsewhere.map((a) => a.meeting))].map(
      (om) => html`<h3><a href="${href(ctx, meetingPath(om))}">${localized(ctx, om.title)}</a> <small>${dateRange(ctx, om.startsOn, om.endsOn)}</small></h3>
<ul class="appearances">${elsewhere.filter((a) => a.meeting === om).map(item)}</ul>`,
    )}</section>`
  : ''}`;
}

const FIELD_KEYS: Record<string, MeetingKey> = {
  kind: 'field.kind', title: 'field.title', theme: 'field.theme', topic: 'field.topic', date: 'field.date', startTime: 'field.startTime', endTime: 'field.endTime',
  timeNote: 'field.timeNote', room: 'field.room', place: 'field.place', mode: 'field.mode', person: 'field.person', institution: 'field.institution', post: 'field.post', session: 'field.session',
};

export function changeLine(ctx: PageCtx, c: ProgrammeChange): Html {
  const label: LangMap = c.label ?? {};
  const name = Object.keys(label).length ? localized(ctx, label) : '';
  const what = c.what === 'session' ? mtOf(ctx, 'session', c.kind) : mtOf(ctx, 'contribution', c.kind);
  return html`<li class="change change-${c.change}"><span class="badge">${mt(ctx, `change.${c.change}`)}</span> ${mt(ctx, c.what === 'session' ? 'change.session' : 'change.contribution')}: ${what}${name ? html` — ${name}` : ''}${c.fields.length ? html` <small>(${c.fields.map((f) => (FIELD_KEYS[f] ? mt(ctx, FIELD_KEYS[f]) : f)).join(', ')})</small>` : ''}</li>`;
}

export function changelogView(ctx: PageCtx, m: Meeting, versions: VersionEntry[]): Html {
  return html`<p class="meta"><a href="${href(ctx, meetingPath(m))}">${localized(ctx, m.title)}</a></p>
<h1>${mt(ctx, 'changelog.title', { meeting: text(ctx, m.title) })}</h1>
${versions.length
  ? html`<ol class="changelog" reversed>${versions.map(
      (v) => html`<li id="v${v.version}"><h2>${mt(ctx, 'changelog.version', { version: v.version })}</h2>
  <p class="meta">${mt(ctx, 'changelog.publishedAt', { date: formatPartialDate(ctx.lang, v.publishedAt.slice(0, 10)) })} · ${formatNumber(ctx.lang, v.changes.length)}</p>
  ${Object.keys(v.note).length ? html`<p>${localized(ctx, v.note)}</p>` : ''}
  ${v.changes.length ? html`<ul class="changes">${v.changes.map((c) => changeLine(ctx, c))}</ul>` : html`<p>${mt(ctx, 'changelog.noChanges')}</p>`}</li>`,
    )}</ol>`
  : html`<p>${mt(ctx, 'changelog.none')}</p>`}`;
}
