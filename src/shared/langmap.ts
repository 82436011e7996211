// Language maps: every human text is { [bcp47]: string }. Helpers to read, clean and
// pick from them with a fallback chain that the page can show.

export type LangMap = Record<string, string>;

const TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$|^und$/;

/** Is this a BCP 47 tag of the shape we store (language, optional script and region)? */
export function isLangTag(tag: string): boolean {
  return TAG.test(tag);
}

export function parseLangMap(json: string | null | undefined): LangMap {
  if (!json) return {};
  const v: unknown = JSON.parse(json);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as LangMap) : {};
}

/** Trim values, drop empty ones; keys keep their order. */
export function cleanLangMap(map: Record<string, string | undefined | null>): LangMap {
  const out: LangMap = {};
  for (const [k, v] of Object.entries(map)) {
    const s = typeof v === 'string' ? v.normalize('NFC').trim() : '';
    if (s) out[k] = s;
  }
  return out;
}

export interface Picked {
  text: string;
  /** the language the text is in, for the lang attribute */
  lang: string;
  /** true when the text is not in the language asked for */
  fallback: boolean;
}

/**
 * Pick the text for `lang`, else the first of `chain` present, else any. A request for
 * "zh" accepts "zh-Hans" and vice versa by primary subtag.
 */
export function pick(map: LangMap, lang: string, chain: readonly string[] = []): Picked | undefined {
  const keys = Object.keys(map);
  if (!keys.length) return undefined;
  const primary = (t: string) => t.split('-')[0];
  const exact = keys.find((k) => k === lang) ?? keys.find((k) => primary(k) === primary(lang));
  if (exact) return { text: map[exact]!, lang: exact, fallback: false };
  for (const c of chain) {
    const k = keys.find((x) => x === c) ?? keys.find((x) => primary(x) === primary(c));
    if (k) return { text: map[k]!, lang: k, fallback: true };
  }
  const k = keys[0]!;
  return { text: map[k]!, lang: k, fallback: true };
}

export function pickText(map: LangMap, lang: string, chain: readonly string[] = []): string {
  return pick(map, lang, chain)?.text ?? '';
}
