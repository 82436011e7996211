import { html, raw, type Html } from '../../../http/html.ts';
import { href, localized, text, tr } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { formatPartialDate, languageName } from '../../../http/i18n.ts';
import { mapSvg } from '../../../http/map.ts';
import type { Alliance } from '../../alliance/alliance.service.ts';
import type { InstitutionDetail } from '../../alliance/registry.read.ts';
import { categoryName, officeTitle, personName, place, term } from '../../alliance/views/registry.views.ts';

export function institutionView(ctx: PageCtx, a: Alliance, d: InstitutionDetail, canEdit: boolean): Html {
  const i = d.institution;
  const langName = (tag: string) => languageName(ctx.tag, tag);
  const m = d.membership;
  return html`
<article class="institution" itemscope itemtype="https://schema.org/Museum">
  <h1 itemprop="name">${localized(ctx, i.name)}</h1>
  <p class="meta">${tr(ctx, `kind.${i.kind}`)}${place(ctx, i) ? html` · ${place(ctx, i)}` : ''}</p>
  ${canEdit ? html`<p><a class="button" href="${href(ctx, `/admin/institutions/${i.slug}`)}">${tr(ctx, 'institution.edit')}</a></p>` : ''}

  <section aria-labelledby="names-h"><h2 id="names-h">${tr(ctx, 'institution.names')}</h2>
    <dl class="names">${Object.entries(i.name).map(([lang, name]) => html`<dt>${langName(lang)}</dt><dd lang="${lang}" dir="auto">${name}</dd>`)}
    ${Object.entries(i.shortName).map(([lang, name]) => html`<dt>${tr(ctx, 'institution.shortName')} (${langName(lang)})</dt><dd lang="${lang}" dir="auto">${name}</dd>`)}</dl>
  </section>

  <section aria-labelledby="membership-h"><h2 id="membership-h">${tr(ctx, 'institution.membership')}</h2>
    ${m
      ? html`<dl class="facts">
        <dt>${tr(ctx, 'directory.status')}</dt><dd>${tr(ctx, `status.${m.status}`)}</dd>
        <dt>${tr(ctx, 'directory.category')}</dt><dd>${categoryName(ctx, a, m.category)}</dd>
        ${m.memberSince ? html`<dt>${tr(ctx, 'form.memberSince')}</dt><dd>${formatPartialDate(ctx.lang, m.memberSince)}</dd>` : ''}
        ${m.memberNumber ? html`<dt>${tr(ctx, 'institution.memberNumber')}</dt><dd>${m.memberNumber}</dd>` : ''}
        ${d.admittedAt ? html`<dt>${tr(ctx, 'form.admittedAt')}</dt><dd>${localized(ctx, d.admittedAt.title)}${d.admittedAt.startsOn ? html`, ${formatPartialDate(ctx.lang, d.admittedAt.startsOn)}` : ''}</dd>` : ''}
        ${m.endedOn ? html`<dt>${tr(ctx, 'form.endedOn')}</dt><dd>${formatPartialDate(ctx.lang, m.endedOn)}</dd>` : ''}
      </dl>`
      : html`<p>${tr(ctx, 'institution.notMember')}</p>`}
  </section>

  ${d.offices.length
    ? html`<section aria-labelledby="offices-h"><h2 id="offices-h">${tr(ctx, 'institution.offices')}</h2>
    <ul>${d.offices.map((o) => html`<li>${officeTitle(ctx, o)}${o.person ? html` — ${personName(ctx, o.person)}` : ''}${term(ctx, o.startedOn, o.endedOn) ? html` (${term(ctx, o.startedOn, o.endedOn)})` : ''}</li>`)}</ul></section>`
    : ''}

  ${d.posts.length
    ? html`<section aria-labelledby="people-h"><h2 id="people-h">${tr(ctx, 'institution.people')}</h2>
    <ul class="people">${d.posts.map((p) => html`<li>${personName(ctx, p.person)}, ${localized(ctx, p.title)}${term(ctx, p.startedOn, p.endedOn) ? html` (${term(ctx, p.startedOn, p.endedOn)})` : ''}</li>`)}</ul></section>`
    : ''}

  <section aria-labelledby="location-h"><h2 id="location-h">${tr(ctx, 'institution.location')}</h2>
    <p>${place(ctx, i)}</p>
    ${i.latitude !== null && i.longitude !== null
      ? html`<figure class="map">${raw(mapSvg({ lat: i.latitude, lon: i.longitude, label: tr(ctx, 'institution.mapLabel', { name: text(ctx, i.name) }) }, { lang: ctx.lang }))}
        <figcaption>${i.latitude.toFixed(2)}, ${i.longitude.toFixed(2)}</figcaption></figure>`
      : html`<p>${tr(ctx, 'institution.noLocation')}</p>`}
    ${i.website ? html`<p>${tr(ctx, 'institution.website')}: <a href="${i.website}" rel="noopener external" itemprop="url">${i.website}</a></p>` : ''}
    ${i.wikidata ? html`<p>${tr(ctx, 'institution.wikidata')}: <a href="https://www.wikidata.org/wiki/${i.wikidata}" rel="noopener external">${i.wikidata}</a></p>` : ''}
  </section>
</article>`;
}
