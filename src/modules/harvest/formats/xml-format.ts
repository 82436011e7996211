// What every XML wire format (LIDO, oai_dc, EDM) provides to the file reader and the
// OAI harvester, and the small helpers they share: languages, identifiers as URIs,
// language maps, years. A format reads one record element into an ObjectDraft or a
// precise RecordProblem; it never throws for a bad record.
import type { DateSpan, LangMap, ObjectDraft, ParseContext, RecordProblem, Term } from '../record.types.ts';
import { edm } from './edm.ts';
import { lido } from './lido.ts';
import { oaiDc } from './oai-dc.ts';
import { collapseWhitespace, XML_NS, type XmlElement } from './xml.ts';
import { memoText } from '../../../shared/text.ts';

export type XmlFormatName = 'lido' | 'oai_dc' | 'edm';

export interface DraftResult {
  /** the record's identifier when one could be read (also for problems) */
  identifier?: string;
  draft?: ObjectDraft;
  problem?: RecordProblem;
  /** what was tolerated or guessed ("identifier taken from lido:recordID"): for the run report */
  warnings?: string[];
}

/** What the caller already knows of a record (the OAI header). */
export interface KnownRecord {
  identifier?: string;
}

export interface XmlFormat {
  name: XmlFormatName;
  /** how messages name the format ("LIDO") */
  label: string;
  /** the elements that are records in a file or in an OAI <metadata>; null: this root is not this format (wrong_format) */
  recordsOf(root: XmlElement): XmlElement[] | null;
  /** streaming: is this element (just opened: attributes and ancestors known, no children yet) a record? */
  isRecord(el: XmlElement): boolean;
  /**
   * streaming, inside a record: an element whose subtree toDraft never reads, left out of
   * the tree to save building it (the record's bytes keep it). Must not change any draft.
   */
  prune?(ns: string, local: string, attrs: Readonly<Record<string, string>>, parent: XmlElement): boolean;
  toDraft(el: XmlElement, ctx: ParseContext, known?: KnownRecord): DraftResult;
}

// Getters, not values: the formats import this module's helpers, and an ES module cycle
// must not read their bindings before they are initialised (whichever module loads first).
export const xmlFormats: Record<XmlFormatName, XmlFormat> = {
  get lido() {
    return lido;
  },
  get oai_dc() {
    return oaiDc;
  },
  get edm() {
    return edm;
  },
};

// ---- languages --------------------------------------------------------------

// ISO 639-2 (B and T) codes that have a two-letter ISO 639-1 form: BCP 47 requires the
// shorter one. Providers write "eng", "fre", "ger" (the Erasmus and dLib records do).
const ISO639_2_TO_1: Record<string, string> = {
  ara: 'ar', aze: 'az', bel: 'be', ben: 'bn', bod: 'bo', tib: 'bo', bos: 'bs', bul: 'bg', cat: 'ca', ces: 'cs', cze: 'cs',
  cym: 'cy', wel: 'cy', dan: 'da', deu: 'de', ger: 'de', ell: 'el', gre: 'el', eng: 'en', epo: 'eo', est: 'et', eus: 'eu',
  baq: 'eu', fas: 'fa', per: 'fa', fin: 'fi', fra: 'fr', fre: 'fr', gle: 'ga', glg: 'gl', guj: 'gu', heb: 'he', hin: 'hi',
  hrv: 'hr', hun: 'hu', hye: 'hy', arm: 'hy', ind: 'id', isl: 'is', ice: 'is', ita: 'it', jpn: 'ja', kat: 'ka', geo: 'ka',
  kaz: 'kk', khm: 'km', kir: 'ky', kor: 'ko', kur: 'ku', lao: 'lo', lat: 'la', lav: 'lv', lit: 'lt', mkd: 'mk', mac: 'mk',
  mal: 'ml', mar: 'mr', mon: 'mn', msa: 'ms', may: 'ms', mya: 'my', bur: 'my', nep: 'ne', nld: 'nl', dut: 'nl', nor: 'no',
  pan: 'pa', pol: 'pl', por: 'pt', pus: 'ps', ron: 'ro', rum: 'ro', rus: 'ru', san: 'sa', sin: 'si', slk: 'sk', slo: 'sk',
  slv: 'sl', som: 'so', spa: 'es', sqi: 'sq', alb: 'sq', srp: 'sr', swa: 'sw', swe: 'sv', tam: 'ta', tel: 'te', tgk: 'tg',
  tha: 'th', tuk: 'tk', tur: 'tr', uig: 'ug', ukr: 'uk', urd: 'ur', uzb: 'uz', vie: 'vi', yid: 'yi', zho: 'zh', chi: 'zh',
};

// Language names some exports write where a code belongs ("deutsch" in the AQinDa record).
const LANGUAGE_NAMES: Record<string, string> = {
  deutsch: 'de', german: 'de', english: 'en', englisch: 'en', french: 'fr', français: 'fr', francais: 'fr', dutch: 'nl',
  nederlands: 'nl', italian: 'it', italiano: 'it', spanish: 'es', español: 'es', espanol: 'es', russian: 'ru',
  chinese: 'zh', arabic: 'ar', persian: 'fa', farsi: 'fa', turkish: 'tr', japanese: 'ja', latin: 'la', greek: 'el',
  romanian: 'ro', română: 'ro', slovenian: 'sl', polish: 'pl', portuguese: 'pt',
};

const UNDERSCORES = /_/g;
const LANG_SHAPE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;

/**
 * A language tag as BCP 47 wants it ("zh-hans" → "zh-Hans", "eng" → "en", "deutsch" →
 * "de"), or undefined when it is not one (or says "und": the caller then falls back).
 */
export function cleanLang(tag: string | undefined): string | undefined {
  return tag ? cachedLang(tag) : undefined;
}

const cachedLang = memoText(computeLang, 10_000, 100);

function computeLang(tag: string): string | undefined {
  const t = tag.trim().toLowerCase().replace(UNDERSCORES, '-');
  if (!t || t === 'und' || t === 'n/a' || t === 'other') return undefined;
  const named = LANGUAGE_NAMES[t];
  if (named) return named;
  if (!LANG_SHAPE.test(t)) return undefined;
  const dash = t.indexOf('-');
  const primary = dash < 0 ? t : t.slice(0, dash);
  const rest = dash < 0 ? '' : t.slice(dash);
  const short = primary.length === 3 ? ISO639_2_TO_1[primary] : undefined;
  try {
    return Intl.getCanonicalLocales((short ?? primary) + rest)[0];
  } catch {
    return undefined;
  }
}

/** The language in force at an element: the nearest xml:lang, else (when given) the nearest attribute of that name, cleaned. */
export function langAt(el: XmlElement | undefined, otherLangAttr?: string): string | undefined {
  for (let e = el; e; e = e.parent) {
    const own = e.nsAttrs[XML_LANG_KEY] ?? (otherLangAttr ? e.nsAttrs[otherLangAttr] : undefined);
    if (own !== undefined) {
      const l = cleanLang(own);
      if (l) return l;
    }
  }
  return undefined;
}

/** The element's own xml:lang (not inherited), cleaned. */
export function ownLang(el: XmlElement, otherLangAttr?: string): string | undefined {
  return cleanLang(el.nsAttrs[XML_LANG_KEY] ?? (otherLangAttr ? el.nsAttrs[otherLangAttr] : undefined));
}

export const XML_LANG_KEY = `{${XML_NS}}lang`;

// ---- text and language maps -------------------------------------------------

export const clean = collapseWhitespace;

const LINE_BREAKS = /\r\n?/g;
const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/;

/**
 * Text for a description: paragraphs (blank lines) kept, the hard wraps and indentation
 * of pretty-printed XML undone, nothing else touched (angle brackets, scripts stay).
 */
export function cleanBlock(s: string): string {
  if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return clean(s);
  const paras = s.replace(LINE_BREAKS, '\n').split(PARAGRAPH_BREAK);
  const out: string[] = [];
  for (const p of paras) {
    const c = clean(p);
    if (c) out.push(c);
  }
  return out.join('\n\n');
}

/** Lines trimmed, empty lines dropped, line breaks kept (inscriptions: the break is part of the text). */
export function cleanLines(s: string): string {
  const lines = s.replace(LINE_BREAKS, '\n').split('\n');
  const out: string[] = [];
  for (const l of lines) {
    const c = clean(l);
    if (c) out.push(c);
  }
  return out.join('\n');
}

/** Set map[lang] unless taken; returns false when the language already had a value. */
export function putLang(map: LangMap, lang: string, text: string): boolean {
  if (!text) return true;
  if (map[lang] !== undefined) return map[lang] === text;
  map[lang] = text;
  return true;
}

/** Append text to map[lang] with a separator (several descriptions in one language). */
export function appendLang(map: LangMap, lang: string, text: string, sep = '\n\n'): void {
  if (!text) return;
  const had = map[lang];
  if (had === undefined) map[lang] = text;
  else if (had !== text && !had.split(sep).includes(text)) map[lang] = had + sep + text;
}

export function isEmptyMap(m: LangMap | undefined): boolean {
  if (!m) return true;
  for (const _ in m) return false;
  return true;
}

/** The first value of a language map (for messages and keys). */
export function anyValue(m: LangMap): string | undefined {
  for (const k in m) return m[k];
  return undefined;
}

// ---- identifiers as URIs ----------------------------------------------------

const GETTY = /^https?:\/\/vocab\.getty\.edu\/(?:page\/)?(aat|tgn|ulan)\/([^/?#.]*)(?:\/|\.(?:json|jsonld|html|rdf|ttl|nt|xml))?$/i;
const GETTY_DIGITS: Record<string, RegExp> = { aat: /^3\d{8}$/, tgn: /^[17]\d{6}$/, ulan: /^5\d{8}$/ };
const GETTY_PREFIXED = /^(aat|tgn|ulan)\s*[:\s]\s*(\d+)$/i;
const DIGITS = /^\d+$/;
const URI_LIKE = /^(?:https?:\/\/[^\s/$.?#][^\s]*|urn:[a-z0-9][a-z0-9-]{0,31}:\S+|info:\S+|doi:\S+|hdl:\S+)$/i;
const WIKIDATA_Q = /^Q\d+$/;
const SOURCE_AAT = /\b(?:getty\s*)?aat\b|art\s*&\s*architecture\s*thesaurus/i;
const SOURCE_TGN = /\btgn\b|thesaurus of geographic names/i;
const SOURCE_ULAN = /\bulan\b|union list of artist names/i;
const SOURCE_WIKIDATA = /wikidata/i;
// the authority files German, French and American records name people, bodies and places by
const SOURCE_GND = /\bgnd\b|gemeinsame normdatei|d-nb\.info\/gnd/i;
const GND_ID = /^(?:\d{7,10}[\dX]?|\d{1,10}-[\dX])$/;
const SOURCE_VIAF = /\bviaf\b/i;
const SOURCE_GEONAMES = /geonames/i;
const SOURCE_LCNAF = /\blcnaf\b|\blcsh\b|id\.loc\.gov|library of congress/i;
const LC_ID = /^(?:n|nb|nr|no|sh)\s*\d{8,10}$/;
// an http URI with spaces in it (Iconclass notations: "61B(Falconet, Camille)11")
const HTTP_WITH_SPACES = /^https?:\/\/[^\s/$.?#][^\s/]*\/\S.*$/i;

/**
 * An identifier as a URI, or undefined when it is not one we can state. Getty ids are
 * written in the canonical http://vocab.getty.edu/{aat,tgn,ulan}/N form whatever the
 * record wrote (https, /page/, .json, "AAT 300041405", or a bare number with source
 * "AAT"); a Getty URI whose id is not a Getty id (an invented or mangled one) is dropped,
 * because it would link the object to a concept that does not exist. Other URIs are kept
 * as found (trimmed).
 */
export function normaliseId(value: string, source?: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const g = GETTY.exec(v);
  if (g) return getty(g[1]!.toLowerCase(), g[2]!);
  if (v.includes('vocab.getty.edu/')) return undefined; // a Getty vocabulary URI we cannot read
  if (URI_LIKE.test(v)) return v;
  if (HTTP_WITH_SPACES.test(v)) return encodeURI(v);
  const p = GETTY_PREFIXED.exec(v);
  if (p) return getty(p[1]!.toLowerCase(), p[2]!);
  if (source) {
    if (DIGITS.test(v)) {
      if (SOURCE_AAT.test(source)) return getty('aat', v);
      if (SOURCE_TGN.test(source)) return getty('tgn', v);
      if (SOURCE_ULAN.test(source)) return getty('ulan', v);
    }
    if (WIKIDATA_Q.test(v) && SOURCE_WIKIDATA.test(source)) return `http://www.wikidata.org/entity/${v}`;
    if (GND_ID.test(v) && SOURCE_GND.test(source)) return `https://d-nb.info/gnd/${v}`;
    if (DIGITS.test(v) && SOURCE_VIAF.test(source)) return `http://viaf.org/viaf/${v}`;
    if (DIGITS.test(v) && SOURCE_GEONAMES.test(source)) return `https://sws.geonames.org/${v}/`;
    if (LC_ID.test(v) && SOURCE_LCNAF.test(source)) return `http://id.loc.gov/authorities/${v.startsWith('sh') ? 'subjects' : 'names'}/${v.replace(/\s+/g, '')}`;
  }
  return undefined;
}

function getty(vocab: string, id: string): string | undefined {
  return GETTY_DIGITS[vocab]!.test(id) ? `http://vocab.getty.edu/${vocab}/${id}` : undefined;
}

/** a file format (MIME type, written in lower case): the digital copy's, no type of the object ("Image/Photograph" is a type) */
export const MIME = /^(?:application|image|text|audio|video|model|multipart|message|font)\/[a-z0-9.+-]+(?:\s|;|$)/;

// An imprint's place given as a publisher (library DC splits MARC 260 $a and $b into two
// dc:publisher values): one word after a preposition ("A Paris", "W Warszawie"), or a Latin
// locative in -ae or -iis ("Norimbergæ", "Venetiis"; not "Londini", which a name may end like).
// Read only beside another publisher value, the imprint's pair: "In Focus" alone is a publisher.
// A bare city ("Venice") cannot be told from a publisher.
const IMPRINT_PLACE = /^(?:[Aa]|[Àà]|[Ii]n|[Zz]u|[Ww]|[Вв]|[Ee]n)\s+(\p{Lu}[\p{L}'’-]{1,40})$|^(\p{Lu}\p{L}+(?:æ|ae|iis))$/u;
/** the place a publisher value names when it is an imprint's place, not a publisher */
export function imprintPlace(text: string): string | undefined {
  const m = IMPRINT_PLACE.exec(text.trim());
  return m ? (m[1] ?? m[2])!.trim() : undefined;
}

export function isHttp(s: string | undefined): s is string {
  return !!s && (s.startsWith('http://') || s.startsWith('https://'));
}

/** Add to a list of ids without duplicates. */
export function addId(ids: string[], id: string | undefined): void {
  if (id && !ids.includes(id)) ids.push(id);
}

// ---- terms ------------------------------------------------------------------

export function makeTerm(label: LangMap, ids: string[]): Term | undefined {
  const emptyLabel = isEmptyMap(label);
  if (emptyLabel && ids.length === 0) return undefined;
  return ids.length ? { label, ids } : { label };
}

function sharesId(a: Term, b: Term): boolean {
  if (!a.ids || !b.ids) return false;
  for (const id of a.ids) if (b.ids.includes(id)) return true;
  return false;
}

function sameLabel(a: LangMap, b: LangMap): boolean {
  for (const k in a) if (b[k] !== undefined && b[k] === a[k]) return true;
  return false;
}

/** Union b into a (labels: a's wins per language; ids: both). */
export function mergeTermInto(a: Term, b: Term): void {
  for (const k in b.label) if (a.label[k] === undefined) a.label[k] = b.label[k]!;
  if (b.ids) {
    a.ids ??= [];
    for (const id of b.ids) addId(a.ids, id);
  }
}

/** Add a term to a list: merged into an existing one with a common id or the same label in a language. */
/** terms of one kind in one record at most: each new one is compared with those before it */
const MAX_TERMS = 500;

export function pushTerm(list: Term[], t: Term | undefined): void {
  if (!t || list.length >= MAX_TERMS) return;
  for (const x of list) {
    if (sharesId(x, t) || ((!x.ids || !t.ids) && sameLabel(x.label, t.label))) {
      mergeTermInto(x, t);
      return;
    }
  }
  list.push(t);
}

/**
 * Merge the terms of a record's parallel language blocks (LIDO repeats descriptiveMetadata
 * once per language, the same concepts in the same order): the i-th term of each block is
 * the same concept when the blocks have as many terms and their ids do not contradict.
 */
export function mergeParallel(acc: Term[], next: Term[]): void {
  const aligned =
    acc.length === next.length &&
    acc.every((a, i) => {
      const b = next[i]!;
      return !a.ids || !b.ids || sharesId(a, b);
    });
  if (aligned) {
    for (let i = 0; i < acc.length; i++) mergeTermInto(acc[i]!, next[i]!);
    return;
  }
  for (const t of next) pushTerm(acc, t);
}

// ---- dates ------------------------------------------------------------------

const YEAR_OR_ISO = /^\s*([+-]?)(\d{1,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/;

/**
 * A year from a text that states one as a number: "1482", "-83" (83 BCE), "1510-05-17",
 * "2003-04-15T10:18:51Z". Null otherwise, and for 0, which exports write for "no date"
 * (there is no year 0 between 1 BCE and 1 CE). Negative years are read as historical
 * (-83 is 83 BCE), the museum convention, not as ISO 8601 astronomical numbering.
 */
export function parseYear(text: string | undefined): number | null {
  if (!text) return null;
  const m = YEAR_OR_ISO.exec(text);
  if (!m) return null;
  const digits = m[2]!;
  const neg = m[1] === '-';
  if (!neg && digits.length > 4) return null;
  if (m[3] && (+m[3] < 1 || +m[3] > 12)) return null;
  if (m[4] && (+m[4] < 1 || +m[4] > 31)) return null;
  const y = Number(digits);
  if (y === 0) return null;
  return neg ? -y : y;
}

/** A DateSpan, or null when there is neither a display text nor a year. */
export function makeDateSpan(display: LangMap, earliest: number | null, latest: number | null, lang: string): DateSpan | null {
  if (earliest !== null && latest !== null && latest < earliest) [earliest, latest] = [latest, earliest];
  if (isEmptyMap(display)) {
    if (earliest === null && latest === null) return null;
    // the record gives only numbers: show them as it gives them
    display = { [lang]: earliest !== null && latest !== null && earliest !== latest ? `${earliest}–${latest}` : String(earliest ?? latest) };
  }
  return { display, earliest, latest };
}

// ---- numbers ----------------------------------------------------------------

/** a text that gives dimensions: "45.5 x 61.3 cm", "148 str., 12° (16 cm)", "H. 20 cm", "3,84 g" */
export const DIMENSIONS = /\d\s*(?:[x×]\s*\d|(?:mm|cm|m|in|inch(?:es)?|ft|g|kg)\b|["″'′])/i;

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/** A decimal as written by people ("101,1", "26.9", "205,0"); undefined when it is not just a number. */
export function parseDecimal(s: string): number | undefined {
  const t = s.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** A record problem with the identifier it could read, for a format's toDraft. */
export function problem(reason: RecordProblem['reason'], message: string, identifier?: string): DraftResult {
  return identifier ? { identifier, problem: { reason, message } } : { problem: { reason, message } };
}
