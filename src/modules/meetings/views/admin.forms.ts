// Form fields for the meetings administration. The shared helpers (http/forms.ts) take
// labels from the shared messages; these take the module's own words, same markup.
import { html, type Html } from '../../../http/html.ts';
import type { PageCtx } from '../../../http/context.ts';
import { problemFor } from '../../../http/forms.ts';
import { tr } from '../../../http/layout.ts';
import { BCP47, NATIVE_NAME, UI_LANGS } from '../../../http/i18n.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import type { LangMap } from '../../../shared/langmap.ts';

const UI_TAGS = UI_LANGS.map((l) => BCP47[l]);

const errorText = (problems: FieldProblem[], name: string) => {
  const p = problemFor(problems, name);
  return p ? html`<span class="error" id="${name}-error">${p.message}</span>` : '';
};

export function textField(
  name: string,
  label: string,
  value: string | number | null | undefined,
  problems: FieldProblem[],
  attrs: { type?: string; required?: boolean; maxlength?: number; help?: string; ctx?: PageCtx; id?: string } = {},
): Html {
  const err = problemFor(problems, name);
  const id = attrs.id ?? `f-${name}`;
  return html`<p class="field${err ? ' invalid' : ''}"><label for="${id}">${label}${attrs.required && attrs.ctx ? html` <span class="req">(${tr(attrs.ctx, 'form.required')})</span>` : ''}</label>
  <input id="${id}" name="${name}" type="${attrs.type ?? 'text'}" value="${value ?? ''}"${attrs.required ? html` required` : ''} maxlength="${attrs.maxlength ?? 500}"${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : attrs.help ? html` aria-describedby="${name}-help"` : ''}>
  ${attrs.help ? html`<small id="${name}-help">${attrs.help}</small>` : ''}${errorText(problems, name)}</p>`;
}

export function selectField(name: string, label: string, value: string | null | undefined, options: Array<[string, string]>, problems: FieldProblem[], attrs: { id?: string } = {}): Html {
  const err = problemFor(problems, name);
  const id = attrs.id ?? `f-${name}`;
  return html`<p class="field${err ? ' invalid' : ''}"><label for="${id}">${label}</label>
  <select id="${id}" name="${name}"${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>${options.map(([v, l]) => html`<option value="${v}"${v === (value ?? '') ? html` selected` : ''}>${l}</option>`)}</select>${errorText(problems, name)}</p>`;
}

export function textArea(name: string, label: string, value: string | null | undefined, problems: FieldProblem[]): Html {
  const err = problemFor(problems, name);
  return html`<p class="field${err ? ' invalid' : ''}"><label for="f-${name}">${label}</label>
  <textarea id="f-${name}" name="${name}" rows="3" maxlength="1000">${value ?? ''}</textarea>${errorText(problems, name)}</p>`;
}

/** A language map: the four interface languages, and others as "tag = text" lines. */
export function langMapFields(ctx: PageCtx, name: string, legend: string, labelIn: (lang: string) => string, map: LangMap, problems: FieldProblem[], required = false, idPrefix = ''): Html {
  const other = Object.entries(map).filter(([k]) => !UI_TAGS.includes(k));
  const invalid = problemFor(problems, name);
  return html`<fieldset class="langmap"${invalid ? html` aria-describedby="${name}-error"` : ''}>
  <legend>${legend}${required ? html` <span class="req">(${tr(ctx, 'form.required')})</span>` : ''}</legend>
  ${errorText(problems, name)}
  ${UI_LANGS.map((l) => {
    const tag = BCP47[l];
    const id = `${idPrefix}${name}-${tag}`;
    return html`<p class="field"><label for="${id}">${labelIn(NATIVE_NAME[l])}</label>
      <input id="${id}" name="${name}.${tag}" lang="${tag}" dir="auto" value="${map[tag] ?? ''}" maxlength="2000"></p>`;
  })}
  <p class="field"><label for="${idPrefix}${name}-other">${tr(ctx, 'form.otherLanguages')}</label>
    <textarea id="${idPrefix}${name}-other" name="${name}._other" rows="${Math.max(1, other.length + 1)}" dir="auto">${other.map(([k, v]) => `${k} = ${v}`).join('\n')}</textarea></p>
</fieldset>`;
}
