// Admin pages of people and their posts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain, guardAdmin } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor } from '../../http/context.ts';
import { field, input, langMapInputs, problemSummary, readLangMap, select, type Body } from '../../http/forms.ts';
import { html } from '../../http/html.ts';
import { csrfField, href, localized, text, tr } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { formatNumber } from '../../http/i18n.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import type { LangMap } from '../../shared/langmap.ts';
import { assertCan } from '../accounts/permission.policy.ts';
import { personDetail } from '../alliance/registry.read.ts';
import { term } from '../alliance/views/registry.views.ts';
import { allInstitutions } from '../institutions/institution.service.ts';
import { addPost, createPerson, removePost, searchPeople, updatePerson } from './person.service.ts';

interface PersonValues {
  name: LangMap;
  honorific: LangMap;
  slug: string;
}

export async function personAdmin(app: FastifyInstance): Promise<void> {
  guardAdmin(app);

  for (const url of langPaths('/admin/people'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'office.write');
      const q = String((req.query as Body).q ?? '').slice(0, 200);
      const { items, total } = await searchPeople(app.db, q, 200, 0);
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'people.title'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/people', html`<h1>${tr(ctx, 'people.title')}</h1>
<p><a class="button" href="${href(ctx, '/admin/people/new')}">${tr(ctx, 'admin.new')}</a></p>
<form method="get" role="search"><label for="q">${tr(ctx, 'admin.search')}</label> <input id="q" name="q" type="search" value="${q}"> <button>${tr(ctx, 'admin.search')}</button></form>
<p>${tr(ctx, 'directory.results', { n: formatNumber(ctx.lang, total) })}</p>
<ul class="list">${items.map((p) => html`<li><a href="${href(ctx, `/admin/people/${p.slug}`)}">${localized(ctx, p.name)}</a></li>`)}</ul>`),
      }));
    });

  const form = (ctx: Parameters<typeof tr>[0], action: string, v: PersonValues, problems: FieldProblem[], withSlug: boolean) =>
    html`${problemSummary(ctx, problems)}<form method="post" action="${href(ctx, action)}" class="record">${csrfField(ctx)}
${langMapInputs(ctx, 'name', { legend: 'form.name', label: 'form.nameIn' }, v.name, problems, true)}
${langMapInputs(ctx, 'honorific', { legend: 'form.honorific', label: 'form.honorificIn' }, v.honorific, problems)}
${withSlug ? input(ctx, 'slug', 'form.slug', v.slug, problems, { maxlength: 80 }) : ''}
<p class="actions"><button type="submit">${tr(ctx, 'admin.save')}</button></p></form>`;

  const newPage = (req: FastifyRequest, reply: FastifyReply, v: PersonValues, problems: FieldProblem[]) =>
    sendPage(req, reply, (ctx) => ({
      title: tr(ctx, 'people.title'),
      section: 'admin',
      status: problems.length ? 422 : 200,
      main: adminMain(ctx, actorFor(req), '/admin/people', html`<h1>${tr(ctx, 'people.title')}: ${tr(ctx, 'admin.new')}</h1>${form(ctx, '/admin/people/new', v, problems, true)}`),
    }));

  for (const url of langPaths('/admin/people/new')) {
    app.get(url, async (req, reply) => {
      assertCan(actorFor(req), 'office.write');
      return newPage(req, reply, { name: {}, honorific: {}, slug: '' }, []);
    });
    app.post(url, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      const v = { name: readLangMap(body, 'name'), honorific: readLangMap(body, 'honorific'), slug: field(body, 'slug') };
      const r = await attempt(() => createPerson(app.db, actorFor(req), { ...v, slug: v.slug || undefined }));
      if ('problems' in r) return newPage(req, reply, v, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/people/${r.ok.slug}?done=saved`, 303);
    });
  }

  const editPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, v: PersonValues | undefined, problems: FieldProblem[], postProblems: FieldProblem[] = []) => {
    const actor = actorFor(req);
    const d = await personDetail(app.db, slug);
    assertCan(actor, 'person.write', { institutionIds: [...new Set(d.posts.map((p) => p.institution.key))] });
    const institutions = await allInstitutions(app.db);
    return sendPage(req, reply, (ctx) => {
      const instOptions: Array<[string, string]> = institutions
        .map((i) => [i.slug, text(ctx, i.name)] as [string, string])
        .sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
      return {
        title: text(ctx, d.person.name),
        section: 'admin',
        status: problems.length || postProblems.length ? 422 : 200,
        main: adminMain(ctx, actor, '/admin/people', html`<h1>${localized(ctx, d.person.name)}</h1>
${form(ctx, `/admin/people/${d.person.slug}`, v ?? { name: d.person.name, honorific: d.person.honorific, slug: d.person.slug }, problems, false)}
<h2>${tr(ctx, 'people.posts')}</h2>
${d.posts.length ? html`<ul>${d.posts.map((p) => html`<li>${localized(ctx, p.title)}, ${localized(ctx, p.institution.name)} ${term(ctx, p.startedOn, p.endedOn)}
  <form method="post" action="${href(ctx, `/admin/people/${d.person.slug}/posts/${p.id}/delete`)}" class="inline">${csrfField(ctx)}<button type="submit" class="link">${tr(ctx, 'form.removePost')}</button></form></li>`)}</ul>` : html`<p>${tr(ctx, 'people.noPosts')}</p>`}
<h3>${tr(ctx, 'form.addPost')}</h3>${problemSummary(ctx, postProblems)}
<form method="post" action="${href(ctx, `/admin/people/${d.person.slug}/posts`)}" class="record">${csrfField(ctx)}
${select(ctx, 'institution', 'form.institution', '', instOptions, postProblems)}
${langMapInputs(ctx, 'title', { legend: 'form.title', label: 'form.titleIn' }, {}, postProblems, true)}
${input(ctx, 'startedOn', 'form.startedOn', '', postProblems, { help: 'form.dateHelp', maxlength: 10 })}
${input(ctx, 'endedOn', 'form.endedOn', '', postProblems, { help: 'form.dateHelp', maxlength: 10 })}
<p class="actions"><button type="submit">${tr(ctx, 'form.addPost')}</button></p></form>`),
      };
    });
  };

  for (const url of langPaths('/admin/people/:slug')) {
    app.get(url, async (req, reply) => editPage(req, reply, (req.params as { slug: string }).slug, undefined, []));
    app.post(url, async (req, reply) => {
      const slug = (req.params as { slug: string }).slug;
      const body = (req.body ?? {}) as Body;
      const v = { name: readLangMap(body, 'name'), honorific: readLangMap(body, 'honorific'), slug };
      const r = await attempt(() => updatePerson(app.db, actorFor(req), slug, v));
      if ('problems' in r) return editPage(req, reply, slug, v, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/people/${slug}?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/people/:slug/posts'))
    app.post(url, async (req, reply) => {
      const slug = (req.params as { slug: string }).slug;
      const body = (req.body ?? {}) as Body;
      const r = await attempt(() =>
        addPost(app.db, actorFor(req), slug, {
          institution: field(body, 'institution'),
          title: readLangMap(body, 'title'),
          startedOn: field(body, 'startedOn') || null,
          endedOn: field(body, 'endedOn') || null,
        }),
      );
      if ('problems' in r) return editPage(req, reply, slug, undefined, [], r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/people/${slug}?done=saved`, 303);
    });

  for (const url of langPaths('/admin/people/:slug/posts/:id/delete'))
    app.post(url, async (req, reply) => {
      const { slug, id } = req.params as { slug: string; id: string };
      await removePost(app.db, actorFor(req), Number(id));
      return reply.redirect(`${langPrefix(req.url)}/admin/people/${slug}?done=deleted`, 303);
    });
}
