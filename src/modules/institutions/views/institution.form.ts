import { html, type Html } from '../../../http/html.ts';
import { csrfField, href, tr } from '../../../http/layout.ts';
import type { PageCtx } from '../../../http/context.ts';
import { input, langMapInputs, problemSummary, select } from '../../../http/forms.ts';
import { COUNTRY_CODES, countryName } from '../../../shared/countries.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import type { LangMap } from '../../../shared/langmap.ts';
import { INSTITUTION_KINDS } from '../institution.schemas.ts';

export interface InstitutionFormValues {
  slug: string;
  name: LangMap;
  shortName: LangMap;
  city: LangMap;
  kind: string;
  country: string;
  latitude: string;
  longitude: string;
  website: string;
  wikidata: string;
}

export function institutionForm(ctx: PageCtx, action: string, v: InstitutionFormValues, problems: FieldProblem[], opts: { slugEditable: boolean }): Html {
  const countries = [...COUNTRY_CODES]
    .map((c) => [c, countryName(c, ctx.lang)] as [string, string])
    .sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
  return html`${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, action)}" class="record">
  ${csrfField(ctx)}
  ${langMapInputs(ctx, 'name', { legend: 'form.name', label: 'form.nameIn' }, v.name, problems, true)}
  ${langMapInputs(ctx, 'shortName', { legend: 'form.shortName', label: 'form.shortNameIn' }, v.shortName, problems)}
  ${opts.slugEditable ? input(ctx, 'slug', 'form.slug', v.slug, problems, { maxlength: 80 }) : ''}
  ${select(ctx, 'kind', 'form.kind', v.kind, INSTITUTION_KINDS.map((k) => [k, tr(ctx, `kind.${k}`)]), problems)}
  ${select(ctx, 'country', 'form.country', v.country, [['', tr(ctx, 'form.none')], ...countries], problems)}
  ${langMapInputs(ctx, 'city', { legend: 'form.city', label: 'form.cityIn' }, v.city, problems)}
  ${input(ctx, 'latitude', 'form.latitude', v.latitude, problems, { type: 'number', step: 'any' })}
  ${input(ctx, 'longitude', 'form.longitude', v.longitude, problems, { type: 'number', step: 'any' })}
  ${input(ctx, 'website', 'form.website', v.website, problems, { type: 'url' })}
  ${input(ctx, 'wikidata', 'form.wikidata', v.wikidata, problems, { maxlength: 20 })}
  <p class="actions"><button type="submit">${tr(ctx, 'admin.save')}</button></p>
</form>`;
}
