// One parsed draft → the object the catalogue stores. Pure and cheap (no I/O, regexes
// compiled once, date texts memoised): the pipeline runs it for every record.
//
// What it does, field by field:
// * every language map: values through cleanText, keys through languageTag; a key that
//   names no language ("und", "@none", "true", "") takes the record's language, else the
//   source's default, else "und". Two keys that become one (en + eng) keep the first
//   text; a different second text is reported.
// * production: display kept (cleaned); earliest/latest kept when the record gives them,
//   else read from the display text (parseDateText); reversed years are swapped; a year
//   0 (no such year; some exports use 0 for "unknown") counts as unknown.
// * rights → rightsUri/rightsLabel (rights.ts); the record's own text stays in `rights`.
// * URLs (homepage, sameAs, images) trimmed, only http(s) kept; vocabulary ids in their
//   canonical form (Getty AAT/TGN/ULAN, Wikidata, GeoNames, nomisma, VIAF), so the same
//   concept from two records matches.
// * terms deduplicated by a shared id, else by the same label; images by their URL.
// * makers: placeholders ("Unknown", "佚名") left out unless they carry an id; nationality
//   and dates written into the name ("Hafiz (Persian, died 791 AH/AD 1389)") go to `about`.
// * coordinates: lat -90..90 and lon -180..180, both present, not 0,0; else dropped.
// * inscriptions: transcriptions are not stripped of brackets or markup (html: false), and
//   keep their ideographic and no-break spaces (only typed spaces run together).
// Every repair adds a line to `warnings` ("code: what"), for the run report.

import { IIIF_IMAGE_REQUEST, type Agent, type DateSpan, type ImageRef, type Inscription, type LangMap, type Measurement, type ObjectDraft, type PlaceRef, type Term } from '../record.types.ts';
import { isUndatedText, parseDateText, type DatePrecision, type ParsedDate } from './dates.ts';
import { normaliseRights } from './rights.ts';
import { measurementsFromText, measurementType, measurementUnit } from './dimensions.ts';
import { tagForScript } from './scripts.ts';
import { foldText } from '../../../shared/text.ts';
import { cleanText, languageTag, trimSeparators } from './text.ts';

export interface NormalisedDateSpan extends DateSpan {
  /** where earliest/latest come from: the record's numbers, or read from the display text */
  yearsFrom?: 'record' | 'text';
  precision?: DatePrecision;
  approximate?: true;
  uncertain?: true;
  inferred?: true;
  open?: 'after' | 'before';
}

/** What the catalogue stores for an object: the draft, cleaned and completed. */
export interface NormalisedObject extends Omit<ObjectDraft, 'production'> {
  production?: NormalisedDateSpan | null;
  /** the rights statement as a Creative Commons or rightsstatements.org URI, when recognised */
  rightsUri: string | null;
  rightsLabel?: string;
  /** each repair made, "code: detail" */
  warnings: string[];
}

export interface NormaliseContext {
  /** the source's language, for texts whose record names none (BCP 47) */
  defaultLanguage: string;
}

interface State {
  fallback: string;
  warnings: string[];
}

// ---------------------------------------------------------------------------------
// language maps

const EMPTY_MARKS = /^[\s;,:"'“”„«»‘’_-]*$/;

function langMap(map: LangMap | null | undefined, where: string, st: State, html = true): LangMap | undefined {
  if (!map || typeof map !== 'object') return undefined;
  let out: LangMap | undefined;
  let undTagged = false;
  const keys = Object.keys(map);
  for (const key of keys) {
    const raw = map[key];
    if (typeof raw !== 'string') continue;
    // (an export's empty-field marks: ";", '""' are no text, "Elsene;" a separator too many)
    const text = trimSeparators(cleanText(raw, html ? undefined : { html: false }));
    if (!text || EMPTY_MARKS.test(text)) continue;
    let tag = languageTag(key);
    if (!tag) {
      // beside a text that says it is in the fallback language, this one is not (LIDO:
      // <term>Steel</term><term xml:lang="de">Stahl</term> in a German record)
      const unsaid = key === 'und' || key === 'zxx';
      // zxx says the text has no language ("44,5 x 59,5"): und, as the platform writes it
      tag = key === 'zxx' || (unsaid && keys.some((k) => k !== key && languageTag(k) === st.fallback)) ? 'und' : st.fallback;
      if (!unsaid && key !== '') st.warnings.push(`unknown_language: ${where} key ${JSON.stringify(key)} taken as ${tag}`);
    }
    const written = tagForScript(tag, text);
    // (a second text of the same script keeps its tag rather than be dropped)
    if (written !== tag && out?.[written] === undefined) {
      st.warnings.push(`script_mismatch: ${where} ${JSON.stringify(text.slice(0, 40))} is not written in a script of ${tag}: taken as ${written}`);
      tag = written;
    }
    out ??= {};
    if (tag.startsWith('und')) undTagged = true;
    const prior = out[tag];
    if (prior === undefined) out[tag] = text;
    else if (prior !== text) st.warnings.push(`language_conflict: ${where} has two ${tag} texts; kept the first`);
  }
  // a text re-tagged und-… that another language gives word for word is a copy (M+ fills
  // zh-hant with the English when it has no Chinese): the tagged one says more
  if (undTagged && out && Object.keys(out).length > 1) {
    for (const k of Object.keys(out)) {
      if (k.startsWith('und') && Object.keys(out).some((o) => o !== k && !o.startsWith('und') && out![o] === out![k])) delete out[k];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// URLs and ids

const HTTP = /^https?:\/\//i;
const WS_INSIDE = /\s+/g;
const WS = /\s/;
/** what follows a space is still the link's path: it names a file, or has a "/" */
const PATH_GOES_ON = /\/|\.[a-z][a-z0-9]{1,4}$/i;
/** already in the form URL would give: lower-case scheme and host, printable ASCII only */
const PLAIN_URL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?\/[\x21-\x7e]*$/;

function httpUrl(raw: unknown, where: string, st: State): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (!s) return undefined;
  if (PLAIN_URL.test(s) && !s.includes('\\') && !s.includes('/./') && !s.includes('/../')) return s;
  if (HTTP.test(s)) {
    // "…doc_number=000156913 sygn. P.10113", "…/a.jpg (recto)": words after the link are no
    // part of it; spaces inside a file's path ("…/Plate 12 recto.jpg") are, and are encoded
    const gap = s.search(WS);
    const link = gap > 0 && !PATH_GOES_ON.test(s.slice(gap).trim()) ? s.slice(0, gap) : s;
    try {
      return new URL(link.replace(WS_INSIDE, '%20')).href;
    } catch {
      // fall through to the warning
    }
  }
  st.warnings.push(`invalid_url: ${where} ${JSON.stringify(s.slice(0, 200))} dropped`);
  return undefined;
}

const GETTY_CURIE = /^(aat|tgn|ulan):\s*(\d+)$/i;
const GETTY_URI = /^https?:\/\/vocab\.getty\.edu\/(?:page\/)?(aat|tgn|ulan)\/(\d+)(?:\.[a-z]+)?\/?$/i;
const WIKIDATA = /^(?:wd:|wikidata:)?(Q\d+)$|^https?:\/\/(?:www\.|m\.)?wikidata\.org\/(?:wiki|entity|prop\/direct)\/(?:Special:EntityData\/)?(Q\d+)(?:[#?/.].*)?$/i;
// a link to Wikidata's search for an id (museum-digital): "…/w/index.php?search=&search=Q45621"
const WIKIDATA_SEARCH = /^https?:\/\/(?:www\.|m\.)?wikidata\.org\/w\/index\.php\?(?:[^#&]*&)*search=(Q\d+)(?:[&#]|$)/i;
const GEONAMES = /^geonames:\s*(\d+)$|^https?:\/\/(?:www\.|sws\.)?geonames\.org\/(\d+)(?:[/#?].*)?$/i;
const NOMISMA = /^(?:nm|nomisma):([a-z0-9_.-]+)$|^https?:\/\/nomisma\.org\/id\/([a-z0-9_.-]+?)(?:\.(?:rdf|jsonld|ttl|kml))?\/?$/i;
const VIAF = /^https?:\/\/(?:www\.)?viaf\.org\/viaf\/(\d+)\/?$/i;
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i;

/** A vocabulary id in its canonical URI form, or undefined when it is not a URI. */
export function canonicalId(raw: string): string | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  let m = GETTY_CURIE.exec(s) ?? GETTY_URI.exec(s);
  if (m) return `http://vocab.getty.edu/${m[1]!.toLowerCase()}/${m[2]}`;
  if ((m = WIKIDATA.exec(s))) return `http://www.wikidata.org/entity/${(m[1] ?? m[2])!.toUpperCase()}`;
  if ((m = WIKIDATA_SEARCH.exec(s))) return `http://www.wikidata.org/entity/${m[1]!.toUpperCase()}`;
  if ((m = GEONAMES.exec(s))) return `https://sws.geonames.org/${m[1] ?? m[2]}/`;
  if ((m = NOMISMA.exec(s))) return `http://nomisma.org/id/${m[1] ?? m[2]}`;
  if ((m = VIAF.exec(s))) return `http://viaf.org/viaf/${m[1]}`;
  if (URN.test(s)) return s;
  if (HTTP.test(s)) {
    try {
      return new URL(s).href;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const EXAMPLE_HOST = /^https?:\/\/(?:[^/]+\.)?example\.(?:org|com|net)(?:[:/]|$)/i;

function ids(list: readonly string[] | undefined, where: string, st: State): string[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  let out: string[] | undefined;
  for (const raw of list) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const id = canonicalId(raw);
    if (!id) {
      st.warnings.push(`invalid_id: ${where} ${JSON.stringify(raw.slice(0, 200))} is not a URI; dropped`);
      continue;
    }
    // example.org, example.com … (RFC 2606) name nothing: a template's placeholder (the Met's export)
    if (EXAMPLE_HOST.test(id)) {
      st.warnings.push(`placeholder_id: ${where} ${id} names nothing; dropped`);
      continue;
    }
    out ??= [];
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

// ---------------------------------------------------------------------------------
// terms, agents, places

function labelKeys(label: LangMap): string[] {
  const keys: string[] = [];
  for (const k of Object.keys(label)) keys.push(`${k}\u0000${label[k]!.toLowerCase()}`);
  return keys;
}

// An Iconclass id is its notation, which iconographers read as a label ("48C5"); any other
// term known only by its id (EDM's rdf:resource to a VIAF or YSO concept the record does
// not describe) is kept for its id, and said.
const ICONCLASS_ID = /^https?:\/\/iconclass\.org\/(?:rkd\/)?([^/?#]+)$/;
function decodedOr(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a stray "%": the notation as written
  }
}

function unlabelled(termIds: string[], where: string, st: State): LangMap {
  for (const id of termIds) {
    const m = ICONCLASS_ID.exec(id);
    if (m) return { und: decodedOr(m[1]!) };
  }
  st.warnings.push(`unlabelled_term: ${where} ${termIds[0]} has no label`);
  return {};
}

function terms(list: readonly Term[] | undefined, where: string, st: State): Term[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: Term[] = [];
  const byKey = new Map<string, Term>();
  for (const t of list) {
    if (!t || typeof t !== 'object') continue;
    let label = langMap(t.label, `${where} label`, st) ?? {};
    const termIds = ids(t.ids, where, st);
    const keys = [...(termIds ?? []), ...labelKeys(label)];
    if (!keys.length) continue; // no label, no id: nothing to keep
    if (!Object.keys(label).length) label = unlabelled(termIds!, where, st);
    let same: Term | undefined;
    for (const k of keys) if ((same = byKey.get(k))) break;
    if (same) {
      // merge: the first keeps its texts, gains languages and ids
      for (const lang of Object.keys(label)) same.label[lang] ??= label[lang]!;
      if (termIds) same.ids = [...new Set([...(same.ids ?? []), ...termIds])];
      st.warnings.push(`duplicate_term: ${where} ${JSON.stringify(Object.values(label)[0] ?? termIds?.[0] ?? '')} merged`);
      for (const k of [...(same.ids ?? []), ...labelKeys(same.label)]) byKey.set(k, same);
      continue;
    }
    const term: Term = termIds ? { label, ids: termIds } : { label };
    out.push(term);
    for (const k of keys) byKey.set(k, term);
  }
  return out.length ? out : undefined;
}

// "Unknown", "Anonymous", "[Ανωνύμως]", "Fotograf unbekannt", "佚名": a maker field that
// says no one is known. As a maker it would be the catalogue's most frequent one. Matched
// folded as search folds text (case, accents, brackets), so "ΑΝΩΝΥΜΟΣ" and a decomposed
// "Ανωνύμως" are found too.
const ROLE_WORDS = ['artist', 'maker', 'author', 'photographer', 'fotograf', 'künstler', 'hersteller', 'urheber', 'auteur', 'artiste', 'autore', 'autor'];
const NOBODY_WORDS = [
  'unknown', 'unidentified', 'anonymous', 'anon', 'unbekannt', 'anonym', 'inconnu', 'inconnue', 'anonyme', 'anonimo', 'ignoto', 'anónimo', 'desconocido',
  'onbekend', 'anoniem', 'anonim', 'nieznany', 'necunoscut', 'bilinmiyor', 'nepoznat', 'ismeretlen', 'neznámý', 'sconosciuto', 'desconhecido', 'неизвестен', 'неизвестный', 'неизвестно', 'аноним', 'ανώνυμος', 'ανωνύμως', 'άγνωστος', 'مجهول', 'ناشناس',
  '佚名', '无名氏', '無名氏', '不详', '不詳',
];
const alternation = (words: string[]) => [...new Set(words.map(foldText))].join('|');
const NOBODY = new RegExp(`^(?:(?:${alternation(ROLE_WORDS)}) )?(?:${alternation(NOBODY_WORDS)})(?: (?:${alternation(ROLE_WORDS)}))?$`, 'u');
function isPlaceholderName(name: string): boolean {
  return name.length <= 40 && NOBODY.test(foldText(name));
}

// "Nizami Ganjavi (Azerbaijani, died 605 AH/AD 1209)", "Zakariya Qazwini (ca. 1203-1283)",
// "齐白石（1864—1957）", "Hokusai, Katsushika, 1760-1849": nationality and dates written into
// the name. The name alone is the maker (the same person across records and museums); the
// rest is kept beside it. In brackets, only with a year or a century in them: "Painter (?)"
// and "Master of the Legend of St. Ursula (Bruges)" keep their brackets.
const NAME_WITH_ABOUT = /^(.*?\S)\s*[(（]([^()（）]*(?:\d{3,4}|\d\s*(?:st|nd|rd|th)\b|\d\s*(?:世纪|世紀))[^()（）]*)[)）]$/iu;
// "Vincent van Gogh, Dutch, 1853 - 1890" (Harvard): a name in its natural order, a nationality,
// then the dates. Only a name with no comma of its own: "Bach, Johann Christian, 1735-1782" is a
// heading whose forenames are no nationality, and so is one that starts with a particle
// ("Von Kleist, Heinrich, 1777-1811", "Le Sidaner, Henri, 1862-1939").
const NAME_NATIONALITY_DATES = /^(?!(?:[Vv]on|[Vv]an|[Dd]e|[Dd]i|[Dd]a|[Dd]u|[Dd]el|[Dd]ella|[Dd]er|[Dd]en|[Dd]es|[Ll]a|[Ll]e|[Tt]er|[Tt]en|[Ee]l|[Aa]l|[Dd]al)\s)([^,(（\d]*\S\s+\S[^,(（\d]*),\s*(\p{Lu}[\p{L}'-]*(?:an|ese|ish|ch|sh|ic|i|ss|ek|ai)(?:\s+\p{Lu}[\p{L}'-]*)?,\s*(?:(?:ca?|b|d|fl)\.\s*|(?:born|died|active|flourished)\s+)?\d{3,4}(?!\d).*)$/u;
// "Hokusai, Katsushika, 1760-1849" (a library heading), "Peter Gaspar Scheemakers, 1691–1781,
// Flemish, active in Britain (from ca. 1720)" (YCBA): the dates after a comma, and all that follows
const NAME_COMMA_DATES = /^([^,(（]*[^\s,\d(（][^,(（]*(?:,[^,\d(（]*[^\s,\d(（])*?),\s*((?:(?:ca?|b|d|fl)\.\s*|(?:born|died|active|flourished|geb\.|gest\.)\s+)?\d{3,4}(?!\d).*)$/iu;

function splitAbout(name: LangMap, about: LangMap | undefined): { name: LangMap; about?: LangMap } {
  let bare: LangMap | undefined;
  let found: LangMap | undefined;
  for (const [k, v] of Object.entries(name)) {
    // (a longer "name" is a sentence, and the patterns are not linear on it)
    const m = v.length > 200 ? null : (NAME_NATIONALITY_DATES.exec(v) ?? NAME_COMMA_DATES.exec(v) ?? NAME_WITH_ABOUT.exec(v));
    if (!m) continue;
    // "Unknown (Chinese, 19th century)": an attribution, not a placeholder with dates; kept whole
    if (isPlaceholderName(m[1]!)) continue;
    (bare ??= { ...name })[k] = m[1]!;
    (found ??= {})[k] = m[2]!.trim();
  }
  if (!bare) return about ? { name, about } : { name };
  if (!about) return { name: bare, about: found! };
  // the record's own about first, then what the name said ("French king; 1638-1715")
  const both: LangMap = { ...about };
  for (const [k, v] of Object.entries(found!)) both[k] = both[k] && both[k] !== v ? `${both[k]}; ${v}` : v;
  return { name: bare, about: both };
}

function agents(list: readonly Agent[] | undefined, st: State): Agent[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: Agent[] = [];
  const seen = new Set<string>();
  for (const a of list) {
    if (!a || typeof a !== 'object') continue;
    const split = splitAbout(langMap(a.name, 'maker name', st) ?? {}, langMap(a.about, 'maker about', st));
    const name = split.name;
    const role = langMap(a.role, 'maker role', st);
    const agentIds = ids(a.ids, 'maker', st);
    if (!Object.keys(name).length && !agentIds) continue;
    if (!Object.keys(name).length) st.warnings.push(`unnamed_maker: ${agentIds![0]} has no name`);
    if (!agentIds && Object.values(name).every(isPlaceholderName)) {
      st.warnings.push(`placeholder_maker: ${JSON.stringify(Object.values(name)[0])} names no one; left out`);
      continue;
    }
    const key = list.length > 1 ? JSON.stringify([name, role ?? null, agentIds ?? null]) : '';
    if (key && seen.has(key)) {
      st.warnings.push(`duplicate_maker: ${JSON.stringify(Object.values(name)[0] ?? '')} listed twice; kept once`);
      continue;
    }
    seen.add(key);
    const agent: Agent = { name };
    if (role) agent.role = role;
    if (split.about) agent.about = split.about;
    if (agentIds) agent.ids = agentIds;
    out.push(agent);
  }
  return out.length ? out : undefined;
}

function validCoordinate(v: unknown, limit: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit;
}

function places(list: readonly PlaceRef[] | undefined, st: State): PlaceRef[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: PlaceRef[] = [];
  const seen = new Set<string>();
  for (const p of list) {
    if (!p || typeof p !== 'object') continue;
    const name = langMap(p.name, 'place name', st) ?? {};
    const placeIds = ids(p.ids, 'place', st);
    if (!Object.keys(name).length && !placeIds && p.lat === undefined) continue;
    const place: PlaceRef = { name, role: typeof p.role === 'string' && p.role.trim() ? p.role.trim() : 'production' };
    if (p.lat !== undefined || p.lon !== undefined) {
      const label = JSON.stringify(Object.values(name)[0] ?? placeIds?.[0] ?? '');
      if (!validCoordinate(p.lat, 90) || !validCoordinate(p.lon, 180)) {
        st.warnings.push(`invalid_coordinates: place ${label} lat ${String(p.lat)} lon ${String(p.lon)} dropped`);
      } else if (p.lat === 0 && p.lon === 0) {
        st.warnings.push(`invalid_coordinates: place ${label} at 0,0 (an empty value) dropped`);
      } else {
        place.lat = p.lat;
        place.lon = p.lon;
      }
    }
    if (placeIds) place.ids = placeIds;
    const key = list.length > 1 ? JSON.stringify([place.name, place.role, place.lat, place.lon, place.ids]) : '';
    if (key && seen.has(key)) continue;
    seen.add(key);
    out.push(place);
  }
  return out.length ? out : undefined;
}

// ---------------------------------------------------------------------------------
// dates

function yearOrNull(v: unknown, which: string, st: State): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    st.warnings.push(`invalid_year: ${which} ${JSON.stringify(v)} is not a whole year; ignored`);
    return null;
  }
  if (v === 0) {
    st.warnings.push(`invalid_year: ${which} 0 (there is no year 0) taken as unknown`);
    return null;
  }
  // a typing slip ("17000" for 1700): no object is made after this year
  if (v > LAST_YEAR) {
    st.warnings.push(`invalid_year: ${which} ${v} is after ${LAST_YEAR}; taken as unknown`);
    return null;
  }
  return v;
}
const LAST_YEAR = new Date().getUTCFullYear() + 1;

/**
 * Years a record gives that cannot be the date its own text states: no overlap at all, or
 * century numbers typed into the year fields (Walters: DateBeginYear 9, DateEndYear 10
 * for "9th-10th century?"). The text is what the museum shows, so its years are used.
 */
function centuryNumbersAsYears(earliest: number, latest: number, text: string | undefined, parsed: ParsedDate | null, st: State): boolean {
  if (!parsed || parsed.latest > LAST_YEAR) return false;
  const apart = earliest > parsed.latest || latest < parsed.earliest;
  const ordinals = parsed.precision === 'century' && parsed.earliest >= 100 && (Math.abs(earliest) <= 21 || Math.abs(latest) <= 21);
  if (!apart && !ordinals) return false;
  st.warnings.push(`years_disagree: the record's years ${earliest}–${latest} are not those of ${JSON.stringify(text!.slice(0, 120))}; the text's are used`);
  return true;
}

function production(span: DateSpan | null | undefined, st: State): NormalisedDateSpan | null | undefined {
  if (span === null) return null;
  if (!span || typeof span !== 'object') return undefined;
  const display = langMap(span.display, 'production date', st) ?? {};
  let earliest = yearOrNull(span.earliest, 'earliest', st);
  let latest = yearOrNull(span.latest, 'latest', st);
  const out: NormalisedDateSpan = { display, earliest, latest };
  if (earliest !== null || latest !== null) out.yearsFrom = 'record';
  if (earliest !== null && latest !== null) {
    const text = Object.values(display)[0];
    const parsed = text === undefined ? null : parseDateText(text);
    if (centuryNumbersAsYears(earliest, latest, text, parsed, st)) {
      earliest = null;
      latest = null;
      delete out.yearsFrom;
    } else if (parsed) {
      // the record's years, as approximate or uncertain as its text says ("c. 1550–1650")
      if (parsed.approximate) out.approximate = true;
      if (parsed.uncertain) out.uncertain = true;
    }
  }
  if (earliest === null || latest === null) {
    for (const text of Object.values(display)) {
      const parsed = parseDateText(text);
      if (!parsed) continue;
      if (earliest === null) earliest = parsed.earliest;
      if (latest === null) latest = parsed.latest;
      // a bound taken from "?c.1785" is as approximate and uncertain as the text says
      if (parsed.approximate) out.approximate = true;
      if (parsed.uncertain) out.uncertain = true;
      if (!out.yearsFrom) {
        out.yearsFrom = 'text';
        if (parsed.precision) out.precision = parsed.precision;
        if (parsed.inferred) out.inferred = true;
        if (parsed.open) out.open = parsed.open;
      }
      break;
    }
    const first = Object.values(display)[0];
    if (earliest === null && latest === null && first !== undefined && !isUndatedText(first)) {
      st.warnings.push(`unparsed_date: ${JSON.stringify(first.slice(0, 120))} gave no years`);
    }
  }
  if (earliest !== null && latest !== null && earliest > latest) {
    st.warnings.push(`reversed_years: earliest ${earliest} after latest ${latest}; swapped`);
    [earliest, latest] = [latest, earliest];
  }
  out.earliest = earliest;
  out.latest = latest;
  return out;
}

// ---------------------------------------------------------------------------------
// measurements, inscriptions, images

function measurements(list: readonly Measurement[] | undefined, st: State): Measurement[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: Measurement[] = [];
  for (const m of list) {
    if (!m || typeof m !== 'object') continue;
    const type = typeof m.type === 'string' ? m.type.trim() : '';
    const unit = typeof m.unit === 'string' ? m.unit.trim() : '';
    if (!type || !unit || typeof m.value !== 'number' || !Number.isFinite(m.value) || m.value <= 0) {
      st.warnings.push(`invalid_measurement: ${JSON.stringify([m.type, m.value, m.unit])} dropped`);
      continue;
    }
    const named = measurementType(type);
    const r: Measurement = { type: named.type, value: m.value, unit: measurementUnit(unit) };
    if (typeof m.part === 'string' && m.part.trim()) r.part = m.part.trim();
    else if (named.part) r.part = named.part;
    out.push(r);
  }
  return out.length ? out : undefined;
}

function fromText(text: LangMap | undefined): Measurement[] | undefined {
  if (!text) return undefined;
  for (const t of Object.values(text)) {
    const m = measurementsFromText(t);
    if (m.length) return m;
  }
  return undefined;
}

/**
 * Structured measurements, completed from the dimensions text when they are the same
 * measurement with values left out (M+: "overall: 29 × 16.7 × 16.7 cm" with only the
 * height filled in): the text must agree on a value the record gives, and no value has a part.
 */
function completed(structured: Measurement[] | undefined, text: LangMap | undefined): Measurement[] | undefined {
  if (!structured) return fromText(text);
  // height and width given: what a text adds (its product is height × width) is there already
  const given = (type: string) => structured.some((m) => m.type === type);
  if (!text || structured.some((m) => m.part) || (given('height') && given('width'))) return structured;
  const found = fromText(text);
  // one part named in the text ("sheet: 79.8 x 106.6 cm") is the measurement the record
  // filled in; several parts are several measurements, and which one it is is unsaid
  if (!found || new Set(found.map((x) => x.part)).size > 1) return structured;
  const read = found.map(({ part: _, ...x }) => x);
  const same = (m: Measurement) => read.find((x) => x.type === m.type);
  const agree = structured.some((m) => same(m)) && structured.every((m) => !same(m) || (same(m)!.value === m.value && same(m)!.unit === m.unit));
  const extra = agree ? read.filter((x) => !structured.some((m) => m.type === x.type)) : [];
  return extra.length ? [...structured, ...extra] : structured;
}

function inscriptions(list: readonly Inscription[] | undefined, st: State): Inscription[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: Inscription[] = [];
  for (const i of list) {
    if (!i || typeof i !== 'object' || typeof i.text !== 'string') continue;
    // a transcription keeps its brackets and signs: only whitespace, controls and NFC
    const text = cleanText(i.text, { html: false });
    if (!text) continue;
    const r: Inscription = { text };
    const lang = typeof i.lang === 'string' ? languageTag(i.lang) : undefined;
    if (lang) r.lang = lang;
    if (typeof i.kind === 'string' && i.kind.trim()) r.kind = i.kind.trim();
    const translation = langMap(i.translation, 'inscription translation', st);
    if (translation) r.translation = translation;
    if (typeof i.position === 'string' && i.position.trim()) r.position = i.position.trim();
    out.push(r);
  }
  return out.length ? out : undefined;
}

const INFO_JSON = /\/info\.json$/i;
const TRAILING_SLASHES = /\/+$/;

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : undefined;
}

function images(list: readonly ImageRef[] | undefined, st: State): ImageRef[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: ImageRef[] = [];
  const byKey = new Map<string, ImageRef>();
  let primary: ImageRef | undefined;
  for (const i of list) {
    if (!i || typeof i !== 'object') continue;
    const r: ImageRef = {};
    const service = httpUrl(i.iiifService, 'image service', st);
    if (service) r.iiifService = service.replace(INFO_JSON, '').replace(TRAILING_SLASHES, '');
    const url = httpUrl(i.url, 'image', st);
    if (url) r.url = url;
    // a plain link that is an Image API request names its service (…/iiif/2/ab12/full/max/0/default.jpg)
    if (!r.iiifService && url) {
      const req = IIIF_IMAGE_REQUEST.exec(url);
      if (req) r.iiifService = req[1]!;
    }
    const manifest = httpUrl(i.manifest, 'manifest', st);
    if (manifest) r.manifest = manifest;
    if (!r.iiifService && !r.url && !r.manifest) continue;
    const thumbnail = httpUrl(i.thumbnail, 'thumbnail', st);
    if (thumbnail) r.thumbnail = thumbnail;
    const width = positiveInt(i.width);
    const height = positiveInt(i.height);
    if (width) r.width = width;
    if (height) r.height = height;
    if (typeof i.rights === 'string' && i.rights.trim()) r.rights = normaliseRights(i.rights).uri ?? i.rights.trim();
    const caption = langMap(i.caption, 'image caption', st);
    if (caption) r.caption = caption;
    const key = r.iiifService ?? r.url ?? r.manifest!;
    const same = byKey.get(key);
    if (same) {
      st.warnings.push(`duplicate_image: ${key.slice(0, 200)} dropped`);
      if (i.primary === true && !primary) {
        same.primary = true;
        primary = same;
      }
      continue;
    }
    if (i.primary === true) {
      if (primary) st.warnings.push(`several_primary_images: ${key.slice(0, 200)} is not primary`);
      else {
        r.primary = true;
        primary = r;
      }
    }
    byKey.set(key, r);
    out.push(r);
  }
  return out.length ? out : undefined;
}

function urls(list: readonly string[] | undefined, where: string, st: State): string[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  let out: string[] | undefined;
  for (const raw of list) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const id = HTTP.test(raw.trim()) ? canonicalId(raw) : undefined;
    if (!id) {
      st.warnings.push(`invalid_url: ${where} ${JSON.stringify(raw.slice(0, 200))} dropped`);
      continue;
    }
    out ??= [];
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

function plain(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.replace(WS_INSIDE, ' ').trim();
  return s || undefined;
}

// ---------------------------------------------------------------------------------

/** Clean and complete one draft (see the top of this file). Pure: the draft is not changed. */
export function normaliseDraft(d: ObjectDraft, ctx: NormaliseContext): NormalisedObject {
  const recordLanguage = typeof d.language === 'string' ? languageTag(d.language) : undefined;
  const st: State = { fallback: recordLanguage ?? languageTag(ctx.defaultLanguage) ?? 'und', warnings: [] };
  const rights = normaliseRights(d.rights);

  const title = langMap(d.title, 'title', st) ?? {};
  if (!Object.keys(title).length) st.warnings.push('empty_title: no title text left after cleaning');
  const o: NormalisedObject = {
    identifier: typeof d.identifier === 'string' ? d.identifier.trim() : d.identifier,
    title,
    rightsUri: rights.uri,
    warnings: st.warnings,
  };
  const inventoryNumber = plain(d.inventoryNumber);
  if (inventoryNumber) o.inventoryNumber = inventoryNumber;
  if (Array.isArray(d.alternativeTitles)) {
    const alts: LangMap[] = [];
    const seen = new Set<string>([JSON.stringify(title)]);
    for (const a of d.alternativeTitles) {
      const m = langMap(a, 'alternative title', st);
      if (!m) continue;
      const key = JSON.stringify(m);
      if (seen.has(key)) continue;
      seen.add(key);
      alts.push(m);
    }
    if (alts.length) o.alternativeTitles = alts;
  }
  const description = langMap(d.description, 'description', st);
  if (description) o.description = description;
  const objectTypes = terms(d.objectTypes, 'object type', st);
  if (objectTypes) o.objectTypes = objectTypes;
  const classification = terms(d.classification, 'classification', st);
  if (classification) o.classification = classification;
  const materials = terms(d.materials, 'material', st);
  if (materials) o.materials = materials;
  const techniques = terms(d.techniques, 'technique', st);
  if (techniques) o.techniques = techniques;
  const cultures = terms(d.cultures, 'culture', st);
  if (cultures) o.cultures = cultures;
  const periods = terms(d.periods, 'period', st);
  if (periods) o.periods = periods;
  const makers = agents(d.makers, st);
  if (makers) o.makers = makers;
  const prod = production(d.production, st);
  if (prod !== undefined) o.production = prod;
  const placeList = places(d.places, st);
  if (placeList) o.places = placeList;
  const dimensionsText = langMap(d.dimensionsText, 'dimensions', st);
  if (dimensionsText) o.dimensionsText = dimensionsText;
  // a record that gives its dimensions only as text: what the text states plainly
  const measured = completed(measurements(d.measurements, st), dimensionsText);
  if (measured) o.measurements = measured;
  const inscribed = inscriptions(d.inscriptions, st);
  if (inscribed) o.inscriptions = inscribed;
  const creditLine = langMap(d.creditLine, 'credit line', st);
  if (creditLine) o.creditLine = creditLine;
  const provenance = langMap(d.provenance, 'provenance', st);
  if (provenance) o.provenance = provenance;
  const rightsText = plain(d.rights);
  if (rightsText) o.rights = rightsText;
  if (rights.label) o.rightsLabel = rights.label;
  const imageList = images(d.images, st);
  if (imageList) o.images = imageList;
  const homepage = httpUrl(d.homepage, 'homepage', st);
  if (homepage) o.homepage = homepage;
  const sameAs = urls(d.sameAs, 'sameAs', st);
  if (sameAs) o.sameAs = sameAs;
  const subjects = terms(d.subjects, 'subject', st);
  if (subjects) o.subjects = subjects;
  if (recordLanguage) o.language = recordLanguage;
  return o;
}
