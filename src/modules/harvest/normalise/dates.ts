// Years from a date as museums write it: "ca. 800-900", "11th century AH/AD 17th
// century", "3rd century BC", "[1960s–1990s]", "清乾隆", "公元前3世纪", "١٢٠٣ هـ".
// The display text is never replaced; this only finds earliest/latest years for sorting,
// filtering and the timeline. Years are of the common era, negative before it, with no
// year zero (1 BCE is -1), as in domain.md.
//
// How: the text is folded (case, diacritics, apostrophes, digits of every script,
// Chinese numerals), calendar pairs are reduced to their Gregorian side, and a small
// lexer turns it into tokens (numbers, ordinals with a unit, decades, eras, calendars,
// qualifiers, fractions such as "early" or "上半叶", named periods). Tokens are split
// into groups (";" and labels such as "Composition:") and segments (ranges "-", "to",
// "至", and "or"/"and"), each segment is evaluated to a span and the spans are united.
//
// The rules for ambiguous forms, each chosen to be honest (never narrower than the text
// says) yet useful for search:
// * circa on a year or a range of years widens each end by CIRCA_YEARS (10): "c. 1200"
//   → 1190–1210, "ca. 800-900" → 790–910, but only outward on one end of a range
//   ("1980–[circa 1986]" → 1980–1996); on a decade, century or period it only marks
//   the result approximate (the unit is already a soft bound).
// * a century is its hundred years by their numbers: "14th century" = 1300–1399,
//   "3rd century BC" = 300–201 BCE (-300..-201), "1st century" = 1–99 (there is no year
//   0); a millennium likewise ("4th millennium BC" = -4000..-3001).
// * early / mid / late are thirds: "early 14th century" = 1300–1333, "mid" = 1333–1366,
//   "late" = 1366–1399 (neighbouring thirds share their boundary year); halves and
//   quarters split exactly: "second half of the 18th century" = 1750–1799, "1st quarter"
//   = 1700–1724. The same applies to decades, dynasties and reigns ("清代晚期" = the last
//   third of 1644–1911 = 1822–1911).
// * "1980s" is the decade 1980–1989. "1900s" (a year ending in 00 + s) is the century
//   1900–1999, the reading that contains the decade one, except next to another decade
//   ("1900s–1920s" = 1900–1929) and for "2000s" (the decade 2000–2009, as contemporary
//   collections mean it).
// * open bounds: "after 1850" = 1850–1900 and "before 1400" = 1350–1400: the bound
//   itself plus OPEN_SPAN years (50 for years and decades, 100 for centuries, 1000 for
//   millennia) on the open side; "19th century or earlier" keeps the century
//   (1700–1899). The result says `open: 'after' | 'before'`.
// * a second calendar next to the Gregorian one ("1121 AH/AD 1717", "AH 1050 / AD 1640",
//   "1866-1867 (AH 1283)") is dropped: the Gregorian side is the museum's own
//   conversion. A Gregorian date in brackets after another form ("dated AH 1003
//   (1594–95)", "Ming dynasty (1368–1644)") is used as the explicit conversion.
// * Hijri (AH, هـ, ق), Solar Hijri (SH, ش) and Byzantine Anno Mundi (AM) years on their
//   own are converted to the common-era years they overlap (calendars.ts): "AH 1203" =
//   1788–1789.
// * a reign inside a dynasty wins ("Qing dynasty, Qianlong period" = 1736–1795); a
//   century or year with a dynasty is intersected with it; two unrelated periods make a
//   range ("明末清初", "Ming–Qing").
// * several dated parts ("Folio: …; Borders: …", "1696, 1756, or 1816") are united.
// * square brackets mean inferred (`inferred: true`), "?" / "probably" uncertain
//   (`uncertain: true`); neither changes the years.
// * digits a library catalogue does not know ("191.", "197-", "19..", "[18--]", "19uu",
//   EDTF "197X") are the decade or the century they leave open; "1950-luku" and
//   "1800-talet" (Finnish, Swedish, Norwegian) are decades and centuries like "1950s".
// * centuries, early/mid/late, decades and circa in the members' languages, words written
//   after the number too: "19. yüzyıl başı", "kraj 19. stoljeća", "ХІХ ст.", "secolul al
//   XV-lea", "początek XX w.", "19. század vége", "1890'lar", "1880 körül".
// * a bare year of one or two digits is no year ("19." before an unknown word, "Qing
//   dynasty, 8 panels"): it needs an era or a calendar ("AD 79"), or to be a reign's year
//   ("Meiji 45"; "Meiji 46" is no year of Meiji, and gives the era).
// * "n.d.", "undated", "s.d.", "o. J.", "без даты", "年代不详" and text with no date at
//   all give null; so do named periods that are ambiguous (pinyin "Jin").
// * an ISO 8601 date is its year ("1889-05-01"; "-0500-01-01" is 501 BCE), so is a W3CDTF
//   year-month that cannot be two years ("1921-07"; "1800-10" stays 1800–1810), and two ISO dates joined by a hyphen
//   are a range ("1949-01-01-1949-12-31"), but "1905-06" stays two years; Spanish and
//   Italian put the unit first ("siglo XVIII", "secoli XV-XVI"); Japanese era years count
//   like Chinese reign years ("明治45年" = 1912); in Latin script a reign's or era's year
//   is read as such when the number alone is no year of the reign ("Meiji 45", "Qianlong
//   30"), and the second number of a range stays in the reign ("Qianlong 1-10").
// `lang` is accepted for forms whose reading depends on the language; none of the
// current forms needs it (a bare "s." is read as a century only before two or more Roman
// numerals, so the German page "S. 12" is not one), so it is unused.

import { CHINESE_PERIODS } from './chinese-periods.ts';
import { WORLD_PERIODS } from './world-periods.ts';
import { annoMundiYearSpan, hijriYearSpan, solarHijriYearSpan, type YearSpan } from './calendars.ts';
import { westernDigits } from './text.ts';

export type DatePrecision = 'year' | 'decade' | 'century' | 'millennium' | 'period';

export interface ParsedDate {
  earliest: number;
  latest: number;
  precision?: DatePrecision;
  /** circa, about, um, vers, около, 约 … */
  approximate?: true;
  /** "(?)", "probably", 可能 … */
  uncertain?: true;
  /** written in square brackets: the cataloguer's inference */
  inferred?: true;
  /** "after X" / "before X": one bound is ours (OPEN_SPAN), not the record's */
  open?: 'after' | 'before';
}

export const CIRCA_YEARS = 10;
export const OPEN_SPAN: Readonly<Record<DatePrecision, number>> = Object.freeze({
  year: 50,
  decade: 50,
  century: 100,
  millennium: 1000,
  period: 50,
});
/** Plain years beyond this are not taken for common-era years (catalogue numbers, AM years). */
const MAX_YEAR = 2100;

// ---------------------------------------------------------------------------------
// folding

const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘ʼʻ`´]/g;
const DASHES = /[‐‑‒–—―−﹣－⁓]/g;

function fold(s: string): string {
  return westernDigits(s)
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(DASHES, '-');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const HAN = /\p{Script=Han}/u;

/** An alternation of literal words: folded, longest first, spaces and hyphens flexible. */
function words(list: readonly string[]): string {
  const folded = [...new Set(list.map((w) => fold(w).replace(/[\s-]+/g, ' ').trim()))];
  folded.sort((a, b) => b.length - a.length);
  return folded.map((w) => escapeRe(w).replace(/ /g, '[\\s-]*')).join('|');
}

/** Words of alphabetic scripts need boundaries; Chinese ones cannot have them. */
function lex(latin: readonly string[], cjk: readonly string[] = [], raw: readonly string[] = []): string {
  const parts: string[] = [];
  if (latin.length) parts.push(`(?<![\\p{L}\\p{N}])(?:${words(latin)})(?![\\p{L}])`);
  if (cjk.length) parts.push(`(?:${words(cjk)})`);
  parts.push(...raw);
  return parts.join('|');
}

// ---------------------------------------------------------------------------------
// named periods

interface PeriodEntry {
  id: string;
  start: number;
  end: number;
  parent?: string;
  /** a reign or era whose years are counted: "Meiji 45" is its 45th year */
  counted?: boolean;
}

const PERIODS = new Map<string, PeriodEntry>();
const PERIOD_KEYS = new Map<string, Set<string>>();

const NAME_FORMS = new Map<string, string>(); // folded name with its spaces -> key

function periodKey(folded: string): string {
  return folded.replace(/[\s\u200c-]+/g, '');
}

function addName(name: string, id: string): void {
  const form = fold(name).replace(/[\s\u200c-]+/g, ' ').trim();
  const key = periodKey(form);
  if (!key) return;
  NAME_FORMS.set(form, key);
  let ids = PERIOD_KEYS.get(key);
  if (!ids) PERIOD_KEYS.set(key, (ids = new Set()));
  ids.add(id);
}

for (const p of CHINESE_PERIODS) {
  const entry: PeriodEntry = { id: p.id, start: p.start, end: p.end };
  if (p.parent) entry.parent = p.parent;
  if (p.kind === 'reign' || p.id === 'republic') entry.counted = true;
  PERIODS.set(p.id, entry);
  for (const n of [...p.hans, ...p.hant, p.pinyin, ...(p.latin ?? []), ...(p.ru ?? [])]) addName(n, p.id);
}
for (const p of WORLD_PERIODS) {
  const entry: PeriodEntry = { id: p.id, start: p.start, end: p.end };
  if (p.parent) entry.parent = p.parent;
  if (p.counted) entry.counted = true;
  PERIODS.set(p.id, entry);
  for (const n of p.names) addName(n, p.id);
}

/** Folded names that fit more than one period: never matched (the characters still are). */
export const AMBIGUOUS_PERIOD_NAMES: readonly string[] = Object.freeze(
  [...PERIOD_KEYS].filter(([, ids]) => ids.size > 1).map(([k]) => k).sort(),
);
const PERIOD_BY_KEY = new Map<string, PeriodEntry>();
for (const [k, ids] of PERIOD_KEYS) if (ids.size === 1) PERIOD_BY_KEY.set(k, PERIODS.get([...ids][0]!)!);

// Names are found by lookup, not by a regex of hundreds of alternatives: at a word start
// the next few words are tried longest first; at a Chinese character, the next few
// characters.
const PERIOD_FORMS = [...NAME_FORMS].filter(([, key]) => PERIOD_BY_KEY.has(key)).map(([form]) => form);
const MAX_PERIOD_WORDS = Math.max(...PERIOD_FORMS.filter((f) => !HAN.test(f)).map((f) => f.split(' ').length));
const MAX_PERIOD_HAN = Math.max(...PERIOD_FORMS.filter((f) => HAN.test(f)).map((f) => f.length));
const PERIOD_FIRST_WORDS = new Set(PERIOD_FORMS.filter((f) => !HAN.test(f)).map((f) => f.split(' ')[0]!));
const PERIOD_FIRST_HAN = new Set(PERIOD_FORMS.filter((f) => HAN.test(f)).map((f) => f[0]!));
const WORD_AT = /\p{L}+/uy;
const WORD_SEP_AT = /[\s\u200c-]+/y;

function periodAt(s: string, pos: number, cls: CharClass): { p: PeriodEntry; end: number } | undefined {
  if (cls === 'h') {
    if (!PERIOD_FIRST_HAN.has(s[pos]!)) return undefined;
    for (let len = Math.min(MAX_PERIOD_HAN, s.length - pos); len > 0; len--) {
      const p = PERIOD_BY_KEY.get(s.substr(pos, len));
      if (p) return { p, end: pos + len };
    }
    return undefined;
  }
  if (pos > 0 && LETTER_OR_DIGIT.test(s[pos - 1]!)) return undefined;
  const ends: number[] = [];
  const parts: string[] = [];
  let at = pos;
  while (parts.length < MAX_PERIOD_WORDS) {
    WORD_AT.lastIndex = at;
    const w = WORD_AT.exec(s);
    if (!w || (!parts.length && !PERIOD_FIRST_WORDS.has(w[0]))) break;
    parts.push(w[0]);
    at += w[0].length;
    ends.push(at);
    WORD_SEP_AT.lastIndex = at;
    const sep = WORD_SEP_AT.exec(s);
    if (!sep) break;
    at += sep[0].length;
  }
  if (ends.length && at < s.length && ends[ends.length - 1] === at && LETTER_OR_DIGIT.test(s[at]!)) return undefined;
  for (let k = parts.length; k > 0; k--) {
    const p = PERIOD_BY_KEY.get(parts.slice(0, k).join(''));
    if (p) return { p, end: ends[k - 1]! };
  }
  return undefined;
}

function isAncestor(a: PeriodEntry, b: PeriodEntry): boolean {
  for (let p = b.parent; p; p = PERIODS.get(p)?.parent) if (p === a.id) return true;
  return false;
}

function nests(a: PeriodEntry, b: PeriodEntry): boolean {
  return (
    a.id === b.id || isAncestor(a, b) || isAncestor(b, a) ||
    (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end)
  );
}

// ---------------------------------------------------------------------------------
// pre-passes on the folded text

const CN_DIGIT: Record<string, number> = { '〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const CN_UNIT: Record<string, number> = { '十': 10, '百': 100, '千': 1000 };
const CN_NUMERAL = /[〇零一二两兩三四五六七八九十百千]+(?=\s*(?:世[纪紀]|年|千年?[纪紀]))/g;

function chineseNumber(s: string): string {
  if (!/[十百千]/.test(s)) return [...s].map((c) => CN_DIGIT[c] ?? '').join('');
  let total = 0;
  let digit = 0;
  for (const c of s) {
    const unit = CN_UNIT[c];
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else digit = CN_DIGIT[c] ?? 0;
  }
  return String(total + digit);
}

// "乾隆元年" is the first year of Qianlong; only after a reign name ("开元", "至元" are eras)
const REIGN_FIRST_YEAR = new RegExp(
  `(?<=${words(CHINESE_PERIODS.filter((p) => p.kind === 'reign' || p.id === 'republic').flatMap((p) => [...p.hans, ...p.hant]))})元年`,
  'g',
);

const NUM_ORD = String.raw`\d{1,4}(?:st|nd|rd|th)?(?:\s*(?:century|c\.))?`;
const OTHER_CAL = String.raw`(?:a\.?\s?h\.?|a\.?\s?m\.?|s\.?\s?h\.?|هـ+|ه\.?\s*[قش]\.?|[قش]\.?|ه\.?)(?![\p{L}])`;
// "late 11th century AH/AD 17th century", "885-886 AH/AD 1481": drop the non-Gregorian side
const CAL_PAIR_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?<!(?:ad|ce|م)\s*)(?:${NUM_ORD}\s*-\s*(?:(?:early|mid|middle|late)\s+)?)?${NUM_ORD}\s*${OTHER_CAL}\s*\/\s*`,
  'gu',
);
// "AH 1050 / AD 1640"
const CAL_PAIR_PREFIX = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:a\.?\s?h\.?|a\.?\s?m\.?)\s*\d{1,4}(?:\s*-\s*\d{1,4})?\s*\/\s*`, 'gu');
// "AD 1640 / AH 1050", "1788 / 1203 هـ"
const CAL_PAIR_AFTER = new RegExp(
  String.raw`\s*\/\s*(?:(?:a\.?\s?h\.?|a\.?\s?m\.?)\s*\d{1,4}(?:\s*-\s*\d{1,4})?|${NUM_ORD}(?:\s*-\s*${NUM_ORD})?\s*${OTHER_CAL})`,
  'gu',
);
// An ISO 8601 date ("1889-05-01", "1920-03-15T00:00:00Z", "-0500-01-01") is its year;
// read as numbers it would be the range 1889–2001. Its years are astronomical: -0500 is 501 BCE.
const ISO_DATE = /(?<![\p{N}-])(-?)(\d{4})[-/](?:0[1-9]|1[0-2])[-/](?:0[1-9]|[12]\d|3[01])(?:t\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:z|[+-]\d{2}:?\d{2})?)?(?![\p{N}])/gu;
function isoYear(_: string, minus: string, year: string): string {
  const y = Number(year);
  return minus ? `${y + 1} bc` : String(y);
}
// Two ISO dates joined by a hyphen (DDB: "1949-01-01-1949-12-31") are a range.
const ISO_DASH_RANGE = /(?<![\p{N}-])(\d{4}-\d{2}-\d{2})-(?=\d{4}-\d{2}-\d{2}(?![\p{N}]))/gu;
// W3CDTF's year and month ("1921-07", "1949-12", as dc:date recommends): the year, when
// the second number cannot be an abbreviated later year ("1949-12" is not 1949–1912); one
// that can stays a range ("1905-06", "1800-10", "1594-95" are two years).
const YEAR_MONTH = /(?<![\p{N}-])(\d{4})-(0[1-9]|1[0-2])(?![\p{N}]|-\d)/gu;
function yearOfMonth(m: string, year: string, month: string): string {
  return Number(month) <= Number(year) % 100 ? year : m;
}
// Library cataloguing (MARC, AACR2, BnF, EDTF) writes the digits it does not know as
// "-", ".", "u" or "x": "191." / "191-" / "197X" is the decade, "19.." / "[18--]" / "19uu"
// the century. A "-" followed by a number is a range ("191-200"), not such a digit. Three
// digits and one "." or "-" are that only as the whole date ("[191-?]"): "c. 875." and
// "960." end a sentence, and "850-" opens a range.
const UNKNOWN_DIGITS = /(?<![\p{L}\p{N}.-])(\d{2,3})(?:(-)-?|(\.)\.?|(u)u?|(x)x?)(?![\p{L}\p{N}]|(?<=-)\s*\d)/gu;
const WHOLE_DATE = /^[\s[]*\d{3}[.-][\s?\]]*$/;
function unknownDigits(m: string, digits: string, _dash: string, _dot: string, _u: string, _x: string, _at: number, all: string): string {
  if (m.length !== 4) return m;
  const n = Number(digits);
  // "960." as a whole date is the year 960: the 9600s are no date of an object
  if (digits.length === 3) return (/[.-]$/.test(m) && !WHOLE_DATE.test(all)) || n * 10 > MAX_YEAR ? m : `${n}0s`;
  return n * 100 > MAX_YEAR ? m : `${n + 1}th century`;
}
// Spanish, Italian and Portuguese put the unit first: "siglo XVIII", "sec. XV", "s. XIX",
// "siglos XVI-XVII" (Roman numerals up to XXXIX only, so that "s. l." (sine loco) is not a
// century; a bare "s." only before two or more of them: "s. v." and "S. 12" are no centuries)
const UNIT_FIRST = /(?<![\p{L}])(?:(?:siglos?|secol[oi]|secolul(?:ui)?(?:\s+al)?|seculos?|sec\.(?:\s+al)?|ss\.)\s*([ivx]{1,6}|\d{1,2}(?=[\s-]|$))|s\.\s*([ivx]{2,6}))(?:-lea)?(?:\s*[-–/]\s*([ivx]{1,6}|\d{1,2})(?:-lea)?)?(?![\p{L}\p{N}])/gu;
function unitFirst(_: string, a: string | undefined, b: string | undefined, to: string | undefined): string {
  return `${a ?? b}${to ? `-${to}` : ''} century`;
}
const LABEL = /^\s*[\p{L}][\p{L}\s.-]{0,40}:\s*/u;
const PARENS = /\(([^()]*)\)/g;
const BRACKETS = /[[\]]/g;
const LEADING_TILDE = /^\s*~(?=\s*\d)/;

// ---------------------------------------------------------------------------------
// the lexer

// Czech/Slovak "19. stol.", Polish "XIX w.", Dutch "19e eeuw", Hungarian "19. század",
// Greek "17ος αιώνας" / "17ου αι.", besides English, French, German, Russian and Chinese
// Turkish "19. yüzyıl" / "19. yy.", Croatian and Bosnian "19. stoljeće", Serbian "19. vek",
// Ukrainian "XIX століття" / "XIX ст.", Romanian "secolul XIX"
const UNIT_C = String.raw`centur(?:y|ies)|cent\.?(?![\p{L}])|c\.(?!\s*\d)|c(?![\p{L}\d.])|siecles?|jahrhunderts?|jhdts?\.?|jh\.?|век(?:а|ов|е)?|вв?\.|世[纪紀]|stol(?:eti|\.)|storoci[ea]|wiek[ui]?|w\.(?![\p{L}])|eeuw|szazad|αιων(?:ας|α|ες)?|αι\.|secol(?:ul(?:ui)?|[oi])|siglos?|yuzy[iı]l\p{L}*|yy\.|stoljec\p{L}*|v(?:ij)?ek(?:a|u)?(?![\p{L}])|столітт\p{L}*|ст\.`;
const UNIT_M = String.raw`millenn?i(?:um|a)|millenaires?|jahrtausends?|jt\.|тысячелети[еяй]|тыс\.|千年?[纪紀]`;
const ORD_SUFFIX = String.raw`(?:st|nd|rd|th|e|er|eme|ere|re|-?[иыо]?и|-?го|-?м|ος|ου|\.)?`;
const OF_THE = String.raw`(?:\s+(?:of\s+the|of|du|de\s+la|des|der|de))?`;
const WORD_ORDINALS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
  'eighteenth', 'nineteenth', 'twentieth', 'twenty-first',
];
const ROMAN = '[ivxl]{1,7}';
const HIJRI_MONTHS = [
  'muharram', 'safar', 'rabi al-awwal', 'rabi al-akhir', 'rabi al-thani', 'rabi i', 'rabi ii', 'rabi',
  'jumada al-ula', 'jumada al-awwal', 'jumada al-akhira', 'jumada al-thani', 'jumada i', 'jumada ii', 'jumada',
  'rajab', 'shaban', 'ramadan', 'ramazan', 'shawwal', 'dhu al-qada', 'dhul-qada', 'dhu al-qadah', 'dhu al-hijja',
  'dhul-hijja', 'dhu al-hijjah', 'zulhijja', 'zilhijja',
];
const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.',
];

type RuleName =
  | 'ws' | 'half1' | 'half2' | 'q1' | 'q2' | 'q3' | 'q4' | 'early' | 'mid' | 'late'
  | 'decc' | 'dec' | 'dec2' | 'ordu' | 'romu' | 'romb' | 'ordb' | 'word' | 'mday' | 'cjkyear' | 'num'
  | 'bc' | 'ad' | 'sh' | 'ah' | 'am' | 'circa' | 'nul' | 'orlater' | 'orearlier' | 'after' | 'before'
  | 'unc' | 'sep' | 'month' | 'other';

const RULES: Array<[RuleName, string]> = [
  ['ws', String.raw`[\s,.:]+`],
  ['half1', String.raw`(?:1st|first|1\.|erste[nrs]?|premiere|первая|первои|pierwsz[aej]+|prima|prvni|prva)\s*(?:half|halfte|moitie|половин[аыеу]|pol\.|polovin[ay]|po[lł]ow[aie]|po[lł]\.|meta)${OF_THE}|(?:上|前)半(?:叶|葉|期)?`],
  ['half2', String.raw`(?:2nd|second|2\.|zweite[nrs]?|seconde|deuxieme|вторая|второи|drug[aiej]+|seconda|druha)\s*(?:half|halfte|moitie|половин[аыеу]|pol\.|polovin[ay]|po[lł]ow[aie]|po[lł]\.|meta)${OF_THE}|(?:下|后|後)半(?:叶|葉|期)?`],
  ['q1', String.raw`(?:1st|first|1\.|erste[nrs]?|premier|первая|первои)\s*(?:quarter|viertel|quart|четверт[ьи])${OF_THE}`],
  ['q2', String.raw`(?:2nd|second|2\.|zweite[nrs]?|deuxieme|second|вторая|второи)\s*(?:quarter|viertel|quart|четверт[ьи])${OF_THE}`],
  ['q3', String.raw`(?:3rd|third|3\.|dritte[nrs]?|troisieme|третья|третьеи)\s*(?:quarter|viertel|quart|четверт[ьи])${OF_THE}`],
  ['q4', String.raw`(?:4th|fourth|last|4\.|vierte[nrs]?|letzte[nrs]?|quatrieme|dernier|четвертая|четвертои|последняя|последнеи)\s*(?:quarter|viertel|quart|четверт[ьи])${OF_THE}`],
  ['early', lex(
    ['early', 'beginning of the', 'beginning of', 'beginning', 'start of the', 'start of', 'debut du', 'debut de la', 'debut des', 'debut',
      'anfang des', 'anfang der', 'anfang', 'fruhes', 'fruhen', 'fruher', 'fruhe', 'начало', 'начала', 'ранний', 'раннего', 'ранняя', 'раннее',
      // ro, pl, cs, hr, it, es, pt, nl, and postposed hu "eleje", tr "başı"
      'inceputul', 'inceput', 'poczatek', 'poczatku', 'pocatek', 'zacatek', 'pocetak', 'pocetkom', 'inizio del', 'inizio', 'principios del', 'principios de',
      'principio del', 'comienzos del', 'inicio do', 'inicio', 'inicios do', 'begin van de', 'begin', 'eleje', 'elejen', 'bası', 'basi'],
    ['初期', '早期', '前期', '初年', '初叶', '初葉', '初', '早'],
  )],
  ['mid', lex(
    ['middle of the', 'middle of', 'middle', 'mid', 'milieu du', 'milieu de la', 'milieu des', 'milieu', 'mitte des', 'mitte der', 'mitte',
      'середина', 'середины', 'средний', 'среднего',
      'mijlocul', 'sredina', 'mediados del', 'mediados de', 'meados do', 'meados de', 'midden van de',
      'midden', 'kozepe', 'kozepen', 'ortası', 'ortasi'],
    ['中期', '中叶', '中葉'],
    [String.raw`中(?=[唐明清宋元汉漢])`],
  )],
  ['late', lex(
    ['late', 'end of the', 'end of', 'fin du', 'fin de la', 'fin des', 'fin', 'ende des', 'ende der', 'ende', 'spates', 'spaten', 'spater', 'spate',
      'конец', 'конца', 'поздний', 'позднего', 'поздняя', 'позднее',
      'sfarsitul', 'sfarsit', 'koniec', 'konca', 'konec', 'konce', 'kraj', 'krajem', 'fine del', 'finales del', 'finales de', 'fines del', 'final do',
      'fim do', 'eind van de', 'eind', 'vege', 'vegen', 'sonu'],
    ['晚期', '后期', '後期', '末期', '末年', '末叶', '末葉', '末', '晚'],
  )],
  ['decc', String.raw`(?<decc_c>\d{1,2})\s*世[纪紀]\s*(?<decc_d>\d)0\s*年代`],
  ['dec', String.raw`(?<dec_n>\d{2,3}0)(?:s|er(?:\s+jahren?)?|-?е(?:\s*(?:годы|годов|гг\.?))?|-?х(?:\s*(?:годов|гг\.?))?|\s*年代|-(?:luku|luvu(?:lla|lta|lle|n)|tal(?:l?ets?)?)|l[ae]r|l[iı]\s+y[iı]llar|-ih|-их)(?![\p{L}])`],
  ['dec2', String.raw`(?<![\p{L}])(?:annees|anos|decade|decennie)\s+(?<dec2_n>\d{2,3}0)(?!\d)`],
  ['ordu', String.raw`(?<ordu_n>\d{1,2})\s*${ORD_SUFFIX}\s*(?:(?<ordu_c>${UNIT_C})|(?<ordu_m>${UNIT_M}))`],
  ['romu', String.raw`(?<![\p{L}])(?<romu_n>${ROMAN})\s*${ORD_SUFFIX}\s*(?:(?<romu_c>${UNIT_C})|(?<romu_m>${UNIT_M}))`],
  ['romb', String.raw`(?<![\p{L}])(?<romb_n>${ROMAN})(?:e|er|eme|\.)?(?=\s*(?:-|\/|and|et|und|и|or|ou|oder|или|to|bis)\s*${ROMAN}\s*${ORD_SUFFIX}\s*(?:${UNIT_C}|${UNIT_M}))`],
  ['ordb', String.raw`(?<ordb_n>\d{1,2})(?:st|nd|rd|th|(?:e|eme)(?=\s*[-\/]))(?![\p{L}])`],
  ['word', String.raw`(?<![\p{L}])(?<word_w>${WORD_ORDINALS.join('|').replace(/-/g, '[\\s-]?')})(?:\s+(?:(?<word_c>centur(?:y|ies))|(?<word_m>millenn?i(?:um|a))))?(?![\p{L}])`],
  ['mday', String.raw`\d{1,2}\s*[月日号號]`],
  ['cjkyear', String.raw`(?<cjk_n>\d{1,5})\s*年(?![代间間])`],
  ['num', String.raw`(?<num_n>\d+)`],
  ['bc', lex(
    ['v. chr.', 'v.chr.', 'v. chr', 'vor christus', 'vor chr.', 'v. u. z.', 'vuz', 'av. j.-c.', 'av. j-c', 'av. jc',
      'avant jesus-christ', 'avant j.-c.', 'до н. э.', 'до н.э.', 'до н э', 'до нашей эры', 'до р. х.', 'до р.х.', 'قبل الميلاد', 'ق. م.', 'ق.م.', 'ق.م', 'پیش از میلاد',
      // Latin and Romanian, Polish, Czech, Italian/Spanish, Croatian/Serbian/Bulgarian, Swedish, Finnish, Greek, Turkish, Armenian, Georgian
      'a. chr.', 'a.chr.', 'ante christum', 'i. hr.', 'i.hr.', 'i.e.n.', 'i. e. n.', 'p.n.e.', 'p. n. e.', 'pr. n. l.', 'pr.n.l.', 'a.c.', 'a. c.', 'a. de c.',
      'pr. kr.', 'pr.kr.', 'п. н. е.', 'п.н.е.', 'пр. н. е.', 'пр.н.е.', 'пр. хр.', 'пр.хр.', 'f.kr.', 'f. kr.', 'eaa.', 'eaa', 'π.χ.', 'π. χ.', 'm.o.', 'm. o.', 'mo',
      'մ.թ.ա.', 'ძვ. წ.', 'ძვ.წ.'],
    ['公元前', '紀元前', '纪元前', '西元前'],
    [String.raw`前(?=\s*\d)`, String.raw`(?<![\p{L}\p{N}])b\.?\s?c\.?(?:\s?e\.?)?(?![\p{L}])`],
  )],
  ['ad', lex(
    ['n. chr.', 'n.chr.', 'nach christus', 'n. u. z.', 'apr. j.-c.', 'apres j.-c.', 'apres jesus-christ', 'н. э.', 'н.э.',
      'p. chr.', 'p.chr.', 'd. hr.', 'd.hr.', 'e.n.', 'n.e.', 'n. e.', 'n. l.', 'd.c.', 'd. c.', 'po kr.', 'н. е.', 'н.е.', 'e.kr.', 'e. kr.', 'jaa.', 'μ.χ.', 'μ. χ.', 'm.s.',
      'нашей эры', 'р. х.', 'م.', 'م', 'ميلادي', 'میلادی', 'الميلادي'],
    ['公元', '西元', '紀元', '纪元'],
    [String.raw`(?<![\p{L}\p{N}])(?:a\.?\s?d\.?|c\.\s?e\.?|ce)(?![\p{L}])`],
  )],
  ['sh', lex(['solar hijri', 'shamsi', 'ه.ش.', 'ه.ش', 'ه ش', 'هـ.ش', 'هـ ش', 'هجری شمسی', 'هجري شمسي', 'خورشیدی', 'شمسی', 'ش.', 'ش'], [], [
    String.raw`(?<![\p{L}\p{N}])(?:a\.?\s?h\.?\s?s\.?|s\.?\s?h\.?|h\.?\s?s\.?)(?![\p{L}])`,
  ])],
  ['ah', lex(
    ['hijri', 'hijra', 'hijrah', 'hegira', 'hejira', 'h.q.', 'hq', 'ه.ق.', 'ه.ق', 'ه ق', 'هـ.ق', 'هـ ق', 'هجری قمری', 'هجری', 'هجري', 'هجرية', 'الهجري', 'الهجرية', 'ق.', 'ق', 'ه.', 'ه'],
    [],
    [String.raw`(?<![\p{L}])هـ+\.?`, String.raw`(?<![\p{L}\p{N}])a\.?\s?h\.?(?![\p{L}])`],
  )],
  ['am', lex(['anno mundi'], [], [String.raw`(?<![\p{L}\p{N}])a\.?\s?m\.?(?![\p{L}])`])],
  ['circa', lex(
    ['circa', 'circ.', 'ca.', 'ca', 'approx.', 'approx', 'approximately', 'about', 'around', 'roughly', 'um', 'gegen', 'etwa', 'vers', 'env.', 'environ',
      'около', 'ок.', 'примерно', 'приблизительно', 'cerca de', 'hacia', 'حوالي', 'حدود',
      // nl, pl, cs, sk, hr, hu (postposed "1880 körül"), tr ("1900 civarı"), ro
      'omstreeks', 'ongeveer', 'rond', 'około', 'okolo', 'ok.', 'kolem', 'cca', 'cca.', 'oko', 'korul', 'korulbelul', 'kb.', 'civarı', 'civari', 'yaklasık', 'yaklasik',
      'aproximativ', 'cirka'],
    ['大约', '大約', '约', '約', '左右', '前后', '前後', '上下'],
    [String.raw`(?<![\p{L}])c\.?(?=\s*\d)`],
  )],
  ['nul', lex(
    ['n.d.', 'n. d.', 'nd', 'undated', 'no date', 'not dated', 'date unknown', 'unknown date', 'unknown', 's.d.', 's. d.', 'sans date', 'o.j.', 'o. j.',
      'ohne jahr', 'ohne datum', 'undatiert', 'unbekannt', 'inconnu', 'inconnue', 'без даты', 'б.д.', 'б. д.', 'б.г.', 'б. г.', 'не датирован',
      'не датировано', 'неизвестно', 'بدون تاريخ', 'بی تاریخ', 'بی‌تاریخ'],
    ['年代不详', '年代不詳', '年代未详', '年代未詳', '不详', '不詳', '无年款', '無年款', '未知'],
  )],
  ['orlater', lex(
    ['or later', 'and later', 'or after', 'not before', 'not earlier than', 'no earlier than', 'onwards', 'onward', 'oder spater', 'ou plus tard',
      'не ранее', 'не раньше', 'и позже'],
    ['以后', '以後', '之后', '之後', '或更晚', '不早于', '不早於'],
  )],
  ['orearlier', lex(
    ['or earlier', 'and earlier', 'or before', 'not after', 'not later than', 'no later than', 'oder fruher', 'ou avant', 'не позднее', 'не позже', 'и ранее'],
    ['或更早', '不晚于', '不晚於'],
  )],
  ['after', lex(['after', 'post', 'nach', 'apres', 'после', 'spater als', 'بعد'])],
  ['before', lex(['before', 'ante', 'vor', 'avant', 'до', 'ранее', 'prior to', 'fruher als', 'قبل'], ['以前', '之前'], [String.raw`前(?!\s*\d)`])],
  ['unc', lex(
    ['probably', 'possibly', 'perhaps', 'presumably', 'likely', 'wahrscheinlich', 'vermutlich', 'moglicherweise', 'peut-etre', 'probablement',
      'вероятно', 'возможно', 'предположительно'],
    ['可能', '或为', '或為'],
    [String.raw`\?+`],
  )],
  ['sep', lex(
    ['to', 'until', 'till', 'through', 'thru', 'and', 'or', 'bis', 'und', 'oder', 'au', 'et', 'ou', 'или', 'и', 'по', 'إلى', 'تا', 'الی'],
    ['至', '到', '和', '及', '或', '与', '與', '、'],
    [String.raw`-|\/|&|\+`, String.raw`(?<![\p{L}])a(?=\s*\d)`],
  )],
  ['month', lex([...MONTHS, ...HIJRI_MONTHS])],
  ['other', String.raw`[a-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0530-\u058F\u0590-\u05FF\u0600-\u06FF\u10A0-\u10FF]+|[^]`],
];

// Which characters a rule can start with: d digit, a letter of an alphabet, h Han
// character, p anything else. One sticky regex per class, so that a position only tries
// the rules that can match there; a rule's inner captures are read by position (named
// groups would cost an object per token).
type CharClass = 'd' | 'a' | 'h' | 'p';
const RULE_CLASSES: Record<RuleName, string> = {
  ws: 'p', half1: 'dah', half2: 'dah', q1: 'da', q2: 'da', q3: 'da', q4: 'da', early: 'ah', mid: 'ah', late: 'ah',
  decc: 'd', dec: 'd', dec2: 'a', ordu: 'd', romu: 'a', romb: 'a', ordb: 'd', word: 'a', mday: 'd', cjkyear: 'd', num: 'd',
  bc: 'ah', ad: 'ah', sh: 'a', ah: 'a', am: 'a', circa: 'ah', nul: 'ah', orlater: 'ah', orearlier: 'ah', after: 'a', before: 'ah',
  unc: 'ahp', sep: 'ahp', month: 'a', other: 'dahp',
};

interface Lexer {
  re: RegExp;
  names: RuleName[];
  groups: number[];
}

function lexerFor(cls: CharClass): Lexer {
  const rules = RULES.filter(([name]) => RULE_CLASSES[name].includes(cls));
  const sources = rules.map(([, src]) => src.replace(/\(\?<[a-z_]+>/g, '('));
  const groups: number[] = [];
  let index = 1;
  for (const src of sources) {
    groups.push(index);
    index += 1 + new RegExp(`${src}|`, 'u').exec('')!.length - 1;
  }
  return { re: new RegExp(sources.map((src) => `(${src})`).join('|'), 'uy'), names: rules.map(([n]) => n), groups };
}

const LEXERS: Record<CharClass, Lexer> = { d: lexerFor('d'), a: lexerFor('a'), h: lexerFor('h'), p: lexerFor('p') };
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function charClass(c: number): CharClass {
  if (c >= 48 && c <= 57) return 'd';
  if (c < 128) return c >= 97 && c <= 122 ? 'a' : 'p';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return 'h';
  if (c >= 0xd800 && c <= 0xdfff) return 'p';
  return LETTER.test(String.fromCharCode(c)) ? 'a' : 'p';
}

type Frac = { of: 3 | 2 | 4; n: number };

type Tok =
  | { k: 'num'; v: number; digits: number; cjk: boolean }
  | { k: 'ord'; v: number; unit?: 'c' | 'm' }
  | { k: 'dec'; v: number }
  | { k: 'period'; p: PeriodEntry }
  | { k: 'frac'; f: Frac }
  | { k: 'era'; v: 'bc' | 'ad' }
  | { k: 'cal'; v: 'ah' | 'sh' | 'am' }
  | { k: 'flag'; v: 'circa' | 'nul' | 'orlater' | 'orearlier' | 'after' | 'before' | 'unc'; pre?: boolean }
  | { k: 'sep'; tight: boolean }
  | { k: 'month' };

type PTok = Tok & { at: number; end: number };

function romanValue(s: string): number {
  const val: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const a = val[s[i]!]!;
    const b = i + 1 < s.length ? val[s[i + 1]!]! : 0;
    total += a < b ? -a : a;
  }
  return total;
}

function wordOrdinal(w: string): number {
  const i = WORD_ORDINALS.indexOf(w.replace(/[\s-]+/g, '-'));
  return i + 1;
}

function tokenize(s: string): PTok[] {
  const out: PTok[] = [];
  let pos = 0;
  while (pos < s.length) {
    const cls = charClass(s.charCodeAt(pos));
    if (cls === 'a' || cls === 'h') {
      const found = periodAt(s, pos, cls);
      if (found) {
        out.push({ k: 'period', p: found.p, at: pos, end: found.end });
        pos = found.end;
        continue;
      }
    }
    const lexer = LEXERS[cls];
    lexer.re.lastIndex = pos;
    const m = lexer.re.exec(s);
    if (!m || m[0].length === 0) {
      pos++;
      continue;
    }
    const at = pos;
    const end = pos + m[0].length;
    pos = end;
    let r = 0;
    while (r < lexer.groups.length && m[lexer.groups[r]!] === undefined) r++;
    const name: RuleName = lexer.names[r] ?? 'other';
    const base = lexer.groups[r] ?? 0;
    let tok: Tok | null = null;
    switch (name) {
      case 'half1': tok = { k: 'frac', f: { of: 2, n: 0 } }; break;
      case 'half2': tok = { k: 'frac', f: { of: 2, n: 1 } }; break;
      case 'q1': tok = { k: 'frac', f: { of: 4, n: 0 } }; break;
      case 'q2': tok = { k: 'frac', f: { of: 4, n: 1 } }; break;
      case 'q3': tok = { k: 'frac', f: { of: 4, n: 2 } }; break;
      case 'q4': tok = { k: 'frac', f: { of: 4, n: 3 } }; break;
      case 'early': tok = { k: 'frac', f: { of: 3, n: 0 } }; break;
      case 'mid': tok = { k: 'frac', f: { of: 3, n: 1 } }; break;
      case 'late': tok = { k: 'frac', f: { of: 3, n: 2 } }; break;
      case 'decc': tok = { k: 'dec', v: (Number(m[base + 1]) - 1) * 100 + Number(m[base + 2]) * 10 }; break;
      case 'dec': tok = { k: 'dec', v: Number(m[base + 1]) }; break;
      case 'dec2': tok = { k: 'dec', v: Number(m[base + 1]) }; break;
      case 'ordu': tok = { k: 'ord', v: Number(m[base + 1]), unit: m[base + 3] !== undefined ? 'm' : 'c' }; break;
      case 'romu': tok = { k: 'ord', v: romanValue(m[base + 1]!), unit: m[base + 3] !== undefined ? 'm' : 'c' }; break;
      case 'romb': tok = { k: 'ord', v: romanValue(m[base + 1]!) }; break;
      case 'ordb': tok = { k: 'ord', v: Number(m[base + 1]) }; break;
      case 'word': {
        const t: Tok = { k: 'ord', v: wordOrdinal(m[base + 1]!) };
        if (m[base + 2] !== undefined) t.unit = 'c';
        else if (m[base + 3] !== undefined) t.unit = 'm';
        tok = t;
        break;
      }
      case 'cjkyear': tok = { k: 'num', v: Number(m[base + 1]), digits: m[base + 1]!.length, cjk: true }; break;
      case 'num': tok = { k: 'num', v: Number(m[base + 1]), digits: m[base + 1]!.length, cjk: false }; break;
      case 'bc': tok = { k: 'era', v: 'bc' }; break;
      case 'ad': tok = { k: 'era', v: 'ad' }; break;
      case 'sh': tok = { k: 'cal', v: 'sh' }; break;
      case 'ah': tok = { k: 'cal', v: 'ah' }; break;
      case 'am': tok = { k: 'cal', v: 'am' }; break;
      case 'circa': case 'nul': case 'orlater': case 'orearlier': case 'unc':
        tok = { k: 'flag', v: name };
        break;
      case 'after': case 'before':
        // a word written before its date ("after 1850"); Chinese 以前/之前/前 follow it
        tok = { k: 'flag', v: name, pre: /[\p{L}]/u.test(m[0]) && !HAN.test(m[0]) };
        break;
      case 'sep': tok = { k: 'sep', tight: at > 0 && !/\s/.test(s[at - 1]!) }; break;
      case 'month': tok = { k: 'month' }; break;
      default: tok = null; // whitespace, filler and unknown words
    }
    if (tok) {
      const t = tok as PTok;
      t.at = at;
      t.end = end;
      out.push(t);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// segments

interface Span {
  a: number;
  b: number;
  prec: DatePrecision;
}

interface Seg {
  nums: Array<{ v: number; digits: number; cjk: boolean }>;
  ords: Array<{ v: number; unit?: 'c' | 'm' }>;
  decs: number[];
  periods: PeriodEntry[];
  fracs: Frac[];
  /** fractions written before the first period (English order), for implicit splits */
  fracsBeforePeriod: number;
  era?: 'bc' | 'ad';
  eraPre?: boolean;
  cal?: 'ah' | 'sh' | 'am';
  calPre?: boolean;
  flags: Set<string>;
  hasBase: boolean;
}

function newSeg(): Seg {
  return { nums: [], ords: [], decs: [], periods: [], fracs: [], fracsBeforePeriod: 0, flags: new Set(), hasBase: false };
}

function segments(tokens: PTok[]): Seg[] {
  // "mid-16th century": a hyphen glued to a fraction word is not a range
  const toks = tokens.filter((t, i) => {
    if (t.k !== 'sep' || !t.tight) return true;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    return !(prev?.k === 'frac' && prev.end === t.at && next && next.k !== 'frac');
  });
  // (no closures in this hot path: tsx's keepNames makes each one costly)
  const segs: Seg[] = [];
  let cur = newSeg();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    switch (t.k) {
      case 'sep':
        segs.push(cur);
        cur = newSeg();
        break;
      case 'num':
        cur.nums.push({ v: t.v, digits: t.digits, cjk: t.cjk });
        cur.hasBase = true;
        break;
      case 'ord':
        cur.ords.push(t.unit ? { v: t.v, unit: t.unit } : { v: t.v });
        cur.hasBase = true;
        break;
      case 'dec':
        cur.decs.push(t.v);
        cur.hasBase = true;
        break;
      case 'period': {
        const other = cur.periods.find((p) => !nests(p, t.p));
        if (other) {
          // two unrelated periods side by side ("明末清初", "Ming Qing"): a range; an
          // English-order fraction written after the first one belongs to the second
          const moved = cur.fracsBeforePeriod > 0 ? cur.fracs.splice(cur.fracsBeforePeriod) : [];
          segs.push(cur);
          cur = newSeg();
          cur.fracs.push(...moved);
        }
        if (!cur.periods.length) cur.fracsBeforePeriod = cur.fracs.length;
        cur.periods.push(t.p);
        cur.hasBase = true;
        break;
      }
      case 'frac':
        cur.fracs.push(t.f);
        break;
      case 'era':
        cur.era = t.v;
        cur.eraPre = !cur.hasBase;
        break;
      case 'cal':
        cur.cal = t.v;
        cur.calPre = !cur.hasBase;
        break;
      case 'flag':
        // "1900 до 1910": a prefix word after a date is a range word
        if (t.pre && cur.hasBase) {
          segs.push(cur);
          cur = newSeg();
        }
        else cur.flags.add(t.v);
        break;
      case 'month':
        break;
    }
  }
  segs.push(cur);
  return segs.filter((s) => s.hasBase || s.fracs.length || s.flags.size);
}

const PREC_RANK: Record<DatePrecision, number> = { year: 0, decade: 1, century: 2, period: 3, millennium: 4 };

function coarser(a: DatePrecision, b: DatePrecision): DatePrecision {
  return PREC_RANK[a] >= PREC_RANK[b] ? a : b;
}

/** Add years across the missing year zero. */
function addYears(y: number, d: number): number {
  let r = y + d;
  if (y > 0 && r <= 0) r -= 1;
  else if (y < 0 && r >= 0) r += 1;
  return r;
}

function fraction(a: number, b: number, f: Frac): [number, number] {
  const size = b - a + 1;
  if (f.of === 3) {
    const cut1 = a + Math.floor(size / 3);
    const cut2 = a + Math.floor((2 * size) / 3);
    return f.n === 0 ? [a, cut1] : f.n === 1 ? [cut1, cut2] : [cut2, b];
  }
  const lo = a + Math.floor((f.n * size) / f.of);
  const hi = a + Math.floor(((f.n + 1) * size) / f.of) - 1;
  return [lo, Math.max(lo, hi)];
}

function unitSpan(v: number, unit: 'c' | 'm', bc: boolean): [number, number] {
  const size = unit === 'c' ? 100 : 1000;
  if (bc) return [-v * size, -v * size + size - 1];
  return [Math.max(1, (v - 1) * size), (v - 1) * size + size - 1];
}

function convert(a: number, b: number, cal: Seg['cal']): [number, number] | null {
  if (!cal) return [a, b];
  const span: (y: number) => YearSpan = cal === 'ah' ? hijriYearSpan : cal === 'sh' ? solarHijriYearSpan : annoMundiYearSpan;
  const lo = Math.max(1, a);
  if (b < lo) return null;
  return [span(lo).start, span(b).end];
}

function validYear(v: number, bc: boolean, cal: Seg['cal']): boolean {
  if (v <= 0) return false;
  if (cal === 'am') return v <= 8000;
  if (cal) return v <= 1600;
  return bc ? v <= 20000 : v <= MAX_YEAR;
}

function unite(span: Span | null, a: number, b: number, prec: DatePrecision): Span {
  return span ? { a: Math.min(span.a, a), b: Math.max(span.b, b), prec: coarser(span.prec, prec) } : { a, b, prec };
}

interface SegResult extends Span {
  flags: Set<string>;
}

/** which ends of a segment's span circa widens: a range's inner ends stay ("1980–[circa 1986]" starts in 1980) */
interface Outer {
  lo: boolean;
  hi: boolean;
}

function evalSeg(seg: Seg, centuryDecades: boolean, outer: Outer): SegResult | null {
  const bc = seg.era === 'bc';
  const cal = bc ? undefined : seg.cal;
  let nat: Span | null = null;

  // the innermost of nested periods ("清乾隆" → Qianlong)
  let period: PeriodEntry | undefined;
  for (const p of seg.periods) if (!period || p.end - p.start < period.end - period.start) period = p;

  for (const o of seg.ords) {
    if (o.v < 1 || o.v > (o.unit === 'm' ? 20 : 40)) continue;
    const [a, b] = unitSpan(o.v, o.unit ?? 'c', bc);
    nat = unite(nat, a, b, o.unit === 'm' ? 'millennium' : 'century');
  }
  for (const d of seg.decs) {
    if (centuryDecades && d % 100 === 0 && d !== 2000) {
      nat = bc ? unite(nat, -(d + 99), -d, 'century') : unite(nat, d, d + 99, 'century');
    } else nat = bc ? unite(nat, -(d + 9), -d, 'decade') : unite(nat, d, d + 9, 'decade');
  }
  let nums = seg.nums;
  // day numbers and folio numbers next to real years: "5 Shawwal 976", "5 мая 1750"
  if (nums.some((n) => n.digits >= 3)) nums = nums.filter((n) => n.digits >= 3);
  let regnal = false;
  // "Meiji 45", "Qianlong 30": a reign's year in Latin script, when the number alone is
  // no year of the reign itself (year 45 is not in Meiji)
  const latinRegnal = !!period?.counted && nums.length === 1 && !seg.ords.length && !seg.decs.length && nums[0]!.digits <= 2 &&
    (nums[0]!.v < period.start || nums[0]!.v > period.end);
  for (const n of nums) {
    if ((n.cjk || latinRegnal) && period && !bc && n.v >= 1 && n.v <= period.end - period.start + 1) {
      // 乾隆三十年: the 30th year of the reign
      const y = period.start + n.v - 1;
      nat = unite(nat, y, y, 'year');
      regnal = true;
      continue;
    }
    if (!validYear(n.v, bc, cal)) continue;
    // "19." with a century word we do not know ("19. vek" before we knew it), "Qing dynasty,
    // 8 panels": a year of one or two digits is taken only with an era or a calendar ("AD 79");
    // a reign's own years were counted above ("Meiji 45")
    if (n.digits <= 2 && !seg.era && !cal) continue;
    const y = bc ? -n.v : n.v;
    nat = unite(nat, y, y, 'year');
  }

  let span: Span | null = nat;
  const frac = seg.fracs[0];
  if (span) {
    if (frac && span.prec !== 'year') {
      const [a, b] = fraction(span.a, span.b, frac);
      span = { a, b, prec: span.prec };
    }
    const conv = convert(span.a, span.b, cal);
    if (!conv) return null;
    span = { a: conv[0], b: conv[1], prec: span.prec };
    if (period && !regnal) {
      // a year or century with its dynasty: the overlap, else the numbers
      const a = Math.max(span.a, period.start);
      const b = Math.min(span.b, period.end);
      if (a <= b) span = { a, b, prec: span.prec };
    }
  } else if (period) {
    let [a, b] = [period.start, period.end];
    if (frac) [a, b] = fraction(a, b, frac);
    span = { a, b, prec: 'period' };
  } else return null;

  const flags = new Set(seg.flags);
  if (flags.has('circa') && span.prec === 'year') {
    span = { a: outer.lo ? addYears(span.a, -CIRCA_YEARS) : span.a, b: outer.hi ? addYears(span.b, CIRCA_YEARS) : span.b, prec: span.prec };
  }
  const open = OPEN_SPAN[span.prec];
  if (flags.has('after')) span = { a: span.b, b: addYears(span.b, open), prec: span.prec };
  else if (flags.has('before')) span = { a: addYears(span.a, -open), b: span.a, prec: span.prec };
  else if (flags.has('orlater')) span = { a: span.a, b: addYears(span.b, open), prec: span.prec };
  else if (flags.has('orearlier')) span = { a: addYears(span.a, -open), b: span.b, prec: span.prec };
  return { ...span, flags };
}

function segmentBase(s: Seg): Pick<Seg, 'nums' | 'ords' | 'decs' | 'periods' | 'era' | 'cal'> {
  const base: Pick<Seg, 'nums' | 'ords' | 'decs' | 'periods' | 'era' | 'cal'> = { nums: s.nums, ords: s.ords, decs: s.decs, periods: s.periods };
  if (s.era) base.era = s.era;
  if (s.cal) base.cal = s.cal;
  return base;
}

interface GroupResult {
  span: Span;
  flags: Set<string>;
  /** only common-era numbers were used (no other calendar, no named period) */
  gregorian: boolean;
}

function evalTokens(tokens: PTok[]): GroupResult | null {
  const segs = segments(tokens);
  if (!segs.length) return null;

  // a leading "ca." qualifies the whole range: "ca. 800-900"; so does one written after it
  // (Hungarian, Turkish: "1880-1890 körül", "1900-1910 civarı")
  const lastTok = tokens[tokens.length - 1];
  if ((tokens[0]?.k === 'flag' && tokens[0].v === 'circa') || (segs.length > 1 && lastTok?.k === 'flag' && lastTok.v === 'circa')) {
    for (const s of segs) s.flags.add('circa');
  }

  // "12th-early 13th century", "3rd–2nd century BCE": a bare ordinal takes the unit on its right
  let unit: 'c' | 'm' | undefined;
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i]!;
    const own = s.ords.find((o) => o.unit)?.unit;
    if (own) unit = own;
    s.ords = s.ords.map((o) => (o.unit ? o : { v: o.v, unit: unit ?? 'c' }));
  }
  // "AD 336-337" carries rightwards, "332-30 BC" and "1031-1059 AH" leftwards
  for (let i = 1; i < segs.length; i++) {
    const p = segs[i - 1]!;
    const s = segs[i]!;
    if (!s.era && p.era && p.eraPre) { s.era = p.era; s.eraPre = true; }
    if (!s.cal && p.cal && p.calPre) { s.cal = p.cal; s.calPre = true; }
  }
  for (let i = segs.length - 2; i >= 0; i--) {
    const n = segs[i + 1]!;
    const s = segs[i]!;
    if (!s.era && n.era && !n.eraPre) s.era = n.era;
    if (!s.cal && n.cal && !n.calPre) s.cal = n.cal;
  }
  // "Qianlong 1-10", "乾隆元年至十年": the second year is of the same reign
  for (let i = 1; i < segs.length; i++) {
    const p = segs[i - 1]!;
    const s = segs[i]!;
    const reign = p.periods.length === 1 && p.periods[0]!.counted ? p.periods[0]! : undefined;
    const small = (ns: Seg['nums']) => ns.length === 1 && (ns[0]!.cjk || ns[0]!.digits <= 2);
    if (reign && !s.periods.length && small(p.nums) && small(s.nums) && !s.ords.length && !s.decs.length) s.periods = [reign];
  }
  // "1594-95", "1800-25": the second year abbreviated
  for (let i = 1; i < segs.length; i++) {
    const p = segs[i - 1]!;
    const s = segs[i]!;
    const prev = p.nums[p.nums.length - 1];
    const only = s.nums.length === 1 && !s.ords.length && !s.decs.length && !s.periods.length ? s.nums[0]! : undefined;
    if (!prev || !only || prev.cjk !== only.cjk || s.era === 'bc' || p.era === 'bc' || only.digits >= prev.digits) continue;
    const mod = 10 ** only.digits;
    let v = prev.v - (prev.v % mod) + only.v;
    if (v <= prev.v) v += mod;
    s.nums = [{ v, digits: prev.digits, cjk: only.cjk }];
  }
  // "mid-late 6th century", "early to mid 18th century": a fraction alone borrows the next base
  for (let i = segs.length - 2; i >= 0; i--) {
    const s = segs[i]!;
    if (!s.hasBase && s.fracs.length) {
      const n = segs[i + 1]!;
      if (n.hasBase) Object.assign(s, segmentBase(n), { hasBase: true });
    }
  }
  const decs = segs.flatMap((s) => s.decs);
  const centuryDecades = decs.length > 0 && decs.every((d) => d % 100 === 0);

  let span: Span | null = null;
  const flags = new Set<string>();
  let gregorian = true;
  const based = segs.filter((s) => s.hasBase);
  for (const s of segs) {
    for (const f of s.flags) if (f !== 'circa') flags.add(f);
    if (!s.hasBase) continue;
    const r = evalSeg(s, centuryDecades, { lo: s === based[0], hi: s === based[based.length - 1] });
    if (!r) continue;
    for (const f of r.flags) flags.add(f);
    if (s.cal || s.periods.length) gregorian = false;
    span = span ? { a: Math.min(span.a, r.a), b: Math.max(span.b, r.b), prec: coarser(span.prec, r.prec) } : { a: r.a, b: r.b, prec: r.prec };
  }
  return span ? { span, flags, gregorian } : null;
}

// ---------------------------------------------------------------------------------
// entry point

// Adlib's "precision;date" fields: "circa;1812" is circa 1812
const CIRCA_FIELD = /(?<![\p{L}])(circa|ca\.?)\s*;\s*(?=\d)/gu;
// Roman numerals typed in Cyrillic letters before a century word ("ХІХ ст.", Ukrainian і)
const CYRILLIC_ROMAN = /(?<![\p{L}])(?=[xivl]*[хі])([хxіivl]{1,7})(?=\s*(?:ст\.|столітт|век|вв?\.))/gu;
const toLatinRoman = (m: string) => m.replace(/х/g, 'x').replace(/і/g, 'i');

function prepare(text: string): string {
  let s = fold(text);
  s = s.replace(CYRILLIC_ROMAN, toLatinRoman).replace(CIRCA_FIELD, '$1 ').replace(ISO_DASH_RANGE, '$1/').replace(ISO_DATE, isoYear).replace(YEAR_MONTH, yearOfMonth).replace(UNKNOWN_DIGITS, unknownDigits).replace(UNIT_FIRST, unitFirst);
  s = s.replace(CN_NUMERAL, chineseNumber).replace(REIGN_FIRST_YEAR, '1年');
  s = s.replace(CAL_PAIR_BEFORE, '').replace(CAL_PAIR_PREFIX, '').replace(CAL_PAIR_AFTER, '');
  return s;
}

function parseGroup(text: string): GroupResult | null {
  let s = text.replace(LABEL, '').replace(LEADING_TILDE, 'ca ');
  const parens: string[] = [];
  s = s.replace(PARENS, (_, inner: string) => {
    parens.push(inner);
    return ' ';
  });
  const outside = evalTokens(tokenize(s));
  let result = outside;
  const extra = new Set<string>();
  for (const inner of parens) {
    const toks = tokenize(inner);
    const p = evalTokens(toks);
    if (!p) {
      // "(?)", "(probably)"
      for (const t of toks) if (t.k === 'flag' && t.v === 'unc') extra.add('unc');
      continue;
    }
    if (!result) {
      result = p;
      continue;
    }
    if (!p.gregorian) continue; // "1866-1867 (AH 1283)": the record's own conversion is outside
    // "Ming dynasty (1368–1644)", "dated AH 1003 (1594–95)": the explicit Gregorian years
    const a = Math.max(result.span.a, p.span.a);
    const b = Math.min(result.span.b, p.span.b);
    const inside = result.span.a >= p.span.a && result.span.b <= p.span.b;
    const prec = inside ? result.span.prec : p.span.prec;
    result = {
      span: a <= b ? { a, b, prec } : p.span,
      flags: new Set([...result.flags, ...p.flags]),
      gregorian: true,
    };
  }
  if (result) for (const f of extra) result.flags.add(f);
  return result;
}

const CACHE = new Map<string, ParsedDate | null>();
const CACHE_MAX = 20_000;

/**
 * Earliest and latest years of a date written as text, or null when the text gives no
 * date (or one this parser cannot read). See the rules at the top of this file.
 */
export function parseDateText(text: string, lang?: string): ParsedDate | null {
  void lang;
  if (typeof text !== 'string') return null;
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached && { ...cached };
  const result = parseUncached(text);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(text, result);
  return result && { ...result };
}

function parseUncached(text: string): ParsedDate | null {
  if (text.length > 500 || !text.trim()) return null;
  let s = prepare(text);
  const inferred = /[[\]]/.test(s);
  s = s.replace(BRACKETS, ' ');
  let span: Span | null = null;
  const flags = new Set<string>();
  for (const group of s.split(/[;\n|]+/)) {
    const r = parseGroup(group);
    if (!r) continue;
    for (const f of r.flags) flags.add(f);
    span = span ? { a: Math.min(span.a, r.span.a), b: Math.max(span.b, r.span.b), prec: coarser(span.prec, r.span.prec) } : r.span;
  }
  if (!span) return null;
  const out: ParsedDate = { earliest: span.a, latest: span.b, precision: span.prec };
  if (flags.has('circa')) out.approximate = true;
  if (flags.has('unc')) out.uncertain = true;
  if (inferred) out.inferred = true;
  if (flags.has('after') || flags.has('orlater')) out.open = 'after';
  else if (flags.has('before') || flags.has('orearlier')) out.open = 'before';
  return out;
}

/** Does the text say the object is undated ("n.d.", "undated", "年代不详" …) and nothing more? */
export function isUndatedText(text: string): boolean {
  if (typeof text !== 'string' || text.length > 200) return false;
  const tokens = tokenize(prepare(text));
  return tokens.length > 0 && tokens.every((t) => t.k === 'flag' && (t.v === 'nul' || t.v === 'unc'));
}
