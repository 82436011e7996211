// oai_dc (simple Dublin Core in an OAI-PMH <metadata>) to ObjectDraft, read the way a
// curator reads a museum's DC: creator/contributor/publisher are makers with their part,
// date is the making, type the kind of object, format its medium or its dimensions,
// subject its subjects, coverage where or when, an identifier that is a URL the object's
// page. Every element may carry its own xml:lang.
import { normaliseRights } from '../normalise/rights.ts';
import type { Agent, ImageRef, LangMap, ObjectDraft, PlaceRef, Term } from '../record.types.ts';
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
  imprintPlace,
  MIME,
  parseYear,
  problem,
  pushTerm,
  XML_LANG_KEY,
  type DraftResult,
  type XmlFormat,
} from './xml-format.ts';
import { rawTextOf, textOf, type XmlElement } from './xml.ts';

export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
const DCTERMS_NS = 'http://purl.org/dc/terms/';

// format: a file format (MIME type, a byte count) says nothing of the object
const BYTE_COUNT = /^\d+(?:\s*(?:bytes?|[kmg]i?b))?$/i;
// "Name. Role" in a creator or contributor, the role as libraries write it (BnF, DNB)
const AGENT_ROLE = /^((?:ancien|former|previous|early|éditeur|editor|illustrat|traduct|translat|imprimeur|printer|graveur|engraver|dessinat|draughts|auteur|author|copiste|scribe|calligraph|enlumineur|illuminat|photograph|commanditaire|dédicataire|dedicatee|préfacier|annotat|relieur|binder|possesseur|owner|collectionneur|collector|donat|vendeur|seller|destinataire|recipient|contribut|compil|adapt|music|compos|interprète|performer)[^.]*)\.?$/i;

/** "RENAUDOT, Eusèbe. Ancien possesseur" → name and role; the role is what follows the last ". " */
function agentRole(text: string): { name: string; role: string } | undefined {
  const at = text.lastIndexOf('. ');
  if (at < 2) return undefined;
  const m = AGENT_ROLE.exec(text.slice(at + 2).trim());
  return m ? { name: text.slice(0, at).trim(), role: m[1]! } : undefined;
}
// roles that are the object's history, not its making: left out of the makers
const NOT_A_MAKER = /possesseur|owner|collectionneur|collector|donat|vendeur|seller|dédicataire|dedicatee|destinataire|recipient|provenance/i;
// a URL of an image file
const IMAGE_FILE = /^https?:\/\/\S+\.(?:jpe?g|png|gif|webp|tiff?|jp2)(?:[?#]\S*)?$/i;
// coverage that is a time (a year, a century, "BC"), not a place
const TEMPORAL = /\b\d{3,4}\b|\bcentury\b|\bjh\.?|\bjahrhundert|\beeuw|\bsiècle|\b[bB]\.?\s?[cC]\.?\b|\bAD\b|\bBCE?\b|\bCE\b/;

export const oaiDc: XmlFormat = {
  name: 'oai_dc',
  label: 'oai_dc',
  recordsOf(root) {
    if (root.local === 'dc' && (root.ns === OAI_DC_NS || root.ns === DC_NS)) return [root];
    return null;
  },
  isRecord(el) {
    return el.local === 'dc' && (el.ns === OAI_DC_NS || el.ns === DC_NS);
  },
  toDraft(el, ctx, known) {
    try {
      return read(el, cleanLang(ctx.defaultLanguage) ?? 'und', known?.identifier);
    } catch (e) {
      return problem('invalid_value', `oai_dc record could not be read: ${e instanceof Error ? e.message : String(e)}`, known?.identifier);
    }
  },
};

interface Value {
  text: string;
  lang: string;
  el: XmlElement;
}

function read(dc: XmlElement, defaultLang: string, headerId: string | undefined): DraftResult {
  // one pass over the children, grouped by element name (dc: and, tolerated, dcterms:)
  const by: Record<string, Value[]> = {};
  for (const c of dc.children) {
    if (typeof c === 'string' || (c.ns !== DC_NS && c.ns !== DCTERMS_NS)) continue;
    const text = c.local === 'description' ? cleanBlock(rawTextOf(c)) : textOf(c);
    if (!text) continue;
    (by[c.local] ??= []).push({ text, lang: langOf(c, defaultLang), el: c });
  }
  const all = (name: string) => by[name] ?? [];

  const identifiers = all('identifier').map((v) => v.text);
  const uriIds = identifiers.filter((t) => normaliseId(t) !== undefined);
  const identifier = headerId?.trim() || uriIds[0] || identifiers[0];
  if (!identifier) return problem('no_identifier', 'oai_dc record has no identifier: no OAI header identifier was given and it has no non-empty dc:identifier');

  const titles = all('title');
  if (titles.length === 0) return problem('no_title', 'oai_dc record has no title: no non-empty dc:title, in any language', identifier);
  const title: LangMap = {};
  const alternativeTitles: LangMap[] = [];
  for (const t of titles) {
    if (title[t.lang] === undefined) title[t.lang] = t.text;
    else if (title[t.lang] !== t.text && !alternativeTitles.some((a) => a[t.lang] === t.text)) alternativeTitles.push({ [t.lang]: t.text });
  }
  for (const t of all('alternative')) {
    if (title[t.lang] !== t.text && !alternativeTitles.some((a) => a[t.lang] === t.text)) alternativeTitles.push({ [t.lang]: t.text });
  }

  const draft: ObjectDraft = { identifier, title };
  if (alternativeTitles.length) draft.alternativeTitles = alternativeTitles;

  const description: LangMap = {};
  for (const d of all('description')) appendLang(description, d.lang, d.text);
  if (!isEmptyMap(description)) draft.description = description;

  const makers: Agent[] = [];
  const imprintPlaces: PlaceRef[] = [];
  const addAgents = (name: string, role?: LangMap) => {
    for (const v of all(name)) {
      const place = name === 'publisher' && all(name).length > 1 ? imprintPlace(v.text) : undefined;
      if (place) {
        imprintPlaces.push({ name: { [v.lang]: place }, role: 'publication' });
        continue;
      }
      // "RENAUDOT, Eusèbe. Ancien possesseur" (BnF): the part after the name is the role
      const said = agentRole(v.text);
      if (said && NOT_A_MAKER.test(said.role)) continue; // a former owner is provenance, not the making
      const text = said ? said.name : v.text;
      const part = said ? { [v.lang]: said.role } : role;
      if (makers.some((m) => m.name[v.lang] === text && JSON.stringify(m.role) === JSON.stringify(part))) continue;
      const uri = normaliseId(text);
      const ag: Agent = uri ? { name: {}, ids: [uri] } : { name: { [v.lang]: text } };
      if (part) ag.role = part;
      makers.push(ag);
    }
  };
  addAgents('creator');
  addAgents('contributor', { en: 'contributor' });
  addAgents('publisher', { en: 'publisher' });
  if (makers.length) draft.makers = makers;

  // the making: dc:date as written (dcterms:created first when a provider adds it)
  const dates = [...all('created'), ...all('date')];
  if (dates.length) {
    const display: LangMap = {};
    for (const d of dates) appendLang(display, d.lang, d.text, '; ');
    const first = parseYear(dates[0]!.text);
    const span = makeDateSpan(display, first, first, dates[0]!.lang);
    if (span) draft.production = span;
  }

  const objectTypes: Term[] = [];
  for (const v of all('type')) if (!MIME.test(v.text)) pushTerm(objectTypes, termOf(v));
  if (objectTypes.length) draft.objectTypes = objectTypes;

  const subjects: Term[] = [];
  for (const v of all('subject')) for (const piece of listPieces(v)) pushTerm(subjects, termOf(piece));
  if (subjects.length) draft.subjects = subjects;

  const materials: Term[] = [];
  const dimensions: LangMap = {};
  for (const v of [...all('format'), ...all('medium'), ...all('extent')]) {
    if (MIME.test(v.text) || BYTE_COUNT.test(v.text)) continue;
    if (v.el.local === 'extent' || DIMENSIONS.test(v.text)) appendLang(dimensions, v.lang, v.text, '; ');
    else pushTerm(materials, termOf(v));
  }
  if (materials.length) draft.materials = materials;
  if (!isEmptyMap(dimensions)) draft.dimensionsText = dimensions;

  const places: PlaceRef[] = [];
  const periods: Term[] = [];
  for (const v of [...all('coverage'), ...all('spatial'), ...all('temporal')]) {
    const temporal = v.el.local === 'temporal' || (v.el.local === 'coverage' && TEMPORAL.test(v.text));
    if (temporal) pushTerm(periods, termOf(v));
    else {
      const uri = normaliseId(v.text);
      const p: PlaceRef = uri ? { name: {}, ids: [uri], role: 'coverage' } : { name: { [v.lang]: v.text }, role: 'coverage' };
      if (!places.some((x) => JSON.stringify(x) === JSON.stringify(p))) places.push(p);
    }
  }
  for (const p of imprintPlaces) if (!places.some((x) => JSON.stringify(x) === JSON.stringify(p))) places.push(p);
  if (places.length) draft.places = places;
  if (periods.length) draft.periods = periods;

  // rights: the statement that names a licence or a rights statement, else a URI, else
  // the first as written. DSpace, Invenio and OpenAIRE put an access right first
  // ("info:eu-repo/semantics/openAccess") and the licence after it.
  const rights = all('rights').map((v) => v.text);
  const chosen = rights.find((r) => normaliseRights(r).uri) ?? rights.find((r) => isHttp(r)) ?? rights[0];
  if (chosen) draft.rights = chosen;

  // a link to an image file (dc:identifier, dc:relation) is a view of the object, not its page
  const images: ImageRef[] = [];
  for (const v of [...all('identifier'), ...all('relation')]) {
    if (!isHttp(v.text) || !IMAGE_FILE.test(v.text) || images.some((i) => i.url === v.text)) continue;
    images.push(images.length ? { url: v.text } : { url: v.text, primary: true });
  }
  if (images.length) draft.images = images;

  // identifiers: a URL is the object's page; other URIs (a DOI, a URN) name it elsewhere; a plain one is its number
  const sameAs: string[] = [];
  for (const t of identifiers) {
    if (IMAGE_FILE.test(t) && images.some((i) => i.url === t)) continue;
    if (isHttp(t)) {
      if (!draft.homepage) draft.homepage = t;
      else addId(sameAs, t);
    } else if (normaliseId(t)) addId(sameAs, t);
    else if (!draft.inventoryNumber && t !== identifier) draft.inventoryNumber = t;
  }
  if (sameAs.length) draft.sameAs = sameAs;

  // dc:language is the language of the object (a text's), not of this record: it does not set draft.language
  return { identifier, draft };
}

function langOf(el: XmlElement, fallback: string): string {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const v = e.nsAttrs[XML_LANG_KEY];
    if (v !== undefined) {
      const l = cleanLang(v);
      if (l) return l;
    }
  }
  return fallback;
}

// OpenAIRE's vocabulary of types and access rights: "info:eu-repo/semantics/preprint"
const EU_REPO = /^info:eu-repo\/semantics\/([A-Za-z]{1,60})$/;
// subjects joined in one element, as DSpace and CONTENTdm export them: "Ceramics; Iran"
const LIST_SEPARATOR = /\s*;\s*/;

function listPieces(v: Value): Value[] {
  if (!v.text.includes(';') || v.text.length > 2000) return [v];
  const pieces = v.text.split(LIST_SEPARATOR, 100).filter(Boolean);
  // a sentence with a semicolon is one subject, not a list
  if (pieces.some((p) => p.length > 80)) return [v];
  return pieces.map((text) => ({ ...v, text }));
}

// the full stop library cataloguing (ISBD, MARC) ends a heading with: "Inteligencia criminal.",
// "Ming dynasty, 1368-1644." — not that of an abbreviation ("Co.", "St.", "ca.")
const ISBD_STOP = /(?:(?<=[\p{L}]{4})|(?<=[\d)\]]))\.$/u;

/** a value as a term: an OpenAIRE term its label, a URI its id, anything else its label */
function termOf(v: Value): Term {
  const eu = EU_REPO.exec(v.text);
  if (eu) return { label: { en: eu[1]!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() } };
  const uri = normaliseId(v.text);
  if (uri) return { label: {}, ids: [uri] };
  return { label: { [v.lang]: v.text.replace(ISBD_STOP, '') } };
}
