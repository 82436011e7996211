// The frame of one meeting's administration: its heading and tabs.
import { html, type Html } from '../../../http/html.ts';
import type { PageCtx } from '../../../http/context.ts';
import { href, localized } from '../../../http/layout.ts';
import { can, type Actor } from '../../accounts/permission.policy.ts';
import type { Meeting } from '../meeting.service.ts';
import { mt, mtOf } from '../meeting.i18n.ts';
import { meetingMeta, meetingPath } from './meeting.parts.ts';

export const adminHead = () => html`<link rel="stylesheet" href="/assets/meetings.css">`;

/** Tabs of one meeting's administration. */
export function meetingTabs(ctx: PageCtx, actor: Actor, m: Meeting, current: 'details' | 'programme' | 'registrations'): Html {
  const tab = (key: typeof current, path: string, label: string, show: boolean) =>
    show ? html`<li><a href="${href(ctx, path)}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>` : '';
  return html`<p class="meta"><a href="${href(ctx, '/admin/meetings')}">${mt(ctx, 'admin.meetings')}</a></p>
<h1>${localized(ctx, m.title)}</h1><p class="meta">${meetingMeta(ctx, m)} · <span class="badge">${mtOf(ctx, 'status', m.status)}</span></p>
<ul class="admin-tabs">
  ${tab('details', `/admin${meetingPath(m)}`, mt(ctx, 'admin.details'), can(actor, 'meeting.write'))}
  ${tab('programme', `/admin${meetingPath(m)}/programme`, mt(ctx, 'admin.programme'), can(actor, 'meeting.write'))}
  ${tab('registrations', `/admin${meetingPath(m)}/registrations`, mt(ctx, 'admin.registrations'), true)}
  <li><a href="${href(ctx, meetingPath(m))}">${mt(ctx, 'admin.publicPage')}</a></li>
</ul>`;
}

