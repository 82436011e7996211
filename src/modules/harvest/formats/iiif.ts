// IIIF Presentation 2 and 3 manifests and collections into ObjectDrafts. A manifest is one
// object record (its id is the identifier). A collection yields a record for each
// *embedded* manifest that has a label; manifests and collections it only references
// cannot be fetched here and come back as a list for the caller to log (or to harvest).
//
// Tolerated, as real providers write them: v2 labels as strings, {@value,@language} or
// lists of them; v3 language maps with keys that are not BCP 47 ("none", "@none", "true",
// "jp") — those take the source's default language; plain-string labels in v3; services
// as an object or a list, with id or @id; no @context; canvases of width 0; canvases
// without images; bytes that are not UTF-8 (see json-file.ts).
import type { ImageRef, LangMap, ObjectDraft, ParseContext, ParsedRecord, PlaceRef, RecordProblem, Term } from '../record.types.ts';
import { prepareBytes, splitJson } from './json-file.ts';
import { isGenericRole, metaField, type MetaField } from './iiif.labels.ts';
import { httpUrl, normaliseLangTag } from './mapped.ts';

export interface IiifReference {
  id: string;
  type: 'Manifest' | 'Collection';
  label?: LangMap;
  /** referenced: only linked from the collection; no-label: embedded but without a label */
  reason: 'referenced' | 'no-label';
}

export interface IiifResult {
  records: ParsedRecord[];
  /** manifests and collections a collection names but does not embed (or embeds without a label) */
  references: IiifReference[];
  /** decoding repairs, for the run report */
  repairs: string[];
}

/** A IIIF file: records for its manifest(s), and the manifests it only references. */
export function parseIiif(bytes: Buffer, ctx: ParseContext): IiifResult {
  const prep = prepareBytes(bytes);
  const records: ParsedRecord[] = [];
  const references: IiifReference[] = [];
  for (const p of splitJson(bytes, ctx, prep)) {
    if (p.problem) records.push({ raw: p.raw, problem: p.problem });
    else records.push(...iiifDocumentRecords(p.value, p.raw, ctx, references, p.where));
  }
  return { records, references, repairs: prep.repairs };
}

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
const nodes = (x: unknown): Node[] => arr(x).filter(isNode);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
const idOf = (n: Node) => str(n.id) ?? str(n['@id']);
/** Spaces in ids are common (file names); percent-encode them so the URL is usable. */
const url = (x: unknown): string | undefined => httpUrl(isNode(x) ? idOf(x) : x);

function typeOf(n: Node): string {
  const t = arr(n.type ?? n['@type']).find((x): x is string => typeof x === 'string') ?? '';
  return t.replace(/^(sc|oa|dctypes|iiif):/, '');
}

function kindOf(doc: Node): string {
  const t = typeOf(doc);
  if (t) return t;
  if ('sequences' in doc || 'structures' in doc) return 'Manifest';
  if ('manifests' in doc || 'collections' in doc || 'members' in doc) return 'Collection';
  if (Array.isArray(doc.items) && nodes(doc.items).some((i) => typeOf(i) === 'Canvas')) return 'Manifest';
  return '';
}

const embedded = (n: Node) => ['items', 'sequences', 'metadata', 'summary', 'description', 'manifests', 'collections', 'members', 'rights', 'license'].some((k) => k in n);

/** A parsed IIIF document into records (a collection gives its embedded manifests). */
export function iiifDocumentRecords(doc: unknown, raw: Buffer, ctx: ParseContext, references: IiifReference[], where = ''): ParsedRecord[] {
  const at = (m: string) => (where ? `${where}: ${m}` : m);
  if (!isNode(doc)) return [{ raw, problem: { reason: 'wrong_format', message: at('not a JSON object') } }];
  const kind = kindOf(doc);
  if (kind === 'Manifest') return [manifestRecord(doc, raw, ctx, at)];
  if (kind !== 'Collection') {
    const what = kind ? `a ${/^(HumanMadeObject|ManMadeObject)$/.test(kind) ? 'Linked Art ' : 'IIIF '}${kind}` : 'a JSON object with no IIIF type';
    return [{ raw, ...(idOf(doc) ? { identifier: idOf(doc) } : {}), problem: { reason: 'wrong_format', message: at(`${what}, not a Manifest or Collection`) } }];
  }
  const out: ParsedRecord[] = [];
  const seen = new Set<string>();
  const stack: Node[] = [doc];
  let visited = 0;
  while (stack.length && visited++ < 10_000) {
    const col = stack.pop()!;
    const v2 = isV2(col);
    const members = v2 ? [...nodes(col.manifests), ...nodes(col.collections), ...nodes(col.members)] : [...nodes(col.items), ...nodes(col.members)];
    const later: Node[] = [];
    for (const m of members) {
      const id = idOf(m) ?? '';
      const k = kindOf(m) || (v2 && nodes(col.manifests).includes(m) ? 'Manifest' : '');
      if (id && seen.has(`${k} ${id}`)) continue;
      if (id) seen.add(`${k} ${id}`);
      if (k === 'Manifest') {
        if (!embedded(m)) references.push(ref(m, 'Manifest', 'referenced', ctx));
        else if (!labelPairs(m.label, ctx, isV2(m)).length) references.push(ref(m, 'Manifest', 'no-label', ctx));
        else out.push(manifestRecord(m, Buffer.from(JSON.stringify(m), 'utf8'), ctx, (msg) => `${at(`manifest ${id}`)}: ${msg}`));
      } else if (k === 'Collection') {
        if (embedded(m)) later.push(m);
        else references.push(ref(m, 'Collection', 'referenced', ctx));
      }
    }
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]!);
  }
  return out;
}

function ref(m: Node, type: IiifReference['type'], reason: IiifReference['reason'], ctx: ParseContext): IiifReference {
  const label = firstPerLang(labelPairs(m.label, ctx, isV2(m))).map;
  return { id: idOf(m) ?? '', type, ...(Object.keys(label).length ? { label } : {}), reason };
}

function isV2(n: Node): boolean {
  const c = JSON.stringify(n['@context'] ?? '');
  if (c.includes('presentation/3')) return false;
  if (c.includes('presentation/2') || c.includes('shared-canvas')) return true;
  return '@id' in n || 'sequences' in n || (typeof n['@type'] === 'string' && n['@type'].startsWith('sc:'));
}

// ---- texts ------------------------------------------------------------------------------------

// a tag ends at the first ">" and holds no "<": "<a<a<a…" without a ">" is not scanned to its end from every "<"
const TAG = /<\/?(?:a|b|br|i|img|p|small|span|sub|sup|cite|em|strong|div|ul|ol|li|u|h[1-6])\b[^<>]*>/i;
const ENTITY = /&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);/i;

/** The IIIF HTML subset as plain text (line breaks kept, entities decoded). */
export function htmlToText(s: string): string {
  return s
    .replace(/<\s*br\s*\/?\s*>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h[1-6])\s*>/gi, '\n\n')
    .replace(/<[a-zA-Z/!][^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
      const l = e.toLowerCase();
      if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
      if (l.startsWith('#')) return String.fromCodePoint(Number(l.slice(1)));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[l] ?? _m;
    })
    .split('\n')
    .map(trimLineEnd)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Spaces and tabs at a line's end, cut by hand (a pattern would rescan a long run of spaces from each of them). */
function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(0, end);
}

/** v3: HTML only when the whole value is wrapped in a tag; v2: whenever it holds tags or entities. */
function clean(s: string, v2: boolean): string {
  const t = s.trim();
  const html = v2 ? TAG.test(t) || ENTITY.test(t) : t.startsWith('<') && t.endsWith('>');
  return html ? htmlToText(t) : t;
}

type Pair = [lang: string, text: string];

/** Any IIIF text value (v3 language map, v2 string / @value / list, a stray plain string) as [lang, text] pairs. */
export function labelPairs(v: unknown, ctx: ParseContext, v2: boolean, depth = 0): Pair[] {
  const out: Pair[] = [];
  if (v == null || depth > 4) return out;
  if (typeof v === 'string' || typeof v === 'number') {
    const t = clean(String(v), v2);
    if (t) out.push([ctx.defaultLanguage, t]);
  } else if (Array.isArray(v)) for (const x of v) out.push(...labelPairs(x, ctx, v2, depth + 1));
  else if (isNode(v)) {
    if ('@value' in v || 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'language' || k === '@language')) {
      const t = typeof (v['@value'] ?? v.value) === 'string' ? clean(String(v['@value'] ?? v.value), v2) : '';
      const l = str(v['@language'] ?? v.language);
      if (t) out.push([(l && normaliseLangTag(l)) ?? ctx.defaultLanguage, t]);
    } else
      for (const [k, x] of Object.entries(v)) {
        const l = normaliseLangTag(k) ?? ctx.defaultLanguage;
        for (const y of arr(x)) if (typeof y === 'string' && clean(y, v2)) out.push([l, clean(y, v2)]);
      }
  }
  return out;
}

/** The first text per language; the others in order. Two values with the same key: the second goes to und when the key was guessed. */
function firstPerLang(pairs: Pair[]): { map: LangMap; rest: Pair[] } {
  const map: LangMap = {};
  const rest: Pair[] = [];
  for (const [l, t] of pairs) {
    if (map[l] === undefined) map[l] = t;
    else if (map[l] !== t) rest.push([l, t]);
  }
  return { map, rest };
}

/** The texts of each language joined by sep, a text already among the pieces once (pieces kept in a set: thousands of pairs must not be rescanned for each). */
function joined(pairs: Pair[], sep: string): LangMap {
  const byLang = new Map<string, { pieces: string[]; seen: Set<string> }>();
  for (const [l, t] of pairs) {
    let g = byLang.get(l);
    if (!g) byLang.set(l, (g = { pieces: [], seen: new Set() }));
    if (g.seen.has(t)) continue;
    g.pieces.push(t);
    for (const p of t.split(sep)) g.seen.add(p);
  }
  const m: LangMap = {};
  for (const [l, g] of byLang) m[l] = g.pieces.join(sep);
  return m;
}

// ---- metadata values ---------------------------------------------------------------------------

// a place with what happened there in brackets (V&A: "Nottingham (printed)", "Paris (made)")
const PLACE_EVENTS = new Set(['made', 'printed', 'published', 'painted', 'designed', 'manufactured', 'photographed', 'found', 'excavated', 'written', 'woven', 'cast', 'carved']);

/** "Nottingham (printed)" → the name and what happened there; read by hand, no pattern to backtrack */
function placeQualifier(t: string): { name: string; what: string } | undefined {
  if (!t.endsWith(')')) return undefined;
  const open = t.lastIndexOf('(');
  const what = t.slice(open + 1, -1).trim().toLowerCase();
  const name = t.slice(0, open).trim();
  return open > 0 && name && PLACE_EVENTS.has(what) ? { name, what } : undefined;
}

/** A list in one value: pieces between ";" or line breaks, and (commas) a comma not followed by a space ("geology,fossil"; "Washington, George" stays whole). */
function listOf(t: string, commas: boolean): string[] {
  return t
    .split(commas ? /[;\n]|,(?!\s)/ : /[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}
const BARE_PLACE = /^(?:place|places|geography|location|ort|lieu|plaats|luogo|lugar|место)\s*:?$/i;
const PLACE_PATH = /\s+(?:>|--|»)\s+/;
const PLACE_ROLES: Record<string, string> = { published: 'publication', found: 'findspot', excavated: 'findspot' };

// ---- images ------------------------------------------------------------------------------------

/** canvases whose images an object keeps at most (the views of an object; a book's pages stay in its manifest) */
const MAX_VIEWS = 12;

function isImageService(s: Node): boolean {
  const t = arr(s.type ?? s['@type']).join(' ');
  const p = JSON.stringify(s.profile ?? '');
  const c = JSON.stringify(s['@context'] ?? '');
  return /ImageService/.test(t) || /iiif\.io\/api\/image|image-api|^"level[0-2]"$/.test(p) || c.includes('iiif.io/api/image');
}

function serviceOf(resource: Node): string | undefined {
  for (const s of nodes(resource.service)) if (isImageService(s)) return url(s)?.replace(/\/info\.json$/, '').replace(/\/+$/, '');
  return undefined;
}

/**
 * An image's own URL. Not a fragment of the manifest ("…/iiif.json#/canvas/1/body" is an
 * id, not a file: LDMax) nor a JSON document; the image service, when there is one, serves
 * it. A .json path with a query is an API's answer and may be an image (Europeana's
 * thumbnail-by-url.json?uri=… is one), so it is kept.
 */
function imageUrl(x: unknown): string | undefined {
  const u = url(x);
  if (!u || u.includes('#/')) return undefined;
  const hash = u.indexOf('#');
  const path = hash < 0 ? u : u.slice(0, hash);
  return !path.includes('?') && path.toLowerCase().endsWith('.json') ? undefined : u;
}

function canvasImage(canvas: Node, v2: boolean): ImageRef | undefined {
  const resources: Node[] = [];
  if (v2) {
    for (const a of nodes(canvas.images)) {
      const r = a.resource;
      if (!isNode(r)) continue;
      if (typeOf(r) === 'Choice') resources.push(...nodes(r.default), ...nodes(r.item));
      else resources.push(r);
    }
  } else {
    for (const page of nodes(canvas.items))
      for (const a of nodes(page.items)) {
        if (a.motivation !== undefined && !arr(a.motivation).some((m) => m === 'painting' || m === 'sc:painting')) continue;
        for (const b of nodes(a.body)) {
          if (typeOf(b) === 'Choice') resources.push(...nodes(b.items));
          else resources.push(b);
        }
      }
  }
  for (const r of resources) {
    const t = typeOf(r);
    const fmt = str(r.format) ?? '';
    if (!(t === 'Image' || fmt.startsWith('image/') || (!t && !fmt))) continue;
    const img: ImageRef = {};
    const u = imageUrl(r);
    if (u) img.url = u;
    const svc = serviceOf(r);
    if (svc) img.iiifService = svc;
    if (!img.url && !img.iiifService) continue;
    const w = Number(canvas.width) || Number(r.width);
    const h = Number(canvas.height) || Number(r.height);
    if (w > 0 && h > 0) {
      img.width = w;
      img.height = h;
    }
    const th = thumbnailOf(canvas);
    if (th) img.thumbnail = th;
    return img;
  }
  return undefined;
}

function thumbnailOf(n: Node): string | undefined {
  for (const t of arr(n.thumbnail)) {
    const u = imageUrl(t);
    if (u) return u;
  }
  return undefined;
}

function canvasesOf(m: Node, v2: boolean): Node[] {
  if (v2 || 'sequences' in m) return nodes(nodes(m.sequences)[0]?.canvases);
  return nodes(m.items).filter((c) => !typeOf(c) || typeOf(c) === 'Canvas');
}

// ---- places ----------------------------------------------------------------------------------------

function navPlaces(m: Node, ctx: ParseContext): PlaceRef[] {
  const nav = m.navPlace;
  if (!isNode(nav)) return [];
  const features = typeOf(nav) === 'Feature' ? [nav] : nodes(nav.features);
  const out: PlaceRef[] = [];
  for (const f of features) {
    const c = centre(isNode(f.geometry) ? f.geometry : undefined);
    const name = firstPerLang(labelPairs(isNode(f.properties) ? f.properties.label : undefined, ctx, false)).map;
    if (!c && !Object.keys(name).length) continue;
    const id = authorityPlaceId(idOf(f));
    out.push({ name: Object.keys(name).length ? name : { und: `${c!.lat}, ${c!.lon}` }, role: 'location', ...(c ?? {}), ...(id ? { ids: [id] } : {}) });
  }
  return out;
}

// a feature's id names the place only when it is an authority's record of it (Northwestern
// gives the GeoNames page); written in the canonical forms normalise gives these ids
const PLACE_AUTHORITIES: Array<[RegExp, (id: string) => string]> = [
  [/^https?:\/\/(?:www\.|sws\.)?geonames\.org\/(\d+)(?:[/#?]|$)/i, (n) => `https://sws.geonames.org/${n}/`],
  [/^https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\/(q\d+)(?:[/#?]|$)/i, (q) => `http://www.wikidata.org/entity/${q.toUpperCase()}`],
  [/^https?:\/\/vocab\.getty\.edu\/(?:page\/)?tgn\/(\d+)(?:[./#?]|$)/i, (n) => `http://vocab.getty.edu/tgn/${n}`],
];

function authorityPlaceId(id: string | undefined): string | undefined {
  for (const [pattern, canonical] of PLACE_AUTHORITIES) {
    const m = id ? pattern.exec(id) : null;
    if (m) return canonical(m[1]!);
  }
  return undefined;
}

/** A GeoJSON geometry's point, or the mean of its vertices (a rough centre for a region). */
function centre(g: Node | undefined): { lat: number; lon: number } | undefined {
  if (!g) return undefined;
  const pts: number[][] = [];
  const collect = (c: unknown, depth: number) => {
    if (!Array.isArray(c) || depth > 4) return;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') pts.push(c as number[]);
    else for (const x of c) collect(x, depth + 1);
  };
  collect(g.coordinates, 0);
  if (!pts.length) return undefined;
  const lon = pts.reduce((s, p) => s + p[0]!, 0) / pts.length;
  const lat = pts.reduce((s, p) => s + p[1]!, 0) / pts.length;
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return undefined;
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}

// ---- titles, descriptions, rights ------------------------------------------------------------------

/** Lower case, spaces collapsed: two texts that differ only so are the same text. */
const squash = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The title and the other titles. A "Title" pair whose text the label does not give is the
 * title: the label is then often a shelfmark ("Bodleian Library LP 44") and is kept among
 * the alternative titles (in a language the pairs do not give, it stays that language's title).
 */
function titlesOf(labels: Pair[], named: Pair[], alternative: Pair[]): { title: LangMap; alternatives: LangMap[] } | undefined {
  const labelled = new Set(labels.map(([, t]) => squash(t)));
  const renamed = named.some(([, t]) => !labelled.has(squash(t)));
  const titled = renamed ? [...named, ...labels] : labels.length ? labels : named;
  const first = titled.length ? titled : alternative;
  if (!first.length) return undefined;
  const { map: title, rest } = firstPerLang(first);
  // each text once per language (a key per text: a manifest may hold thousands of pairs)
  const seen = new Set(Object.entries(title).map(([l, t]) => `${l}\n${squash(t)}`));
  const alternatives: LangMap[] = [];
  for (const [l, t] of [...rest, ...labels, ...named, ...alternative]) {
    const key = `${l}\n${squash(t)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    alternatives.push({ [l]: t });
  }
  return { title, alternatives };
}

/** texts of one language compared with each other at most (each comparison reads both); the others are only told apart from equal ones */
const MAX_COMPARED = 50;

/** Texts per language joined; a text another one of its language holds is left out (the longer one stays, where the first of them stood). */
function mergedTexts(pairs: Pair[], sep: string): LangMap {
  const byLang = new Map<string, { kept: Array<{ text: string; key: string }>; seen: Set<string> }>();
  for (const [lang, text] of pairs) {
    let g = byLang.get(lang);
    if (!g) byLang.set(lang, (g = { kept: [], seen: new Set() }));
    const key = squash(text);
    if (g.seen.has(key)) continue;
    g.seen.add(key);
    if (g.kept.length >= MAX_COMPARED) {
      g.kept.push({ text, key });
      continue;
    }
    if (g.kept.some((k) => k.key.includes(key))) continue;
    const held = g.kept.filter((k) => key.includes(k.key));
    const at = held.length ? g.kept.indexOf(held[0]!) : g.kept.length;
    g.kept = g.kept.filter((k) => !held.includes(k));
    g.kept.splice(at, 0, { text, key });
  }
  return joined([...byLang].flatMap(([lang, g]) => g.kept.map((k): Pair => [lang, k.text])), sep);
}

/** The strings of a text value as written, markup kept (labelPairs drops it, and with it the links). */
function rawTexts(v: unknown, depth = 0): string[] {
  if (typeof v === 'string') return [v];
  if (depth > 4) return [];
  if (Array.isArray(v)) return v.flatMap((x) => rawTexts(x, depth + 1));
  if (!isNode(v)) return [];
  if ('@value' in v || 'value' in v) return rawTexts(v['@value'] ?? v.value, depth + 1);
  return Object.values(v).flatMap((x) => rawTexts(x, depth + 1));
}

// a link's target (the value ends at its quote and holds no "<" or ">", so a missing quote stops at the next tag)
const HREF = /\bhref\s*=\s*["']([^"'<>]*)["']/gi;
// a link that names a licence or a rights statement (a provider's "terms" page only explains it)
const LICENCE_LINK = /^https?:\/\/(?:www\.)?(?:creativecommons\.org\/(?:licenses|publicdomain)\/|rightsstatements\.org\/)/i;

/** The licence a text is, or the first licence it links to. */
function licenceOf(s: string): string | undefined {
  const t = s.trim();
  if (LICENCE_LINK.test(t) && !t.includes('<')) return t;
  for (const m of t.matchAll(HREF)) if (LICENCE_LINK.test(m[1]!.trim())) return m[1]!.trim();
  return undefined;
}

/** A rights value as found: the licence it links to when it is markup, else its text without tags (NLW: `<a href="…">…</a>`). */
function rightsOf(s: string): string {
  const t = s.trim();
  return t.includes('<') ? (licenceOf(t) ?? htmlToText(t)) : t;
}

// ---- the draft --------------------------------------------------------------------------------------

function manifestRecord(m: Node, raw: Buffer, ctx: ParseContext, at: (m: string) => string): ParsedRecord {
  const r = manifestToDraft(m, ctx);
  return {
    raw,
    ...(r.identifier ? { identifier: r.identifier } : {}),
    ...(r.draft ? { draft: r.draft } : {}),
    ...(r.problem ? { problem: { ...r.problem, message: at(r.problem.message) } } : {}),
  };
}

/** a role said before a maker's name: "Artist: Vincent van Gogh" (three words at most) */
const ROLE_PREFIX = /^(\p{L}[\p{L}'-]*(?:\s\p{L}[\p{L}'-]*){0,2}):\s+(\S.*)$/u;
/** a role label without what is no part of the role: "Author(s)", "Maker:" (by hand: overlapping \s* would backtrack) */
function roleOfLabel(t: string): string {
  let r = t.trim();
  if (r.endsWith(':') || r.endsWith('：')) r = r.slice(0, -1).trimEnd();
  if (r.endsWith('(s)')) r = r.slice(0, -3).trimEnd();
  return r;
}

/** One manifest (parsed JSON) into a draft. */
export function manifestToDraft(m: Node, ctx: ParseContext): { identifier?: string; draft?: ObjectDraft; problem?: RecordProblem } {
  const v2 = isV2(m);
  const identifier = idOf(m);
  if (!identifier) return { problem: { reason: 'no_identifier', message: `the manifest has no ${v2 ? '"@id"' : '"id"'}` } };
  const T = (v: unknown) => labelPairs(v, ctx, v2);

  // metadata pairs by what their label says
  const meta = new Map<MetaField, Array<{ label: Pair[]; values: Pair[] }>>();
  for (const e of nodes(m.metadata)) {
    const label = T(e.label);
    const f = metaField(label.map(([, t]) => t));
    if (!f) continue;
    const values = T(e.value);
    if (!values.length) continue;
    if (!meta.has(f)) meta.set(f, []);
    meta.get(f)!.push({ label, values });
  }
  const metaValues = (f: MetaField) => (meta.get(f) ?? []).flatMap((x) => x.values);

  const titles = titlesOf(T(m.label), metaValues('title'), metaValues('alternativeTitle'));
  if (!titles) return { identifier, problem: { reason: 'no_title', message: 'the manifest has no label (and no Title in its metadata)' } };
  const { title } = titles;
  const draft: ObjectDraft = { identifier, title };
  const put = <K extends keyof ObjectDraft>(k: K, v: ObjectDraft[K] | undefined) => {
    if (v === undefined || v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length)) return;
    draft[k] = v;
  };
  put('alternativeTitles', titles.alternatives);

  // an "Identifier" may be the manifest's URI: a number the museum writes on its object first
  const invs = metaValues('inventory').map(([, t]) => t);
  const inv = invs.find((t) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) ?? invs[0];
  if (inv) draft.inventoryNumber = inv;
  // the summary and the catalogue's "Description" pair: both, unless one holds the other
  // or the summary only repeats the title (Bodleian: the summary is the title, the pair the text)
  const descriptions = [...T(v2 ? m.description : (m.summary ?? m.description)), ...metaValues('description')];
  const told = descriptions.filter(([l, t]) => title[l] === undefined || squash(title[l]) !== squash(t));
  put('description', mergedTexts(told.length ? told : descriptions, '\n\n'));

  const terms = (f: MetaField): Term[] => metaValues(f).map(([l, t]) => ({ label: { [l]: t } }));
  put('objectTypes', terms('type'));
  // "Posters;Boats and ships;Tourism & Travel": a list in one value
  put('classification', metaValues('classification').flatMap(([l, t]) => listOf(t, false).map((x) => ({ label: { [l]: x } }))));
  put('materials', terms('material'));
  put('techniques', terms('technique'));
  put('cultures', terms('culture'));
  put('periods', terms('period'));
  put(
    'subjects',
    // (a comma followed by a space is inside a subject: "Washington, George, 1732-1799")
    metaValues('subject').flatMap(([l, t]) => listOf(t, true).map((x) => ({ label: { [l]: x } }))),
  );
  put(
    'makers',
    (meta.get('creator') ?? []).flatMap(({ label, values }) => {
      // "Creator" says nothing of the role; "Author", "Engraver" do
      // in every language the label is given in, without its "(s)" and colon ("Author(s)", "作者")
      let role: LangMap | undefined;
      if (!label.some(([, t]) => isGenericRole(t)))
        for (const [l, t] of label) {
          const r = roleOfLabel(t);
          if (r) (role ??= {})[l] ??= r;
        }
      // "Georges Seurat\nFrench, 1859-1891": the name is the first line, the rest is about the maker;
      // under a label that names no role, "Artist: Vincent van Gogh" says it (Harvard's "People")
      return values.map(([l, t]) => {
        const [first, ...rest] = t.split('\n');
        const about = rest.join(' ').trim();
        let name = first!.trim() || t;
        let own = role;
        // (a role word we know: "Anonymous: Chinese" says no role, and no one)
        const said = role ? null : ROLE_PREFIX.exec(name);
        if (said && metaField([said[1]!]) === 'creator' && !isGenericRole(said[1]!)) {
          own = { [l]: said[1]! };
          name = said[2]!;
        }
        return { name: { [l]: name }, ...(own ? { role: own } : {}), ...(about ? { about: { [l]: about } } : {}) };
      });
    }),
  );
  const dates = metaValues('date');
  if (dates.length) draft.production = { display: joined(dates, '; '), earliest: null, latest: null };
  // "Nottingham (printed)": the name, and what happened there when the value says
  // beside a pair that says where it was made or published, a bare "Place" is what the object
  // shows (WDL: "Place of Publication": London, "Place": "East Asia > China"); a path in a
  // hierarchy is its last step
  const placePairs = meta.get('place') ?? [];
  const bare = (label: Pair[]) => label.every(([, t]) => BARE_PLACE.test(t.trim()));
  const specific = placePairs.some((x) => !bare(x.label));
  put('places', [
    ...placePairs.flatMap(({ label, values }) =>
      values.map(([l, t]): PlaceRef => {
        const q = placeQualifier(t);
        const name = (q ? q.name : t).split(PLACE_PATH).pop()!.trim() || t;
        const role = q ? (PLACE_ROLES[q.what] ?? 'production') : specific && bare(label) ? 'depicted' : 'production';
        return { name: { [l]: name }, role };
      }),
    ),
    ...navPlaces(m, ctx),
  ]);
  put('dimensionsText', joined(metaValues('dimensions'), '; '));
  put('inscriptions', metaValues('inscription').map(([l, t]) => ({ text: t, ...(l !== ctx.defaultLanguage ? { lang: l } : {}) })));

  // credit, rights, homepage
  // an explicit "Credit Line" pair is the credit line; else the required statement (v2
  // attribution), unless it gave the rights: a "Terms of Use" that links a licence, in a
  // manifest without rights of its own (Bodleian)
  const licence = [...arr(v2 ? (m.license ?? m.rights) : (m.rights ?? m.license))].map((x) => (isNode(x) ? idOf(x) : str(x))).find(Boolean);
  const required = isNode(m.requiredStatement) ? m.requiredStatement : undefined;
  const requiredLicence = !licence && required && metaField(T(required.label).map(([, t]) => t)) === 'rights' ? rawTexts(required.value).map(licenceOf).find(Boolean) : undefined;
  let credit = joined(metaValues('credit'), '; ');
  if (!Object.keys(credit).length && !requiredLicence) credit = joined(required ? T(required.value) : T(m.attribution), '; ');
  put('creditLine', credit);
  put('provenance', joined(metaValues('provenance'), '\n\n'));
  const metaRights = metaValues('rights');
  const rights = (licence && rightsOf(licence)) || requiredLicence || (metaRights.find(([, t]) => /^https?:\/\//.test(t)) ?? metaRights[0])?.[1];
  if (rights) draft.rights = rights;
  const linked = (v: unknown) => nodes(v).concat(arr(v).filter((x): x is string => typeof x === 'string').map((s) => ({ '@id': s })));
  const home = linked(v2 ? m.related : m.homepage).find((p) => !str(p.format) || str(p.format)!.startsWith('text/html'));
  // else a page of the record among the renderings (AIC: "Full record", text/html), or a "Record URL" pair
  const rendered = linked(m.rendering).find((p) => str(p.format)?.startsWith('text/html'));
  const recordUrl = metaValues('homepage').map(([, t]) => t).find((t) => /^https?:\/\/\S+$/.test(t));
  const homepage = (home && url(home)) ?? (rendered && url(rendered)) ?? recordUrl;
  if (homepage) draft.homepage = homepage;

  // images: the start canvas first (else the first with an image), carrying the manifest;
  // then the other views of the object, a few at most (a book's pages stay in its manifest)
  const canvases = canvasesOf(m, v2);
  const startId = isNode(m.start) ? idOf(m.start) : v2 ? str(nodes(m.sequences)[0]?.startCanvas) : undefined;
  const ordered = startId ? [...canvases.filter((c) => idOf(c) === startId), ...canvases.filter((c) => idOf(c) !== startId)] : canvases;
  // a book (behavior or viewingHint "paged") is its cover or start page: its pages are not views of it
  const paged = [m, nodes(m.sequences)[0]].some((n) => n && [...arr(n.behavior), ...arr(n.viewingHint)].includes('paged'));
  const maxViews = paged ? 1 : MAX_VIEWS;
  const views: ImageRef[] = [];
  for (const c of ordered) {
    if (views.length >= maxViews) break;
    const image = canvasImage(c, v2 || 'sequences' in m);
    if (image && !views.some((x) => (x.iiifService ?? x.url) === (image.iiifService ?? image.url))) views.push(image);
  }
  const manifestUrl = url(identifier);
  const img: ImageRef = { ...(views[0] ?? {}) };
  if (manifestUrl) img.manifest = manifestUrl;
  const thumb = thumbnailOf(m);
  if (thumb) img.thumbnail = thumb;
  if (img.url || img.iiifService || img.manifest) {
    img.primary = true;
    draft.images = [img, ...views.slice(1)];
  }
  return { identifier, draft };
}
