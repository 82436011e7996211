// Form helpers shared by the admin pages: language-map inputs (the four interface
// languages plus any other as "tag = text" lines), field errors, reading bodies.
import { html, type Html } from './html.ts';
import type { PageCtx } from './context.ts';
import { tr } from './layout.ts';
import { BCP47, NATIVE_NAME, UI_LANGS } from './i18n.ts';
import type { MessageKey } from './i18n.ts';
import type { FieldProblem } from '../shared/errors.ts';
import type { LangMap } from '../shared/langmap.ts';

export type Body = Record<string, unknown>;

export const field = (body: Body, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

export const numberOrNull = (s: string): number | null => {
  const t = s.trim();
  if (!t) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
};

const UI_TAGS = UI_LANGS.map((l) => BCP47[l]);

/** Read a language map posted as name.en, name.zh-Hans ... plus name._other ("hy = text" lines). */
export function readLangMap(body: Body, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of UI_TAGS) out[tag] = field(body, `${name}.${tag}`);
  for (const line of field(body, `${name}._other`).split(/\r?\n/)) {
    const m = /^\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*=\s*(.+)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

export function problemFor(problems: FieldProblem[], name: string): FieldProblem | undefined {
  return problems.find((p) => p.field === name || p.field.startsWith(`${name}.`));
}

function errorText(problems: FieldProblem[], name: string): Html | '' {
  const p = problemFor(problems, name);
  return p ? html`<span class="error" id="${name}-error">${p.message}</span>` : '';
}

export function langMapInputs(
  ctx: PageCtx,
  name: string,
  keys: { legend: MessageKey; label: MessageKey },
  map: LangMap,
  problems: FieldProblem[],
  required = false,
): Html {
  const labelKey = keys.label;
  const other = Object.entries(map).filter(([k]) => !UI_TAGS.includes(k));
  const invalid = problemFor(problems, name);
  return html`<fieldset class="langmap"${invalid ? html` aria-describedby="${name}-error"` : ''}>
  <legend>${tr(ctx, keys.legend)}${required ? html` <span class="req">(${tr(ctx, 'form.required')})</span>` : ''}</legend>
  ${errorText(problems, name)}
  ${UI_LANGS.map((l) => {
    const tag = BCP47[l];
    const id = `${name}-${tag}`;
    return html`<p class="field"><label for="${id}">${tr(ctx, labelKey, { lang: NATIVE_NAME[l] })}</label>
      <input id="${id}" name="${name}.${tag}" lang="${tag}" dir="auto" value="${map[tag] ?? ''}" maxlength="500"></p>`;
  })}
  <p class="field"><label for="${name}-other">${tr(ctx, 'form.otherLanguages')}</label>
    <textarea id="${name}-other" name="${name}._other" rows="${Math.max(2, other.length + 1)}" dir="auto" aria-describedby="${name}-other-help">${other.map(([k, v]) => `${k} = ${v}`).join('\n')}</textarea>
    <small id="${name}-other-help">${tr(ctx, 'form.otherLanguagesHelp')}</small></p>
</fieldset>`;
}

export function input(
  ctx: PageCtx,
  name: string,
  labelKey: MessageKey,
  value: string | number | null | undefined,
  problems: FieldProblem[],
  attrs: { type?: string; required?: boolean; help?: MessageKey; maxlength?: number; step?: string } = {},
): Html {
  const err = problemFor(problems, name);
  return html`<p class="field${err ? ' invalid' : ''}"><label for="f-${name}">${tr(ctx, labelKey)}${attrs.required ? html` <span class="req">(${tr(ctx, 'form.required')})</span>` : ''}</label>
  <input id="f-${name}" name="${name}" type="${attrs.type ?? 'text'}" value="${value ?? ''}"${attrs.required ? html` required` : ''}${attrs.step ? html` step="${attrs.step}"` : ''} maxlength="${attrs.maxlength ?? 500}"${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : attrs.help ? html` aria-describedby="${name}-help"` : ''}>
  ${attrs.help ? html`<small id="${name}-help">${tr(ctx, attrs.help)}</small>` : ''}${errorText(problems, name)}</p>`;
}

export function select(
  ctx: PageCtx,
  name: string,
  labelKey: MessageKey,
  value: string | null | undefined,
  options: Array<[string, string]>,
  problems: FieldProblem[],
): Html {
  const err = problemFor(problems, name);
  return html`<p class="field${err ? ' invalid' : ''}"><label for="f-${name}">${tr(ctx, labelKey)}</label>
  <select id="f-${name}" name="${name}"${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>${options.map(([v, label]) => html`<option value="${v}"${v === (value ?? '') ? html` selected` : ''}>${label}</option>`)}</select>${errorText(problems, name)}</p>`;
}

export function problemSummary(ctx: PageCtx, problems: FieldProblem[]): Html | '' {
  if (!problems.length) return '';
  return html`<div class="problems" role="alert" tabindex="-1"><p>${tr(ctx, 'error.validation')}</p><ul>${problems.map((p) => html`<li><a href="#f-${p.field}">${p.field}</a>: ${p.message}</li>`)}</ul></div>`;
}
