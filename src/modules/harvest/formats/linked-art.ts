// Linked Art JSON-LD (1.0, and tolerant of pre-1.0 and 0.x producers) into an ObjectDraft.
// The document is read by its keys, as the Linked Art API profile fixes them; no JSON-LD
// processor runs, so no context is ever fetched. Tolerated: ManMadeObject, label/_label,
// value/content, created_by, parts, CURIE ids (aat:…), vocab.getty.edu/page/ URIs,
// single objects where lists are expected, missing _label, labels only as a notation and
// references as bare id strings (Rijksmuseum) — see linked-art.read.ts.
import type {
  Agent, DateSpan, ImageRef, Inscription, LangMap, Measurement, ObjectDraft, ParseContext, ParsedRecord, PlaceRef, RecordProblem, Term,
} from '../record.types.ts';
import { isUndatedText } from '../normalise/dates.ts';
import { parseJsonFile } from './json-file.ts';
import { httpUrl, isHttpUrl } from './mapped.ts';
import {
  aatNos, arr, canonicalId, classes, classLabels, contentOf, hasClass, httpIds, isNode, labelText, langOf, nameOf, str, term, types, withoutQualifier, yearOf, type Node,
} from './linked-art.read.ts';

export { canonicalId, yearOf } from './linked-art.read.ts';

/** A Linked Art file (one object, an array or NDJSON of them) into records. */
export function parseLinkedArt(bytes: Buffer, ctx: ParseContext): ParsedRecord[] {
  return parseJsonFile(bytes, 'linked-art', ctx);
}

// ---- vocabulary ----------------------------------------------------------------------------

const AAT = {
  primaryName: '300404670',
  accession: '300312355',
  ownerNumber: '300404621',
  typeOfWork: '300435443',
  // "works of art": says only that the object is one (Linked Art puts it on every artwork)
  genericWork: '300133025',
  description: ['300435416', '300080091'],
  credit: ['300026687', '300435418'],
  // provenance statements (Linked Art's 300444174, Getty's 300435438) and the activity (300055863)
  provenance: ['300444174', '300435438', '300055863'],
  dimensionStatement: '300435430',
  partCount: '300241583',
  numbers: '300055665',
  materialStatement: '300435429',
  culture: '300055768',
  // copyright/licensing statement, rights (legal concept), and the 0.x "legal concepts"
  rightsStatement: ['300435434', '300417696', '300055547'],
  inscription: ['300435414', '300028702'],
  signature: '300028705',
  mark: ['300028744', '300435420'],
  webPage: '300264578',
  digitalImage: '300215302',
  color: '300080438',
};

const DIMENSION_TYPES: Record<string, string> = {
  '300055644': 'height', '300055647': 'width', '300072633': 'depth', '300055624': 'diameter', '300056240': 'weight',
  '300055645': 'length', '300055646': 'thickness', '300404433': 'count', '300055642': 'circumference',
};
const UNITS: Record<string, string> = {
  '300379098': 'cm', '300379097': 'mm', '300379099': 'm', '300379100': 'in', '300379101': 'ft', '300379225': 'g',
  '300379226': 'kg', '300379254': 'lb', '300379229': 'oz',
};
const UNIT_NAMES: Record<string, string> = {
  centimeters: 'cm', centimetres: 'cm', millimeters: 'mm', millimetres: 'mm', meters: 'm', metres: 'm', inches: 'in',
  feet: 'ft', grams: 'g', kilograms: 'kg', pounds: 'lb', ounces: 'oz',
};
const OBJECT_TYPES = new Set(['HumanMadeObject', 'ManMadeObject', 'E22_Human-Made_Object', 'E22_Man-Made_Object', 'PhysicalHumanMadeThing']);
/** Words for what a maker did: given as a "technique" (0.x "aat:artist") or after a name ("…, artist"), they are a role. */
const ROLE_WORDS = new Set([
  'artist', 'author', 'maker', 'creator', 'draftsman', 'draughtsman', 'painter', 'engraver', 'etcher', 'printmaker', 'printer',
  'publisher', 'photographer', 'sculptor', 'designer', 'architect', 'potter', 'calligrapher', 'illuminator', 'scribe', 'manufacturer',
]);
const isRoleWord = (label: LangMap) => Object.values(label).some((v) => ROLE_WORDS.has(withoutQualifier(v).toLowerCase()));
const ROLE_STATEMENT = /\brole\b/i;

// ---- small readers ------------------------------------------------------------------------------

function wktPoint(n: Node): { lat: number; lon: number } | undefined {
  for (const src of [n.defined_by, ...arr(n.approximated_by).map((a) => a.defined_by)]) {
    const m = typeof src === 'string' ? /^\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i.exec(src) : null;
    if (m) {
      const lon = Number(m[1]);
      const lat = Number(m[2]);
      if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
    }
  }
  return undefined;
}

/** a node's media types: one string or a list (Getty: ["application/ld+json;profile=\"…/presentation/2/context.json\""]) */
const formatsOf = (n: Node): string[] => (Array.isArray(n.format) ? n.format : [n.format]).filter((f): f is string => typeof f === 'string');
const conformsTo = (n: Node, what: string) =>
  [n.conforms_to, ...arr(n.conforms_to).map((c) => c.id ?? c['@id'])].some((c) => typeof c === 'string' && c.includes(what)) ||
  formatsOf(n).some((f) => f.includes(what));
const accessPoints = (n: Node) => arr(n.access_point).map((a) => httpUrl(a.id ?? a['@id'])).filter((u): u is string => !!u);

// an id that says nothing else but reads like an Image API service (…/iiif/2/732891), not a file
const IMAGE_SERVICE_PATH = /\/iiif\/(?:2|3|image)\//i;
const looksLikeImageService = (id: string) => {
  const last = id.slice(id.lastIndexOf('/') + 1);
  return IMAGE_SERVICE_PATH.test(id) && last !== '' && !/[.?#]/.test(last);
};
const LICENCE_URI = /creativecommons\.org|rightsstatements\.org/;
const isLicence = (id: unknown): id is string => typeof id === 'string' && LICENCE_URI.test(id);
const INVENTORY_LABEL = /accession|inventory|inventar|object number|catalog(?:ue)? number|registration number|numéro d'inventaire/i;

const pushTerm = (list: Term[], tm: Term | undefined) => {
  if (tm && !list.some((x) => JSON.stringify(x.label) === JSON.stringify(tm.label) && JSON.stringify(x.ids) === JSON.stringify(tm.ids))) list.push(tm);
};
const labelled = (label: LangMap): Term[] => (Object.keys(label).length ? [{ label }] : []);

// ---- the draft ------------------------------------------------------------------------------------

export interface LinkedArtResult {
  identifier?: string;
  draft?: ObjectDraft;
  problem?: RecordProblem;
}

/**
 * One Linked Art object (parsed JSON) into a draft, or the reason it is not one.
 * `requireTitle: false` returns what a title-less fragment carries (title {}), for diagnostics.
 */
export function linkedArtToDraft(doc: unknown, ctx: ParseContext, opts: { requireTitle?: boolean } = {}): LinkedArtResult {
  if (!isNode(doc)) return { problem: { reason: 'wrong_format', message: 'not a JSON object' } };
  const t = types(doc);
  const context = JSON.stringify(doc['@context'] ?? '');
  if (context.includes('iiif.io/api/presentation')) return { problem: { reason: 'wrong_format', message: 'a IIIF Presentation document, not Linked Art (import it as iiif)' } };
  if (!t.some((x) => OBJECT_TYPES.has(x)))
    return {
      ...(str(doc.id) ? { identifier: str(doc.id) } : {}),
      problem: { reason: 'wrong_format', message: t.length ? `a Linked Art ${t.join('/')}, not a HumanMadeObject` : 'no "type": not a Linked Art HumanMadeObject' },
    };
  const lang = ctx.defaultLanguage;

  // identifiers and names
  const idents = arr(doc.identified_by).filter((n) => types(n).includes('Identifier') && contentOf(n));
  // the accession number by its AAT class, else by what its type is called ("YPM Internal Catalog
  // Number"), else the owner's number (archives, which accession nothing: SGV's "SGV_12N_02727")
  const accession =
    idents.find((n) => hasClass(n, AAT.accession)) ??
    idents.find((n) => arr(n.classified_as).some((c) => INVENTORY_LABEL.test(labelText(c) ?? ''))) ??
    idents.find((n) => hasClass(n, AAT.ownerNumber));
  const identifier = str(doc.id) ?? str(doc['@id']) ?? contentOf(accession ?? idents[0] ?? {});
  if (!identifier) return { problem: { reason: 'no_identifier', message: 'the object has no "id" and no identified_by Identifier' } };

  const names = arr(doc.identified_by).filter((n) => (types(n).includes('Name') || types(n).includes('Title')) && contentOf(n));
  const primary = names.filter((n) => hasClass(n, AAT.primaryName));
  const titleNames = primary.length ? primary : names;
  const title: LangMap = {};
  const alternativeTitles: LangMap[] = [];
  for (const n of titleNames) {
    const l = langOf(n) ?? lang;
    if (title[l] === undefined) title[l] = contentOf(n)!;
    else alternativeTitles.push({ [l]: contentOf(n)! });
  }
  for (const n of names) if (!titleNames.includes(n)) alternativeTitles.push({ [langOf(n) ?? lang]: contentOf(n)! });
  if (!Object.keys(title).length) {
    const l = nameOf({ _label: doc._label ?? doc.label }, lang);
    if (l) Object.assign(title, l);
  }
  if (!Object.keys(title).length && opts.requireTitle !== false)
    return { identifier, problem: { reason: 'no_title', message: 'no identified_by Name and no _label (or label)' } };

  const draft: ObjectDraft = { identifier, title };
  const put = <K extends keyof ObjectDraft>(k: K, v: ObjectDraft[K] | undefined) => {
    if (v === undefined || v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length)) return;
    draft[k] = v;
  };
  if (accession) put('inventoryNumber', contentOf(accession));
  put('alternativeTitles', alternativeTitles);

  const said = noStatements();
  readStatements(doc, lang, said);
  readProvenance(doc, lang, said);
  const found = readParts(doc, lang, said);
  const making = readProduction(doc, lang);
  const typing = objectTypesOf(doc, lang, said.texts.objectType);
  put('objectTypes', typing.objectTypes);
  put('classification', typing.classification);
  put('materials', found.materials.length ? found.materials : labelled(said.texts.materials));
  put('techniques', making.techniques);
  put('makers', making.makers);
  if (making.production) draft.production = making.production;
  put('places', [...making.places, ...findspots(doc, lang)]);
  put('periods', making.periods);
  put('cultures', labelled(said.texts.culture));
  put('description', said.texts.description);
  put('dimensionsText', said.texts.dimensions);
  put('measurements', measurementsOf(doc, lang));
  put('inscriptions', said.inscriptions);
  put('creditLine', said.texts.credit);
  put('provenance', said.texts.provenance);
  const rights = rightsOf(doc, said);
  if (rights) draft.rights = rights;

  const { homepage, manifest } = webOf(doc);
  const images = found.images;
  if (manifest) {
    if (images[0] && !images[0].manifest) images[0].manifest = manifest;
    else if (!images.some((i) => i.manifest === manifest)) images.push({ manifest });
  }
  if (images[0] && !images.some((i) => i.primary)) images[0].primary = true;
  put('images', images);
  if (homepage) draft.homepage = homepage;
  const sameAs = arr(doc.equivalent).concat(arr(doc.exact_match)).map((e) => canonicalId(e.id ?? e['@id'])).filter(isHttpUrl);
  put('sameAs', [...new Set(sameAs)]);
  put('subjects', found.subjects);
  return { identifier, draft };
}

// ---- statements (referred_to_by) -------------------------------------------------------------------

type TextKind = 'description' | 'credit' | 'dimensions' | 'materials' | 'culture' | 'objectType' | 'provenance';
type StatementKind = TextKind | 'rights' | 'inscription';

interface Statements {
  texts: Record<TextKind, LangMap>;
  inscriptions: Inscription[];
  rightsText?: string;
  /** a rights statement whose own id is the licence (Getty: a rightsstatements.org URI) */
  rightsUri?: string;
}
const noStatements = (): Statements => ({
  texts: { description: {}, credit: {}, dimensions: {}, materials: {}, culture: {}, objectType: {}, provenance: {} },
  inscriptions: [],
});

// What a statement is: its AAT classes decide; the words of its classes' labels only when no
// class does ("Dimensions Description" and "Materials Description" are no descriptions).
const STATEMENT_CLASSES: Array<[StatementKind, string[]]> = [
  ['description', AAT.description],
  ['credit', AAT.credit],
  ['provenance', AAT.provenance],
  ['dimensions', [AAT.dimensionStatement]],
  ['materials', [AAT.materialStatement]],
  ['culture', [AAT.culture]],
  ['objectType', [AAT.typeOfWork]],
  ['rights', AAT.rightsStatement],
  ['inscription', [...AAT.inscription, AAT.signature, ...AAT.mark]],
];
const STATEMENT_WORDS: Array<[StatementKind, RegExp]> = [
  ['credit', /credit/],
  // "Provenance Statement", not Getty's "Provenance Location" (the place, not the story)
  ['provenance', /provenance(?!\s*location)/],
  ['dimensions', /dimension/],
  ['materials', /material|medium/],
  ['rights', /right|licen|copyright/],
  ['inscription', /inscription|signature|mark/],
  ['culture', /culture/],
  ['description', /description/],
];

function statementKind(st: Node, onObject: boolean): StatementKind | undefined {
  if (isLicence(st.id)) return 'rights';
  const cs = classes(st);
  for (const [kind, ids] of STATEMENT_CLASSES) if (ids.some((i) => cs.has(i))) return kind;
  const labels = classLabels(st).toLowerCase();
  for (const [kind, words] of STATEMENT_WORDS) if (words.test(labels)) return kind;
  // a statement on the object that no class explains is its description
  return onObject && !cs.size ? 'description' : undefined;
}

// the texts already joined into each map, per language: a record may hold thousands of
// statements, and splitting the growing text again for each was quadratic
const joinedTexts = new WeakMap<LangMap, Map<string, Set<string>>>();
const add = (m: LangMap, l: string, text: string, sep: string) => {
  let byLang = joinedTexts.get(m);
  if (!byLang) joinedTexts.set(m, (byLang = new Map()));
  let seen = byLang.get(l);
  if (!seen) byLang.set(l, (seen = new Set(m[l] === undefined ? [] : m[l]!.split(sep))));
  if (seen.has(text)) return;
  seen.add(text);
  m[l] = m[l] === undefined ? text : m[l] + sep + text;
};

/** The statements of the object, or of one of its parts (`prefix`: the part's name, e.g. "Reverse"). */
function readStatements(holder: Node, lang: string, into: Statements, prefix?: string): void {
  for (const st of arr(holder.referred_to_by)) {
    const ty = types(st);
    if (ty.length && !ty.includes('LinguisticObject')) continue;
    const kind = statementKind(st, !prefix);
    if (isLicence(st.id)) into.rightsUri ??= st.id;
    const text = contentOf(st);
    if (!text || !kind) continue;
    if (kind === 'rights') into.rightsText ??= text;
    else if (kind === 'inscription') into.inscriptions.push(inscription(st, text, prefix));
    else if (kind === 'description') add(into.texts.description, langOf(st) ?? lang, prefix ? `${prefix}: ${text}` : text, '\n\n');
    else add(into.texts[kind], langOf(st) ?? lang, text, kind === 'provenance' ? '\n\n' : '; ');
  }
}

/**
 * Provenance told event by event (Getty): each acquisition, and the provenance activity it
 * is part of, carries its statement; the object's provenance is them in order, each once.
 */
function readProvenance(doc: Node, lang: string, into: Statements): void {
  for (const acquisition of arr(doc.changed_ownership_through)) {
    for (const holder of [acquisition, ...arr(acquisition.part_of)]) {
      for (const st of arr(holder.referred_to_by)) {
        const text = contentOf(st);
        if (text && statementKind(st, false) === 'provenance') add(into.texts.provenance, langOf(st) ?? lang, text, '\n\n');
      }
    }
  }
}

/** A transcription as written: line breaks and spacing are part of it. */
function inscription(st: Node, text: string, position?: string): Inscription {
  const kind = hasClass(st, AAT.signature) || /signature/i.test(classLabels(st)) ? 'signature' : hasClass(st, AAT.mark) ? 'mark' : 'inscription';
  const l = langOf(st);
  return { text, kind, ...(l ? { lang: l } : {}), ...(position ? { position } : {}) };
}

// ---- types, parts, images ----------------------------------------------------------------------------

/**
 * The object's types and other classifications. The type carries the meta-classification
 * "type of work"; without one, every classification that has none is a type. The generic
 * "works of art" gives way to a more specific type, or to the record's own type statement
 * (Getty: "Object Type": "Print"), and stays a classification.
 */
/**
 * Classifications that are a collection system's flags, not what the object is: Yale LUX adds
 * "Collection Item" (AAT 300404024) to every object, and the Peabody its "three-dimensional"
 * or "two-dimensional" (300010331, 300010332). As types they would lead every facet.
 */
const FLAGS = new Set(['300404024', '300010331', '300010332']);

function objectTypesOf(doc: Node, lang: string, typeStatement: LangMap): { objectTypes: Term[]; classification: Term[] } {
  const cls = arr(doc.classified_as);
  const typed = cls.filter((c) => hasClass(c, AAT.typeOfWork));
  const isType = (c: Node) => (typed.length ? typed.includes(c) : !arr(c.classified_as).length);
  const generic = (c: Node) => aatNos(c).includes(AAT.genericWork);
  const specific = cls.some((c) => isType(c) && !generic(c) && nameOf(c, lang));
  const fromStatement = !specific && Object.keys(typeStatement).length > 0;
  const objectTypes: Term[] = [];
  const classification: Term[] = [];
  for (const c of cls) {
    if (aatNos(c).some((a) => FLAGS.has(a))) continue;
    const tm = term(c, lang);
    if (tm) (isType(c) && !(generic(c) && (specific || fromStatement)) ? objectTypes : classification).push(tm);
  }
  if (fromStatement) objectTypes.unshift({ label: typeStatement });
  return { objectTypes, classification };
}

interface Found {
  materials: Term[];
  images: ImageRef[];
  subjects: Term[];
}

/** Materials, inscriptions, images and subjects of the object and its parts (obverse, reverse, back…). */
function readParts(doc: Node, lang: string, said: Statements): Found {
  const found: Found = { materials: [], images: [], subjects: [] };
  const visit = (n: Node, depth: number, position?: string) => {
    for (const m of arr(n.made_of)) pushTerm(found.materials, term(m, lang));
    for (const c of arr(n.carries)) {
      const text = contentOf(c);
      if (text) said.inscriptions.push(inscription(c, text, position));
      for (const a of arr(c.about)) pushTerm(found.subjects, term(a, lang));
    }
    for (const r of arr(n.representation)) representation(r, found.images, position ? { [lang]: position } : undefined);
    for (const v of arr(n.shows)) {
      for (const c of arr(v.classified_as)) pushTerm(found.subjects, term(c, lang));
      for (const r of [...arr(v.represents), ...arr(v.about)]) pushTerm(found.subjects, term(r, lang));
    }
    for (const a of arr(n.about)) pushTerm(found.subjects, term(a, lang));
    if (depth > 0) readStatements(n, lang, said, position);
    if (depth < 4)
      for (const p of [...arr(n.part), ...arr(n.parts)]) {
        if (types(p).length && !types(p).some((x) => OBJECT_TYPES.has(x))) continue;
        visit(p, depth + 1, labelText(p) ?? arr(p.classified_as).map((c) => labelText(c)).find(Boolean));
      }
  };
  visit(doc, 0);
  return found;
}

function representation(r: Node, images: ImageRef[], caption?: LangMap) {
  const img: ImageRef = {};
  const objs = arr(r.digitally_shown_by);
  if (objs.length) {
    for (const d of objs) {
      if (conformsTo(d, 'iiif.io/api/image')) img.iiifService ??= accessPoints(d)[0];
      const isImage = (typeof d.format === 'string' && d.format.startsWith('image/')) || hasClass(d, AAT.digitalImage) || !d.format;
      if (isImage && !conformsTo(d, 'iiif.io/api/image')) img.url ??= accessPoints(d)[0];
      for (const svc of arr(d.digitally_available_via)) if (conformsTo(svc, 'iiif.io/api/image')) img.iiifService ??= accessPoints(svc)[0];
    }
  } else {
    // 0.x and fragments: the VisualItem's own id is the image or the image service
    const id = httpUrl(r.id ?? r['@id']);
    if (id) {
      if (conformsTo(r, 'iiif.io/api/image') || looksLikeImageService(id)) img.iiifService = id;
      else if ((typeof r.format === 'string' && r.format.startsWith('image/')) || hasClass(r, AAT.digitalImage)) img.url = id;
    }
  }
  if (img.iiifService) img.iiifService = img.iiifService.replace(/\/info\.json$/, '').replace(/\/+$/, '');
  if (!img.url && !img.iiifService) return;
  if (caption) img.caption = caption;
  if (images.some((i) => i.url === img.url && i.iiifService === img.iiifService)) return;
  // one view given twice, as a JPEG and as an image service (ANS: obverse and reverse): one image
  const half = images.find((i) => JSON.stringify(i.caption) === JSON.stringify(img.caption) && (img.url ? !i.url && !!i.iiifService && !img.iiifService : !i.iiifService && !!i.url));
  if (half) Object.assign(half, img.url ? { url: img.url } : { iiifService: img.iiifService });
  else images.push(img);
}

/** The homepage and the IIIF manifest, from what is about the object (subject_of). */
function webOf(doc: Node): { homepage?: string; manifest?: string } {
  let homepage: string | undefined;
  let manifest: string | undefined;
  for (const s of arr(doc.subject_of)) {
    for (const d of [s, ...arr(s.digitally_carried_by)]) {
      const own = httpUrl(d.id ?? d['@id']);
      const urls = [...accessPoints(d), ...(own ? [own] : [])];
      if (!urls.length) continue;
      if (conformsTo(d, 'iiif.io/api/presentation')) manifest ??= urls[0];
      else if (formatsOf(d).some((f) => f.startsWith('text/html')) || hasClass(d, AAT.webPage)) homepage ??= urls[0];
    }
  }
  return { ...(homepage ? { homepage } : {}), ...(manifest ? { manifest } : {}) };
}

// ---- production ----------------------------------------------------------------------------------

interface Making {
  makers: Agent[];
  places: PlaceRef[];
  techniques: Term[];
  periods: Term[];
  production?: DateSpan;
}

/**
 * Makers, their roles, techniques, places and the date of the making. A production in parts
 * ("part" in 1.0, "consists_of" in 0.x) gives each maker's share. Linked Art's own examples
 * put a maker's technique on their part; the Rijksmuseum puts the techniques on the whole
 * production and each maker's role ("draftsman (artist)") as the technique of their part:
 * when the production names its own techniques, a part's technique beside its maker is the
 * maker's role.
 */
function readProduction(doc: Node, lang: string): Making {
  const out: Making = { makers: [], places: [], techniques: [], periods: [] };
  const prod = arr(doc.produced_by ?? doc.created_by)[0];
  if (!prod) return out;
  const rolesInParts = arr(prod.technique).length > 0;
  const spans: Node[] = [];
  const walk = (p: Node, depth: number, role?: LangMap) => {
    const carriers = arr(p.carried_out_by);
    let techniqueRole: LangMap | undefined;
    for (const tq of arr(p.technique)) {
      const tm = term(tq, lang);
      if (tm && (isRoleWord(tm.label) || (rolesInParts && depth > 0 && carriers.length))) techniqueRole ??= tm.label;
      else pushTerm(out.techniques, tm);
    }
    const partRole = arr(p.classified_as).map((c) => labelText(c, lang)).find(Boolean);
    const r = roleStatement(p, lang) ?? (partRole ? { [lang]: partRole } : techniqueRole ?? role);
    for (const a of carriers) {
      const maker = agentOf(a, lang, r);
      if (maker && !out.makers.some((m) => JSON.stringify(m.name) === JSON.stringify(maker.name))) out.makers.push(maker);
    }
    for (const pl of arr(p.took_place_at)) {
      const place = placeOf(pl, lang, 'production');
      if (place) out.places.push(place);
    }
    spans.push(...arr(p.timespan));
    for (const att of arr(p.attributed_by)) {
      const attRole = arr(att.classified_as).map((c) => labelText(c, lang)).find(Boolean);
      for (const asg of arr(att.assigned)) walk(asg, depth + 1, attRole ? { [lang]: attRole } : r);
    }
    if (depth < 4) for (const part of [...arr(p.part), ...arr(p.consists_of)]) walk(part, depth + 1, r);
  };
  walk(prod, 0);
  const production = dateSpan(spans, lang);
  if (production) out.production = production;
  // the period the making falls in (LUX: occurred_during a Period)
  for (const pd of arr(prod.occurred_during)) pushTerm(out.periods, term(pd, lang));
  return out;
}

/** A maker: their name, ids, and role — their own role statement first, then the one their part gives, then a role word their name ends with. */
function agentOf(a: Node, lang: string, role?: LangMap): Agent | undefined {
  const name = nameOf(a, lang);
  if (!name) return undefined;
  const trailing = trailingRole(name);
  const r = roleStatement(a, lang) ?? role ?? trailing?.role;
  const ids = httpIds(a);
  return { name: trailing?.name ?? name, ...(r ? { role: r } : {}), ...(ids.length ? { ids } : {}) };
}

/** A role written as a statement about a maker or their part (Getty: "Artist/Maker (Producer) Role Statement": "Photographers"). */
function roleStatement(n: Node, lang: string): LangMap | undefined {
  const m: LangMap = {};
  for (const st of arr(n.referred_to_by)) {
    const text = contentOf(st);
    if (text && ROLE_STATEMENT.test(classLabels(st))) m[langOf(st) ?? lang] ??= text;
  }
  return Object.keys(m).length ? m : undefined;
}

/** "Adolphe Yvon (French, 1817-1893), artist": a role word after the closing bracket of a display name is a role, not part of the name. */
function trailingRole(name: LangMap): { name: LangMap; role: LangMap } | undefined {
  const bare: LangMap = {};
  const role: LangMap = {};
  for (const [l, v] of Object.entries(name)) {
    const at = v.lastIndexOf('),');
    const word = at > 0 ? v.slice(at + 2).trim() : '';
    if (ROLE_WORDS.has(word.toLowerCase())) {
      bare[l] = v.slice(0, at + 1);
      role[l] = word;
    } else bare[l] = v;
  }
  return Object.keys(role).length ? { name: bare, role } : undefined;
}

function placeOf(pl: Node, lang: string, role: string): PlaceRef | undefined {
  const name = nameOf(pl, lang);
  if (!name) return undefined;
  const ids = httpIds(pl);
  return { name, role, ...wktPoint(pl), ...(ids.length ? { ids } : {}) };
}

/** Where it was found or collected (encountered_by). */
const findspots = (doc: Node, lang: string): PlaceRef[] =>
  arr(doc.encountered_by).flatMap((enc) => arr(enc.took_place_at).map((pl) => placeOf(pl, lang, 'findspot'))).filter((p): p is PlaceRef => !!p);

function dateSpan(spans: Node[], lang: string): DateSpan | undefined {
  for (const ts of spans) {
    let earliest = yearOf(ts.begin_of_the_begin) ?? yearOf(ts.end_of_the_begin);
    let latest = yearOf(ts.end_of_the_end) ?? yearOf(ts.begin_of_the_end);
    if (earliest !== null && latest !== null && earliest > latest) [earliest, latest] = [latest, earliest];
    let display: LangMap | undefined;
    for (const n of arr(ts.identified_by)) {
      const c = contentOf(n);
      if (c) (display ??= {})[langOf(n) ?? lang] ??= c;
    }
    const label = labelText(ts);
    if (!display && label) display = { [lang]: label };
    if (earliest === null && latest === null) {
      // nothing, or only "date unknown" / "undated" / "n.d.": the record says it has no date
      if (!display || Object.values(display).every(isUndatedText)) continue;
    }
    display ??= { und: earliest !== null && latest !== null && earliest !== latest ? `${earliest}–${latest}` : String(earliest ?? latest) };
    return { display, earliest, latest };
  }
  return undefined;
}

// ---- measurements and rights -------------------------------------------------------------------------

function measurementsOf(doc: Node, lang: string): Measurement[] {
  const out: Measurement[] = [];
  for (const d of arr(doc.dimension)) {
    const ty = types(d);
    if (ty.length && !ty.includes('Dimension')) continue;
    const value = typeof d.value === 'number' ? d.value : typeof d.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(d.value) ? Number(d.value) : undefined;
    // a colour, or a count ("Number of Parts: 1 numbers", LUX) is no measurement of the object
    if (value === undefined || !Number.isFinite(value) || hasClass(d, AAT.color) || hasClass(d, AAT.partCount) || aatNos(arr(d.unit)[0] ?? {}).includes(AAT.numbers)) continue;
    // the kind of dimension by its AAT id (or the AAT concept a museum's own one is equivalent to), else by its label
    const cls = arr(d.classified_as);
    const known = cls.map((c) => aatNos(c).map((a) => DIMENSION_TYPES[a]).find(Boolean)).find(Boolean);
    const type = known ?? (cls[0] && labelText(cls[0], lang)?.toLowerCase()) ?? 'dimension';
    const u = arr(d.unit)[0] ?? {};
    const uLabel = labelText(u, lang)?.toLowerCase();
    const unit = aatNos(u).map((a) => UNITS[a]).find(Boolean) ?? (uLabel ? (UNIT_NAMES[uLabel] ?? uLabel) : '');
    out.push({ type, value, unit });
  }
  return out;
}

/** A licence URI among rights (Right nodes): their own id or a classification's. */
function licenceIn(rights: Node[]): string | undefined {
  for (const r of rights) {
    const uri = [r.id, ...arr(r.classified_as).map((c) => c.id)].find(isLicence);
    if (uri) return uri;
  }
  return undefined;
}

/**
 * The object's own licence (subject_to; 0.x: crm:P104_is_subject_to), else a rights
 * statement (its licence URI before its text), else the licence of the record about the
 * object (Rijksmuseum: the subject_of LinguisticObject is subject_to CC0).
 */
function rightsOf(doc: Node, said: Statements): string | undefined {
  return (
    licenceIn([...arr(doc.subject_to), ...arr(doc['crm:P104_is_subject_to']), ...arr(doc.P104_is_subject_to)]) ??
    said.rightsUri ??
    said.rightsText ??
    licenceIn(arr(doc.subject_of).flatMap((s) => arr(s.subject_to)))
  );
}
