// Small pieces of the registry shown on several pages.
import { html, type Html } from '../../../http/html.ts';
import { href, localized, tr, text } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { formatPartialDate } from '../../../http/i18n.ts';
import { countryName } from '../../../shared/countries.ts';
import type { Institution } from '../../institutions/institution.service.ts';
import type { Office } from '../office.service.ts';
import type { Alliance } from '../alliance.service.ts';

export function institutionLink(ctx: PageCtx, i: Institution): Html {
  return html`<a href="${href(ctx, `/members/${i.slug}`)}">${localized(ctx, i.name)}</a>`;
}

/** The names of an institution in scripts other than the one shown, e.g. 中国丝绸博物馆 on the English page. */
export function otherNames(ctx: PageCtx, i: Institution): Html {
  const shown = text(ctx, i.name);
  const others = [...new Set(Object.entries(i.name).filter(([, v]) => v !== shown))];
  if (!others.length) return html``;
  return html`<span class="other-names">${others.map(([lang, v]) => html`<span lang="${lang}" dir="auto">${v}</span>`)}</span>`;
}

export function place(ctx: PageCtx, i: Institution): string {
  return [text(ctx, i.city), i.country ? countryName(i.country, ctx.lang) : ''].filter(Boolean).join(', ');
}

export function categoryName(ctx: PageCtx, alliance: Alliance, key: string): string {
  const c = alliance.categories.find((x) => x.key === key);
  return c ? text(ctx, c.name) : key;
}

export function officeTitle(ctx: PageCtx, o: Office): string {
  return Object.keys(o.title).length ? text(ctx, o.title) : tr(ctx, `office.${o.kind}`);
}

export function personName(ctx: PageCtx, p: { name: Record<string, string>; honorific?: Record<string, string> }): Html {
  return localized(ctx, p.name);
}

export function term(ctx: PageCtx, from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${formatPartialDate(ctx.lang, from)} – ${formatPartialDate(ctx.lang, to)}`;
}

export function officeLine(ctx: PageCtx, o: Office): Html {
  const who = o.person ? personName(ctx, o.person) : '';
  const unit = o.institution ? institutionLink(ctx, o.institution) : '';
  const t = term(ctx, o.startedOn, o.endedOn);
  return html`<li class="office"><span class="office-title">${officeTitle(ctx, o)}</span>
    ${who ? html`<span class="office-person">${who}</span>` : ''}
    ${unit ? html`<span class="office-unit">${unit}</span>` : ''}
    ${t ? html`<span class="office-term">${t}</span>` : ''}</li>`;
}
