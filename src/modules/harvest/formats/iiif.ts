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

const TAG = /<\/?(?:a|b|br|i|img|p|small|span|sub|sup|cite|em|strong|div|ul|ol|li|u|h[1-6])\b[^>]*>/i;
const ENTITY = /&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);/i;

/** The IIIF HTML subset as plain text (line breaks kept, entities decoded). */
export function htmlToText(s: string): string {
  return s
    .replace(/<\s*br\s*\/?\s*>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h[1-6])\s*>/gi, '\n\n')
    .replace(/<[a-zA-Z/!][^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
      const l = e.toLowerCase();
      if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
      if (l.startsWith('#')) return String.fromCodePoint(Number(l.slice(1)));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[l] ?? _m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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

function joined(pairs: Pair[], sep: string): LangMap {
  const m: LangMap = {};
  for (const [l, t] of pairs) m[l] = m[l] === undefined ? t : m[l]!.split(sep).includes(t) ? m[l]! : m[l] + sep + t;
  return m;
}

// ---- metadata labels ---------------------------------------------------------------------------

type MetaField = 'title' | 'date' | 'creator' | 'material' | 'technique' | 'dimensions' | 'place' | 'culture' | 'period' | 'type' | 'classification' | 'subject' | 'inventory' | 'rights' | 'credit' | 'description' | 'inscription' | 'homepage';

const META_LABELS: Record<MetaField, string[]> = {
  title: ['title', 'alternative title', 'alternative titles', 'other title', 'other titles', 'variant title', 'titre', 'titel', 'titolo', 'título', 'titulo', 'العنوان', '标题', '標題', '题名', '題名', 'название'],
  date: ['date', 'dates', 'date created', 'created', 'creation date', 'date of creation', 'date made', 'production date', 'date of production', 'created published', 'datum', 'datierung', 'entstehungszeit', 'entstehungsjahr', 'date de création', 'fecha', 'data', 'التاريخ', 'تاريخ', '日期', '年代', '时代', '時代', 'дата'],
  creator: ['creator', 'creators', 'author', 'authors', 'artist', 'artists', 'maker', 'makers', 'painter', 'photographer', 'engraver', 'calligrapher', 'scribe', 'illuminator', 'people', 'contributor', 'contributors', 'auteur', 'artiste', 'künstler', 'künstlerin', 'urheber', 'kunstenaar', 'vervaardiger', 'autore', 'artista', 'autor', 'creador', 'المؤلف', 'الفنان', '作者', '艺术家', '藝術家', 'автор', 'художник'],
  material: ['material', 'materials', 'medium', 'media', 'materials/techniques', 'material/technique', 'medium/support', 'support', 'matériau', 'matériaux', 'matière', 'materiaal', 'materiale', 'materiali', 'المادة', '材质', '材質', '质地', '材料', 'материал'],
  technique: ['technique', 'techniques', 'technik', 'techniek', 'tecnica', 'técnica', 'التقنية', '技法', 'техника'],
  dimensions: ['dimensions', 'dimension', 'size', 'measurements', 'measurement', 'abmessungen', 'maße', 'masse', 'afmetingen', 'dimensioni', 'dimensiones', 'medidas', 'الأبعاد', '尺寸', 'размеры'],
  place: ['place', 'places', 'place of origin', 'place made', 'place created', 'place of creation', 'place of production', 'place of publication', 'origin', 'geography', 'lieu', 'lieu de création', 'ort', 'entstehungsort', 'herstellungsort', 'plaats', 'luogo', 'lugar', 'مكان', 'المكان', '地点', '地點', '产地', '產地', 'место'],
  culture: ['culture', 'cultures', 'kultur', 'cultuur', 'cultura', 'الثقافة', '文化'],
  period: ['period', 'era', 'dynasty', 'reign', 'période', 'periode', 'epoche', 'periodo', 'período', 'época', 'العصر', '朝代', '时期', '時期'],
  type: ['type', 'object type', 'object name', 'objecttype', 'type of work', 'work type', 'genre', 'form', 'original format', 'document type', 'objektart', 'objekttyp', 'objectnaam', 'objectsoort', 'tipo', 'نوع', 'نوع الوثيقة', '类型', '類型'],
  classification: ['classification', 'department', 'category', 'categories', 'classement', 'klassifikation', 'classificatie', 'clasificación', 'التصنيف', '分类', '分類'],
  subject: ['subject', 'subjects', 'keywords', 'keyword', 'topic', 'topics', 'subject terms', 'sujet', 'sujets', 'schlagwort', 'schlagwörter', 'thema', 'onderwerp', 'soggetto', 'tema', 'الموضوع', '主题', '主題'],
  inventory: ['identifier', 'object id', 'object identifier', 'museum number', 'registration number', 'inv. no.', 'inv. no', 'inventory no.', 'accession number', 'accession no', 'accession no.', 'accession id', 'accession', 'inventory number', 'inventory no', 'object number', 'catalogue number', 'catalog number', 'call number', 'shelfmark', 'shelf mark', 'signatur', 'inventarnummer', 'inventarisnummer', 'objectnummer', "numéro d'inventaire", 'cote', 'numero di inventario', 'número de inventario', 'رقم الاستدعاء', 'رقم الجرد', '编号', '編號', '索书号', 'инвентарный номер'],
  rights: ['rights', 'right', 'license', 'licence', 'copyright', 'rights statement', 'usage', 'terms of use', 'conditions of use', 'reuse', 'permissions', 'droits', 'lizenz', 'rechte', 'licentie', 'diritti', 'derechos', 'الحقوق', '版权', '版權'],
  credit: ['credit line', 'credit', 'creditline', 'crédit', 'bildnachweis'],
  description: ['description', 'summary', 'abstract', 'beschreibung', 'beschrijving', 'descrizione', 'descripción', 'الوصف', '描述', '說明', 'описание'],
  homepage: ['record url', 'record link', 'permalink', 'permanent link', 'url', 'link', 'web page', 'online record'],
  inscription: ['inscription', 'inscriptions', 'marks', 'markings', 'signature', 'inschrift', 'inscriptie', 'iscrizione', 'inscripción', 'نقش', '铭文', '銘文', '题跋', 'надпись'],
};
const META_BY_LABEL = new Map<string, MetaField>();
for (const [f, labels] of Object.entries(META_LABELS)) for (const l of labels) META_BY_LABEL.set(l, f as MetaField);
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
const PLACE_ROLES: Record<string, string> = { published: 'publication', found: 'findspot', excavated: 'findspot' };
const GENERIC_ROLES = new Set(['creator', 'creators', 'people', 'contributor', 'contributors', 'maker', 'makers']);

const normLabel = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[\s:：]+$/, '').replace(/\(s\)$/, '').trim();
// "Artist / Maker", "Culture & Date", "Rights/License", "Materials and techniques"
const LABEL_PARTS = /\s*(?:\/|&|\+|;|,|\band\b|\bund\b|\bet\b|\ben\b|\be\b|\by\b)\s*/;

function metaField(pairs: Pair[]): MetaField | undefined {
  for (const [, t] of pairs) {
    const label = normLabel(t);
    const f = META_BY_LABEL.get(label);
    if (f) return f;
    // a compound label: what its parts say; a date with anything else is the date
    // ("Culture & Date": "French, 1718–1719" gives the years), else the first part known
    const parts = label.split(LABEL_PARTS).flatMap((x) => META_BY_LABEL.get(x) ?? []);
    if (parts.length) return parts.includes('date') ? 'date' : parts[0];
  }
  return undefined;
}

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
    const u = url(r);
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
    const u = url(t);
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
    out.push({ name: Object.keys(name).length ? name : { und: `${c!.lat}, ${c!.lon}` }, role: 'location', ...(c ?? {}) });
  }
  return out;
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
    const f = metaField(label);
    if (!f) continue;
    const values = T(e.value);
    if (!values.length) continue;
    if (!meta.has(f)) meta.set(f, []);
    meta.get(f)!.push({ label, values });
  }
  const metaValues = (f: MetaField) => (meta.get(f) ?? []).flatMap((x) => x.values);

  let labels = T(m.label);
  if (!labels.length) labels = metaValues('title');
  if (!labels.length) return { identifier, problem: { reason: 'no_title', message: 'the manifest has no label (and no Title in its metadata)' } };
  const { map: title, rest } = firstPerLang(labels);
  const draft: ObjectDraft = { identifier, title };
  const put = <K extends keyof ObjectDraft>(k: K, v: ObjectDraft[K] | undefined) => {
    if (v === undefined || v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length)) return;
    draft[k] = v;
  };
  const alt = rest.map(([l, t]) => ({ [l]: t }));
  for (const [l, t] of metaValues('title')) if (title[l] !== t && !alt.some((a) => a[l] === t)) alt.push({ [l]: t });
  put('alternativeTitles', alt);

  // an "Identifier" may be the manifest's URI: a number the museum writes on its object first
  const invs = metaValues('inventory').map(([, t]) => t);
  const inv = invs.find((t) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) ?? invs[0];
  if (inv) draft.inventoryNumber = inv;
  let description = joined(T(v2 ? m.description : (m.summary ?? m.description)), '\n\n');
  if (!Object.keys(description).length) description = joined(metaValues('description'), '\n\n');
  put('description', description);

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
      // ("Artist / Maker" says no more than "Maker")
      const roleText = label.some(([, t]) => normLabel(t).split(LABEL_PARTS).some((x) => GENERIC_ROLES.has(x))) ? undefined : label[0];
      // "Georges Seurat\nFrench, 1859-1891": the name is the first line
      return values.map(([l, t]) => ({ name: { [l]: t.split('\n')[0]!.trim() || t }, ...(roleText ? { role: { [roleText[0]]: roleText[1] } } : {}) }));
    }),
  );
  const dates = metaValues('date');
  if (dates.length) draft.production = { display: joined(dates, '; '), earliest: null, latest: null };
  // "Nottingham (printed)": the name, and what happened there when the value says
  put('places', [
    ...metaValues('place').map(([l, t]): PlaceRef => {
      const q = placeQualifier(t);
      return { name: { [l]: q ? q.name : t }, role: q ? (PLACE_ROLES[q.what] ?? 'production') : 'production' };
    }),
    ...navPlaces(m, ctx),
  ]);
  put('dimensionsText', joined(metaValues('dimensions'), '; '));
  put('inscriptions', metaValues('inscription').map(([l, t]) => ({ text: t, ...(l !== ctx.defaultLanguage ? { lang: l } : {}) })));

  // credit, rights, homepage
  // an explicit "Credit Line" pair is the credit line; else the required statement (v2 attribution)
  let credit = joined(metaValues('credit'), '; ');
  if (!Object.keys(credit).length) credit = joined(isNode(m.requiredStatement) ? T(m.requiredStatement.value) : T(m.attribution), '; ');
  put('creditLine', credit);
  const licence = [...arr(v2 ? (m.license ?? m.rights) : (m.rights ?? m.license))].map((x) => (isNode(x) ? idOf(x) : str(x))).find(Boolean);
  const metaRights = metaValues('rights');
  const rights = licence ?? metaRights.find(([, t]) => /^https?:\/\//.test(t))?.[1] ?? metaRights[0]?.[1];
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
  const views: ImageRef[] = [];
  for (const c of ordered) {
    if (views.length >= MAX_VIEWS) break;
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
