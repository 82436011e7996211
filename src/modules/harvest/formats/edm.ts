// EDM external (provider) RDF/XML to ObjectDraft: edm:ProvidedCHO (the object),
// ore:Aggregation (rights, the page, the images), edm:WebResource and svcs:Service (IIIF),
// and the contextual classes (edm:Agent, edm:Place, skos:Concept, edm:TimeSpan) that
// properties point to with rdf:resource, resolved within the document for their labels.
// Elements are read by name wherever they stand (element-order errors are common); every
// URI is trimmed (padded rdf:about and rdf:resource are common too). Europeana's internal
// form (descriptive data in a provider ore:Proxy) is read as well.
import type { Agent, DateSpan, ImageRef, LangMap, ObjectDraft, ParseContext, PlaceRef, Term } from '../record.types.ts';
import {
  addId,
  appendLang,
  cleanBlock,
  cleanLang,
  DIMENSIONS,
  isEmptyMap,
  isHttp,
  makeDateSpan,
  normaliseId,
  parseDecimal,
  imprintPlace,
  MIME,
  parseYear,
  problem,
  pushTerm,
  XML_LANG_KEY,
  type DraftResult,
  type XmlFormat,
} from './xml-format.ts';
import { RDF_NS, rawTextOf, textOf, type XmlElement } from './xml.ts';

export const EDM_NS = 'http://www.europeana.eu/schemas/edm/';
const ORE_NS = 'http://www.openarchives.org/ore/terms/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const DCTERMS_NS = 'http://purl.org/dc/terms/';
const SKOS_NS = 'http://www.w3.org/2004/02/skos/core#';
const OWL_NS = 'http://www.w3.org/2002/07/owl#';
const SVCS_NS = 'http://rdfs.org/sioc/services#';
const EBUCORE_NS = 'http://www.ebu.ch/metadata/ontologies/ebucore/ebucore#';
// wgs84_pos is declared with and without its trailing "#" (the dLib sandbox records)
const WGS84 = /^http:\/\/www\.w3\.org\/2003\/01\/geo\/wgs84_pos#?$/;
const IIIF_IMAGE_API = /^https?:\/\/iiif\.io\/api\/image(?:\/|$)/;
const NOT_AN_IMAGE = /\.pdf$|\/pdf$|\.(?:html?|php|aspx?|mp3|mp4|wav|ogg|webm|zip|txt|xml)$/i;
const ABOUT = `{${RDF_NS}}about`;
const TRAILING_SLASHES = /\/+$/;
const NEAR_CHO = /^providedcho/i;
const RESOURCE = `{${RDF_NS}}resource`;

export const edm: XmlFormat = {
  name: 'edm',
  label: 'EDM',
  recordsOf(root) {
    if (root.local !== 'RDF' || root.ns !== RDF_NS) return null;
    // one rdf:RDF is one record; a bulk file of several objects gives each ProvidedCHO
    // (read against the whole document; its raw bytes are then the CHO's own)
    const chos = root.children.filter((c): c is XmlElement => typeof c !== 'string' && c.local === 'ProvidedCHO' && c.ns === EDM_NS);
    return chos.length > 1 ? chos : [root];
  },
  isRecord(el) {
    return el.local === 'RDF' && el.ns === RDF_NS;
  },
  toDraft(el, ctx) {
    try {
      return read(el, ctx);
    } catch (e) {
      return problem('invalid_value', `EDM record could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};

const uriOf = (el: XmlElement): string | undefined => el.nsAttrs[RESOURCE]?.trim() || undefined;

function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.local === local && c.ns === ns) return c;
  return undefined;
}

function isEuropeanaProxy(px: XmlElement): boolean {
  const e = child(px, EDM_NS, 'europeanaProxy');
  return !!e && textOf(e) === 'true';
}

class Doc {
  /** top-level resources by (trimmed) rdf:about */
  readonly byAbout = new Map<string, XmlElement>();
  readonly chos: XmlElement[] = [];
  readonly aggregations: XmlElement[] = [];
  readonly proxies: XmlElement[] = [];
  readonly defaultLang: string;
  readonly defaultLanguage: string;

  constructor(
    readonly rdf: XmlElement,
    ctx: ParseContext,
  ) {
    this.defaultLanguage = ctx.defaultLanguage;
    this.defaultLang = cleanLang(ctx.defaultLanguage) ?? 'und';
    for (const c of rdf.children) {
      if (typeof c === 'string') continue;
      const about = c.nsAttrs[ABOUT]?.trim();
      if (about && !this.byAbout.has(about)) this.byAbout.set(about, c);
      if (c.ns === EDM_NS && c.local === 'ProvidedCHO') this.chos.push(c);
      else if (c.ns === ORE_NS && c.local === 'Aggregation') this.aggregations.push(c);
      else if (c.ns === ORE_NS && c.local === 'Proxy') this.proxies.push(c);
    }
  }

  lang(el: XmlElement): string {
    for (let e: XmlElement | undefined = el; e; e = e.parent) {
      const v = e.nsAttrs[XML_LANG_KEY];
      if (v !== undefined) {
        const l = cleanLang(v);
        if (l) return l;
      }
    }
    return this.defaultLang;
  }

  /** skos:prefLabel per language (foaf:name / rdfs:label when there is none) */
  labels(res: XmlElement): LangMap {
    const map: LangMap = {};
    const untagged: string[] = [];
    for (const c of res.children) {
      if (typeof c === 'string' || c.ns !== SKOS_NS || c.local !== 'prefLabel') continue;
      const t = textOf(c);
      if (!t) continue;
      if (c.nsAttrs[XML_LANG_KEY] === undefined) untagged.push(t);
      else map[this.lang(c)] ??= t;
    }
    // an untagged label that a tagged prefLabel or altLabel gives word for word is in that
    // language ("Western Europe" beside altLabel xml:lang="en"), not in the source's default
    if (untagged.length) {
      const tagged = new Map<string, XmlElement>();
      for (const c of res.children) {
        if (typeof c === 'string' || c.ns !== SKOS_NS || c.nsAttrs[XML_LANG_KEY] === undefined) continue;
        const t = textOf(c);
        if (t && !tagged.has(t)) tagged.set(t, c);
      }
      const given = new Set(Object.values(map));
      for (const t of untagged) {
        const same = tagged.get(t);
        if (!same) map[this.lang(res)] ??= t;
        else if (!given.has(t)) map[this.lang(same)] ??= t;
      }
    }
    if (isEmptyMap(map)) {
      for (const c of res.children) {
        if (typeof c === 'string' || (c.local !== 'name' && c.local !== 'label')) continue;
        const t = textOf(c);
        if (t) map[this.lang(c)] ??= t;
      }
    }
    return map;
  }

  sameAs(res: XmlElement, ids: string[]): void {
    for (const c of res.children) {
      if (typeof c === 'string' || c.ns !== OWL_NS || c.local !== 'sameAs') continue;
      addId(ids, normaliseId(uriOf(c) ?? textOf(c)));
    }
  }

  /** a property value as a term: a literal is its label; a reference its id, labelled from the document when it is there */
  term(p: XmlElement): Term | undefined {
    const uri = uriOf(p);
    if (!uri) {
      const t = textOf(p);
      return t ? { label: { [this.lang(p)]: t } } : undefined;
    }
    const ids: string[] = [];
    addId(ids, normaliseId(uri));
    const res = this.byAbout.get(uri);
    const label = res ? this.labels(res) : {};
    if (res) this.sameAs(res, ids);
    if (isEmptyMap(label) && ids.length === 0) return undefined;
    return ids.length ? { label, ids } : { label };
  }
}

// a bulk rdf:RDF of many objects is indexed once, not once per ProvidedCHO
const docs = new WeakMap<XmlElement, Doc>();
function docOf(rdf: XmlElement, ctx: ParseContext): Doc {
  let d = docs.get(rdf);
  if (!d || d.defaultLanguage !== ctx.defaultLanguage) {
    d = new Doc(rdf, ctx);
    docs.set(rdf, d);
  }
  return d;
}

const INVENTORY_SAID = /^(.*\S)\s*\((?:inventarnummer|inventar-?nr\.?|inv\.?-?nr\.?|inventory number|accession number|objektnummer)\)$/i;

function read(el: XmlElement, ctx: ParseContext): DraftResult {
  const rdf = el.local === 'RDF' ? el : el.parent;
  if (!rdf) return problem('wrong_format', 'an edm:ProvidedCHO outside rdf:RDF');
  const doc = docOf(rdf, ctx);
  const cho = el.local === 'RDF' ? doc.chos[0] : el;
  const warnings: string[] = [];
  let identifier: string | undefined;
  if (cho) {
    identifier = cho.nsAttrs[ABOUT]?.trim();
    if (!identifier) {
      return problem('no_identifier', cho.nsAttrs[ABOUT] === undefined ? 'edm:ProvidedCHO has no rdf:about' : 'edm:ProvidedCHO has an empty (or whitespace-only) rdf:about');
    }
  } else {
    // Europeana's internal form without its (empty) ProvidedCHO: the provider proxy names the object
    for (const px of doc.proxies) {
      if (isEuropeanaProxy(px)) continue;
      const target = child(px, ORE_NS, 'proxyFor');
      identifier = target && uriOf(target);
      if (identifier) {
        warnings.push('no edm:ProvidedCHO: identifier taken from ore:proxyFor of the provider ore:Proxy');
        break;
      }
    }
  }
  if (!identifier) {
    const nearMiss = rdf.children.find((c): c is XmlElement => typeof c !== 'string' && NEAR_CHO.test(c.local));
    const anyEdm = rdf.children.some((c) => typeof c !== 'string' && (c.ns === EDM_NS || c.ns === ORE_NS));
    if (!nearMiss && !anyEdm) return problem('wrong_format', 'rdf:RDF holds no EDM: no edm:ProvidedCHO, ore:Aggregation or edm:WebResource');
    return problem(
      'no_identifier',
      nearMiss
        ? `no edm:ProvidedCHO in rdf:RDF (found <${nearMiss.name}>, not a class of EDM: a misspelt edm:ProvidedCHO?); an EDM record is identified by its ProvidedCHO's rdf:about`
        : "no edm:ProvidedCHO in rdf:RDF; an EDM record is identified by its ProvidedCHO's rdf:about",
    );
  }

  // the descriptive properties: the CHO's own, and those of the provider's proxies for it
  // (internal EDM: ore:proxyFor; older HOPE-style records: a proxy with the CHO's own URI)
  const props: XmlElement[] = [];
  const collect = (res: XmlElement) => {
    for (const c of res.children) if (typeof c !== 'string') props.push(c);
  };
  if (cho) collect(cho);
  for (const px of doc.proxies) {
    if (isEuropeanaProxy(px)) continue;
    const target = child(px, ORE_NS, 'proxyFor');
    const forThis = target ? uriOf(target) === identifier : px.nsAttrs[ABOUT]?.trim() === identifier;
    if (forThis) collect(px);
  }
  const by: Record<string, XmlElement[]> = {};
  for (const p of props) {
    if (p.ns !== DC_NS && p.ns !== DCTERMS_NS && p.ns !== EDM_NS && p.ns !== OWL_NS) continue;
    const key = p.ns === DCTERMS_NS ? `dcterms:${p.local}` : p.ns === EDM_NS ? `edm:${p.local}` : p.ns === OWL_NS ? `owl:${p.local}` : `dc:${p.local}`;
    (by[key] ??= []).push(p);
  }
  const all = (k: string) => by[k] ?? [];

  // title: dc:title per language, else dcterms:alternative
  const title: LangMap = {};
  const alternativeTitles: LangMap[] = [];
  const titleEls = all('dc:title');
  const altEls = all('dcterms:alternative');
  for (const t of titleEls.length ? titleEls : altEls) {
    const text = textOf(t);
    if (!text) continue;
    const lang = doc.lang(t);
    if (title[lang] === undefined) title[lang] = text;
    else if (title[lang] !== text) alternativeTitles.push({ [lang]: text });
  }
  if (isEmptyMap(title)) return problem('no_title', 'edm:ProvidedCHO has no title: no non-empty dc:title (nor dcterms:alternative), in any language', identifier);
  if (titleEls.length) {
    for (const t of altEls) {
      const text = textOf(t);
      const lang = doc.lang(t);
      if (text && title[lang] !== text && !alternativeTitles.some((a) => a[lang] === text)) alternativeTitles.push({ [lang]: text });
    }
  }
  const draft: ObjectDraft = { identifier, title };
  if (alternativeTitles.length) draft.alternativeTitles = alternativeTitles;

  const description: LangMap = {};
  for (const d of all('dc:description')) {
    if (uriOf(d)) continue;
    const t = cleanBlock(rawTextOf(d));
    if (t) appendLang(description, doc.lang(d), t);
  }
  if (!isEmptyMap(description)) draft.description = description;

  // DDB writes what a value is after it: "WEE_IN_005888 (Inventarnummer)"; that one is the number
  const ids = all('dc:identifier').map((e) => textOf(e)).filter(Boolean);
  const labelled = ids.map((t) => INVENTORY_SAID.exec(t)?.[1]).find(Boolean);
  const inv = labelled ?? ids.find((t) => !isHttp(t));
  if (inv) draft.inventoryNumber = inv;

  // makers
  const makers: Agent[] = [];
  const imprintPlaces: PlaceRef[] = [];
  const agents = (key: string, role?: LangMap) => {
    for (const p of all(key)) {
      const t = doc.term(p);
      if (!t) continue;
      const place = key === 'dc:publisher' && all(key).length > 1 && !uriOf(p) ? imprintPlace(textOf(p)) : undefined;
      if (place) {
        imprintPlaces.push({ name: { [doc.lang(p)]: place }, role: 'publication' });
        continue;
      }
      const ag: Agent = { name: t.label };
      if (t.ids) ag.ids = t.ids;
      if (role) ag.role = role;
      if (!makers.some((m) => JSON.stringify(m) === JSON.stringify(ag))) makers.push(ag);
    }
  };
  agents('dc:creator');
  agents('dc:contributor', { en: 'contributor' });
  agents('dc:publisher', { en: 'publisher' });
  if (makers.length) draft.makers = makers;

  // the making: dcterms:created, else dc:date, else dcterms:issued
  const dateEls = all('dcterms:created').length ? all('dcterms:created') : all('dc:date').length ? all('dc:date') : all('dcterms:issued');
  // else the time the object belongs to, when it is an edm:TimeSpan with its years
  // (an archaeological find: dcterms:temporal "Neolithic", -3180 to -2500)
  const spans = all('dcterms:temporal').filter((e) => doc.byAbout.get(uriOf(e) ?? '')?.local === 'TimeSpan');
  const production = dateSpan(doc, dateEls) ?? dateSpan(doc, spans);
  if (production) draft.production = production;

  const termList = (keys: string[]): Term[] => {
    const out: Term[] = [];
    for (const k of keys) for (const p of all(k)) pushTerm(out, doc.term(p));
    return out;
  };
  const set = <K extends keyof ObjectDraft>(k: K, v: ObjectDraft[K] & unknown[]) => {
    if (v.length) draft[k] = v;
  };
  // (a MIME type in dc:type is the scan's format: "image/jpeg")
  set('objectTypes', termList(['dc:type']).filter((t) => !Object.values(t.label).some((l) => MIME.test(l))));
  // (edm:type is Europeana's media type of the digital copy, IMAGE or TEXT: no class of the object)
  set('classification', termList(['edm:hasType']));
  set('subjects', termList(['dc:subject']));
  set('periods', termList(['dcterms:temporal']));

  // medium: materials; format: the medium or the dimensions; extent: the dimensions
  const materials = termList(['dcterms:medium']);
  const dimensions: LangMap = {};
  for (const p of [...all('dcterms:extent'), ...all('dc:format')]) {
    if (uriOf(p)) {
      if (p.local === 'format') pushTerm(materials, doc.term(p));
      continue;
    }
    const t = textOf(p);
    if (!t) continue;
    if (p.local === 'extent' || DIMENSIONS.test(t)) appendLang(dimensions, doc.lang(p), t, '; ');
  }
  set('materials', materials);
  if (!isEmptyMap(dimensions)) draft.dimensionsText = dimensions;

  // places
  const places: PlaceRef[] = [];
  const addPlaces = (key: string, role: string) => {
    for (const p of all(key)) {
      const ref = place(doc, p);
      if (!ref) continue;
      ref.role = role;
      if (!places.some((x) => JSON.stringify(x) === JSON.stringify(ref))) places.push(ref);
    }
  };
  addPlaces('edm:currentLocation', 'current location');
  addPlaces('dcterms:spatial', 'coverage');
  addPlaces('dc:coverage', 'coverage');
  for (const p of imprintPlaces) if (!places.some((x) => JSON.stringify(x) === JSON.stringify(p))) places.push(p);
  set('places', places);

  // dc:rights on the object is a statement of holders and gifts: its credit line
  const credit: LangMap = {};
  for (const r of all('dc:rights')) {
    const t = textOf(r);
    if (t && !uriOf(r)) appendLang(credit, doc.lang(r), t, '; ');
  }
  if (!isEmptyMap(credit)) draft.creditLine = credit;

  const provenance: LangMap = {};
  for (const p of all('dcterms:provenance')) {
    const t = textOf(p);
    if (t && !uriOf(p)) appendLang(provenance, doc.lang(p), t, '\n\n');
  }
  if (!isEmptyMap(provenance)) draft.provenance = provenance;

  const sameAs: string[] = [];
  for (const s of all('owl:sameAs')) addId(sameAs, uriOf(s) ?? (textOf(s) || undefined));
  set('sameAs', sameAs);

  aggregation(doc, identifier, draft);
  return warnings.length ? { identifier, draft, warnings } : { identifier, draft };
}

function dateSpan(doc: Doc, els: XmlElement[]): DateSpan | null {
  if (els.length === 0) return null;
  const display: LangMap = {};
  let earliest: number | null = null;
  let latest: number | null = null;
  let lang = doc.defaultLang;
  for (const e of els) {
    const uri = uriOf(e);
    if (uri) {
      const ts = doc.byAbout.get(uri);
      if (!ts) continue;
      const labels = doc.labels(ts);
      for (const k in labels) appendLang(display, k, labels[k]!, '; ');
      for (const c of ts.children) {
        if (typeof c === 'string' || c.ns !== EDM_NS) continue;
        if (c.local === 'begin') earliest ??= parseYear(textOf(c));
        else if (c.local === 'end') latest ??= parseYear(textOf(c));
      }
      continue;
    }
    const t = textOf(e);
    if (!t) continue;
    lang = doc.lang(e);
    appendLang(display, lang, t, '; ');
    // a year only from a date given alone: of several, which is the making is not said
    const y = els.length === 1 ? parseYear(t) : null;
    if (y !== null) {
      earliest ??= y;
      latest ??= y;
    }
  }
  return makeDateSpan(display, earliest, latest, lang);
}

function place(doc: Doc, p: XmlElement): PlaceRef | undefined {
  const uri = uriOf(p);
  if (!uri) {
    const t = textOf(p);
    return t ? { name: { [doc.lang(p)]: t } } : undefined;
  }
  const ids: string[] = [];
  addId(ids, normaliseId(uri));
  const res = doc.byAbout.get(uri);
  const ref: PlaceRef = { name: res ? doc.labels(res) : {} };
  if (res) {
    doc.sameAs(res, ids);
    let lat: number | undefined;
    let lon: number | undefined;
    for (const c of res.children) {
      if (typeof c === 'string' || !WGS84.test(c.ns)) continue;
      if (c.local === 'lat') lat = parseDecimal(textOf(c));
      else if (c.local === 'long') lon = parseDecimal(textOf(c));
    }
    if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      ref.lat = lat;
      ref.lon = lon;
    }
  }
  if (ids.length) ref.ids = ids;
  if (isEmptyMap(ref.name) && !ref.ids) return undefined;
  return ref;
}

/** rights, the object's page and its images, from the Aggregation for this CHO */
function aggregation(doc: Doc, cho: string, draft: ObjectDraft): void {
  const agg =
    doc.aggregations.find((a) => a.children.some((c) => typeof c !== 'string' && c.local === 'aggregatedCHO' && uriOf(c) === cho)) ??
    (doc.chos.length <= 1 ? doc.aggregations[0] : undefined);
  if (!agg) return;
  const one = (local: string, ns = EDM_NS) => {
    for (const c of agg.children) if (typeof c !== 'string' && c.local === local && c.ns === ns) return c;
    return undefined;
  };
  const many = (local: string) => agg.children.filter((c): c is XmlElement => typeof c !== 'string' && c.local === local && c.ns === EDM_NS);

  const rightsEl = one('rights');
  const rights = rightsEl && (uriOf(rightsEl) ?? (textOf(rightsEl) || undefined));
  if (rights) draft.rights = rights; // as found: normalise maps the variants

  const shownAt = one('isShownAt');
  const page = shownAt && (uriOf(shownAt) ?? textOf(shownAt));
  if (page) draft.homepage = page;

  const images: ImageRef[] = [];
  const objectEl = one('object');
  const thumb = objectEl && uriOf(objectEl);
  const add = (url: string | undefined, primary: boolean) => {
    if (!url || images.some((i) => i.url === url)) return;
    const wr = doc.byAbout.get(url);
    if (!isImage(url, wr, doc)) return;
    const img: ImageRef = { url };
    if (wr) webResource(doc, wr, img, draft.rights);
    if (primary && thumb && thumb !== url) img.thumbnail = thumb;
    if (images.length === 0) img.primary = true;
    images.push(img);
  };
  const shownBy = one('isShownBy');
  add(shownBy && uriOf(shownBy), true);
  for (const v of many('hasView')) add(uriOf(v), false);
  // no image shown by: the thumbnail is the one image there is
  if (images.length === 0) add(thumb, true);
  if (images.length) draft.images = images;
}

function isImage(url: string, wr: XmlElement | undefined, doc: Doc): boolean {
  if (wr) {
    for (const c of wr.children) {
      if (typeof c === 'string' || c.local !== 'hasMimeType') continue;
      return textOf(c).startsWith('image/');
    }
    if (webServiceOf(wr, doc)) return true;
  }
  return !NOT_AN_IMAGE.test(url);
}

function webServiceOf(wr: XmlElement, doc: Doc): string | undefined {
  for (const c of wr.children) {
    if (typeof c === 'string' || c.ns !== SVCS_NS || c.local !== 'has_service') continue;
    const uri = uriOf(c);
    const svc = uri && doc.byAbout.get(uri);
    if (!svc) continue;
    for (const s of svc.children) {
      if (typeof s === 'string' || s.ns !== DCTERMS_NS || s.local !== 'conformsTo') continue;
      if (IIIF_IMAGE_API.test(uriOf(s) ?? textOf(s))) return uri.replace(TRAILING_SLASHES, '');
    }
  }
  return undefined;
}

function webResource(doc: Doc, wr: XmlElement, img: ImageRef, recordRights: string | undefined): void {
  const svc = webServiceOf(wr, doc);
  if (svc) img.iiifService = svc;
  const caption: LangMap = {};
  for (const c of wr.children) {
    if (typeof c === 'string') continue;
    if (c.ns === EDM_NS && c.local === 'rights') {
      const r = uriOf(c) ?? textOf(c);
      if (r && r !== recordRights) img.rights = r;
    } else if (c.ns === DC_NS && c.local === 'description') {
      const t = textOf(c);
      if (t) appendLang(caption, doc.lang(c), t, '; ');
    } else if (c.ns === EBUCORE_NS && (c.local === 'width' || c.local === 'height')) {
      const n = parseDecimal(textOf(c));
      if (n !== undefined) img[c.local] = n;
    }
  }
  if (!isEmptyMap(caption)) img.caption = caption;
}
