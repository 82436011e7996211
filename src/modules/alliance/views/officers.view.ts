import { html, type Html } from '../../../http/html.ts';
import { localized, tr } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import type { Alliance } from '../alliance.service.ts';
import type { Office } from '../office.service.ts';
import { institutionLink, officeTitle, personName, term } from './registry.views.ts';

export function officersView(ctx: PageCtx, a: Alliance, offices: Office[]): Html {
  const card = (o: Office) => html`<li class="officer">
    <p class="office-title">${officeTitle(ctx, o)}</p>
    ${o.person ? html`<p class="office-person">${personName(ctx, o.person)}</p>` : ''}
    ${o.institution ? html`<p class="office-unit">${o.person ? '' : tr(ctx, 'officers.unit', { name: '' })}${institutionLink(ctx, o.institution)}</p>` : ''}
    ${term(ctx, o.startedOn, o.endedOn) ? html`<p class="office-term">${tr(ctx, 'officers.term')}: ${term(ctx, o.startedOn, o.endedOn)}</p>` : ''}
  </li>`;
  const leaders = offices.filter((o) => o.kind === 'president' || o.kind === 'secretary_general');
  const vps = offices.filter((o) => o.kind === 'vice_president');
  const others = offices.filter((o) => o.kind === 'other');
  return html`<h1>${tr(ctx, 'officers.title')}</h1>
<p class="lede">${localized(ctx, a.name)}</p>
${offices.length ? '' : html`<p>${tr(ctx, 'officers.none')}</p>`}
${leaders.length ? html`<ul class="officers">${leaders.map(card)}</ul>` : ''}
${vps.length ? html`<h2>${tr(ctx, 'officers.vicePresidents')}</h2><ul class="officers">${vps.map(card)}</ul>` : ''}
${others.length ? html`<ul class="officers">${others.map(card)}</ul>` : ''}`;
}
