// Admin pages of alliance offices: list, add, edit, remove.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor, type PageCtx } from '../../http/context.ts';
import { field, input, langMapInputs, problemSummary, readLangMap, select, type Body } from '../../http/forms.ts';
import { html } from '../../http/html.ts';
import { csrfField, href, text, tr } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import type { LangMap } from '../../shared/langmap.ts';
import { assertCan } from '../accounts/permission.policy.ts';
import { allInstitutions } from '../institutions/institution.service.ts';
import { allPeople } from '../people/person.service.ts';
import { createOffice, deleteOffice, listOffices, OFFICE_KINDS, updateOffice, type OfficeInput } from './office.service.ts';
import { officeLine } from './views/registry.views.ts';

interface OfficeValues {
  kind: string;
  title: LangMap;
  person: string;
  institution: string;
  startedOn: string;
  endedOn: string;
  position: string;
}

const readOffice = (body: Body): OfficeValues => ({
  kind: field(body, 'kind'),
  title: readLangMap(body, 'title'),
  person: field(body, 'person'),
  institution: field(body, 'institution'),
  startedOn: field(body, 'startedOn'),
  endedOn: field(body, 'endedOn'),
  position: field(body, 'position'),
});

const toInput = (v: OfficeValues): OfficeInput => ({
  kind: v.kind,
  title: v.title,
  person: v.person || null,
  institution: v.institution || null,
  startedOn: v.startedOn || null,
  endedOn: v.endedOn || null,
  position: Number(v.position) || 0,
});

export async function officeAdmin(app: FastifyInstance): Promise<void> {
  const formPage = async (req: FastifyRequest, reply: FastifyReply, action: string, v: OfficeValues, problems: FieldProblem[], officeId?: number) => {
    const actor = actorFor(req);
    assertCan(actor, 'office.write');
    const [people, institutions] = await Promise.all([allPeople(app.db), allInstitutions(app.db)]);
    return sendPage(req, reply, (ctx: PageCtx) => {
      const sorted = (xs: Array<[string, string]>) => xs.sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
      return {
        title: tr(ctx, 'admin.offices'),
        section: 'admin',
        status: problems.length ? 422 : 200,
        main: adminMain(ctx, actor, '/admin/offices', html`<h1>${tr(ctx, 'admin.offices')}</h1>${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, action)}" class="record">${csrfField(ctx)}
${select(ctx, 'kind', 'form.officeKind', v.kind, OFFICE_KINDS.map((k) => [k, tr(ctx, `office.${k}`)]), problems)}
${langMapInputs(ctx, 'title', { legend: 'form.title', label: 'form.titleIn' }, v.title, problems)}
${select(ctx, 'person', 'form.person', v.person, [['', tr(ctx, 'form.none')], ...sorted(people.map((p) => [p.slug, text(ctx, p.name)]))], problems)}
${select(ctx, 'institution', 'form.institution', v.institution, [['', tr(ctx, 'form.none')], ...sorted(institutions.map((i) => [i.slug, text(ctx, i.name)]))], problems)}
${input(ctx, 'startedOn', 'form.startedOn', v.startedOn, problems, { help: 'form.dateHelp', maxlength: 10 })}
${input(ctx, 'endedOn', 'form.endedOn', v.endedOn, problems, { help: 'form.dateHelp', maxlength: 10 })}
${input(ctx, 'position', 'form.position', v.position, problems, { type: 'number' })}
<p class="actions"><button type="submit">${tr(ctx, 'admin.save')}</button></p></form>
${officeId ? html`<form method="post" action="${href(ctx, `/admin/offices/${officeId}/delete`)}" class="danger">${csrfField(ctx)}<button type="submit">${tr(ctx, 'admin.delete')}</button></form>` : ''}`),
      };
    });
  };

  for (const url of langPaths('/admin/offices'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'office.write');
      const offices = await listOffices(app.db);
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'admin.offices'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/offices', html`<h1>${tr(ctx, 'admin.offices')}</h1>
<p><a class="button" href="${href(ctx, '/admin/offices/new')}">${tr(ctx, 'admin.new')}</a></p>
<ul class="offices">${offices.map((o) => html`${officeLine(ctx, o)}<li class="edit-link"><a href="${href(ctx, `/admin/offices/${o.id}`)}">${tr(ctx, 'admin.edit')}</a></li>`)}</ul>`),
      }));
    });

  for (const url of langPaths('/admin/offices/new')) {
    app.get(url, async (req, reply) =>
      formPage(req, reply, '/admin/offices/new', { kind: 'vice_president', title: {}, person: '', institution: '', startedOn: '', endedOn: '', position: '0' }, []),
    );
    app.post(url, async (req, reply) => {
      const v = readOffice((req.body ?? {}) as Body);
      const r = await attempt(() => createOffice(app.db, actorFor(req), toInput(v)), 'person');
      if ('problems' in r) return formPage(req, reply, '/admin/offices/new', v, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/offices?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/offices/:id')) {
    app.get(url, async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      const o = (await listOffices(app.db)).find((x) => x.id === id);
      if (!o) return reply.callNotFound();
      const v: OfficeValues = {
        kind: o.kind,
        title: o.title,
        person: o.person?.slug ?? '',
        institution: o.institution?.slug ?? '',
        startedOn: o.startedOn ?? '',
        endedOn: o.endedOn ?? '',
        position: String(o.position),
      };
      return formPage(req, reply, `/admin/offices/${id}`, v, [], id);
    });
    app.post(url, async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      const v = readOffice((req.body ?? {}) as Body);
      const r = await attempt(() => updateOffice(app.db, actorFor(req), id, toInput(v)), 'person');
      if ('problems' in r) return formPage(req, reply, `/admin/offices/${id}`, v, r.problems, id);
      return reply.redirect(`${langPrefix(req.url)}/admin/offices?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/offices/:id/delete'))
    app.post(url, async (req, reply) => {
      await deleteOffice(app.db, actorFor(req), Number((req.params as { id: string }).id));
      return reply.redirect(`${langPrefix(req.url)}/admin/offices?done=deleted`, 303);
    });
}
