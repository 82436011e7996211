import { html, type Html } from '../../../http/html.ts';
import { href, localized, tr } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { formatNumber, formatPartialDate } from '../../../http/i18n.ts';
import { countryName } from '../../../shared/countries.ts';
import type { Alliance } from '../alliance.service.ts';
import type { Counts, DirectoryEntry } from '../directory.service.ts';
import type { Office } from '../office.service.ts';
import { categoryName, institutionLink, officeLine, place } from './registry.views.ts';

export function homeView(ctx: PageCtx, a: Alliance, counts: Counts, offices: Office[], recent: DirectoryEntry[]): Html {
  const n = (x: number) => formatNumber(ctx.lang, x);
  const max = Math.max(1, ...counts.byCountry.map((c) => c.n));
  return html`
<section class="hero">
  <h1>${localized(ctx, a.name)}</h1>
  ${a.foundedOn ? html`<p class="lede">${tr(ctx, 'home.founded', { date: formatPartialDate(ctx.lang, a.foundedOn) })}</p>` : ''}
</section>
<section aria-labelledby="members-h" class="counts">
  <h2 id="members-h">${tr(ctx, 'home.membersHeading')}</h2>
  <p class="big"><strong>${tr(ctx, 'home.membersCount', { n: n(counts.members) })}</strong>
    ${tr(ctx, 'home.countriesCount', { n: n(counts.countries) })}</p>
  <ul class="stat-list" aria-label="${tr(ctx, 'home.byCategory')}">
    ${a.categories.map((c) => html`<li><a href="${href(ctx, `/members?category=${encodeURIComponent(c.key)}`)}">${categoryName(ctx, a, c.key)}</a>: <strong>${n(counts.byCategory[c.key] ?? 0)}</strong></li>`)}
  </ul>
  <p class="note">${tr(ctx, 'home.countsNote')}</p>
  <h3>${tr(ctx, 'home.byCountry')}</h3>
  <table class="bars"><tbody>
    ${counts.byCountry.map((c) => html`<tr><th scope="row"><a href="${href(ctx, `/members?country=${c.country}`)}">${countryName(c.country, ctx.lang)}</a></th>
      <td><span class="meter-bar" style="--w:${Math.round((c.n / max) * 100)}%"></span> ${n(c.n)}</td></tr>`)}
  </tbody></table>
  <p><a class="button" href="${href(ctx, '/members')}">${tr(ctx, 'home.browseMembers')}</a></p>
</section>
${recent.length ? html`<section aria-labelledby="recent-h"><h2 id="recent-h">${tr(ctx, 'home.recentlyAdmitted')}</h2>
  <ul class="cards">${recent.map((e) => html`<li>${institutionLink(ctx, e.institution)}<br><small>${place(ctx, e.institution)}${e.membership?.memberSince ? html` · ${tr(ctx, 'directory.memberSince', { date: formatPartialDate(ctx.lang, e.membership.memberSince) })}` : ''}</small></li>`)}</ul></section>` : ''}
<section aria-labelledby="officers-h">
  <h2 id="officers-h">${tr(ctx, 'home.officersHeading')}</h2>
  ${offices.length ? html`<ul class="offices">${offices.map((o) => officeLine(ctx, o))}</ul>` : html`<p>${tr(ctx, 'officers.none')}</p>`}
</section>`;
}
