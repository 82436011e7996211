// Linked Art JSON-LD (1.0, and tolerant of pre-1.0 and 0.x producers) into an ObjectDraft.
// The document is read by its keys, as the Linked Art API profile fixes them; no JSON-LD
// processor runs, so no context is ever fetched. Tolerated: ManMadeObject, label/_label,
// value/content, created_by, parts, CURIE ids (aat:…), vocab.getty.edu/page/ URIs,
// single objects where lists are expected, missing _label.
import type {
  Agent, DateSpan, ImageRef, Inscription, LangMap, Measurement, ObjectDraft, ParseContext, ParsedRecord, PlaceRef, RecordProblem, Term,
} from '../record.types.ts';
import { parseJsonFile } from './json-file.ts';
import { httpUrl, isHttpUrl, normaliseLangTag } from './mapped.ts';

/** A Linked Art file (one object, an array or NDJSON of them) into records. */
export function parseLinkedArt(bytes: Buffer, ctx: ParseContext): ParsedRecord[] {
  return parseJsonFile(bytes, 'linked-art', ctx);
}

// ---- vocabulary ----------------------------------------------------------------------------

const AAT = {
  primaryName: '300404670',
  accession: '300312355',
  typeOfWork: '300435443',
  description: ['300435416', '300080091'],
  credit: '300026687',
  dimensionStatement: '300435430',
  materialStatement: '300435429',
  rightsStatement: ['300435434'],
  legalConcepts: '300055547', // 0.x: a copyright line classified "legal concepts"
  inscription: ['300435414', '300028702'],
  signature: '300028705',
  mark: '300028744',
  webPage: '300264578',
  digitalImage: '300215302',
  color: '300080438',
  briefText: '300418049',
};

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
const CURIES: Record<string, string> = {
  aat: 'http://vocab.getty.edu/aat/', tgn: 'http://vocab.getty.edu/tgn/', ulan: 'http://vocab.getty.edu/ulan/',
  nm: 'http://nomisma.org/id/', wd: 'http://www.wikidata.org/entity/', viaf: 'http://viaf.org/viaf/',
};
const OBJECT_TYPES = new Set(['HumanMadeObject', 'ManMadeObject', 'E22_Human-Made_Object', 'E22_Man-Made_Object', 'PhysicalHumanMadeThing']);

// ---- small readers ------------------------------------------------------------------------------

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): Node[] => (x == null ? [] : Array.isArray(x) ? x : [x]).filter(isNode);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : typeof x === 'number' ? String(x) : undefined);

function types(n: Node): string[] {
  return (Array.isArray(n.type) ? n.type : [n.type ?? n['@type']]).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(crm|la):/, ''));
}

/** Ids as canonical URIs: CURIEs expanded, Getty /page/ and https forms made the concept URI. */
export function canonicalId(id: unknown): string | undefined {
  const s = str(id);
  if (!s) return undefined;
  const curie = /^([a-z]+):(\S+)$/.exec(s);
  const base = curie ? CURIES[curie[1]!] : undefined;
  if (curie && base && !s.includes('//')) return base + curie[2];
  const getty = /^https?:\/\/vocab\.getty\.edu\/(?:page\/)?(aat|tgn|ulan)\/(\d+)(?:\.\w+)?$/.exec(s);
  if (getty) return `http://vocab.getty.edu/${getty[1]}/${getty[2]}`;
  return s;
}
const aatNo = (id: unknown) => /^http:\/\/vocab\.getty\.edu\/aat\/(\d+)$/.exec(canonicalId(id) ?? '')?.[1];

/** The AAT numbers of a node's classifications (their equivalents too). */
function classes(n: Node, meta = false): Set<string> {
  const out = new Set<string>();
  for (const c of arr(n.classified_as)) {
    const targets = meta ? arr(c.classified_as) : [c];
    for (const t of targets) {
      for (const id of [t.id ?? t['@id'], ...arr(t.equivalent).map((e) => e.id)]) {
        const a = aatNo(id);
        if (a) out.add(a);
      }
    }
  }
  return out;
}
const hasClass = (n: Node, ids: string | string[], meta = false) => {
  const cs = classes(n, meta);
  return (Array.isArray(ids) ? ids : [ids]).some((i) => cs.has(i));
};
const classLabels = (n: Node) => arr(n.classified_as).map((c) => labelText(c) ?? '').join(' | ');

function labelText(n: Node): string | undefined {
  const l = n._label ?? n.label;
  if (typeof l === 'string') return str(l);
  // 0.x JSON-LD: a list of strings and {"@language", "@value"} objects
  if (Array.isArray(l)) {
    for (const x of l) {
      const t = typeof x === 'string' ? str(x) : isNode(x) ? str(x['@value']) : undefined;
      if (t) return t;
    }
    return undefined;
  }
  if (isNode(l)) for (const v of Object.values(l)) if (str(v)) return str(v);
  return undefined;
}
const contentOf = (n: Node) => str(n.content) ?? str(n.value);

function langOf(n: Node): string | undefined {
  for (const l of arr(n.language)) {
    const a = aatNo(l.id ?? l['@id']);
    if (a && LANG_BY_AAT[a]) return LANG_BY_AAT[a];
    const id = str(l.id) ?? '';
    const iso = /\/(?:iso639-[12]|languages)\/([a-z]{2,3})$/.exec(id);
    if (iso) return normaliseLangTag(iso[1]!);
    const name = labelText(l)?.toLowerCase().replace(/\s*\(.*\)$/, '');
    if (name && LANG_BY_NAME[name]) return LANG_BY_NAME[name];
    const notation = str(l.notation);
    if (notation && normaliseLangTag(notation)) return normaliseLangTag(notation);
  }
  if (typeof n.language === 'string') return normaliseLangTag(n.language);
  return undefined;
}

// an id that says nothing else but reads like an Image API service (…/iiif/2/732891), not a file
const IMAGE_SERVICE_PATH = /\/iiif\/(?:2|3|image)\//i;
const looksLikeImageService = (id: string) => {
  const last = id.slice(id.lastIndexOf('/') + 1);
  return IMAGE_SERVICE_PATH.test(id) && last !== '' && !/[.?#]/.test(last);
};
const LICENCE_URI = /creativecommons\.org|rightsstatements\.org/;
const INVENTORY_LABEL = /accession|inventory|inventar|object number|catalog(?:ue)? number|registration number|numéro d'inventaire/i;

/**
 * A node's name: its _label, with the identified_by Names that say their language
 * (a LUX period in English, French, Chinese, Arabic); else the first Name.
 */
function nameOf(n: Node, lang: string): LangMap | undefined {
  const l = n._label ?? n.label;
  const m: LangMap = {};
  if (isNode(l)) for (const [k, v] of Object.entries(l)) if (str(v)) m[normaliseLangTag(k) ?? lang] ??= str(v)!;
  const t = isNode(l) ? undefined : labelText(n);
  if (t) m[lang] = t;
  const named = arr(n.identified_by).filter((nm) => types(nm).includes('Name') && contentOf(nm));
  for (const nm of named) {
    const nl = langOf(nm);
    if (nl && m[nl] === undefined && !Object.values(m).includes(contentOf(nm)!)) m[nl] = contentOf(nm)!;
  }
  if (!Object.keys(m).length && named[0]) m[lang] = contentOf(named[0])!;
  return Object.keys(m).length ? m : undefined;
}

function httpIds(n: Node): string[] {
  const out: string[] = [];
  for (const id of [n.id ?? n['@id'], ...arr(n.equivalent).map((e) => e.id ?? e['@id']), ...arr(n.exact_match).map((e) => e.id)]) {
    const c = canonicalId(id);
    if (c && isHttpUrl(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

function term(n: Node, lang: string): Term | undefined {
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

const conformsTo = (n: Node, what: string) =>
  [n.conforms_to, ...arr(n.conforms_to).map((c) => c.id ?? c['@id'])].some((c) => typeof c === 'string' && c.includes(what)) ||
  (typeof n.format === 'string' && n.format.includes(what));
const accessPoints = (n: Node) => arr(n.access_point).map((a) => httpUrl(a.id ?? a['@id'])).filter((u): u is string => !!u);

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
  // the accession number by its AAT class, else by what its type is called ("YPM Internal Catalog Number")
  const accession = idents.find((n) => hasClass(n, AAT.accession)) ?? idents.find((n) => arr(n.classified_as).some((c) => INVENTORY_LABEL.test(labelText(c) ?? '')));
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

  // statements
  const description: LangMap = {};
  const creditLine: LangMap = {};
  const dimensionsText: LangMap = {};
  const materialStatement: LangMap = {};
  const inscriptions: Inscription[] = [];
  let rightsText: string | undefined;
  const add = (m: LangMap, l: string, text: string, sep: string) => {
    m[l] = m[l] === undefined ? text : m[l]!.split(sep).includes(text) ? m[l]! : m[l] + sep + text;
  };
  const statements = (holder: Node, prefix?: string) => {
    for (const st of arr(holder.referred_to_by)) {
      const text = contentOf(st);
      if (!text) continue;
      const ty = types(st);
      if (ty.length && !ty.includes('LinguisticObject')) continue;
      const l = langOf(st) ?? lang;
      const labels = classLabels(st).toLowerCase();
      if (hasClass(st, AAT.description) || (!classes(st).size && !prefix) || /description/.test(labels)) add(description, l, prefix ? `${prefix}: ${text}` : text, '\n\n');
      else if (hasClass(st, AAT.credit) || /credit/.test(labels)) add(creditLine, l, text, '; ');
      else if (hasClass(st, AAT.dimensionStatement) || /dimension/.test(labels)) add(dimensionsText, l, text, '; ');
      else if (hasClass(st, AAT.materialStatement) || /material|medium/.test(labels)) add(materialStatement, l, text, '; ');
      else if (hasClass(st, [...AAT.rightsStatement, AAT.legalConcepts]) || /right|licen|copyright/.test(labels)) rightsText ??= text;
      else if (hasClass(st, [...AAT.inscription, AAT.signature, AAT.mark]) || /inscription|signature|mark/.test(labels))
        inscriptions.push(inscription(st, text, prefix));
    }
  };
  const inscription = (st: Node, text: string, position?: string): Inscription => {
    const kind = hasClass(st, AAT.signature) || /signature/i.test(classLabels(st)) ? 'signature' : hasClass(st, AAT.mark) ? 'mark' : 'inscription';
    const l = langOf(st);
    return { text, kind, ...(l ? { lang: l } : {}), ...(position ? { position } : {}) };
  };
  statements(doc);

  // types, materials, subjects
  const objectTypes: Term[] = [];
  const classification: Term[] = [];
  const cls = arr(doc.classified_as);
  // the work's type carries the meta-classification "type of work" on its own classified_as
  const typed = cls.filter((c) => hasClass(c, AAT.typeOfWork));
  for (const c of cls) {
    const tm = term(c, lang);
    if (!tm) continue;
    if (typed.length ? typed.includes(c) : !arr(c.classified_as).length) objectTypes.push(tm);
    else classification.push(tm);
  }
  put('objectTypes', objectTypes);
  put('classification', classification);

  const materials: Term[] = [];
  const techniques: Term[] = [];
  const images: ImageRef[] = [];
  const subjects: Term[] = [];
  const pushTerm = (list: Term[], tm: Term | undefined) => {
    if (tm && !list.some((x) => JSON.stringify(x.label) === JSON.stringify(tm.label) && JSON.stringify(x.ids) === JSON.stringify(tm.ids))) list.push(tm);
  };
  const visit = (n: Node, depth: number, position?: string) => {
    for (const m of arr(n.made_of)) pushTerm(materials, term(m, lang));
    for (const c of arr(n.carries)) {
      const text = contentOf(c);
      if (text) inscriptions.push(inscription(c, text, position));
      for (const a of arr(c.about)) pushTerm(subjects, term(a, lang));
    }
    for (const r of arr(n.representation)) representation(r, images, position ? { [lang]: position } : undefined);
    for (const v of arr(n.shows)) {
      for (const c of arr(v.classified_as)) pushTerm(subjects, term(c, lang));
      for (const r of [...arr(v.represents), ...arr(v.about)]) pushTerm(subjects, term(r, lang));
    }
    for (const a of arr(n.about)) pushTerm(subjects, term(a, lang));
    if (depth > 0) statements(n, position);
    if (depth < 4)
      for (const p of [...arr(n.part), ...arr(n.parts)]) {
        if (types(p).length && !types(p).some((x) => OBJECT_TYPES.has(x))) continue;
        visit(p, depth + 1, labelText(p) ?? arr(p.classified_as).map((c) => labelText(c)).find(Boolean));
      }
  };
  visit(doc, 0);

  // production
  const makers: Agent[] = [];
  const places: PlaceRef[] = [];
  const periods: Term[] = [];
  let production: DateSpan | undefined;
  const prod = arr(doc.produced_by ?? doc.created_by)[0];
  if (prod) {
    const spans: Node[] = [];
    const walkProd = (p: Node, depth: number, role?: LangMap) => {
      const partRole = arr(p.classified_as).map((c) => labelText(c)).find(Boolean);
      const r = partRole ? { [lang]: partRole } : role;
      for (const a of arr(p.carried_out_by)) {
        const name = nameOf(a, lang);
        if (!name) continue;
        const ids = httpIds(a);
        if (!makers.some((m) => JSON.stringify(m.name) === JSON.stringify(name))) makers.push({ name, ...(r ? { role: r } : {}), ...(ids.length ? { ids } : {}) });
      }
      for (const tq of arr(p.technique)) pushTerm(techniques, term(tq, lang));
      for (const pl of arr(p.took_place_at)) {
        const name = nameOf(pl, lang);
        if (!name) continue;
        const ids = httpIds(pl);
        places.push({ name, role: 'production', ...wktPoint(pl), ...(ids.length ? { ids } : {}) });
      }
      spans.push(...arr(p.timespan));
      for (const att of arr(p.attributed_by)) {
        const attRole = arr(att.classified_as).map((c) => labelText(c)).find(Boolean);
        for (const asg of arr(att.assigned)) walkProd(asg, depth + 1, attRole ? { [lang]: attRole } : r);
      }
      // a production in parts: "part" (1.0) or "consists_of" (0.x)
      if (depth < 4) for (const part of [...arr(p.part), ...arr(p.consists_of)]) walkProd(part, depth + 1, r);
    };
    walkProd(prod, 0);
    production = dateSpan(spans, lang);
    // the period the making falls in (LUX: occurred_during a Period)
    for (const pd of arr(prod.occurred_during)) pushTerm(periods, term(pd, lang));
  }
  // where it was found or collected (encountered_by)
  for (const enc of arr(doc.encountered_by))
    for (const pl of arr(enc.took_place_at)) {
      const name = nameOf(pl, lang);
      const ids = httpIds(pl);
      if (name) places.push({ name, role: 'findspot', ...wktPoint(pl), ...(ids.length ? { ids } : {}) });
    }
  put('materials', materials.length ? materials : Object.keys(materialStatement).length ? [{ label: materialStatement }] : []);
  put('techniques', techniques);
  put('makers', makers);
  if (production) draft.production = production;
  put('places', places);
  put('periods', periods);
  put('description', description);
  put('dimensionsText', dimensionsText);

  // measurements
  const measurements: Measurement[] = [];
  for (const d of arr(doc.dimension)) {
    const ty = types(d);
    if (ty.length && !ty.includes('Dimension')) continue;
    const value = typeof d.value === 'number' ? d.value : typeof d.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(d.value) ? Number(d.value) : undefined;
    if (value === undefined || !Number.isFinite(value) || hasClass(d, AAT.color)) continue;
    const c = arr(d.classified_as).find((x) => aatNo(x.id) && DIMENSION_TYPES[aatNo(x.id)!]) ?? arr(d.classified_as)[0];
    const type = (c && (DIMENSION_TYPES[aatNo(c.id) ?? ''] ?? labelText(c)?.toLowerCase())) ?? 'dimension';
    const u = d.unit;
    const uNode = isNode(u) ? u : { id: u };
    const uLabel = labelText(uNode)?.toLowerCase();
    const unit = UNITS[aatNo(uNode.id) ?? ''] ?? (uLabel ? (UNIT_NAMES[uLabel] ?? uLabel) : '');
    measurements.push({ type, value, unit });
  }
  put('measurements', measurements);
  put('inscriptions', inscriptions);
  put('creditLine', creditLine);

  // rights: a licence URI on subject_to (0.x: crm:P104_is_subject_to, the right itself), else the statement's text
  for (const r of [...arr(doc.subject_to), ...arr(doc['crm:P104_is_subject_to']), ...arr(doc.P104_is_subject_to)]) {
    const uri = [str(r.id), ...arr(r.classified_as).map((c) => str(c.id))].find((id) => id && LICENCE_URI.test(id));
    if (uri) {
      draft.rights = uri;
      break;
    }
  }
  if (!draft.rights && rightsText) draft.rights = rightsText;

  // digital: manifests and the homepage
  let homepage: string | undefined;
  let manifest: string | undefined;
  for (const s of arr(doc.subject_of)) {
    for (const d of [s, ...arr(s.digitally_carried_by)]) {
      const own = httpUrl(d.id ?? d['@id']);
      const urls = [...accessPoints(d), ...(own ? [own] : [])];
      if (!urls.length) continue;
      if (conformsTo(d, 'iiif.io/api/presentation')) manifest ??= urls[0];
      else if ((typeof d.format === 'string' && d.format.startsWith('text/html')) || hasClass(d, AAT.webPage)) homepage ??= urls[0];
    }
  }
  if (manifest) {
    if (images[0] && !images[0].manifest) images[0].manifest = manifest;
    else if (!images.some((i) => i.manifest === manifest)) images.push({ manifest });
  }
  if (images[0] && !images.some((i) => i.primary)) images[0].primary = true;
  put('images', images);
  if (homepage) draft.homepage = homepage;
  const sameAs = arr(doc.equivalent).concat(arr(doc.exact_match)).map((e) => canonicalId(e.id ?? e['@id'])).filter(isHttpUrl);
  put('sameAs', [...new Set(sameAs)]);
  put('subjects', subjects);
  return { identifier, draft };
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
    if (!display && earliest === null && latest === null) continue;
    display ??= { und: earliest !== null && latest !== null && earliest !== latest ? `${earliest}–${latest}` : String(earliest ?? latest) };
    return { display, earliest, latest };
  }
  return undefined;
}
