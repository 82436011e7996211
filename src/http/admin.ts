// The frame of the administration: who may enter, and its menu (per role).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html, type Html } from './html.ts';
import { href, tr } from './layout.ts';
import type { PageCtx } from './context.ts';
import { actorFor } from './context.ts';
import { assertCan, can, type Actor } from '../modules/accounts/permission.policy.ts';

/** Every route of an admin plugin needs a logged-in user whose role may enter the administration. */
export function guardAdmin(app: FastifyInstance): void {
  app.addHook('preHandler', async (req: FastifyRequest) => {
    assertCan(actorFor(req), 'admin.access');
  });
}

export function adminNav(ctx: PageCtx, actor: Actor, current: string): Html {
  const item = (path: string, key: Parameters<typeof tr>[1], show: boolean) =>
    show ? html`<li><a href="${href(ctx, path)}"${path === current ? html` aria-current="page"` : ''}>${tr(ctx, key)}</a></li>` : '';
  return html`<nav class="admin-nav" aria-label="${tr(ctx, 'admin.title')}"><ul>
    ${item('/admin', 'admin.dashboard', true)}
    ${item('/admin/institutions', 'admin.institutions', can(actor, 'institution.create'))}
    ${item('/admin/people', 'admin.people', can(actor, 'office.write'))}
    ${item('/admin/offices', 'admin.offices', can(actor, 'office.write'))}
    ${item('/admin/meetings', 'admin.meetings', can(actor, 'meeting.write') || (actor.kind === 'user' && actor.role === 'member_editor'))}
    ${item('/admin/sources', 'admin.sources', can(actor, 'source.write') || (actor.kind === 'user' && actor.role === 'member_editor'))}
    ${item('/admin/members/import', 'admin.import', can(actor, 'members.import'))}
    ${item('/admin/users', 'admin.users', can(actor, 'user.manage'))}
    ${item('/admin/audit', 'admin.audit', can(actor, 'audit.read'))}
  </ul></nav>`;
}

export function adminMain(ctx: PageCtx, actor: Actor, current: string, body: Html): Html {
  return html`<div class="admin">${adminNav(ctx, actor, current)}<div class="admin-body">${body}</div></div>`;
}
