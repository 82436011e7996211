// Registration of delegates: a member editor registers and withdraws its own
// institution's delegates; the secretariat sees everyone, approves, waitlists or declines
// within the capacity, takes attendance and downloads the badge and attendee lists.
// The services decide who may do what; this page only shows the right buttons.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor, type PageCtx } from '../../http/context.ts';
import { field, problemSummary, readLangMap, type Body } from '../../http/forms.ts';
import { html, type Html } from '../../http/html.ts';
import { csrfField, href, localized, text } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { formatNumber, isUiLang } from '../../http/i18n.ts';
import { countryName } from '../../shared/countries.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import type { LangMap } from '../../shared/langmap.ts';
import { can, type Actor } from '../accounts/permission.policy.ts';
import { allInstitutions, getInstitutionByKey, type Institution } from '../institutions/institution.service.ts';
import { allPeople, postsAtInstitution, type Person } from '../people/person.service.ts';
import { getMeeting, type Meeting } from './meeting.service.ts';
import { mt, mtOf } from './meeting.i18n.ts';
import {
  attendeeListCsv, badgeListCsv, CapacityReached, cancelRegistration, decideRegistration, listRegistrations, registerDelegate, registrationStats, setAttendance,
  type Registration, type RegistrationStats,
} from './registration.service.ts';
import { langMapFields, selectField, textArea, textField } from './views/admin.forms.ts';
import { adminHead, meetingTabs } from './views/admin.parts.ts';
import { meetingMeta, meetingPath } from './views/meeting.parts.ts';

interface RegisterValues {
  institution: string;
  person: string;
  name: LangMap;
  post: LangMap;
  email: string;
  note: string;
}

const blank: RegisterValues = { institution: '', person: '', name: {}, post: {}, email: '', note: '' };

const readRegister = (b: Body): RegisterValues => ({
  institution: field(b, 'institution'),
  person: field(b, 'person'),
  name: readLangMap(b, 'name'),
  post: readLangMap(b, 'post'),
  email: field(b, 'email'),
  note: field(b, 'note'),
});

interface PageState {
  problems?: FieldProblem[];
  values?: RegisterValues;
  /** a refusal to show above the list (capacity reached) */
  alert?: string;
  status?: number;
}

export async function registrationAdmin(app: FastifyInstance): Promise<void> {
  const keyOf = (req: FastifyRequest) => (req.params as { key: string }).key;

  const page = async (req: FastifyRequest, reply: FastifyReply, st: PageState = {}) => {
    const actor = actorFor(req);
    const m = await getMeeting(app.db, keyOf(req));
    // refuses whoever may not see any registration (council, an editor without institution)
    const regs = await listRegistrations(app.db, actor, m.id);
    const manage = can(actor, 'registration.manage');
    const own = actor.kind === 'user' && actor.institutionId !== null ? await getInstitutionByKey(app.db, actor.institutionId) : null;
    const stats = await registrationStats(app.db, m.key);
    const open = m.status === 'registration_open' || (manage && m.status !== 'cancelled');
    // people a delegate can be chosen from: those with a post at the institution
    let people: Array<{ person: Person; institution: Institution }> = [];
    let institutions: Institution[] = [];
    if (manage) {
      [institutions] = await Promise.all([allInstitutions(app.db)]);
    } else if (own) {
      const posts = await postsAtInstitution(app.db, own.key);
      const everyone = new Map((await allPeople(app.db)).map((p) => [p.key, p]));
      const seen = new Set<number>();
      people = posts.filter((p) => !seen.has(p.personKey) && seen.add(p.personKey)).flatMap((p) => (everyone.has(p.personKey) ? [{ person: everyone.get(p.personKey)!, institution: own }] : []));
    }
    const allPeopleList = manage ? await allPeople(app.db) : [];
    const v = st.values ?? { ...blank, institution: own?.slug ?? '' };
    const problems = st.problems ?? [];
    return sendPage(req, reply, (ctx) => {
      const sorted = (xs: Array<[string, string]>) => xs.sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
      return {
        title: mt(ctx, 'registrations.title', { meeting: text(ctx, m.title) }),
        section: 'admin',
        head: adminHead(),
        status: st.status ?? (problems.length ? 422 : 200),
        main: adminMain(ctx, actor, '/admin/meetings', html`${manage ? meetingTabs(ctx, actor, m, 'registrations') : html`<p class="meta"><a href="${href(ctx, '/admin/meetings')}">${mt(ctx, 'admin.openForRegistration')}</a></p><h1>${localized(ctx, m.title)}</h1><p class="meta">${meetingMeta(ctx, m)} · <a href="${href(ctx, meetingPath(m))}">${mt(ctx, 'admin.publicPage')}</a></p>`}
<h2>${mt(ctx, 'admin.registrations')}</h2>
${capacityLine(ctx, stats)}
${st.alert ? html`<p class="problems" role="alert" id="capacity-alert">${st.alert}</p>` : ''}
${manage ? html`<p><a href="${href(ctx, `/admin${meetingPath(m)}/registrations/badges.csv`)}">${mt(ctx, 'registrations.badges')}</a> · <a href="${href(ctx, `/admin${meetingPath(m)}/registrations/attendees.csv`)}">${mt(ctx, 'registrations.attendees')}</a></p>` : ''}

<h3>${manage || !own ? mt(ctx, 'registrations.all') : mt(ctx, 'registrations.yours', { institution: text(ctx, own.name) })}</h3>
${regs.length ? registrationTable(ctx, m, regs, actor, manage) : html`<p>${mt(ctx, 'registrations.none')}</p>`}

${open
  ? html`<h3 id="register">${mt(ctx, 'registrations.register')}</h3>
${stats.capacity !== null && stats.placesLeft === 0 ? html`<p class="notice">${mt(ctx, 'registrations.full')}</p>` : ''}
${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, `/admin${meetingPath(m)}/registrations`)}" class="record" id="register-form">${csrfField(ctx)}
${manage
  ? html`${selectField('institution', mt(ctx, 'registrations.institution'), v.institution, sorted(institutions.map((i) => [i.slug, text(ctx, i.name)])), problems)}
${selectField('person', mt(ctx, 'registrations.existing'), v.person, [['', mt(ctx, 'form.none')], ...sorted(allPeopleList.map((p) => [p.slug, text(ctx, p.name)]))], problems)}`
  : html`<input type="hidden" name="institution" value="${own?.slug ?? ''}">
${selectField('person', mt(ctx, 'registrations.existing'), v.person, [['', mt(ctx, 'form.none')], ...sorted(people.map((p) => [p.person.slug, text(ctx, p.person.name)]))], problems)}`}
<fieldset><legend>${mt(ctx, 'registrations.newPerson')}</legend>
${langMapFields(ctx, 'name', mt(ctx, 'registrations.newName'), (l) => mt(ctx, 'registrations.newNameIn', { lang: l }), v.name, problems)}
${langMapFields(ctx, 'post', mt(ctx, 'registrations.newPost'), (l) => mt(ctx, 'registrations.newPostIn', { lang: l }), v.post, problems)}
</fieldset>
${textField('email', mt(ctx, 'registrations.email'), v.email, problems, { type: 'email', maxlength: 200 })}
${textArea('note', mt(ctx, 'registrations.note'), v.note, problems)}
<p class="actions"><button type="submit">${mt(ctx, 'registrations.submit')}</button></p></form>`
  : html`<p>${mt(ctx, 'registrations.closed')}</p>`}`),
      };
    });
  };

  for (const url of langPaths('/admin/meetings/:key/registrations')) {
    app.get(url, async (req, reply) => page(req, reply));
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const m = await getMeeting(app.db, keyOf(req));
      const v = readRegister((req.body ?? {}) as Body);
      const r = await attempt(
        () =>
          registerDelegate(app.db, actor, m.id, {
            institution: v.institution,
            person: v.person || null,
            newPerson: v.person ? null : { name: v.name, post: v.post },
            email: v.email || null,
            note: v.note || null,
          }),
        'person',
      );
      if ('problems' in r) return page(req, reply, { problems: r.problems.map((p) => ({ ...p, field: p.field.replace(/^newPerson\./, '') })), values: v });
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/registrations?done=saved#r-${r.ok.id}`, 303);
    });
  }

  const back = (req: FastifyRequest, m: Meeting, id: string) => `${langPrefix(req.url)}/admin${meetingPath(m)}/registrations?done=saved#r-${id}`;
  const ids = (req: FastifyRequest) => req.params as { key: string; rid: string };

  for (const url of langPaths('/admin/meetings/:key/registrations/:rid/decide'))
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      try {
        await decideRegistration(app.db, actorFor(req), ids(req).rid, field((req.body ?? {}) as Body, 'decision'));
      } catch (e) {
        if (e instanceof CapacityReached)
          return page(req, reply, { alert: mt({ lang: langPrefix(req.url).slice(1) as PageCtx['lang'] }, 'registrations.capacityReached', { approved: e.approved, capacity: e.capacity }), status: 409 });
        throw e;
      }
      return reply.redirect(back(req, m, ids(req).rid), 303);
    });

  for (const url of langPaths('/admin/meetings/:key/registrations/:rid/attendance'))
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      await setAttendance(app.db, actorFor(req), ids(req).rid, field((req.body ?? {}) as Body, 'attendance'));
      return reply.redirect(back(req, m, ids(req).rid), 303);
    });

  for (const url of langPaths('/admin/meetings/:key/registrations/:rid/cancel'))
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      await cancelRegistration(app.db, actorFor(req), ids(req).rid);
      return reply.redirect(back(req, m, ids(req).rid), 303);
    });

  const csv = (name: string, make: (actor: Actor, m: Meeting, lang: string) => Promise<string>) => {
    for (const url of langPaths(`/admin/meetings/:key/registrations/${name}.csv`))
      app.get(url, async (req, reply) => {
        const m = await getMeeting(app.db, keyOf(req));
        const lang = langPrefix(req.url).slice(1);
        const body = await make(actorFor(req), m, isUiLang(lang) ? lang : 'en');
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${m.slug}-${name}.csv"`)
          .header('cache-control', 'private, no-store')
          .send(`\uFEFF${body}`); // BOM: Excel then reads the file as UTF-8
      });
  };
  csv('badges', (a, m, lang) => badgeListCsv(app.db, a, m.id, lang));
  csv('attendees', (a, m) => attendeeListCsv(app.db, a, m.id));
}

function capacityLine(ctx: PageCtx, s: RegistrationStats): Html {
  const n = (x: number) => formatNumber(ctx.lang, x);
  return html`<p class="capacity" data-approved="${s.byStatus.approved}" data-capacity="${s.capacity ?? ''}">${s.capacity !== null
    ? mt(ctx, 'registrations.capacity', { approved: n(s.byStatus.approved), capacity: n(s.capacity), pending: n(s.byStatus.pending), waitlisted: n(s.byStatus.waitlisted) })
    : mt(ctx, 'registrations.noCapacity', { approved: n(s.byStatus.approved), pending: n(s.byStatus.pending) })}</p>`;
}

function registrationTable(ctx: PageCtx, m: Meeting, regs: Registration[], actor: Actor, manage: boolean): Html {
  const base = `/admin${meetingPath(m)}/registrations`;
  const waitlist = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.waitlistedAt ?? '').localeCompare(b.waitlistedAt ?? ''));
  const button = (r: Registration, path: string, name: string, value: string, label: string) =>
    html`<form method="post" action="${href(ctx, `${base}/${r.id}/${path}`)}">${csrfField(ctx)}<input type="hidden" name="${name}" value="${value}"><button type="submit" data-action="${value}">${label}</button></form>`;
  return html`<table class="list registrations"><thead><tr><th scope="col">${mt(ctx, 'registrations.delegate')}</th><th scope="col">${mt(ctx, 'registrations.institution')}</th><th scope="col">${mt(ctx, 'registrations.status')}</th><th scope="col">${mt(ctx, 'registrations.attendance')}</th><th scope="col">${mt(ctx, 'registrations.actions')}</th></tr></thead><tbody>
${regs.map((r) => {
  const pos = r.status === 'waitlisted' ? waitlist.findIndex((w) => w.id === r.id) + 1 : 0;
  const mayWithdraw = r.status !== 'cancelled' && (manage || can(actor, 'registration.write', { institutionIds: [r.institution.key] }));
  return html`<tr id="r-${r.id}" data-registration="${r.id}" data-person="${r.person.slug}" data-status="${r.status}">
  <td>${localized(ctx, r.person.name)}${Object.keys(r.post).length ? html`<br><small>${localized(ctx, r.post)}</small>` : ''}</td>
  <td>${localized(ctx, r.institution.name)}${r.institution.country ? html` <small>(${countryName(r.institution.country, ctx.lang)})</small>` : ''}</td>
  <td class="status">${mtOf(ctx, 'regstatus', r.status)}${pos ? html` <small>(${mt(ctx, 'registrations.waitlistPosition', { n: pos })})</small>` : ''}</td>
  <td>${r.status === 'approved' ? mtOf(ctx, 'attendance', r.attendance) : ''}</td>
  <td class="reg-actions">${manage && ['pending', 'waitlisted', 'declined'].includes(r.status) ? button(r, 'decide', 'decision', 'approve', mt(ctx, 'registrations.approve')) : ''}
  ${manage && ['pending', 'approved', 'declined'].includes(r.status) ? button(r, 'decide', 'decision', 'waitlist', mt(ctx, 'registrations.waitlist')) : ''}
  ${manage && ['pending', 'waitlisted', 'approved'].includes(r.status) ? button(r, 'decide', 'decision', 'decline', mt(ctx, 'registrations.decline')) : ''}
  ${manage && r.status === 'approved' ? html`${button(r, 'attendance', 'attendance', 'present', mt(ctx, 'registrations.present'))} ${button(r, 'attendance', 'attendance', 'absent', mt(ctx, 'registrations.absent'))}` : ''}
  ${mayWithdraw ? html`<form method="post" action="${href(ctx, `${base}/${r.id}/cancel`)}">${csrfField(ctx)}<button type="submit" class="link" data-action="cancel">${mt(ctx, 'registrations.cancel')}</button></form>` : ''}</td></tr>`;
})}</tbody></table>`;
}
