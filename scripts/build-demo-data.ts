// Builds the demo catalogue in seeds/demo/ from the open museum data in
// ../shared/data/collections (The Walters Art Museum, Baltimore; M+, Hong Kong).
//
//   node --import tsx scripts/build-demo-data.ts [path/to/collections]
//
// Writes seeds/demo/publishers.json, walters.ndjson, mplus.ndjson and README.md.
// Facts only: identifiers, titles, dates, cultures, periods, materials, object types,
// places, dimensions, makers' names and roles, image links, credit lines, licence.
// Never the publishers' prose (Walters Description/Provenance/Inscriptions/Exhibitions/
// Keywords — the Walters' long texts are GNU FDL, not CC0 —, M+ image alt texts,
// constituents' biographies).
//
// Deterministic: the same input gives byte-identical output (records sorted by
// identifier, keys in a fixed order, no timestamps).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Agent,
  DateSpan,
  ImageRef,
  LangMap,
  Measurement,
  ObjectDraft,
  PlaceRef,
  Term,
} from '../src/modules/harvest/record.types.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(REPO_ROOT, 'seeds/demo');
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';

// The source repositories, as stated in ../shared/data/collections/README.md.
const WALTERS_SOURCE = {
  repository: 'https://github.com/WaltersArtMuseum/api-thewalters-org',
  branch: 'v1',
  commit: '6027e27c502de25b6ce2e6f466453a0bfb41577d',
  dataCommit: '243792177592b5bec80d9c2d4856e72084dedfed',
  path: 'objects/data/<n>/<nnn>/<ObjectID>.json',
};
const MPLUS_SOURCE = {
  repository: 'https://github.com/mplusmuseum/collection-data',
  commit: 'ed3cb2a320120f936ed262911adfb8001bdf92f6',
  path: 'objects_Sigg_Collection_JSON/<bucket>/<id>.json, constituents_JSON/<bucket>/<id>.json',
};

// ---------------------------------------------------------------------------------
// Selection of Walters records ("Silk Road objects"). A record is kept when at least
// one rule matches and it is not excluded by the date floor.

/** Culture (split on ';') names a people, faith or state of the Silk Road world. */
const CULTURE_RE =
  /\b(Islamic|Persian|Iranian|Turkish|Turkic|Ottoman|Seljuk|Arab|Arabic|Syrian|Central Asian|Chinese|Mongol|Mongolian|Tibetan|Sogdian|Sasanian|Sassanian|Parthian|Bactrian|Hunnish|Scythian|Armenian|Georgian|Byzantine|Coptic|Indian|Mughal|Hindu|Russian|Kievan Rus)\b/i;

/** Geographies of type origin / discovery / binding / source of materials (not "Place
 * Depicted" or "Place Mentioned") whose term or TGN hierarchy names a country or region
 * along the routes. Terms are the TGN's native names as the Walters writes them. */
const GEO_RE = new RegExp(
  [
    'Zhonghua', // China (incl. Shanghai, Beijing … under it)
    'Xizang', // Tibet
    'Mongol Uls',
    'Îran',
    'Afghanestan',
    'Ozbekistan',
    'Uzbekistan',
    'Samarkand',
    'Samarqand',
    'Bukhoro',
    'Turkmenistan',
    'Tajikistan',
    'Kazakhstan',
    'Qazaqstan',
    'Kyrgyz',
    'Pakistan', // Lahore …
    'Bharat', // India
    'Nepal',
    'Himalayas',
    'Türkiye',
    'Suriyah', // Syria
    'Iraq', // Al-‘Iraq
    'Misr', // Egypt
    'Al-Lubnan',
    "Yisra'el",
    'Palestine',
    'Al-Urdunn',
    'Arabian Peninsula',
    'Middle East',
    'Mesopotamia',
    'Hayastan', // Armenia
    'Sakartvelo', // Georgia
    'Azarbaijan',
    'Azərbaycan',
    'Caucasus',
    'Caspian Sea',
    'Rossiya', // Russia
  ]
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);
const GEO_TYPES_OF_MAKING = new Set([
  'Place of Origin',
  'Place of Discovery',
  'Place of Binding',
  'Source of Materials',
]);

/** Dynasty / Period / Reign names a Silk Road dynasty or era. */
const DYNASTY_RE =
  /\b(Han|Sui|Tang|Liao|Song|Jin|Yuan|Ming|Qing|Achaemenid|Parthian|Kushan|Sasanian|Sassanian|Umayyad|Abbasid|Fatimid|Samanid|Ghaznavid|Seljuk|Seljuq|Ilkhanid|Mamluk|Timurid|Safavid|Zand|Qajar|Ottoman|Mughal|Deccan|Rajput|Byzantine|Post-Byzantine|Macedonian Dynasty|Comnen\w*|Palaeologan|Bagrationi|Rurikid|Romanov)\b/;

/** Exclusion: made entirely before 550 BCE (before the Achaemenid roads; the Silk Road
 * proper opened in the 2nd century BCE). */
const DATE_FLOOR = -550;

// ---------------------------------------------------------------------------------
// Small helpers

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string field, whitespace collapsed; line breaks become "; ". Empty → undefined. */
function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v
    .replace(/\s*;?\s*[\r\n]+\s*/g, '; ')
    .replace(/\s+/g, ' ')
    .replace(/^[;\s]+|[;\s]+$/g, '')
    .trim();
  return s === '' ? undefined : s;
}

function lang(pairs: [string, unknown][]): LangMap | undefined {
  const m: LangMap = {};
  for (const [k, v] of pairs) {
    const t = text(v);
    if (t !== undefined) m[k] = t;
  }
  return Object.keys(m).length ? m : undefined;
}

function year(v: unknown): number | null {
  // 0 is the Walters' placeholder for "no year"; years after 2100 are typos (e.g. 17000).
  if (typeof v !== 'number' || !Number.isInteger(v) || v === 0 || v > 2100) return null;
  return v;
}

function nonEmpty<T>(a: T[]): T[] | undefined {
  return a.length ? a : undefined;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function terms(labels: (string | undefined)[], language = 'en'): Term[] | undefined {
  const out = uniqueBy(
    labels.filter((s): s is string => !!s),
    (s) => s,
  ).map((s) => ({ label: { [language]: s } }));
  return nonEmpty(out);
}

function splitList(v: unknown, sep = ';'): string[] {
  const t = text(v);
  if (!t) return [];
  return t
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** ObjectDraft with keys in the order of the interface and no undefined members. */
function ordered(d: ObjectDraft): ObjectDraft {
  const keys: (keyof ObjectDraft)[] = [
    'identifier',
    'inventoryNumber',
    'title',
    'objectTypes',
    'classification',
    'materials',
    'techniques',
    'cultures',
    'periods',
    'makers',
    'production',
    'places',
    'dimensionsText',
    'measurements',
    'creditLine',
    'rights',
    'images',
    'homepage',
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (d[k] !== undefined) out[k] = d[k];
  return out as unknown as ObjectDraft;
}

/** Every string value of a draft, for the no-prose guard. */
function strings(v: unknown, acc: string[] = []): string[] {
  if (typeof v === 'string') acc.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, acc);
  else if (isObj(v)) for (const x of Object.values(v)) strings(x, acc);
  return acc;
}

/** Short facts (a title, a maker's name) that the prose quotes: tolerated, counted. */
const quoted = new Set<string>();

/** Throws if a 48-character stretch of a prose field appears in a draft value longer than
 * 160 characters — i.e. anything beyond a title, name or short statement that the prose
 * itself quotes (those are counted in `quoted`). */
function assertNoProse(draft: ObjectDraft, prose: unknown[], where: string): void {
  const values = strings(draft);
  for (const p of prose) {
    for (const raw of strings(p)) {
      const t = raw.replace(/\s+/g, ' ').trim();
      if (t.length < 48) continue;
      for (let i = 0; i + 48 <= t.length; i += 24) {
        const w = t.slice(i, i + 48);
        for (const v of values) {
          if (!v.includes(w)) continue;
          if (v.length > 160) throw new Error(`${where}: prose copied into the draft: "${w}"`);
          quoted.add(`${where}: ${v}`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------
// Walters

const GEO_ROLE: Record<string, string> = {
  'Place of Origin': 'production',
  'Place of Discovery': 'findspot',
  'Place of Binding': 'binding',
  'Source of Materials': 'source of materials',
  'Place Depicted': 'depicted',
  'Place Mentioned': 'mentioned',
};

function waltersPeriods(r: Obj): Term[] | undefined {
  const labels: string[] = [];
  for (const s of splitList(r.Dynasty)) {
    // "Mughal Dynasty, Safavid Dynasty, Qajar Dynasty" is a list too
    const parts = s.split(',').map((x) => x.trim());
    if (parts.length > 1 && parts.every((x) => /Dynasty(?: \(\?\))?$/.test(x))) labels.push(...parts);
    else labels.push(s);
  }
  labels.push(...splitList(r.Period), ...splitList(r.Reign));
  return terms(labels);
}

interface WaltersRules {
  culture: boolean;
  geography: boolean;
  dynasty: boolean;
}

function waltersRules(r: Obj): WaltersRules {
  const culture = splitList(r.Culture).some((c) => CULTURE_RE.test(c));
  const geos = Array.isArray(r.Geographies) ? r.Geographies.filter(isObj) : [];
  const geography = geos.some(
    (g) =>
      typeof g.GeoType === 'string' &&
      GEO_TYPES_OF_MAKING.has(g.GeoType) &&
      GEO_RE.test(`${String(g.GeographyTerm ?? '')} ${String(g.GeoHierarchy ?? '')}`),
  );
  const dynasty = [r.Dynasty, r.Period, r.Reign].some((v) => typeof v === 'string' && DYNASTY_RE.test(v));
  return { culture, geography, dynasty };
}

function waltersDraft(r: Obj): ObjectDraft {
  const identifier = String(r.ObjectID);
  const dimensionsText = text(r.Dimensions);
  const earliest = year(r.DateBeginYear);
  const latest = year(r.DateEndYear);
  const dateText = text(r.DateText);
  const production: DateSpan | undefined =
    dateText || earliest !== null || latest !== null
      ? { display: dateText ? { en: dateText } : {}, earliest, latest }
      : undefined;

  const geos = Array.isArray(r.Geographies) ? r.Geographies.filter(isObj) : [];
  const places = uniqueBy(
    geos.flatMap((g): PlaceRef[] => {
      const name = text(g.GeographyTerm);
      if (!name) return [];
      const p: PlaceRef = { name: { en: name } };
      const geoType = text(g.GeoType);
      p.role = (geoType && GEO_ROLE[geoType]) ?? (geoType ? geoType.toLowerCase() : 'production');
      // lat/long 0/0 with no text coordinates means "unknown" in this source
      if (
        typeof g.LatitudeNumber === 'number' &&
        typeof g.LongitudeNumber === 'number' &&
        g.Latitude != null &&
        g.Longitude != null
      ) {
        p.lat = g.LatitudeNumber;
        p.lon = g.LongitudeNumber;
      }
      return [p];
    }),
    (p) => JSON.stringify(p),
  );

  const creators = Array.isArray(r.Creators) ? r.Creators.filter(isObj) : [];
  const makers = uniqueBy(
    creators.flatMap((c): Agent[] => {
      const name = text(c.ConcatDisplayName);
      if (!name) return [];
      const role = text(c.Role);
      return [{ name: { en: name }, ...(role ? { role: { en: role } } : {}) }];
    }),
    (a) => JSON.stringify(a),
  );

  const imgs = (Array.isArray(r.Images) ? r.Images.filter(isObj) : [])
    .slice()
    .sort((a, b) => Number(a.Rank ?? 0) - Number(b.Rank ?? 0) || Number(a.ID ?? 0) - Number(b.ID ?? 0));
  const images = uniqueBy(
    imgs.flatMap((i): ImageRef[] => {
      const urls = isObj(i.ImageURLs) ? i.ImageURLs : {};
      const url = text(urls.Large);
      if (!url) return [];
      // "Small" is the same file at ?width=100 (Large is ?width=250): not repeated, to keep
      // the seed small; a client can use the 250-px image as its thumbnail.
      return [{ url, ...(i.IsPrimary === true ? { primary: true } : {}) }];
    }),
    (i) => i.url ?? '',
  );

  // A credit line is a short acquisition statement ("Museum purchase, 1931"), not prose.
  const credit = text(r.CreditLine);
  const creditLine = credit && credit.length <= 200 ? { en: credit } : undefined;

  return ordered({
    identifier,
    inventoryNumber: text(r.ObjectNumber),
    title: { en: text(r.Title) ?? '' },
    objectTypes: terms(splitList(r.ObjectName)),
    classification: terms([text(r.Classification)]),
    materials: terms([text(r.Medium)]),
    cultures: terms(splitList(r.Culture)),
    periods: waltersPeriods(r),
    makers: nonEmpty(makers),
    production,
    places: nonEmpty(places),
    dimensionsText: dimensionsText ? { en: dimensionsText } : undefined,
    creditLine,
    rights: CC0,
    images: nonEmpty(images),
    homepage: text(r.ResourceURL),
  });
}

interface WaltersStats {
  files: number;
  nullFiles: number;
  unreadable: number;
  rule: Record<keyof WaltersRules, number>;
  onlyRule: Record<keyof WaltersRules, number>;
  noRule: number;
  dateFloor: number;
  noIdOrTitle: number;
  selected: number;
}

function buildWalters(dir: string): { drafts: ObjectDraft[]; stats: WaltersStats } {
  const stats: WaltersStats = {
    files: 0,
    nullFiles: 0,
    unreadable: 0,
    rule: { culture: 0, geography: 0, dynasty: 0 },
    onlyRule: { culture: 0, geography: 0, dynasty: 0 },
    noRule: 0,
    dateFloor: 0,
    noIdOrTitle: 0,
    selected: 0,
  };
  const drafts: ObjectDraft[] = [];
  for (const file of walk(dir).sort()) {
    stats.files++;
    let r: unknown;
    try {
      r = readJson(file);
    } catch {
      stats.unreadable++;
      continue;
    }
    if (r === null) {
      stats.nullFiles++;
      continue;
    }
    if (!isObj(r)) {
      stats.unreadable++;
      continue;
    }
    const rules = waltersRules(r);
    const hit = (Object.keys(rules) as (keyof WaltersRules)[]).filter((k) => rules[k]);
    for (const k of hit) stats.rule[k]++;
    if (hit.length === 1) stats.onlyRule[hit[0] as keyof WaltersRules]++;
    if (hit.length === 0) {
      stats.noRule++;
      continue;
    }
    const end = year(r.DateEndYear);
    if (end !== null && end < DATE_FLOOR) {
      stats.dateFloor++;
      continue;
    }
    const hasId = typeof r.ObjectID === 'number' || (typeof r.ObjectID === 'string' && r.ObjectID.trim() !== '');
    if (!hasId || !text(r.Title)) {
      stats.noIdOrTitle++;
      continue;
    }
    const d = waltersDraft(r);
    assertNoProse(d, [r.Description, r.Provenance, r.Inscriptions, r.Exhibitions, r.Keywords], `walters ${d.identifier}`);
    drafts.push(d);
  }
  drafts.sort((a, b) => Number(a.identifier) - Number(b.identifier));
  stats.selected = drafts.length;
  return { drafts, stats };
}

// ---------------------------------------------------------------------------------
// M+

const MPLUS_LANGS: [string, string][] = [
  ['en', 'en'],
  ['zh-hant', 'zh-Hant'],
];

function mplusLang(v: unknown): LangMap | undefined {
  if (!isObj(v)) return undefined;
  return lang(MPLUS_LANGS.map(([src, tag]) => [tag, v[src]]));
}

function mplusDraft(r: Obj, constituents: Map<number, Obj>): ObjectDraft {
  const category = isObj(r.classification) && isObj(r.classification.category) ? r.classification.category : {};
  const catEn = Array.isArray(category.en) ? category.en : [];
  const catZh = Array.isArray(category['zh-hant']) ? category['zh-hant'] : [];
  const classification = nonEmpty(
    uniqueBy(
      catEn.flatMap((en, i): Term[] => {
        const label = lang([
          ['en', en],
          ['zh-Hant', catZh[i]],
        ]);
        return label ? [{ label }] : [];
      }),
      (t) => JSON.stringify(t),
    ),
  );

  const medium = mplusLang(r.medium);
  const displayDate = mplusLang(r.displayDate);
  const earliest = year(r.beginDate);
  const latest = year(r.endDate);
  const production: DateSpan | undefined =
    displayDate || earliest !== null || latest !== null
      ? { display: displayDate ?? {}, earliest, latest }
      : undefined;

  const periods = nonEmpty(
    (Array.isArray(r.concepts) ? r.concepts.filter(isObj) : [])
      .filter((c) => c.timeline === 'Artist Movements')
      .flatMap((c): Term[] => {
        const label = mplusLang(c.title);
        return label ? [{ label }] : [];
      }),
  );

  const makers = nonEmpty(
    uniqueBy(
      (Array.isArray(r.constituents) ? r.constituents.filter(isObj) : []).flatMap((c): Agent[] => {
        const person = typeof c.id === 'number' ? constituents.get(c.id) : undefined;
        const name = person ? mplusLang(person.name) : undefined;
        if (!name) return [];
        const role = mplusLang(c.role);
        return [{ name, ...(role ? { role } : {}) }];
      }),
      (a) => JSON.stringify(a),
    ),
  );

  const dd = isObj(r.dimensionDetails) ? r.dimensionDetails : undefined;
  const measurements: Measurement[] = [];
  if (dd && typeof dd.unit === 'string' && dd.unit) {
    const part = text(dd.element);
    for (const type of ['height', 'width', 'depth'] as const) {
      const v = dd[type];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0)
        measurements.push({ type, value: v, unit: dd.unit, ...(part ? { part } : {}) });
    }
  }

  return ordered({
    identifier: String(r.id),
    inventoryNumber: text(r.objectNumber),
    title: mplusLang(r.title) ?? {},
    classification,
    materials: medium ? [{ label: medium }] : undefined,
    periods,
    makers,
    production,
    dimensionsText: mplusLang(r.dimension),
    measurements: nonEmpty(measurements),
    creditLine: mplusLang(r.creditLine),
    rights: CC0,
  });
}

interface MplusStats {
  files: number;
  unreadable: number;
  noIdOrTitle: number;
  selected: number;
  constituents: number;
  makersResolved: number;
  makersMissing: number;
}

function buildMplus(dir: string): { drafts: ObjectDraft[]; stats: MplusStats } {
  const stats: MplusStats = {
    files: 0,
    unreadable: 0,
    noIdOrTitle: 0,
    selected: 0,
    constituents: 0,
    makersResolved: 0,
    makersMissing: 0,
  };
  const constituents = new Map<number, Obj>();
  const cdir = path.join(dir, 'constituents_JSON');
  if (fs.existsSync(cdir)) {
    for (const file of walk(cdir).sort()) {
      const c = readJson(file);
      if (isObj(c) && typeof c.id === 'number') constituents.set(c.id, c);
    }
  }
  stats.constituents = constituents.size;

  const drafts: ObjectDraft[] = [];
  for (const file of walk(path.join(dir, 'objects_Sigg_Collection_JSON')).sort()) {
    stats.files++;
    let r: unknown;
    try {
      r = readJson(file);
    } catch {
      stats.unreadable++;
      continue;
    }
    if (!isObj(r)) {
      stats.unreadable++;
      continue;
    }
    const title = mplusLang(r.title);
    if ((typeof r.id !== 'number' && typeof r.id !== 'string') || String(r.id).trim() === '' || !title) {
      stats.noIdOrTitle++;
      continue;
    }
    for (const c of Array.isArray(r.constituents) ? r.constituents.filter(isObj) : []) {
      if (typeof c.id === 'number' && constituents.has(c.id)) stats.makersResolved++;
      else stats.makersMissing++;
    }
    const d = mplusDraft(r, constituents);
    const bios = (Array.isArray(r.constituents) ? r.constituents.filter(isObj) : []).map((c) =>
      typeof c.id === 'number' ? constituents.get(c.id)?.displayBio : undefined,
    );
    assertNoProse(d, [r.images, bios], `mplus ${d.identifier}`);
    drafts.push(d);
  }
  drafts.sort((a, b) => Number(a.identifier) - Number(b.identifier) || a.identifier.localeCompare(b.identifier));
  stats.selected = drafts.length;
  return { drafts, stats };
}

// ---------------------------------------------------------------------------------
// Publishers

const PUBLISHERS = [
  {
    slug: 'walters-art-museum',
    name: { en: 'The Walters Art Museum', 'zh-Hans': '沃尔特斯艺术博物馆' },
    kind: 'museum',
    country: 'US',
    city: { en: 'Baltimore', 'zh-Hans': '巴尔的摩' },
    latitude: 39.3,
    longitude: -76.62,
    website: 'https://art.thewalters.org/',
    demo: true,
    allianceMember: false,
    licence: CC0,
    attribution:
      'Object data: The Walters Art Museum, Baltimore (art.thewalters.org), released under CC0 1.0; Walters Collections API bulk data of February 2015 (github.com/WaltersArtMuseum/api-thewalters-org, branch v1). Selected facts only, mapped by the Caravanserai project; the museum’s descriptive texts are not included.',
    objects: 'walters.ndjson',
    source: WALTERS_SOURCE,
  },
  {
    slug: 'mplus',
    name: { en: 'M+', 'zh-Hant': 'M+博物館', 'zh-Hans': 'M+博物馆' },
    kind: 'museum',
    country: 'HK',
    city: { en: 'Hong Kong', 'zh-Hant': '香港', 'zh-Hans': '香港' },
    latitude: 22.3,
    longitude: 114.16,
    website: 'https://www.mplus.org.hk/',
    demo: true,
    allianceMember: false,
    licence: CC0,
    attribution:
      'source: M+ Museum, Hong Kong (mplus.org.hk). M+ Sigg Collection data released under CC0 1.0 (github.com/mplusmuseum/collection-data). Modified: selected fields mapped by the Caravanserai project; this is not an M+ publication and implies no endorsement by M+.',
    objects: 'mplus.ndjson',
    source: MPLUS_SOURCE,
  },
];

// ---------------------------------------------------------------------------------
// README

function fmt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function readme(w: WaltersStats, m: MplusStats, sizes: Record<string, number>, quotedCount: number): string {
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  return `# Demo catalogue: Silk Road objects from two open museum datasets

**Demo data.** These records let \`npm start\` show a catalogue with real objects. They are
published by two museums that are **not members of the International Alliance of Museums
of the Silk Road**; \`publishers.json\` holds them as institutions marked \`"demo": true\`,
\`"allianceMember": false\`. Do not count them in the alliance's registry.

**Facts only.** Each line of \`walters.ndjson\` / \`mplus.ndjson\` is one \`ObjectDraft\`
(\`src/modules/harvest/record.types.ts\`) derived from a publisher's record: identifier,
accession number, title, date (as written, plus the begin/end years the record states),
culture, dynasty/period/reign, material, object type, classification, places (with the
publisher's coordinates), the dimensions statement as written (M+ also its structured
height/width/depth as \`measurements\`), makers' names and roles, image links, credit line,
rights. Left out as redundant, to keep the seed small: Walters \`SortNumber\`, the \`Raw\`,
\`Medium\`, \`Small\` and \`Tiny\` image sizes (the same file at other widths; \`url\` is the
"Large" 250-px one), parsed Walters measurements (the dimensions text holds them), museum
locations, ids internal to the publishers' databases; M+ \`sortNumber\`, colour data.
**None of the publishers' prose is included**: no Walters \`Description\` (released under
the GNU FDL, not CC0), \`Provenance\`, \`Inscriptions\` (transcriptions mixed with prose
translations), \`Exhibitions\`, \`Keywords\`; no M+ image alt texts; no biographies of makers.
The build checks every draft against these fields and stops if any 48-character stretch of
them appears in a value longer than 160 characters (shorter values — a title, a maker's
name — may be quoted by the prose itself; there are ${fmt(quotedCount)} such cases).
Whitespace is tidied (line breaks become "; "); otherwise values are as published.
Walters years of \`0\` (a placeholder) and above 2100 (a typo) are left empty.

## Sources

| file | publisher | source | licence |
|---|---|---|---|
| \`walters.ndjson\` | The Walters Art Museum, Baltimore, USA | ${WALTERS_SOURCE.repository}, branch \`${WALTERS_SOURCE.branch}\`, commit \`${WALTERS_SOURCE.commit}\` (object files added in \`${WALTERS_SOURCE.dataCommit}\`: API data as of February 2015), \`${WALTERS_SOURCE.path}\` | CC0 1.0 for metadata and images (the Walters' \`LICENSE\`); the longer descriptions are GNU FDL and are **not** used |
| \`mplus.ndjson\` | M+, West Kowloon Cultural District, Hong Kong | ${MPLUS_SOURCE.repository}, commit \`${MPLUS_SOURCE.commit}\`, \`objects_Sigg_Collection_JSON/…\` + \`constituents_JSON/…\` (makers' names) | CC0 1.0 Universal |

The records were read from the project's copy in \`../shared/data/collections\` (byte-identical
to the publishers' files; see its \`README.md\`, and \`walters/selected_records.tsv\` /
\`mplus/selected_records.tsv\` for each record's original path in the repository).

Licence wording. The Walters (\`LICENSE\`, branch \`v1\`): "it has adopted the Creative Commons
Zero: No Rights Reserved or CC0 license to waive copyright and allow for unrestricted use of
digital images and metadata by any person, for any purpose. The longer text descriptions about
the artworks on this website are released under the GNU Free Documentation License." It asks
for the image credit "The Walters Art Museum". M+ (\`README.md\`): "This dataset is placed in
the public domain using a CC0 1.0 Universal License"; it asks users to cite "source: M+
Museum, Hong Kong", link to mplus.org.hk, not imply endorsement, and mark modifications —
this derived dataset is modified (selected and mapped fields). M+ publishes no images (artists
hold rights in them), so M+ objects have no image links.

Attribution to show with these records:
- The Walters Art Museum, Baltimore — CC0 (art.thewalters.org)
- source: M+ Museum, Hong Kong — CC0 (mplus.org.hk)

Caveats. The Walters data is the 2015 API snapshot: the image URLs
(\`http://static.thewalters.org/…?width=250\`) and object
pages (\`http://art.thewalters.org/detail/<ObjectID>\`) are kept as published and may no longer
resolve. \`Creators\` sometimes name a culture rather than a person ("Indian", Artist) — kept as
published. Walters place names are the Getty TGN's native forms (Îran, Türkiye, Zhonghua).
Place roles come from \`GeoType\`: Place of Origin → \`production\`, Place of Discovery →
\`findspot\`, Place of Binding → \`binding\`, Source of Materials → \`source of materials\`,
Place Depicted → \`depicted\`, Place Mentioned → \`mentioned\`. The Chinese name of the Walters
in \`publishers.json\` (沃尔特斯艺术博物馆) is the customary Chinese rendering, not a name we
found published by the museum.
M+ collects 20th/21st-century visual culture: its records are modern ink art, textiles and
ceramics from the M+ Sigg Collection, not Silk Road antiquities.

## Selection

**M+:** all ${fmt(m.selected)} object records in the copy (of ${fmt(m.files)} files; ${fmt(m.noIdOrTitle)} skipped for a missing
identifier or title). Makers resolved through ${fmt(m.constituents)} constituent records
(${fmt(m.makersResolved)} references resolved, ${fmt(m.makersMissing)} missing).

**The Walters:** of ${fmt(w.files)} files (${fmt(w.nullFiles)} \`null\`, ${fmt(w.unreadable)} unreadable), a record is a
"Silk Road object" when at least one rule matches:

| rule | what it tests | records matched | matched by this rule only |
|---|---|---:|---:|
| \`culture\` | \`Culture\` (split on ";") names a people, faith or state of the Silk Road world: Islamic, Persian, Iranian, Turkish/Turkic, Ottoman, Seljuk, Arab(ic), Syrian, Central Asian, Chinese, Mongol(ian), Tibetan, Sogdian, Sasanian/Sassanian, Parthian, Bactrian, Hunnish, Scythian, Armenian, Georgian, Byzantine, Coptic, Indian, Mughal, Hindu, Russian, Kievan Rus | ${fmt(w.rule.culture)} | ${fmt(w.onlyRule.culture)} |
| \`geography\` | a \`Geographies[]\` entry of type Place of Origin / Place of Discovery / Place of Binding / Source of Materials (not Place Depicted or Mentioned) whose term or TGN hierarchy is in China (Zhonghua, incl. Tibet/Xizang), Mongolia, Iran, Afghanistan, Uzbekistan (Samarkand, Bukhoro), Turkmenistan, Tajikistan, Kazakhstan, Kyrgyzstan, Pakistan (Lahore), India (Bharat), Nepal, the Himalayas, Türkiye, Syria, Iraq, Egypt (Misr), Lebanon, Israel/Palestine, Jordan, the Arabian Peninsula, "Middle East", Mesopotamia, Armenia (Hayastan), Georgia (Sakartvelo), Azerbaijan, the Caucasus, the Caspian Sea or Russia (Rossiya) | ${fmt(w.rule.geography)} | ${fmt(w.onlyRule.geography)} |
| \`dynasty/period\` | \`Dynasty\`, \`Period\` or \`Reign\` names a Silk Road dynasty or era: Han, Sui, Tang, Liao, Song, Jin, Yuan, Ming, Qing; Achaemenid, Parthian, Kushan, Sasanian; Umayyad, Abbasid, Fatimid, Samanid, Ghaznavid, Seljuk, Ilkhanid, Mamluk, Timurid, Safavid, Zand, Qajar, Ottoman, Mughal, Deccan, Rajput; Byzantine, Post-Byzantine, Macedonian Dynasty, Comnenian, Palaeologan; Bagrationi (Georgia); Rurikid, Romanov (Russia) | ${fmt(w.rule.dynasty)} | ${fmt(w.onlyRule.dynasty)} |

\`Classification\` is not used: in this source it names materials and genres (Ceramics,
Manuscripts & Rare Books …), never a culture or region.

Then:
- no rule matched: ${fmt(w.noRule)} records left out;
- date floor: ${fmt(w.dateFloor)} records left out because they were made entirely before ${-DATE_FLOOR} BCE
  (\`DateEndYear\` < ${DATE_FLOOR}; Assyrian, early Zhou …), before the roads this catalogue is about;
- missing identifier (\`ObjectID\`) or title: ${fmt(w.noIdOrTitle)} records skipped;
- **selected: ${fmt(w.selected)} Walters records.**

## Files

| file | lines | bytes |
|---|---:|---:|
| \`publishers.json\` | — | ${fmt(sizes['publishers.json'] ?? 0)} |
| \`walters.ndjson\` | ${fmt(w.selected)} | ${fmt(sizes['walters.ndjson'] ?? 0)} |
| \`mplus.ndjson\` | ${fmt(m.selected)} | ${fmt(sizes['mplus.ndjson'] ?? 0)} |
| total | | ${fmt(total)} |

Lines are sorted by identifier; keys follow the order of the \`ObjectDraft\` interface.

## Rebuild

From the repository root, with the shared data next to it:

    node --import tsx scripts/build-demo-data.ts ../shared/data/collections

The build is deterministic: the same input gives byte-identical files.
`;
}

// ---------------------------------------------------------------------------------

function ndjson(drafts: ObjectDraft[]): string {
  const seen = new Set<string>();
  for (const d of drafts) {
    if (seen.has(d.identifier)) throw new Error(`duplicate identifier ${d.identifier}`);
    seen.add(d.identifier);
  }
  return drafts.map((d) => JSON.stringify(d as unknown as Json)).join('\n') + '\n';
}

function main(): void {
  const src = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, '../shared/data/collections'));
  const walters = buildWalters(path.join(src, 'walters/objects'));
  const mplus = buildMplus(path.join(src, 'mplus'));

  fs.mkdirSync(OUT_DIR, { recursive: true });
  const files: Record<string, string> = {
    'publishers.json': JSON.stringify({ demo: true, publishers: PUBLISHERS }, null, 2) + '\n',
    'walters.ndjson': ndjson(walters.drafts),
    'mplus.ndjson': ndjson(mplus.drafts),
  };
  const sizes: Record<string, number> = {};
  for (const [name, body] of Object.entries(files)) {
    fs.writeFileSync(path.join(OUT_DIR, name), body);
    sizes[name] = Buffer.byteLength(body);
  }
  fs.writeFileSync(path.join(OUT_DIR, 'README.md'), readme(walters.stats, mplus.stats, sizes, quoted.size));

  const w = walters.stats;
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`walters: ${w.files} files (${w.nullFiles} null, ${w.unreadable} unreadable)`);
  out(`  rule culture:        ${w.rule.culture} (only this rule: ${w.onlyRule.culture})`);
  out(`  rule geography:      ${w.rule.geography} (only this rule: ${w.onlyRule.geography})`);
  out(`  rule dynasty/period: ${w.rule.dynasty} (only this rule: ${w.onlyRule.dynasty})`);
  out(`  no rule matched:     ${w.noRule}`);
  out(`  before ${-DATE_FLOOR} BCE:      ${w.dateFloor}`);
  out(`  no id or title:      ${w.noIdOrTitle}`);
  out(`  selected:            ${w.selected}`);
  const m = mplus.stats;
  out(`mplus: ${m.files} files, selected ${m.selected} (no id or title: ${m.noIdOrTitle}; makers resolved ${m.makersResolved}, missing ${m.makersMissing})`);
  for (const [name, n] of Object.entries(sizes)) out(`${name}: ${n} bytes`);
  out(`short facts quoted by the prose (tolerated): ${quoted.size}`);
  if (process.env.DEMO_SHOW_QUOTED) for (const q of quoted) out(`  ${q}`);
  out(`ndjson total: ${(sizes['walters.ndjson'] ?? 0) + (sizes['mplus.ndjson'] ?? 0)} bytes`);
}

main();
