// The administration's dashboard, user management and the audit trail.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain, guardAdmin } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor } from '../../http/context.ts';
import { field, input, problemSummary, select, type Body } from '../../http/forms.ts';
import { html, qs } from '../../http/html.ts';
import { csrfField, href, localized, text, tr } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { formatNumber } from '../../http/i18n.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import { allInstitutions, getInstitutionByKey } from '../institutions/institution.service.ts';
import { listAuditEvents } from './audit.service.ts';
import { can, ROLES } from './permission.policy.ts';
import { createUser, listUsers, updateUser } from './user.service.ts';

interface UserValues {
  email: string;
  displayName: string;
  role: string;
  institution: string;
  disabled: boolean;
}

export async function accountAdmin(app: FastifyInstance): Promise<void> {
  guardAdmin(app);

  for (const url of langPaths('/admin'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      const own = req.user!.institutionId ? await getInstitutionByKey(app.db, req.user!.institutionId) : undefined;
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'admin.title'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin', html`<h1>${tr(ctx, 'admin.title')}</h1>
<p>${tr(ctx, 'admin.welcome', { name: req.user!.displayName, role: tr(ctx, `role.${req.user!.role}`) })}</p>
${own ? html`<h2>${tr(ctx, 'admin.yourInstitution')}</h2><p><a class="button" href="${href(ctx, `/admin/institutions/${own.slug}`)}">${localized(ctx, own.name)}</a></p>` : ''}
${can(actor, 'members.import') ? html`<p><a href="${href(ctx, '/admin/members/export.csv')}">${tr(ctx, 'admin.export')}</a></p>` : ''}`),
      }));
    });

  const institutionsOptions = async (lang: Parameters<typeof text>[0]) =>
    (await allInstitutions(app.db)).map((i) => [String(i.key), text(lang, i.name)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]));

  const userForm = async (req: FastifyRequest, reply: FastifyReply, action: string, v: UserValues, problems: FieldProblem[], isNew: boolean) => {
    const actor = actorFor(req);
    const users = await listUsers(app.db, actor); // asserts user.manage
    return sendPage(req, reply, async (ctx) => ({
      title: tr(ctx, 'admin.users'),
      section: 'admin',
      status: problems.length ? 422 : 200,
      main: adminMain(ctx, actor, '/admin/users', html`<h1>${tr(ctx, 'admin.users')}</h1>
${isNew ? html`<table class="list"><thead><tr><th>${tr(ctx, 'form.email')}</th><th>${tr(ctx, 'form.role')}</th><th>${tr(ctx, 'form.disabled')}</th></tr></thead><tbody>
${users.map((u) => html`<tr><td><a href="${href(ctx, `/admin/users/${u.id}`)}">${u.email}</a></td><td>${tr(ctx, `role.${u.role}`)}</td><td>${u.disabled ? '✓' : ''}</td></tr>`)}</tbody></table><h2>${tr(ctx, 'admin.new')}</h2>` : ''}
${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, action)}" class="record">${csrfField(ctx)}
${isNew ? input(ctx, 'email', 'form.email', v.email, problems, { type: 'email', required: true, maxlength: 320 }) : html`<p><strong>${v.email}</strong></p>`}
${input(ctx, 'displayName', 'form.displayName', v.displayName, problems, { maxlength: 200 })}
${select(ctx, 'role', 'form.role', v.role, ROLES.map((r) => [r, tr(ctx, `role.${r}`)]), problems)}
${select(ctx, 'institution', 'form.institution', v.institution, [['', tr(ctx, 'form.none')], ...(await institutionsOptions(ctx))], problems)}
${input(ctx, 'password', 'form.password', '', problems, { type: 'password', required: isNew, maxlength: 1024 })}
${isNew ? '' : html`<p class="field"><label><input type="checkbox" name="disabled" value="yes"${v.disabled ? html` checked` : ''}> ${tr(ctx, 'form.disabled')}</label></p>`}
<p class="actions"><button type="submit">${tr(ctx, 'admin.save')}</button></p></form>`),
    }));
  };

  const readUser = (body: Body): UserValues => ({
    email: field(body, 'email'),
    displayName: field(body, 'displayName'),
    role: field(body, 'role'),
    institution: field(body, 'institution'),
    disabled: field(body, 'disabled') === 'yes',
  });

  for (const url of langPaths('/admin/users')) {
    app.get(url, async (req, reply) => userForm(req, reply, '/admin/users', { email: '', displayName: '', role: 'member_editor', institution: '', disabled: false }, [], true));
    app.post(url, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      const v = readUser(body);
      const r = await attempt(
        () => createUser(app.db, actorFor(req), { ...v, password: field(body, 'password'), institutionId: v.institution ? Number(v.institution) : null }),
        'email',
      );
      if ('problems' in r) return userForm(req, reply, '/admin/users', v, r.problems, true);
      return reply.redirect(`${langPrefix(req.url)}/admin/users?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/users/:id')) {
    app.get(url, async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      const u = (await listUsers(app.db, actorFor(req))).find((x) => x.id === id);
      if (!u) return reply.callNotFound();
      return userForm(req, reply, `/admin/users/${id}`, { email: u.email, displayName: u.displayName, role: u.role, institution: u.institutionId ? String(u.institutionId) : '', disabled: u.disabled }, [], false);
    });
    app.post(url, async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      const body = (req.body ?? {}) as Body;
      const v = readUser(body);
      const u = (await listUsers(app.db, actorFor(req))).find((x) => x.id === id);
      if (!u) return reply.callNotFound();
      const r = await attempt(
        () =>
          updateUser(app.db, actorFor(req), id, {
            role: v.role,
            institutionId: v.institution ? Number(v.institution) : null,
            disabled: v.disabled,
            displayName: v.displayName,
            ...(field(body, 'password') ? { password: field(body, 'password') } : {}),
          }),
        'role',
      );
      if ('problems' in r) return userForm(req, reply, `/admin/users/${id}`, { ...v, email: u.email }, r.problems, false);
      return reply.redirect(`${langPrefix(req.url)}/admin/users?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/audit'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      const q = req.query as Body;
      const page = Math.max(1, Number(q.page) || 1);
      const entityType = field(q, 'type') || undefined;
      const entityId = field(q, 'id') || undefined;
      const { events, total } = await listAuditEvents(app.db, actor, { limit: 50, offset: (page - 1) * 50, ...(entityType ? { entityType } : {}), ...(entityId ? { entityId } : {}) });
      const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 1));
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'admin.audit'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/audit', html`<h1>${tr(ctx, 'admin.audit')}</h1>
<p>${tr(ctx, 'directory.results', { n: formatNumber(ctx.lang, total) })}</p>
<table class="list audit"><thead><tr><th>${tr(ctx, 'audit.when')}</th><th>${tr(ctx, 'audit.who')}</th><th>${tr(ctx, 'audit.what')}</th><th>${tr(ctx, 'audit.entity')}</th><th>${tr(ctx, 'audit.before')}</th><th>${tr(ctx, 'audit.after')}</th></tr></thead><tbody>
${events.map((e) => html`<tr><td><time datetime="${e.at}">${e.at.replace('T', ' ').slice(0, 19)}</time></td><td>${e.actor}${e.ip ? html`<br><small>${e.ip}</small>` : ''}</td><td>${e.action}<br><small>${e.summary}</small></td>
<td><a href="${href(ctx, `/admin/audit${qs({ type: e.entityType, id: e.entityId })}`)}">${e.entityType} ${e.entityId}</a></td>
<td><pre>${json(e.before)}</pre></td><td><pre>${json(e.after)}</pre></td></tr>`)}
</tbody></table>
<nav class="pager">${page > 1 ? html`<a href="${href(ctx, `/admin/audit${qs({ type: entityType, id: entityId, page: page - 1 })}`)}">${tr(ctx, 'directory.previous')}</a>` : ''}
${total > page * 50 ? html`<a href="${href(ctx, `/admin/audit${qs({ type: entityType, id: entityId, page: page + 1 })}`)}">${tr(ctx, 'directory.next')}</a>` : ''}</nav>`),
      }));
    });
}
