import { html, qs, type Html } from '../../../http/html.ts';
import { href, tr } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { formatNumber, formatPartialDate } from '../../../http/i18n.ts';
import { countryName } from '../../../shared/countries.ts';
import { INSTITUTION_KINDS } from '../../institutions/institution.schemas.ts';
import type { Alliance } from '../alliance.service.ts';
import type { DirectoryEntry } from '../directory.service.ts';
import { MEMBERSHIP_STATUSES } from '../membership.service.ts';
import { categoryName, institutionLink, otherNames, place } from './registry.views.ts';

export interface DirectoryParams {
  q: string;
  country: string;
  category: string;
  status: string;
  kind: string;
  page: number;
}

export const PAGE_SIZE = 50;

export function directoryView(
  ctx: PageCtx,
  a: Alliance,
  p: DirectoryParams,
  result: { items: DirectoryEntry[]; total: number },
  countries: string[],
): Html {
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const link = (page: number) =>
    href(ctx, `/members${qs({ q: p.q, country: p.country, category: p.category, status: p.status === 'member' ? '' : p.status, kind: p.kind, page: page > 1 ? page : undefined })}`);
  const option = (value: string, label: string, selected: string) =>
    html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  const sortedCountries = [...countries].sort((x, y) => countryName(x, ctx.lang).localeCompare(countryName(y, ctx.lang), ctx.tag));
  return html`
<h1>${tr(ctx, 'directory.title')}</h1>
<form method="get" action="${href(ctx, '/members')}" class="filters" role="search">
  <p class="field wide"><label for="q">${tr(ctx, 'directory.search')}</label>
    <input id="q" name="q" type="search" value="${p.q}" placeholder="${tr(ctx, 'directory.searchPlaceholder')}" maxlength="200"></p>
  <p class="field"><label for="country">${tr(ctx, 'directory.country')}</label>
    <select id="country" name="country">${option('', tr(ctx, 'directory.anyCountry'), p.country)}${sortedCountries.map((c) => option(c, countryName(c, ctx.lang), p.country))}</select></p>
  <p class="field"><label for="category">${tr(ctx, 'directory.category')}</label>
    <select id="category" name="category">${option('', tr(ctx, 'directory.anyCategory'), p.category)}${a.categories.map((c) => option(c.key, categoryName(ctx, a, c.key), p.category))}</select></p>
  <p class="field"><label for="status">${tr(ctx, 'directory.status')}</label>
    <select id="status" name="status">${[...MEMBERSHIP_STATUSES, 'any' as const].map((s) => option(s, tr(ctx, `status.${s}`), p.status))}</select></p>
  <p class="field"><label for="kind">${tr(ctx, 'directory.kind')}</label>
    <select id="kind" name="kind">${option('', tr(ctx, 'directory.anyKind'), p.kind)}${INSTITUTION_KINDS.map((k) => option(k, tr(ctx, `kind.${k}`), p.kind))}</select></p>
  <p class="actions"><button type="submit">${tr(ctx, 'directory.apply')}</button> <a href="${href(ctx, '/members')}">${tr(ctx, 'directory.reset')}</a></p>
</form>
<p role="status" class="results-count">${tr(ctx, 'directory.results', { n: formatNumber(ctx.lang, result.total) })}</p>
${result.items.length
  ? html`<ol class="directory" start="${(p.page - 1) * PAGE_SIZE + 1}">${result.items.map(
      (e) => html`<li class="entry" data-slug="${e.institution.slug}">
      <h2 class="entry-name">${institutionLink(ctx, e.institution)}</h2>
      ${otherNames(ctx, e.institution)}
      <p class="meta">${place(ctx, e.institution)}${e.membership ? html` · <span class="badge">${categoryName(ctx, a, e.membership.category)}</span>${e.membership.status !== 'member' ? html` · <span class="badge status">${tr(ctx, `status.${e.membership.status}`)}</span>` : ''}${e.membership.memberSince ? html` · ${tr(ctx, 'directory.memberSince', { date: formatPartialDate(ctx.lang, e.membership.memberSince) })}` : ''}` : html` · ${tr(ctx, `kind.${e.institution.kind}`)}`}</p>
    </li>`,
    )}</ol>`
  : html`<p>${tr(ctx, 'directory.none')}</p>`}
${pages > 1
  ? html`<nav class="pager" aria-label="${tr(ctx, 'directory.page', { page: p.page, pages })}">
  ${p.page > 1 ? html`<a rel="prev" href="${link(p.page - 1)}">${tr(ctx, 'directory.previous')}</a>` : ''}
  <span>${tr(ctx, 'directory.page', { page: formatNumber(ctx.lang, p.page), pages: formatNumber(ctx.lang, pages) })}</span>
  ${p.page < pages ? html`<a rel="next" href="${link(p.page + 1)}">${tr(ctx, 'directory.next')}</a>` : ''}
</nav>`
  : ''}`;
}
