// Admin pages of institutions and their membership. Thin: read the form, call the
// service, show its field errors beside the fields.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain, guardAdmin } from '../../http/admin.ts';
import { actorFor } from '../../http/context.ts';
import { field, numberOrNull, readLangMap, select, input, problemSummary, type Body } from '../../http/forms.ts';
import { html, qs } from '../../http/html.ts';
import { csrfField, href, localized, text, tr } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { formatNumber } from '../../http/i18n.ts';
import { AppError, type FieldProblem } from '../../shared/errors.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { assertCan, can } from '../accounts/permission.policy.ts';
import { listDirectory } from '../alliance/directory.service.ts';
import { getMembership, MEMBERSHIP_STATUSES, setMembership, type Membership } from '../alliance/membership.service.ts';
import { categoryName, place } from '../alliance/views/registry.views.ts';
import { listMeetings } from '../meetings/meeting.service.ts';
import type { InstitutionInput } from './institution.schemas.ts';
import { createInstitution, deleteInstitution, getInstitution, updateInstitution, type Institution } from './institution.service.ts';
import { institutionForm, type InstitutionFormValues } from './views/institution.form.ts';

const blank: InstitutionFormValues = { slug: '', name: {}, shortName: {}, city: {}, kind: 'museum', country: '', latitude: '', longitude: '', website: '', wikidata: '' };

function valuesOf(i: Institution): InstitutionFormValues {
  return {
    slug: i.slug,
    name: i.name,
    shortName: i.shortName,
    city: i.city,
    kind: i.kind,
    country: i.country ?? '',
    latitude: i.latitude?.toString() ?? '',
    longitude: i.longitude?.toString() ?? '',
    website: i.website ?? '',
    wikidata: i.wikidata ?? '',
  };
}

function readForm(body: Body): { values: InstitutionFormValues; input: InstitutionInput; problems: FieldProblem[] } {
  const values: InstitutionFormValues = {
    slug: field(body, 'slug'),
    name: readLangMap(body, 'name'),
    shortName: readLangMap(body, 'shortName'),
    city: readLangMap(body, 'city'),
    kind: field(body, 'kind'),
    country: field(body, 'country'),
    latitude: field(body, 'latitude'),
    longitude: field(body, 'longitude'),
    website: field(body, 'website'),
    wikidata: field(body, 'wikidata'),
  };
  const problems: FieldProblem[] = [];
  const lat = numberOrNull(values.latitude);
  const lon = numberOrNull(values.longitude);
  if (Number.isNaN(lat)) problems.push({ field: 'latitude', message: 'is not a number' });
  if (Number.isNaN(lon)) problems.push({ field: 'longitude', message: 'is not a number' });
  return {
    values,
    problems,
    input: { ...values, slug: values.slug || undefined, country: values.country || null, latitude: lat, longitude: lon, website: values.website || null, wikidata: values.wikidata || null } as InstitutionInput,
  };
}

export async function institutionAdmin(app: FastifyInstance): Promise<void> {
  guardAdmin(app);

  for (const url of langPaths('/admin/institutions'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'institution.create');
      const q = String((req.query as Body).q ?? '').slice(0, 200);
      const page = Math.max(1, Number((req.query as Body).page) || 1);
      const { items, total } = await listDirectory(app.db, { q, status: 'any', includeDemo: true, limit: 100, offset: (page - 1) * 100 });
      return sendPage(req, reply, (ctx, alliance) => ({
        title: tr(ctx, 'admin.institutions'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/institutions', html`<h1>${tr(ctx, 'admin.institutions')}</h1>
<p><a class="button" href="${href(ctx, '/admin/institutions/new')}">${tr(ctx, 'admin.new')}</a></p>
<form method="get" role="search"><label for="q">${tr(ctx, 'admin.search')}</label> <input id="q" name="q" type="search" value="${q}"> <button>${tr(ctx, 'admin.search')}</button></form>
<p>${tr(ctx, 'directory.results', { n: formatNumber(ctx.lang, total) })}</p>
<table class="list"><thead><tr><th>${tr(ctx, 'form.name')}</th><th>${tr(ctx, 'directory.country')}</th><th>${tr(ctx, 'institution.membership')}</th></tr></thead><tbody>
${items.map((e) => html`<tr><td><a href="${href(ctx, `/admin/institutions/${e.institution.slug}`)}">${localized(ctx, e.institution.name)}</a></td><td>${place(ctx, e.institution)}</td>
<td>${e.membership ? html`${tr(ctx, `status.${e.membership.status}`)} · ${categoryName(ctx, alliance, e.membership.category)}` : '—'}</td></tr>`)}
</tbody></table>
${total > page * 100 ? html`<p><a href="${href(ctx, `/admin/institutions${qs({ q, page: page + 1 })}`)}">${tr(ctx, 'directory.next')}</a></p>` : ''}`),
      }));
    });

  const newPage = (req: FastifyRequest, reply: FastifyReply, values: InstitutionFormValues, problems: FieldProblem[]) =>
    sendPage(req, reply, (ctx) => ({
      title: tr(ctx, 'admin.new'),
      section: 'admin',
      status: problems.length ? 422 : 200,
      main: adminMain(ctx, actorFor(req), '/admin/institutions', html`<h1>${tr(ctx, 'admin.institutions')}: ${tr(ctx, 'admin.new')}</h1>
${institutionForm(ctx, '/admin/institutions/new', values, problems, { slugEditable: true })}`),
    }));

  for (const url of langPaths('/admin/institutions/new')) {
    app.get(url, async (req, reply) => {
      assertCan(actorFor(req), 'institution.create');
      return newPage(req, reply, blank, []);
    });
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const f = readForm((req.body ?? {}) as Body);
      if (f.problems.length) return newPage(req, reply, f.values, f.problems);
      const r = await attempt(() => createInstitution(app.db, actor, f.input));
      if ('problems' in r) return newPage(req, reply, f.values, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/institutions/${r.ok.slug}?done=saved`, 303);
    });
  }

  const editPage = async (req: FastifyRequest, reply: FastifyReply, inst: Institution, values: InstitutionFormValues, problems: FieldProblem[], mProblems: FieldProblem[] = []) => {
    const actor = actorFor(req);
    assertCan(actor, 'institution.update', { institutionIds: [inst.key] });
    const membership = await getMembership(app.db, inst.key);
    const meetings = can(actor, 'membership.write') ? await listMeetings(app.db) : [];
    return sendPage(req, reply, (ctx, alliance) => ({
      title: text(ctx, inst.name),
      section: 'admin',
      status: problems.length || mProblems.length ? 422 : 200,
      main: adminMain(ctx, actor, '/admin/institutions', html`<h1>${localized(ctx, inst.name)}</h1>
<p><a href="${href(ctx, `/members/${inst.slug}`)}">${href(ctx, `/members/${inst.slug}`)}</a></p>
${institutionForm(ctx, `/admin/institutions/${inst.slug}`, values, problems, { slugEditable: can(actor, 'institution.create') })}
${can(actor, 'membership.write') ? membershipForm(ctx, inst, membership, alliance.categories.map((c) => [c.key, categoryName(ctx, alliance, c.key)]), meetings.map((m) => [String(m.key), text(ctx, m.title)]), mProblems) : ''}
${can(actor, 'institution.delete') ? html`<form method="post" action="${href(ctx, `/admin/institutions/${inst.slug}/delete`)}" class="danger">${csrfField(ctx)}
  <p><label><input type="checkbox" name="confirm" value="yes" required> ${tr(ctx, 'admin.confirmDelete')}</label> <button type="submit">${tr(ctx, 'admin.delete')}</button></p></form>` : ''}`),
    }));
  };

  function membershipForm(ctx: Parameters<typeof tr>[0], inst: Institution, m: Membership | undefined, categories: Array<[string, string]>, meetings: Array<[string, string]>, problems: FieldProblem[]) {
    return html`<h2>${tr(ctx, 'institution.membership')}</h2>${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, `/admin/institutions/${inst.slug}/membership`)}" class="record">${csrfField(ctx)}
${select(ctx, 'category', 'form.category', m?.category ?? '', categories, problems)}
${select(ctx, 'status', 'form.status', m?.status ?? 'member', MEMBERSHIP_STATUSES.map((s) => [s, tr(ctx, `status.${s}`)]), problems)}
${input(ctx, 'memberSince', 'form.memberSince', m?.memberSince, problems, { help: 'form.dateHelp', maxlength: 10 })}
${input(ctx, 'memberNumber', 'form.memberNumber', m?.memberNumber, problems, { type: 'number' })}
${select(ctx, 'admittedMeeting', 'form.admittedAt', m?.admittedMeetingKey ? String(m.admittedMeetingKey) : '', [['', tr(ctx, 'form.none')], ...meetings], problems)}
${input(ctx, 'endedOn', 'form.endedOn', m?.endedOn, problems, { help: 'form.dateHelp', maxlength: 10 })}
<p class="actions"><button type="submit">${tr(ctx, 'admin.save')}</button></p></form>`;
  }

  for (const url of langPaths('/admin/institutions/:slug')) {
    app.get(url, async (req, reply) => {
      const inst = await getInstitution(app.db, (req.params as { slug: string }).slug);
      return editPage(req, reply, inst, valuesOf(inst), []);
    });
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const inst = await getInstitution(app.db, (req.params as { slug: string }).slug);
      const f = readForm((req.body ?? {}) as Body);
      if (f.problems.length) return editPage(req, reply, inst, f.values, f.problems);
      const r = await attempt(() => updateInstitution(app.db, actor, inst.id, f.input));
      if ('problems' in r) return editPage(req, reply, inst, f.values, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/institutions/${r.ok.slug}?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/institutions/:slug/membership'))
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const inst = await getInstitution(app.db, (req.params as { slug: string }).slug);
      const body = (req.body ?? {}) as Body;
      const n = numberOrNull(field(body, 'memberNumber'));
      const meeting = field(body, 'admittedMeeting');
      const r = await attempt(() =>
        setMembership(app.db, actor, inst.id, {
          category: field(body, 'category'),
          status: field(body, 'status'),
          memberSince: field(body, 'memberSince') || null,
          memberNumber: n,
          admittedMeetingKey: meeting ? Number(meeting) : null,
          endedOn: field(body, 'endedOn') || null,
        }),
      );
      if ('problems' in r) return editPage(req, reply, inst, valuesOf(inst), [], r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/institutions/${inst.slug}?done=saved`, 303);
    });

  for (const url of langPaths('/admin/institutions/:slug/delete'))
    app.post(url, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      if (field(body, 'confirm') !== 'yes') throw new AppError('validation_failed', 'Tick the box to confirm', [{ field: 'confirm', message: 'tick to confirm' }]);
      await deleteInstitution(app.db, actorFor(req), (req.params as { slug: string }).slug);
      return reply.redirect(`${langPrefix(req.url)}/admin/institutions?done=deleted`, 303);
    });
}
