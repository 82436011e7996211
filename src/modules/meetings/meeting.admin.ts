// Administration of meetings: the list, a new meeting, and one meeting's details with its
// organisations, sub-topics, rooms, agenda items and reported figures. Thin: read the
// form, call the service, show its field errors beside the fields. The programme and
// the registrations have their own files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain, guardAdmin } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor, type PageCtx } from '../../http/context.ts';
import { field, numberOrNull, problemSummary, readLangMap, type Body } from '../../http/forms.ts';
import { html, type Html } from '../../http/html.ts';
import { csrfField, href, localized, text } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { COUNTRY_CODES, countryName } from '../../shared/countries.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import type { LangMap } from '../../shared/langmap.ts';
import { assertCan, can, type Actor } from '../accounts/permission.policy.ts';
import { allInstitutions } from '../institutions/institution.service.ts';
import { allPeople } from '../people/person.service.ts';
import {
  addAgendaItem, addFigure, addOrganisation, addRoom, addTopic, AGENDA_KINDS, createMeeting, FIGURE_QUALIFIERS, getMeeting, listAgendaItems, listFigures, listMeetings,
  listOrganisations, listRooms, listTopics, MEETING_KINDS, MEETING_MODES, MEETING_STATUSES, ORGANISATION_ROLES, removeAgendaItem, removeFigure, removeOrganisation,
  removeRoom, removeTopic, updateMeeting, type Meeting, type MeetingInput,
} from './meeting.service.ts';
import { mt, mtOf } from './meeting.i18n.ts';
import { langMapFields, selectField, textField } from './views/admin.forms.ts';
import { dateRange, figureSource, figureText, meetingMeta, meetingPath, qualified } from './views/meeting.parts.ts';
import { adminHead, meetingTabs } from './views/admin.parts.ts';
import { programmeAdmin } from './programme.admin.ts';
import { registrationAdmin } from './registration.admin.ts';

interface MeetingValues {
  slug: string;
  number: string;
  kind: string;
  title: LangMap;
  theme: LangMap;
  startsOn: string;
  endsOn: string;
  city: LangMap;
  venue: LangMap;
  country: string;
  timeZone: string;
  mode: string;
  status: string;
  capacity: string;
  parent: string;
}

const blank: MeetingValues = {
  slug: '', number: '', kind: 'conference', title: {}, theme: {}, startsOn: '', endsOn: '', city: {}, venue: {}, country: '', timeZone: '', mode: 'in_person', status: 'planned', capacity: '', parent: '',
};

const valuesOf = (m: Meeting, parent: Meeting | undefined): MeetingValues => ({
  slug: m.slug,
  number: m.number?.toString() ?? '',
  kind: m.kind,
  title: m.title,
  theme: m.theme,
  startsOn: m.startsOn ?? '',
  endsOn: m.endsOn ?? '',
  city: m.city,
  venue: m.venue,
  country: m.country ?? '',
  timeZone: m.timeZone ?? '',
  mode: m.mode,
  status: m.status,
  capacity: m.capacity?.toString() ?? '',
  parent: parent?.slug ?? '',
});

function readMeeting(body: Body): { values: MeetingValues; input: MeetingInput; problems: FieldProblem[] } {
  const values: MeetingValues = {
    slug: field(body, 'slug'),
    number: field(body, 'number'),
    kind: field(body, 'kind'),
    title: readLangMap(body, 'title'),
    theme: readLangMap(body, 'theme'),
    startsOn: field(body, 'startsOn'),
    endsOn: field(body, 'endsOn'),
    city: readLangMap(body, 'city'),
    venue: readLangMap(body, 'venue'),
    country: field(body, 'country'),
    timeZone: field(body, 'timeZone'),
    mode: field(body, 'mode'),
    status: field(body, 'status'),
    capacity: field(body, 'capacity'),
    parent: field(body, 'parent'),
  };
  const problems: FieldProblem[] = [];
  const number = numberOrNull(values.number);
  const capacity = numberOrNull(values.capacity);
  if (Number.isNaN(number)) problems.push({ field: 'number', message: 'is not a number' });
  if (Number.isNaN(capacity)) problems.push({ field: 'capacity', message: 'is not a number' });
  return {
    values,
    problems,
    input: { ...values, number, capacity, startsOn: values.startsOn || null, endsOn: values.endsOn || null, country: values.country || null, timeZone: values.timeZone || null, parent: values.parent || null },
  };
}

function meetingForm(ctx: PageCtx, action: string, v: MeetingValues, problems: FieldProblem[], others: Meeting[]): Html {
  const countries = [...COUNTRY_CODES].map((c) => [c, countryName(c, ctx.lang)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
  return html`${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, action)}" class="record">${csrfField(ctx)}
${langMapFields(ctx, 'title', mt(ctx, 'form.title'), (l) => mt(ctx, 'form.titleIn', { lang: l }), v.title, problems, true)}
${textField('slug', mt(ctx, 'form.slug'), v.slug, problems, { maxlength: 80 })}
${selectField('kind', mt(ctx, 'form.kind'), v.kind, MEETING_KINDS.map((k) => [k, mtOf(ctx, 'kind', k)]), problems)}
${textField('number', mt(ctx, 'form.number'), v.number, problems, { type: 'number', maxlength: 5 })}
${langMapFields(ctx, 'theme', mt(ctx, 'form.theme'), (l) => mt(ctx, 'form.themeIn', { lang: l }), v.theme, problems)}
${textField('startsOn', mt(ctx, 'form.startsOn'), v.startsOn, problems, { maxlength: 10 })}
${textField('endsOn', mt(ctx, 'form.endsOn'), v.endsOn, problems, { maxlength: 10 })}
${textField('timeZone', mt(ctx, 'form.timeZone'), v.timeZone, problems, { maxlength: 64 })}
${selectField('mode', mt(ctx, 'form.mode'), v.mode, MEETING_MODES.map((k) => [k, mtOf(ctx, 'mode', k)]), problems)}
${langMapFields(ctx, 'venue', mt(ctx, 'form.venue'), (l) => mt(ctx, 'form.venueIn', { lang: l }), v.venue, problems)}
${langMapFields(ctx, 'city', mt(ctx, 'form.city'), (l) => mt(ctx, 'form.cityIn', { lang: l }), v.city, problems)}
${selectField('country', mt(ctx, 'form.country'), v.country, [['', mt(ctx, 'form.none')], ...countries], problems)}
${selectField('status', mt(ctx, 'form.status'), v.status, MEETING_STATUSES.map((k) => [k, mtOf(ctx, 'status', k)]), problems)}
${textField('capacity', mt(ctx, 'form.capacity'), v.capacity, problems, { type: 'number', maxlength: 7 })}
${selectField('parent', mt(ctx, 'form.parent'), v.parent, [['', mt(ctx, 'form.none')], ...others.map((o) => [o.slug, text(ctx, o.title)] as [string, string])], problems)}
<p class="actions"><button type="submit">${mt(ctx, 'admin.save')}</button></p></form>`;
}

type Section = 'details' | 'organisations' | 'topics' | 'rooms' | 'agenda' | 'figures';

export async function meetingAdmin(app: FastifyInstance): Promise<void> {
  guardAdmin(app);
  await programmeAdmin(app);
  await registrationAdmin(app);

  for (const url of langPaths('/admin/meetings'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      const all = await listMeetings(app.db);
      const staff = can(actor, 'meeting.write');
      const shown = staff ? all : all.filter((m) => m.status === 'registration_open');
      return sendPage(req, reply, (ctx) => ({
        title: mt(ctx, 'admin.meetings'),
        section: 'admin',
        head: adminHead(),
        main: adminMain(ctx, actor, '/admin/meetings', html`<h1>${mt(ctx, staff ? 'admin.meetings' : 'admin.openForRegistration')}</h1>
${staff ? html`<p><a class="button" href="${href(ctx, '/admin/meetings/new')}">${mt(ctx, 'admin.newMeeting')}</a></p>` : ''}
${shown.length
  ? html`<table class="list"><tbody>${shown.map(
      (m) => html`<tr data-slug="${m.slug}"><td><a href="${href(ctx, staff ? `/admin${meetingPath(m)}` : `/admin${meetingPath(m)}/registrations`)}">${localized(ctx, m.title)}</a><br><small>${meetingMeta(ctx, m)}</small></td>
  <td>${mtOf(ctx, 'status', m.status)}</td><td><a href="${href(ctx, `/admin${meetingPath(m)}/registrations`)}">${mt(ctx, 'admin.registrations')}</a></td></tr>`,
    )}</tbody></table>`
  : html`<p>${mt(ctx, staff ? 'meetings.none' : 'admin.noOpen')}</p>`}`),
      }));
    });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, v: MeetingValues, problems: FieldProblem[]) => {
    const actor = actorFor(req);
    assertCan(actor, 'meeting.write');
    const others = await listMeetings(app.db);
    return sendPage(req, reply, (ctx) => ({
      title: mt(ctx, 'admin.newMeeting'),
      section: 'admin',
      head: adminHead(),
      status: problems.length ? 422 : 200,
      main: adminMain(ctx, actor, '/admin/meetings', html`<h1>${mt(ctx, 'admin.newMeeting')}</h1>${meetingForm(ctx, '/admin/meetings/new', v, problems, others)}`),
    }));
  };

  for (const url of langPaths('/admin/meetings/new')) {
    app.get(url, async (req, reply) => newPage(req, reply, blank, []));
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const f = readMeeting((req.body ?? {}) as Body);
      if (f.problems.length) return newPage(req, reply, f.values, f.problems);
      const r = await attempt(() => createMeeting(app.db, actor, f.input));
      if ('problems' in r) return newPage(req, reply, f.values, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(r.ok)}?done=saved`, 303);
    });
  }

  const editPage = async (req: FastifyRequest, reply: FastifyReply, key: string, problems: Partial<Record<Section, FieldProblem[]>> = {}, values?: MeetingValues) => {
    const actor = actorFor(req);
    assertCan(actor, 'meeting.write');
    const m = await getMeeting(app.db, key);
    const [all, orgs, topics, rooms, agenda, figures, institutions, people] = await Promise.all([
      listMeetings(app.db),
      listOrganisations(app.db, m.key),
      listTopics(app.db, m.key),
      listRooms(app.db, m.key),
      listAgendaItems(app.db, m.key),
      listFigures(app.db, m.key),
      allInstitutions(app.db),
      allPeople(app.db),
    ]);
    const parent = all.find((x) => x.key === m.parentKey);
    const anyProblem = Object.values(problems).some((p) => p && p.length);
    return sendPage(req, reply, (ctx) => {
      const sorted = (xs: Array<[string, string]>) => xs.sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
      const instOptions = sorted(institutions.map((i) => [i.slug, text(ctx, i.name)]));
      const removeButton = (path: string) => html`<form method="post" action="${href(ctx, path)}" class="inline">${csrfField(ctx)}<button type="submit" class="link">${mt(ctx, 'admin.remove')}</button></form>`;
      const p = (s: Section) => problems[s] ?? [];
      const base = `/admin${meetingPath(m)}`;
      return {
        title: text(ctx, m.title),
        section: 'admin',
        head: adminHead(),
        status: anyProblem ? 422 : 200,
        main: adminMain(ctx, actor, '/admin/meetings', html`${meetingTabs(ctx, actor, m, 'details')}
${meetingForm(ctx, base, values ?? valuesOf(m, parent), p('details'), all.filter((x) => x.key !== m.key))}

<section id="organisations"><h2>${mt(ctx, 'meeting.organisations')}</h2>
<ul>${orgs.map((o) => html`<li>${mtOf(ctx, 'roleOne', o.role)}: ${localized(ctx, o.institution.name)} ${removeButton(`${base}/organisations/${o.id}/delete`)}</li>`)}</ul>
${problemSummary(ctx, p('organisations'))}
<form method="post" action="${href(ctx, `${base}/organisations`)}" class="record">${csrfField(ctx)}
${selectField('institution', mt(ctx, 'form.institution'), '', instOptions, p('organisations'), { id: 'org-institution' })}
${selectField('role', mt(ctx, 'form.role'), 'organiser', ORGANISATION_ROLES.map((r) => [r, mtOf(ctx, 'roleOne', r)]), p('organisations'), { id: 'org-role' })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.add')}</button></p></form></section>

<section id="topics"><h2>${mt(ctx, 'meeting.topics')}</h2>
<ul>${topics.map((t) => html`<li><code>${t.slug}</code> ${localized(ctx, t.title)} ${removeButton(`${base}/topics/${t.key}/delete`)}</li>`)}</ul>
${problemSummary(ctx, p('topics'))}
<form method="post" action="${href(ctx, `${base}/topics`)}" class="record">${csrfField(ctx)}
${langMapFields(ctx, 'title', mt(ctx, 'form.topicTitle'), (l) => mt(ctx, 'form.topicTitleIn', { lang: l }), {}, p('topics'), true, 'topic-')}
${textField('slug', mt(ctx, 'form.topicSlug'), '', p('topics'), { maxlength: 60, id: 'topic-slug' })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.add')}</button></p></form></section>

<section id="rooms"><h2>${mt(ctx, 'meeting.rooms')}</h2>
<ul>${rooms.map((r) => html`<li>${localized(ctx, r.name)}${r.capacity ? html` <small>(${r.capacity})</small>` : ''} ${removeButton(`${base}/rooms/${r.key}/delete`)}</li>`)}</ul>
${problemSummary(ctx, p('rooms'))}
<form method="post" action="${href(ctx, `${base}/rooms`)}" class="record">${csrfField(ctx)}
${langMapFields(ctx, 'name', mt(ctx, 'form.roomName'), (l) => mt(ctx, 'form.roomNameIn', { lang: l }), {}, p('rooms'), true, 'room-')}
${textField('capacity', mt(ctx, 'form.capacity'), '', p('rooms'), { type: 'number', maxlength: 6, id: 'room-capacity' })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.add')}</button></p></form></section>

<section id="agenda"><h2>${mt(ctx, 'meeting.agendaItems')}</h2>
<ul>${agenda.map((a) => html`<li>${mtOf(ctx, 'agenda', a.kind)}: ${localized(ctx, a.title)}${a.person ? html` — ${localized(ctx, a.person.name)}` : ''} ${removeButton(`${base}/agenda/${a.key}/delete`)}</li>`)}</ul>
${problemSummary(ctx, p('agenda'))}
<form method="post" action="${href(ctx, `${base}/agenda`)}" class="record">${csrfField(ctx)}
${selectField('kind', mt(ctx, 'form.agendaKind'), 'other', AGENDA_KINDS.map((k) => [k, mtOf(ctx, 'agenda', k)]), p('agenda'), { id: 'agenda-kind' })}
${langMapFields(ctx, 'title', mt(ctx, 'form.agendaTitle'), (l) => mt(ctx, 'form.agendaTitleIn', { lang: l }), {}, p('agenda'), true, 'agenda-')}
${selectField('person', mt(ctx, 'form.person'), '', [['', mt(ctx, 'form.none')], ...sorted(people.map((x) => [x.slug, text(ctx, x.name)]))], p('agenda'), { id: 'agenda-person' })}
${textField('reference', mt(ctx, 'form.reference'), '', p('agenda'), { maxlength: 200, id: 'agenda-reference' })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.add')}</button></p></form></section>

<section id="figures"><h2>${mt(ctx, 'meeting.figures')}</h2><p class="meta">${mt(ctx, 'figures.help')}</p>
<ul>${figures.map((f) => html`<li>${figureText(ctx, f)} ${figureSource(ctx, f)} ${removeButton(`${base}/figures/${f.key}/delete`)}</li>`)}</ul>
${problemSummary(ctx, p('figures'))}
<form method="post" action="${href(ctx, `${base}/figures`)}" class="record">${csrfField(ctx)}
${textField('measure', mt(ctx, 'form.measure'), '', p('figures'), { maxlength: 50, id: 'figure-measure' })}
${selectField('qualifier', mt(ctx, 'form.qualifier'), 'exactly', FIGURE_QUALIFIERS.map((k) => [k, qualified(ctx, k, 'N')]), p('figures'), { id: 'figure-qualifier' })}
${textField('value', mt(ctx, 'form.value'), '', p('figures'), { type: 'number', maxlength: 9, id: 'figure-value' })}
${langMapFields(ctx, 'label', mt(ctx, 'form.label'), (l) => mt(ctx, 'form.labelIn', { lang: l }), {}, p('figures'), true, 'figure-')}
${textField('reportedOn', mt(ctx, 'form.reportedOn'), m.startsOn ?? '', p('figures'), { maxlength: 10, id: 'figure-reportedOn' })}
${langMapFields(ctx, 'source', mt(ctx, 'form.source'), (l) => mt(ctx, 'form.sourceIn', { lang: l }), {}, p('figures'), true, 'figure-')}
${textField('sourceUrl', mt(ctx, 'form.sourceUrl'), '', p('figures'), { type: 'url', id: 'figure-sourceUrl' })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.add')}</button></p></form></section>
<p class="meta">${dateRange(ctx, m.startsOn, m.endsOn)}</p>`),
      };
    });
  };

  const back = (req: FastifyRequest, m: { slug: string }, anchor = '') => `${langPrefix(req.url)}/admin${meetingPath(m)}?done=saved${anchor}`;
  const keyOf = (req: FastifyRequest) => (req.params as { key: string }).key;

  for (const url of langPaths('/admin/meetings/:key')) {
    app.get(url, async (req, reply) => editPage(req, reply, keyOf(req)));
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const m = await getMeeting(app.db, keyOf(req));
      const f = readMeeting((req.body ?? {}) as Body);
      if (f.problems.length) return editPage(req, reply, m.slug, { details: f.problems }, f.values);
      const r = await attempt(() => updateMeeting(app.db, actor, m.id, f.input));
      if ('problems' in r) return editPage(req, reply, m.slug, { details: r.problems }, f.values);
      return reply.redirect(back(req, r.ok), 303);
    });
  }

  // sub-records: add with a form, remove with a button
  const sub = (path: string, section: Section, add: (actor: Actor, m: Meeting, body: Body) => Promise<unknown>, remove: (actor: Actor, m: Meeting, id: number) => Promise<void>) => {
    for (const url of langPaths(`/admin/meetings/:key/${path}`))
      app.post(url, async (req, reply) => {
        const actor = actorFor(req);
        const m = await getMeeting(app.db, keyOf(req));
        const r = await attempt(() => add(actor, m, (req.body ?? {}) as Body), section === 'organisations' ? 'institution' : 'title');
        if ('problems' in r) return editPage(req, reply, m.slug, { [section]: r.problems });
        return reply.redirect(back(req, m, `#${section}`), 303);
      });
    for (const url of langPaths(`/admin/meetings/:key/${path}/:id/delete`))
      app.post(url, async (req, reply) => {
        const actor = actorFor(req);
        const m = await getMeeting(app.db, keyOf(req));
        await remove(actor, m, Number((req.params as { id: string }).id));
        return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}?done=deleted#${section}`, 303);
      });
  };

  sub('organisations', 'organisations', (a, m, b) => addOrganisation(app.db, a, m.id, { institution: field(b, 'institution'), role: field(b, 'role') }), (a, m, id) => removeOrganisation(app.db, a, m.id, id));
  sub('topics', 'topics', (a, m, b) => addTopic(app.db, a, m.id, { title: readLangMap(b, 'title'), slug: field(b, 'slug') }), (a, m, id) => removeTopic(app.db, a, m.id, id));
  sub('rooms', 'rooms', (a, m, b) => {
    const c = numberOrNull(field(b, 'capacity'));
    return addRoom(app.db, a, m.id, { name: readLangMap(b, 'name'), capacity: Number.isNaN(c) ? -1 : c });
  }, (a, m, id) => removeRoom(app.db, a, m.id, id));
  sub('agenda', 'agenda', (a, m, b) =>
    addAgendaItem(app.db, a, m.id, { kind: field(b, 'kind'), title: readLangMap(b, 'title'), person: field(b, 'person') || null, reference: field(b, 'reference') || null }),
  (a, m, id) => removeAgendaItem(app.db, a, m.id, id));
  sub('figures', 'figures', (a, m, b) => {
    const v = numberOrNull(field(b, 'value'));
    return addFigure(app.db, a, m.id, {
      measure: field(b, 'measure'),
      qualifier: field(b, 'qualifier'),
      value: v === null || Number.isNaN(v) ? -1 : v,
      label: readLangMap(b, 'label'),
      reportedOn: field(b, 'reportedOn') || null,
      source: readLangMap(b, 'source'),
      sourceUrl: field(b, 'sourceUrl') || null,
    });
  }, (a, m, id) => removeFigure(app.db, a, m.id, id));
}
