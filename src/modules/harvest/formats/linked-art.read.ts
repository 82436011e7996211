// Readers for Linked Art JSON-LD nodes as producers really write them: a string where a
// node is expected is a reference to it by its IRI (Rijksmuseum: "classified_as":
// ["http://vocab.getty.edu/aat/300435416"]); a label is a string, a language map, a JSON-LD
// list of strings and {"@language","@value"} objects (0.x), or only a `notation` list
// (Rijksmuseum); ids are URIs, CURIEs (aat:…) or Getty /page/ URIs.
import type { LangMap, Term } from '../record.types.ts';
import { isHttpUrl, normaliseLangTag } from './mapped.ts';

/** Linked Art language concepts (AAT) → BCP 47; the languages the alliance meets most. */
const LANG_BY_AAT: Record<string, string> = {
  '300388277': 'en', '300388306': 'fr', '300388344': 'de', '300388256': 'nl', '300388301': 'nl', '300388474': 'it',
  '300389311': 'es', '300388113': 'zh', '300387843': 'ar', '300389168': 'ru', '300389087': 'fa', '300389470': 'tr',
  '300388486': 'ja', '300388633': 'ko', '300389115': 'pt', '300388693': 'la', '300388361': 'el', '300387870': 'hy',
  '300388343': 'ka', '300388401': 'he', '300389502': 'ur', '300389510': 'uz', '300389473': 'tk', '300388568': 'kk',
  '300388668': 'ky', '300389350': 'tg', '300388900': 'mn', '300389410': 'bo', '300389205': 'sa', '300388412': 'hi',
  '300389109': 'pl', '300389336': 'sv', '300388204': 'da', '300389555': 'cy', '300388191': 'cs', '300388770': 'hu',
};
const LANG_BY_NAME: Record<string, string> = {
  english: 'en', french: 'fr', german: 'de', dutch: 'nl', italian: 'it', spanish: 'es', chinese: 'zh', arabic: 'ar',
  russian: 'ru', persian: 'fa', farsi: 'fa', turkish: 'tr', japanese: 'ja', korean: 'ko', portuguese: 'pt', latin: 'la',
  greek: 'el', armenian: 'hy', georgian: 'ka', hebrew: 'he', urdu: 'ur', uzbek: 'uz', turkmen: 'tk', kazakh: 'kk',
  kyrgyz: 'ky', tajik: 'tg', mongolian: 'mn', tibetan: 'bo', sanskrit: 'sa', hindi: 'hi', polish: 'pl', swedish: 'sv',
  danish: 'da', welsh: 'cy', czech: 'cs', hungarian: 'hu',
};
const CURIES: Record<string, string> = {
  aat: 'http://vocab.getty.edu/aat/', tgn: 'http://vocab.getty.edu/tgn/', ulan: 'http://vocab.getty.edu/ulan/',
  nm: 'http://nomisma.org/id/', wd: 'http://www.wikidata.org/entity/', viaf: 'http://viaf.org/viaf/',
};
// Getty's vocabularies number their concepts: "aat:artist" is a producer's own word, not an AAT id
const NUMBERED = new Set(['aat', 'tgn', 'ulan']);
const DIGITS = /^\d+$/;

export type Node = Record<string, unknown>;
export const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
export const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : typeof x === 'number' ? String(x) : undefined);

/** A property's values as nodes: a single value is a list of one, and a string is a reference to a node by its IRI (JSON-LD "@type": "@id"). */
export function arr(x: unknown): Node[] {
  const out: Node[] = [];
  for (const v of x == null ? [] : Array.isArray(x) ? x : [x]) {
    if (isNode(v)) out.push(v);
    else if (typeof v === 'string' && v.trim()) out.push({ id: v.trim() });
  }
  return out;
}

export function types(n: Node): string[] {
  return (Array.isArray(n.type) ? n.type : [n.type ?? n['@type']]).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(crm|la):/, ''));
}

/** Ids as canonical URIs: CURIEs expanded, Getty /page/ and https forms made the concept URI. */
export function canonicalId(id: unknown): string | undefined {
  const s = str(id);
  if (!s) return undefined;
  const curie = /^([a-z]+):(\S+)$/.exec(s);
  const base = curie && !s.includes('//') ? CURIES[curie[1]!] : undefined;
  if (base) return NUMBERED.has(curie![1]!) && !DIGITS.test(curie![2]!) ? s : base + curie![2];
  const getty = /^https?:\/\/vocab\.getty\.edu\/(?:page\/)?(aat|tgn|ulan)\/(\d+)(?:\.\w+)?$/.exec(s);
  if (getty) return `http://vocab.getty.edu/${getty[1]}/${getty[2]}`;
  return s;
}
export const aatNo = (id: unknown) => /^http:\/\/vocab\.getty\.edu\/aat\/(\d+)$/.exec(canonicalId(id) ?? '')?.[1];

/** The ids a node is known by, as written: its own, its equivalents, its exact matches. */
const ownIds = (n: Node): unknown[] => [n.id ?? n['@id'], ...arr(n.equivalent).map((e) => e.id ?? e['@id']), ...arr(n.exact_match).map((e) => e.id ?? e['@id'])];

/** The AAT numbers a node is known by (a museum's own concept is often equivalent to an AAT one). */
export function aatNos(n: Node): string[] {
  const out: string[] = [];
  for (const id of ownIds(n)) {
    const a = aatNo(id);
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/** The AAT numbers of a node's classifications (or, with meta, of its classifications' own classifications). */
export function classes(n: Node, meta = false): Set<string> {
  const out = new Set<string>();
  for (const c of arr(n.classified_as)) for (const t of meta ? arr(c.classified_as) : [c]) for (const a of aatNos(t)) out.add(a);
  return out;
}
export const hasClass = (n: Node, ids: string | string[], meta = false) => {
  const cs = classes(n, meta);
  return (Array.isArray(ids) ? ids : [ids]).some((i) => cs.has(i));
};

/**
 * One label value's texts by language: a string (in `lang`), a language map, or a JSON-LD
 * list. In a list the tagged values are the label and untagged ones only stand in when
 * nothing is tagged (["dessins"@fr, "Dessin"] is French, not English). `strings: false`
 * skips plain strings: in a notation they are codes, not words.
 */
function textsOf(l: unknown, lang: string, strings = true): LangMap {
  const m: LangMap = {};
  if (typeof l === 'string') {
    if (strings && str(l)) m[lang] = str(l)!;
    return m;
  }
  if (isNode(l)) {
    if ('@value' in l) return textsOf([l], lang, strings);
    for (const [k, v] of Object.entries(l)) if (str(v)) m[normaliseLangTag(k) ?? lang] ??= str(v)!;
    return m;
  }
  if (!Array.isArray(l)) return m;
  let untagged: string | undefined;
  for (const x of l) {
    const v = typeof x === 'string' ? (strings ? str(x) : undefined) : isNode(x) ? str(x['@value']) : undefined;
    if (!v) continue;
    const tag = isNode(x) && typeof x['@language'] === 'string' ? normaliseLangTag(x['@language']) : undefined;
    if (tag) m[tag] ??= v;
    else untagged ??= v;
  }
  if (untagged !== undefined && !Object.keys(m).length) m[lang] = untagged;
  return m;
}

/** A node's label by language: _label (or label), else its notation. */
export function labelMap(n: Node, lang: string): LangMap {
  const m = textsOf(n._label ?? n.label, lang);
  return Object.keys(m).length ? m : textsOf(n.notation, lang, false);
}
/** A node's label as one text, in `lang` when it has one. */
export function labelText(n: Node, lang?: string): string | undefined {
  const m = labelMap(n, lang ?? 'und');
  return (lang ? m[lang] : undefined) ?? Object.values(m)[0];
}
export const classLabels = (n: Node) => arr(n.classified_as).map((c) => labelText(c) ?? '').join(' | ');
export const contentOf = (n: Node) => str(n.content) ?? str(n.value);

/** A label without the qualifier it ends with: "English (language)" → "English", "draftsman (artist)" → "draftsman". */
export function withoutQualifier(s: string): string {
  const open = s.indexOf('(');
  return open > 0 && s.endsWith(')') ? s.slice(0, open).trim() : s;
}

export function langOf(n: Node): string | undefined {
  for (const l of arr(n.language)) {
    const a = aatNo(l.id ?? l['@id']);
    if (a && LANG_BY_AAT[a]) return LANG_BY_AAT[a];
    const id = str(l.id) ?? '';
    const iso = /\/(?:iso639-[12]|languages)\/([a-z]{2,3})$/.exec(id);
    if (iso) return normaliseLangTag(iso[1]!);
    const name = withoutQualifier(labelText(l) ?? '').toLowerCase();
    if (name && LANG_BY_NAME[name]) return LANG_BY_NAME[name];
    const notation = str(l.notation);
    if (notation && normaliseLangTag(notation)) return normaliseLangTag(notation);
  }
  if (typeof n.language === 'string') return normaliseLangTag(n.language);
  return undefined;
}

/**
 * A node's name: its _label, with the identified_by Names that say their language
 * (a LUX period in English, French, Chinese, Arabic); else the first Name; else its
 * notation (Rijksmuseum labels its people, places and concepts only so).
 */
export function nameOf(n: Node, lang: string): LangMap | undefined {
  const m = textsOf(n._label ?? n.label, lang);
  const named = arr(n.identified_by).filter((nm) => types(nm).includes('Name') && contentOf(nm));
  for (const nm of named) {
    const nl = langOf(nm);
    if (nl && m[nl] === undefined && !Object.values(m).includes(contentOf(nm)!)) m[nl] = contentOf(nm)!;
  }
  if (!Object.keys(m).length && named[0]) m[lang] = contentOf(named[0])!;
  if (!Object.keys(m).length) Object.assign(m, textsOf(n.notation, lang, false));
  return Object.keys(m).length ? m : undefined;
}

export function httpIds(n: Node): string[] {
  const out: string[] = [];
  for (const id of ownIds(n)) {
    const c = canonicalId(id);
    if (c && isHttpUrl(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

export function term(n: Node, lang: string): Term | undefined {
  const label = nameOf(n, lang);
  if (!label) return undefined;
  const ids = httpIds(n);
  return ids.length ? { label, ids } : { label };
}

/** An ISO 8601 date/time (or a year) → its year, with no year zero: "-0499-01-01" → -500 (500 BCE). */
export function yearOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  const s = str(v);
  if (!s) return null;
  const m = /^([+-]?)(\d{1,6})(?=$|-|T|\s)/.exec(s);
  if (!m) return null;
  // xsd:dateTime years are ISO 8601's, astronomical: 0000 is 1 BCE and -0322 is 323 BCE,
  // while the catalogue counts as historians do, with no year zero (1 BCE is -1)
  const n = Number(m[2]);
  const y = m[1] === '-' || n === 0 ? -n - 1 : n;
  return Number.isFinite(y) ? y : null;
}
