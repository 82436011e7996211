// Text as museums publish it, cleaned without destroying it.
//
// cleanText removes real HTML (a known list of tag names, with or without attributes,
// any case), decodes character references, normalises whitespace and Unicode (NFC) and
// drops control characters. It keeps every angle bracket that is not HTML: the Walters
// descriptions write editorial brackets inside transliterations ("mi<'>atan wa-khams
// <a>y<a>t", "wa-<ā>lih", Greek "ἣ<ν>"), so a bare one- or two-letter "tag" such as
// <a>, <i>, <p>, <th> counts as HTML only when its closing tag follows (or, for the
// elements whose end tag HTML lets one omit: p, li, dd, dt, tr, td, th, when the text is
// plainly HTML elsewhere). Tags with attributes, closing tags, self-closing tags,
// <br>/<hr> and longer names (<span>, <div>, <strong>, <cite> …) are always HTML.
// Tags are removed before references are decoded, so "&lt;i&gt;" survives as "<i>".
//
// languageTag turns the language codes found in records (ISO 639-2 "eng", "chi", "per";
// any case; "zh_CN"; names such as "English" or "中文"; junk such as "@none" or "true")
// into the BCP 47 tags the catalogue keys its language maps with.

import { memoText } from '../../../shared/text.ts';
import type { LangMap } from '../record.types.ts';
import { NAMED_ENTITIES, WINDOWS_1252 } from './html-entities.ts';

// ---------------------------------------------------------------------------------
// cleanText

const BLOCK = new Set([
  'p', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'section', 'article',
  'header', 'footer', 'aside', 'nav', 'figure', 'figcaption', 'address', 'pre', 'hr', 'main', 'center', 'form',
  'fieldset', 'thead', 'tbody', 'tfoot',
]);
const LINE = new Set(['br', 'li', 'dd', 'dt', 'tr', 'caption']);
const CELL = new Set(['td', 'th']);
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins',
  'kbd', 'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr', 'o:p', 'html', 'head', 'body', 'meta', 'link', 'label', 'col', 'colgroup',
]);
/** end tag optional in HTML: a bare start tag counts when the text is HTML elsewhere */
const OPTIONAL_END = new Set(['p', 'li', 'dd', 'dt', 'tr', 'td', 'th']);
const ALWAYS = new Set(['br', 'hr', 'wbr']);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*(?::[a-zA-Z][a-zA-Z0-9]*)?)((?:\s+[a-zA-Z_:@][-a-zA-Z0-9_:.@]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<![a-zA-Z][^<>]*>|<\?[a-zA-Z][^<>]*\?>/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const SCRIPT = /<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi;
const ENTITY = /&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([a-zA-Z][a-zA-Z0-9]{1,31});)/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff\ufffe\uffff]/g;
const C1 = /[\u0080-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NEWLINES = /\r\n?|\u2028|\u0085/g;
const SPACES = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
/** in a transcription only typed spaces run together: an ideographic or no-break space is a character of the text */
const TYPED_SPACES = /[ \t\f\v]+/g;
const LINE_EDGES = / ?\n ?/g;
const MANY_BREAKS = /\n{3,}/g;
/** anything cleanText would change, apart from Unicode normalisation */
const NEEDS_WORK = /[<&\r\t\f\v\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff\ud800-\udfff]| [ \n]|\n |\n\n\n|^\s|\s$/;

function decodeEntity(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string {
  if (name !== undefined) return NAMED_ENTITIES.get(name) ?? whole;
  let cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
  if (cp >= 0x80 && cp <= 0x9f) cp = WINDOWS_1252[cp] ?? 0xfffd;
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  if (cp === 9 || cp === 10 || cp === 13) return cp === 9 ? ' ' : '\n';
  if (cp < 0x20 || cp === 0x7f) return '';
  return String.fromCodePoint(cp);
}

function knownTag(name: string): boolean {
  return BLOCK.has(name) || LINE.has(name) || CELL.has(name) || INLINE.has(name);
}

function replacement(name: string, closing: boolean): string {
  if (BLOCK.has(name)) return '\n\n';
  if (closing) return '';
  if (LINE.has(name)) return '\n';
  if (CELL.has(name)) return ' ';
  return '';
}

interface TagMatch {
  index: number;
  length: number;
  closing: boolean;
  name: string;
  definite: boolean;
}

function stripTags(s: string): string {
  if (s.includes('<!') || s.includes('<?')) s = s.replace(CDATA, '$1').replace(COMMENT, '');
  if (/<(?:script|style)\b/i.test(s)) s = s.replace(SCRIPT, '');
  const tags: TagMatch[] = [];
  let evidence = false;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(s); m; m = TAG.exec(s)) {
    const name = m[2]!.toLowerCase();
    if (!knownTag(name)) continue;
    const closing = m[1] === '/';
    const definite = closing || m[3] !== '' || m[4] === '/' || ALWAYS.has(name) || name.length >= 3;
    if (definite) evidence = true;
    tags.push({ index: m.index, length: m[0].length, closing, name, definite });
  }
  if (!tags.length) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    let html = t.definite;
    if (!html) {
      // <a>, <i>, <p> …: HTML when closed later, or an optional-end element in HTML text
      for (let j = i + 1; j < tags.length && !html; j++) if (tags[j]!.closing && tags[j]!.name === t.name) html = true;
      if (!html && evidence && OPTIONAL_END.has(t.name)) html = true;
    }
    if (!html) continue;
    out += s.slice(last, t.index) + replacement(t.name, t.closing);
    last = t.index + t.length;
  }
  return out + s.slice(last);
}

export interface CleanTextOptions {
  /** remove HTML tags (default true); false for transcriptions, which are kept as written (their ideographic and no-break spaces too) */
  html?: boolean;
}

/**
 * Clean one text: HTML tags out (block elements and <br> become line breaks), character
 * references decoded, control characters dropped (C1 controls read as Windows-1252, as
 * browsers do), spaces collapsed, paragraph breaks kept as "\n\n", NFC. Never removes a
 * letter that is not part of HTML markup.
 */
export function cleanText(input: string, options: CleanTextOptions = {}): string {
  if (typeof input !== 'string') return '';
  return options.html === false ? cleanPlain(input) : cleanHtml(input);
}

// short texts repeat across records (credit lines, materials, roles, places): memoised
const cleanHtml = memoText((s) => clean(s, true));
const cleanPlain = memoText((s) => clean(s, false));
const NON_ASCII = /[^\x00-\x7f]/;

function clean(input: string, html: boolean): string {
  let s = input;
  if (NEEDS_WORK.test(s)) {
    s = s.replace(NEWLINES, '\n').replace(/\u2029/g, '\n\n').replace(CONTROL, '');
    if (/[\u0080-\u009f]/.test(s)) {
      s = s.replace(C1, (c) => {
        const cp = WINDOWS_1252[c.charCodeAt(0)];
        return cp ? String.fromCodePoint(cp) : '';
      });
    }
    s = s.replace(LONE_SURROGATE, '\ufffd');
    if (html && s.includes('<')) s = stripTags(s);
    if (s.includes('&')) s = s.replace(ENTITY, decodeEntity).replace(CONTROL, '');
    s = s.replace(html ? SPACES : TYPED_SPACES, ' ').replace(LINE_EDGES, '\n').replace(MANY_BREAKS, '\n\n').trim();
  }
  return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

/**
 * Without the ";" an export leaves at either end of a value ("Elsene;", ";1812"), in one pass
 * (a pattern anchored at the end is quadratic on a long run of them). A Greek text keeps its
 * last ";": NFC makes the Greek question mark one ("Πού πας;").
 */
export function trimSeparators(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ';' || s[a] === ' ' || s[a] === '\n')) a++;
  // (the script is looked at only when a ";" ends the text: most texts pass without a scan)
  let greek: boolean | undefined;
  while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\n' || (s[b - 1] === ';' && !(greek ??= GREEK.test(s))))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
const GREEK = /\p{Script=Greek}/u;

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** Arabic-Indic and Persian digits ("۱۲۰۳", "٣٠") as the ASCII digits they are; both blocks start at a multiple of 16 */
export function westernDigits(s: string): string {
  return s.replace(EASTERN_DIGITS, (d) => String(d.charCodeAt(0) & 0xf));
}

/** cleanText on every value of a language map; empty values are dropped, keys kept. */
export function cleanLangMap(map: Readonly<Record<string, string | null | undefined>> | null | undefined, options?: CleanTextOptions): LangMap {
  const out: LangMap = {};
  if (!map) return out;
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (typeof v !== 'string') continue;
    const c = cleanText(v, options);
    if (c) out[key] = c;
  }
  return out;
}

// ---------------------------------------------------------------------------------
// languageTag

// (zxx, "no linguistic content", is valid BCP 47 but says no more than und: "44,5 x 59,5")
const NO_LANGUAGE = new Set(['', '@none', 'none', 'null', 'undefined', 'true', 'false', 'und', 'zxx', 'x-default', 'default', 'unknown', '-', '?']);

// ISO 639-2 (bibliographic and terminological) and 639-3 codes that have a 639-1 code
const ISO639_2: Record<string, string> = {
  eng: 'en', chi: 'zh', zho: 'zh', cmn: 'zh', ara: 'ar', arb: 'ar', per: 'fa', fas: 'fa', pes: 'fa', rus: 'ru', tur: 'tr',
  arm: 'hy', hye: 'hy', geo: 'ka', kat: 'ka', fre: 'fr', fra: 'fr', ger: 'de', deu: 'de', spa: 'es', ita: 'it',
  por: 'pt', jpn: 'ja', kor: 'ko', uzb: 'uz', uzn: 'uz', kaz: 'kk', kir: 'ky', tgk: 'tg', tuk: 'tk', aze: 'az',
  azj: 'az', urd: 'ur', hin: 'hi', san: 'sa', heb: 'he', gre: 'el', ell: 'el', srp: 'sr', hrv: 'hr', bos: 'bs',
  bul: 'bg', ukr: 'uk', bel: 'be', mon: 'mn', khk: 'mn', tib: 'bo', bod: 'bo', uig: 'ug', pus: 'ps', kur: 'ku',
  lat: 'la', dut: 'nl', nld: 'nl', pol: 'pl', cze: 'cs', ces: 'cs', rum: 'ro', ron: 'ro', hun: 'hu', swe: 'sv',
  nor: 'no', nob: 'nb', nno: 'nn', dan: 'da', fin: 'fi', est: 'et', lav: 'lv', lit: 'lt', alb: 'sq', sqi: 'sq',
  mac: 'mk', mkd: 'mk', slo: 'sk', slk: 'sk', slv: 'sl', vie: 'vi', tha: 'th', ind: 'id', may: 'ms', msa: 'ms',
  zsm: 'ms', cat: 'ca', gle: 'ga', wel: 'cy', cym: 'cy', baq: 'eu', eus: 'eu', ice: 'is', isl: 'is', ben: 'bn',
  pan: 'pa', guj: 'gu', tam: 'ta', tel: 'te', mar: 'mr', sin: 'si', nep: 'ne', amh: 'am', swa: 'sw', som: 'so',
  hau: 'ha', epo: 'eo', tgl: 'tl', fil: 'fil', khm: 'km', lao: 'lo', mya: 'my', bur: 'my', kas: 'ks', snd: 'sd',
  pli: 'pi', div: 'dv', yid: 'yi', glg: 'gl', afr: 'af', mlt: 'mt', ltz: 'lb', bak: 'ba', tat: 'tt', chv: 'cv',
  oss: 'os', abk: 'ab', che: 'ce', ava: 'av', kan: 'kn', mal: 'ml', ori: 'or', asm: 'as',
};
// withdrawn ISO 639-1 codes still met in old exports
const DEPRECATED: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro' };
const NAMES: Record<string, string> = {
  english: 'en', anglais: 'en', englisch: 'en', 'английский': 'en', '英文': 'en', '英语': 'en', '英語': 'en',
  chinese: 'zh', 'chinois': 'zh', 'chinesisch': 'zh', 'китайский': 'zh', '中文': 'zh', '汉语': 'zh', '漢語': 'zh', '华语': 'zh',
  'simplified chinese': 'zh-Hans', 'chinese (simplified)': 'zh-Hans', '简体中文': 'zh-Hans', '簡體中文': 'zh-Hans', '简体': 'zh-Hans',
  'traditional chinese': 'zh-Hant', 'chinese (traditional)': 'zh-Hant', '繁體中文': 'zh-Hant', '繁体中文': 'zh-Hant', '繁體': 'zh-Hant',
  russian: 'ru', 'русский': 'ru', '俄文': 'ru', '俄语': 'ru', arabic: 'ar', 'العربية': 'ar', 'عربي': 'ar', 'عربی': 'ar',
  persian: 'fa', farsi: 'fa', 'فارسی': 'fa', 'پارسی': 'fa', turkish: 'tr', 'türkçe': 'tr', 'турецкий': 'tr',
  armenian: 'hy', 'հայերեն': 'hy', 'армянский': 'hy', georgian: 'ka', 'ქართული': 'ka', 'грузинский': 'ka',
  french: 'fr', 'français': 'fr', german: 'de', deutsch: 'de', spanish: 'es', 'español': 'es', italian: 'it',
  serbian: 'sr', 'српски': 'sr', srpski: 'sr', uzbek: 'uz', "o'zbek": 'uz', kazakh: 'kk', 'қазақ': 'kk',
  japanese: 'ja', '日本語': 'ja', korean: 'ko', '한국어': 'ko', greek: 'el', latin: 'la', hebrew: 'he', urdu: 'ur',
  hindi: 'hi', mongolian: 'mn', tibetan: 'bo', uyghur: 'ug', uighur: 'ug', pashto: 'ps', tajik: 'tg',
  turkmen: 'tk', kyrgyz: 'ky', azerbaijani: 'az', portuguese: 'pt', dutch: 'nl',
};
const HANS_REGIONS = new Set(['CN', 'SG', 'MY']);
const HANT_REGIONS = new Set(['TW', 'HK', 'MO']);
const LANG_SHAPE = /^[a-z]{2,3}$/;
const SCRIPT_SHAPE = /^[a-z]{4}$/;
const REGION_SHAPE = /^(?:[a-z]{2}|\d{3})$/;
const TAG_CACHE = new Map<string, string | undefined>();

/**
 * The BCP 47 tag (language, optional Script, optional REGION) for a language code as
 * found in a record, or undefined when it names no language. Chinese is keyed by script:
 * zh-CN/zh-SG → zh-Hans, zh-TW/zh-HK/zh-MO → zh-Hant.
 */
export function languageTag(input: string | null | undefined): string | undefined {
  if (typeof input !== 'string') return undefined;
  const cached = TAG_CACHE.get(input);
  if (cached !== undefined || TAG_CACHE.has(input)) return cached;
  const tag = computeTag(input);
  if (TAG_CACHE.size > 5000) TAG_CACHE.clear();
  TAG_CACHE.set(input, tag);
  return tag;
}

function computeTag(input: string): string | undefined {
  const raw = input.normalize('NFC').trim().toLowerCase().replace(/_/g, '-');
  if (NO_LANGUAGE.has(raw)) return undefined;
  const named = NAMES[raw];
  if (named) return named;
  const parts = raw.split('-');
  let lang = parts[0]!;
  lang = ISO639_2[lang] ?? DEPRECATED[lang] ?? lang;
  if (!LANG_SHAPE.test(lang) || lang === 'und') return undefined;
  let script: string | undefined;
  let region: string | undefined;
  for (const p of parts.slice(1)) {
    if (p.length === 1) break; // extensions and private use
    if (!script && !region && SCRIPT_SHAPE.test(p)) script = p[0]!.toUpperCase() + p.slice(1);
    else if (!region && REGION_SHAPE.test(p)) region = p.toUpperCase();
    else break; // variants
  }
  if (lang === 'zh') {
    if (!script && region && HANS_REGIONS.has(region)) script = 'Hans';
    if (!script && region && HANT_REGIONS.has(region)) script = 'Hant';
    return script ? `zh-${script}` : 'zh';
  }
  return [lang, script, region].filter(Boolean).join('-');
}
