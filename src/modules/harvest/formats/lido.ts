// LIDO v1.0 and v1.1 (http://www.lido-schema.org) to ObjectDraft. Read by element names
// under their parents, never by position, so element-order errors (xs:sequence) do not
// matter; a missing *Wrap is tolerated; xsi:schemaLocation is never looked at (CIMEC
// writes garbage there). v1.1 skos:Concept labels and ids are read wherever a v1.0 term
// and conceptID would be. A record repeated in several languages (one
// descriptiveMetadata per language, Foto Marburg style) becomes one draft whose terms,
// makers and places carry every language.
import { trimSeparators } from '../normalise/text.ts';
import { IIIF_IMAGE_REQUEST, type Agent, type ImageRef, type Inscription, type LangMap, type Measurement, type ObjectDraft, type ParseContext, type PlaceRef, type Term } from '../record.types.ts';
import {
  addId,
  anyValue,
  appendLang,
  cleanBlock,
  cleanLang,
  cleanLines,
  isEmptyMap,
  isHttp,
  makeDateSpan,
  makeTerm,
  mergeParallel,
  normaliseId,
  parseDecimal,
  parseYear,
  problem,
  pushTerm,
  XML_LANG_KEY,
  type DraftResult,
  type KnownRecord,
  type XmlFormat,
} from './xml-format.ts';
import { elements, first, rawTextOf, RDF_NS, textOf, type XmlElement } from './xml.ts';
import { ownCopy } from '../../../shared/text.ts';

export const LIDO_NS = 'http://www.lido-schema.org';
const SKOS_NS = 'http://www.w3.org/2004/02/skos/core#';
const GML_NS = 'http://www.opengis.net/gml';
// providers get the namespace slightly wrong (https, a trailing slash): still LIDO
const LIDO_NS_LIKE = /^https?:\/\/(?:www\.)?lido-schema\.org\/?$/;
const TERMINOLOGY = 'http://terminology.lido-schema.org/';

export function isLidoNs(ns: string): boolean {
  return ns === LIDO_NS || LIDO_NS_LIKE.test(ns);
}

export const lido: XmlFormat = {
  name: 'lido',
  label: 'LIDO',
  recordsOf(root) {
    if (!isLidoNs(root.ns)) return null;
    if (root.local === 'lido') return [root];
    if (root.local === 'lidoWrap') return elements(root, root.ns, 'lido');
    return null;
  },
  isRecord(el) {
    return el.local === 'lido' && isLidoNs(el.ns);
  },
  prune(ns, local, attrs, parent) {
    if (ns === SKOS_NS) return SKOS_UNREAD.has(local);
    if (ns !== LIDO_NS && !LIDO_NS_LIKE.test(ns)) return false;
    if (LIDO_UNREAD.has(local)) return true;
    // only the first level of a place hierarchy names a nameless place
    if (local === 'partOfPlace') return parent.local === 'partOfPlace';
    // (the usual prefix and none; a term under another prefix is skipped by toDraft anyway)
    if (local === 'term') return attrs['lido:addedSearchTerm'] === 'yes' || attrs.addedSearchTerm === 'yes';
    return false;
  },
  toDraft(el, ctx, known) {
    try {
      return new LidoRecord(el, ctx).read(known);
    } catch (e) {
      // a bug or a shape nobody foresaw: this record is set aside, the run goes on
      return problem('invalid_value', `LIDO record could not be read: ${e instanceof Error ? e.message : String(e)}`, known?.identifier);
    }
  },
};

// ---- vocabulary the records use --------------------------------------------

// What toDraft never reads: left out of the tree when a file is streamed (a v1.1 record's
// place hierarchies and related works can be half its elements). A test checks that
// every fixture gives the same draft with and without.
const LIDO_UNREAD = new Set([
  'category', 'relatedWorksWrap', 'repositoryName', 'displayStateEditionWrap',
  'recordType', 'recordSource', 'recordRights', 'rightsHolder', 'rightsDate', 'resourceSource', 'resourceDateTaken',
  'genderActor', 'placeClassification', 'placeType',
  'eventName', 'thingPresent',
  'sourceAppellation', 'sourceDescriptiveNote', 'sourceMaterialsTech',
  'subjectDate', 'subjectEvent', 'subjectObject', 'displaySubject',
]);
const SKOS_UNREAD = new Set(['mappingRelation', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch', 'broader', 'narrower', 'related', 'note', 'definition', 'scopeNote', 'notation', 'inScheme', 'hiddenLabel']);

type Pref = 0 | 1 | 2; // preferred, unmarked, alternate

function prefRank(v: string | undefined): Pref {
  if (!v) return 1;
  if (v === 'preferred' || v === `${TERMINOLOGY}lido00169`) return 0;
  if (v === 'alternate' || v === 'alternative' || v === `${TERMINOLOGY}lido00170`) return 2;
  return 1;
}

type EventKind = 'production' | 'production-part' | 'publication' | 'finding' | 'acquisition' | 'exhibition' | 'provenance' | 'restoration' | 'commissioning' | 'use' | 'other';

// LIDO Terminology event types (http://terminology.lido-schema.org/…)
const EVENT_IDS: Record<string, EventKind> = {
  lido00007: 'production',
  lido00224: 'production-part', // designing
  lido01089: 'production-part', // production of the printing form
  lido01096: 'production-part', // production of the copy (impression)
  lido01127: 'production', // photographic recording (Deutsche Fotothek)
  lido00228: 'publication',
  lido00001: 'acquisition',
  lido00225: 'exhibition',
  lido00034: 'restoration',
  lido00226: 'commissioning',
};

// by label, any of the languages members catalogue in; first match wins
const EVENT_LABELS: [RegExp, EventKind][] = [
  [/druckform|printing (form|block|plate)|exemplar|impression|^(design|designing|entwurf|ontwerp|conception|invention|disegno)\b/i, 'production-part'],
  [/production|creation|herstellung|fotografische aufnahme|photographic (?:recording|exposure)|vervaardiging|productie|fabrication|création|produzione|creazione|producción|creación|manufact|\bmaking\b|entstehung|schöpfung|制作|製作|制造|producere|realizare/i, 'production'],
  // the making named by how it was made (museum-digital: "Aufgenommen", a photograph taken)
  [/^(aufgenommen|aufnahme|fotografiert|photographed|photographing|gemalt|painted|gezeichnet|drawn|hergestellt|geschaffen|created|made|gegossen|cast|geschnitzt|carved|gewebt|woven|geprägt|struck|minted|verfasst|geschrieben|written|authored|gedruckt|printed|komponiert|composed)$/i, 'production'],
  [/publication|veröffentlichung|publicatie|publishing|verlag|edition|uitgave/i, 'publication'],
  [/finding|\bfind\b|\bfund\b|fundort|gefunden|\bfound\b|excavat|ausgegraben|ausgrabung|discover|découverte|vondst|opgraving|descoperire|scavo/i, 'finding'],
  [/acqui|erwerb|verwerving|aankoop|achat|acquisto|achizi/i, 'acquisition'],
  [/exhibit|ausstellung|tentoonstelling|exposition|mostra|expozi/i, 'exhibition'],
  [/provenance|herkunft|provenienz|herkomst|besessen|\bowned\b|gesammelt|\bcollected\b|geschenkt|schenkung|\bgift\b|donat/i, 'provenance'],
  [/restor|restaur/i, 'restoration'],
  [/commission|beauftragung|auftrag/i, 'commissioning'],
  [/\buse\b|usage|nutzung|gebruik/i, 'use'],
];

const EUROPEANA_TYPE = /^europeana:type$/i;
const KIND_OF_RIGHT = /^(?:nutzungsrechte?|urheberrechte?|bildrechte|rechte|rights?|usage rights|copyright|droits?|diritti|derechos|auteursrecht)$/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
const GENERIC_MEASURE_LABEL = /^(?:dimensions?|measurements?|size|maße|masse|abmessungen|afmetingen|dimensiuni|dimensioni|dimensiones|размеры)$/i;
// (not "editor", "Herausgeber": an exhibition catalogue's editor is literature too; Italian
// "editore" and French "éditeur" are publishers)
const PUBLISHER_ROLE = /verleger|drucker|publisher|printer|[ée]diteur|imprimeur|uitgever|drukker|editore|stampatore|издатель|печатник|出版/i;

const PLACE_ROLE: Record<EventKind, string> = {
  production: 'production',
  'production-part': 'production',
  publication: 'publication',
  finding: 'findspot',
  acquisition: 'acquisition',
  exhibition: 'exhibition',
  provenance: 'provenance',
  restoration: 'restoration',
  commissioning: 'commissioning',
  use: 'use',
  other: 'event',
};

const MATERIAL_TYPE_IDS: Record<string, 'material' | 'technique' | 'skip'> = {
  lido00132: 'material',
  lido00513: 'material', // medium
  lido00514: 'material', // support
  lido00131: 'technique',
  lido00427: 'skip', // watermark: a mark of the paper, not a material
};
const TECHNIQUE_LABEL = /techni|technik|techniek|verfahren|procédé|procedimento|tehnic/i;
const SKIP_MATERIAL_LABEL = /watermark|wasserzeichen|filigrane|watermerk/i;

const INVENTORY_TYPE = /inventory|inventar|inventaris|accession|inv\.?\s*n|lido00113$/i;
const FORMER_REPOSITORY = /former|previous|ehemalig|vorherig|lido01019$/i;
const THUMB_TYPE = /thumb|lido00451$/i;
const MASTER_TYPE = /master|original|full|large|high.?res|lido00464$/i;
const PREVIEW_TYPE = /preview|display|medium|screen|small|web/i;
const IIIF_HINT = /iiif/i;
const INFO_JSON = /\/info\.json$/i;
// an unfilled export template ("or_record.objectMeasurements.extent_measurements", VKC)
const TEMPLATE_PLACEHOLDER = /^[a-z_]+(?:\.[a-zA-Z_]+)+$/;
// a database field name where a value should be ("gleicher_Titel"): words joined by underscores, nothing else
const FIELD_NAME = /^[a-zäöüß]+(?:_[A-Za-zÄÖÜäöüß]+)+$/;
const JUNK_QUALIFIER = /^HASH\(0x[0-9a-f]+\)$/i;
const DIMENSION_SPLIT = /\s*[x×X*]\s*/;
const UNIT_SYMBOLS: Record<string, string> = {
  centimetre: 'cm', centimeter: 'cm', centimetres: 'cm', centimeters: 'cm', zentimeter: 'cm',
  millimetre: 'mm', millimeter: 'mm', millimetres: 'mm', millimeters: 'mm',
  metre: 'm', meter: 'm', metres: 'm', meters: 'm', inch: 'in', inches: 'in',
  gram: 'g', gramme: 'g', grams: 'g', gramm: 'g', kilogram: 'kg', kilogramme: 'kg', kilograms: 'kg', kilogramm: 'kg',
  pixel: 'px', pixels: 'px',
};

const ICONCLASS_SOURCE = /iconclass/i;
const ICONCLASS_STRIP = /[\s:]+/g;
const COORD_SPLIT = /[\s,]+/;
const MANIFEST = /manifest/i;
const TRAILING_SLASHES = /\/+$/;
const TRANSLATION = /transl|übersetz|vertal|tradu/i;
const HTML_FORMAT = /html/i;
const ICONCLASS_NOTATION = /^[0-9][0-9A-Z()+ .,:-]*$/;

const UNSPECIFIED_EVENT = /non-specified|unspecified|nicht spezifiziert|unbestimmt|non spécifié|sin especificar/i;
/** an event type that says it says nothing: LIDO's "Event (non-specified)" */
function isUnspecified(type: Term): boolean {
  return (type.ids ?? []).includes(`${TERMINOLOGY}lido00003`) || Object.values(type.label).some((l) => UNSPECIFIED_EVENT.test(l));
}

interface EventInfo {
  el: XmlElement;
  kind: EventKind;
  type?: Term;
}

interface Title {
  lang: string;
  text: string;
  pref: Pref;
}

/** What one descriptiveMetadata block says; blocks are merged afterwards. */
interface Block {
  objectTypes: Term[];
  classification: Term[];
  materials: Term[];
  techniques: Term[];
  cultures: Term[];
  periods: Term[];
  subjects: Term[];
  makers: Agent[];
  places: PlaceRef[];
  production: { display: LangMap; earliest: number | null; latest: number | null; lang: string } | null;
  provenance: LangMap;
}

interface Keys {
  type: string;
  pref: string;
  source: string;
  label: string;
  added: string;
  format: string;
  lang: string;
  sortorder: string;
}

const keyCache = new Map<string, Keys>();
/** nsAttrs keys of the LIDO attributes in a namespace (built once per namespace) */
function keysFor(ns: string): Keys {
  let k = keyCache.get(ns);
  if (!k) {
    const p = `{${ns}}`;
    k = {
      type: `${p}type`,
      pref: `${p}pref`,
      source: `${p}source`,
      label: `${p}label`,
      added: `${p}addedSearchTerm`,
      format: `${p}formatResource`,
      lang: `${p}lang`,
      sortorder: `${p}sortorder`,
    };
    keyCache.set(ownCopy(ns), k); // a copy: ns is cut from the page, which the cache must not keep
  }
  return k;
}

class LidoRecord {
  private readonly N: string;
  private readonly k: Keys;
  /** the same attributes written without their prefix (an export slip) */
  private readonly bare: Keys;
  private readonly defaultLang: string;
  private readonly warnings: string[] = [];

  constructor(
    private readonly rec: XmlElement,
    ctx: ParseContext,
  ) {
    this.N = rec.ns;
    this.k = keysFor(rec.ns);
    this.bare = keysFor('');
    this.defaultLang = cleanLang(ctx.defaultLanguage) ?? 'und';
  }

  // ---- small readers ----------------------------------------------------------

  private kids(el: XmlElement | undefined, local: string): XmlElement[] {
    return el ? elements(el, this.N, local) : [];
  }

  private kid(el: XmlElement | undefined, local: string): XmlElement | undefined {
    return first(el, this.N, local);
  }

  /** the sets of a wrap, tolerating sets written without their wrap */
  private sets(parent: XmlElement | undefined, wrap: string, set: string): XmlElement[] {
    if (!parent) return [];
    const out: XmlElement[] = [];
    for (const c of parent.children) {
      if (typeof c === 'string' || c.ns !== this.N) continue;
      if (c.local === wrap) {
        for (const s of c.children) if (typeof s !== 'string' && s.local === set && s.ns === this.N) out.push(s);
      } else if (c.local === set) out.push(c);
    }
    return out;
  }

  /** a lido: attribute, or the same unprefixed (a common export slip) */
  private a(el: XmlElement, key: keyof Keys): string | undefined {
    return el.nsAttrs[this.k[key]] ?? el.nsAttrs[this.bare[key]];
  }

  /** the language in force: the xml:lang in force (the parser inherits it), else the nearest lido:lang, else the source's default */
  private langOf(el: XmlElement): string {
    if (el.lang !== undefined) {
      const l = cleanLang(el.lang);
      if (l) return l;
    }
    for (let e: XmlElement | undefined = el; e; e = e.parent) {
      const v = e.nsAttrs[this.k.lang];
      if (v !== undefined) {
        const l = cleanLang(v);
        if (l) return l;
      }
      if (e === this.rec) break;
    }
    return this.defaultLang;
  }

  /** only the element's own language (inscriptions: the record's language is not the text's) */
  private ownLangOf(el: XmlElement): string | undefined {
    return cleanLang(el.nsAttrs[XML_LANG_KEY] ?? el.nsAttrs[this.k.lang]);
  }

  private id(el: XmlElement): string | undefined {
    const v = textOf(el);
    const source = this.a(el, 'source');
    const uri = normaliseId(v, source);
    if (uri) return uri;
    if (source && ICONCLASS_SOURCE.test(source) && ICONCLASS_NOTATION.test(v)) return `http://iconclass.org/${v.replace(ICONCLASS_STRIP, '')}`;
    return undefined;
  }

  /**
   * A term: lido:term children (added search terms skipped; per language the preferred
   * one), lido:conceptID as URIs, and v1.1 skos:Concept (rdf:about, prefLabel, exactMatch).
   */
  private term(el: XmlElement | undefined): Term | undefined {
    if (!el) return undefined;
    const label: LangMap = {};
    const rank: Record<string, Pref> = {};
    const ids: string[] = [];
    // languages whose term only inherits its language (from the record or a parent)
    const inherited = new Set<string>();
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.ns === this.N) {
        if (c.local === 'term') {
          if (this.a(c, 'added') === 'yes') continue;
          const t = textOf(c);
          if (!t) continue;
          const own = this.ownLangOf(c);
          const lang = own ?? this.langOf(c);
          const r = prefRank(this.a(c, 'pref'));
          const had = rank[lang];
          if (had === undefined || r < had) {
            label[lang] = t;
            rank[lang] = r;
            if (!own) inherited.add(lang);
            else inherited.delete(lang);
          } else if (own && r === had && inherited.has(lang)) {
            // <term>Steel</term><term xml:lang="de">Stahl</term> in a record in German: the
            // term that says it is German is; the other keeps its text, language unknown
            // (unless it is the same text: museum-digital gives most terms twice)
            if (label.und === undefined && label[lang] !== t) label.und = label[lang]!;
            label[lang] = t;
            inherited.delete(lang);
          }
        } else if (c.local === 'conceptID') addId(ids, this.id(c));
      } else if (c.ns === SKOS_NS && c.local === 'Concept') this.skos(c, label, rank, ids);
    }
    return makeTerm(label, ids);
  }

  private skos(c: XmlElement, label: LangMap, rank: Record<string, Pref>, ids: string[]): void {
    const about = c.nsAttrs[`{${RDF_NS}}about`];
    if (about) addId(ids, normaliseId(about));
    for (const p of c.children) {
      if (typeof p === 'string' || p.ns !== SKOS_NS) continue;
      if (p.local === 'prefLabel') {
        const t = textOf(p);
        const lang = this.langOf(p);
        if (t && rank[lang] === undefined) {
          label[lang] = t;
          rank[lang] = 0;
        }
      } else if (p.local === 'exactMatch') addId(ids, normaliseId(p.nsAttrs[`{${RDF_NS}}resource`] ?? textOf(p)));
    }
  }

  /** appellationValue children as (language, text, preference) */
  private appellations(el: XmlElement | undefined, out: Title[] = []): Title[] {
    for (const v of this.kids(el, 'appellationValue')) {
      const text = textOf(v);
      // a field name left by the export for "same title" (KENOM: gleicher_Titel) names no object
      if (text && !FIELD_NAME.test(text)) out.push({ lang: this.langOf(v), text, pref: prefRank(this.a(v, 'pref')) });
    }
    return out;
  }

  /** per language the best-ranked (then first) appellation */
  private bestNames(list: Title[]): LangMap {
    const map: LangMap = {};
    const rank: Record<string, Pref> = {};
    for (const t of list) {
      const had = rank[t.lang];
      if (had === undefined || t.pref < had) {
        map[t.lang] = t.text;
        rank[t.lang] = t.pref;
      }
    }
    return map;
  }

  // ---- the record -------------------------------------------------------------

  read(known?: KnownRecord): DraftResult {
    const rec = this.rec;
    const identifier = this.identifier(known);
    if (!identifier) {
      return problem('no_identifier', 'LIDO record has no identifier: lido:lidoRecID is missing or empty, and so are lido:objectPublishedID, lido:recordID and lido:workID');
    }

    const descriptive = this.kids(rec, 'descriptiveMetadata');
    const administrative = this.kids(rec, 'administrativeMetadata');

    const titles: Title[] = [];
    for (const d of descriptive) {
      const ident = this.kid(d, 'objectIdentificationWrap');
      for (const ts of this.sets(ident, 'titleWrap', 'titleSet')) this.appellations(ts, titles);
    }
    if (titles.length === 0) {
      return this.withWarnings(problem('no_title', 'LIDO record has no title: no non-empty lido:appellationValue in lido:descriptiveMetadata/lido:objectIdentificationWrap/lido:titleWrap/lido:titleSet, in any language', identifier));
    }
    const title = this.bestNames(titles);
    const alternativeTitles: LangMap[] = [];
    const seen = new Set<string>();
    for (const [lang, text] of Object.entries(title)) seen.add(`${lang}\u0000${text}`);
    for (const t of titles) {
      const key = `${t.lang}\u0000${t.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      alternativeTitles.push({ [t.lang]: t.text });
    }

    const draft: ObjectDraft = { identifier, title };
    if (alternativeTitles.length) draft.alternativeTitles = alternativeTitles;
    const language = descriptive[0] ? cleanLang(descriptive[0].nsAttrs[XML_LANG_KEY] ?? descriptive[0].nsAttrs[this.k.lang]) : undefined;
    if (language) draft.language = language;

    // descriptive blocks, merged
    let merged: Block | undefined;
    const description: LangMap = {};
    const dimensionsText: LangMap = {};
    const measurements: Measurement[] = [];
    const inscriptions: Inscription[] = [];
    for (const d of descriptive) {
      const ident = this.kid(d, 'objectIdentificationWrap');
      if (!draft.inventoryNumber) {
        const inv = this.inventoryNumber(ident);
        if (inv) draft.inventoryNumber = inv;
      }
      this.descriptions(ident, description);
      this.measurements(ident, dimensionsText, measurements);
      this.inscriptions(ident, inscriptions);
      const block = this.block(d);
      merged = merged ? mergeBlocks(merged, block) : block;
    }
    if (!isEmptyMap(description)) draft.description = description;
    if (!isEmptyMap(dimensionsText)) draft.dimensionsText = dimensionsText;
    if (measurements.length) draft.measurements = measurements;
    if (inscriptions.length) draft.inscriptions = inscriptions;
    if (merged) {
      if (merged.objectTypes.length) draft.objectTypes = merged.objectTypes;
      if (merged.classification.length) draft.classification = merged.classification;
      if (merged.materials.length) draft.materials = merged.materials;
      if (merged.techniques.length) draft.techniques = merged.techniques;
      if (merged.cultures.length) draft.cultures = merged.cultures;
      if (merged.periods.length) draft.periods = merged.periods;
      if (merged.subjects.length) draft.subjects = merged.subjects;
      if (merged.makers.length) draft.makers = merged.makers;
      if (merged.places.length) draft.places = merged.places;
      if (!isEmptyMap(merged.provenance)) draft.provenance = merged.provenance;
      const p = merged.production;
      if (p) {
        const span = makeDateSpan(p.display, p.earliest, p.latest, p.lang);
        if (span) draft.production = span;
      }
    }

    this.administrative(administrative, draft);

    // sameAs: the object's published ids; homepage falls back to an http one
    const published = this.kids(rec, 'objectPublishedID').map((e) => textOf(e)).filter(Boolean);
    if (published.length) draft.sameAs = [...new Set(published)];
    if (!draft.homepage) {
      const web = published.find(isHttp);
      if (web) draft.homepage = web;
    }

    return this.withWarnings({ identifier, draft });
  }

  private withWarnings(r: DraftResult): DraftResult {
    if (this.warnings.length) r.warnings = this.warnings;
    return r;
  }

  /**
   * lidoRecID (the first non-empty), else what the caller knows (the OAI header), else
   * objectPublishedID, recordID, workID: a warning says which.
   */
  private identifier(known?: KnownRecord): string | undefined {
    const rec = this.rec;
    for (const e of this.kids(rec, 'lidoRecID')) {
      const v = textOf(e);
      if (v) return v;
    }
    const header = known?.identifier?.trim();
    if (header) {
      this.warnings.push('no lido:lidoRecID: identifier taken from the OAI header');
      return header;
    }
    const fallbacks: [string, () => XmlElement[]][] = [
      ['lido:objectPublishedID', () => this.kids(rec, 'objectPublishedID')],
      ['lido:recordID', () => this.kids(rec, 'administrativeMetadata').flatMap((a) => this.kids(this.kid(a, 'recordWrap'), 'recordID'))],
      [
        'lido:workID',
        () =>
          this.kids(rec, 'descriptiveMetadata').flatMap((d) =>
            this.sets(this.kid(d, 'objectIdentificationWrap'), 'repositoryWrap', 'repositorySet').flatMap((s) => this.kids(s, 'workID')),
          ),
      ],
    ];
    for (const [name, list] of fallbacks) {
      for (const e of list()) {
        const v = textOf(e);
        if (v) {
          this.warnings.push(`no lido:lidoRecID: identifier taken from ${name}`);
          return v;
        }
      }
    }
    return undefined;
  }

  private inventoryNumber(ident: XmlElement | undefined): string | undefined {
    let fallback: string | undefined;
    for (const set of this.sets(ident, 'repositoryWrap', 'repositorySet')) {
      const setType = this.a(set, 'type');
      if (setType && FORMER_REPOSITORY.test(setType)) continue;
      for (const w of this.kids(set, 'workID')) {
        const v = textOf(w);
        if (!v) continue;
        const t = this.a(w, 'type');
        if (t && INVENTORY_TYPE.test(t)) return v;
        fallback ??= v;
      }
    }
    return fallback;
  }

  private descriptions(ident: XmlElement | undefined, into: LangMap): void {
    for (const set of this.sets(ident, 'objectDescriptionWrap', 'objectDescriptionSet')) {
      for (const v of this.kids(set, 'descriptiveNoteValue')) {
        const text = cleanBlock(rawTextOf(v));
        if (text) appendLang(into, this.langOf(v), text);
      }
    }
  }

  /**
   * The object's history of ownership from its acquisition and provenance events, a line an
   * event: "1812 acquisition: Jonghe, Jan Baptiste De (repeller); Museum voor Schone Kunsten
   * Gent (acquirer); Gent, Salon van Gent; wedstrijd; eerste prijs …". LIDO has no provenance
   * text of its own; Adlib, museum-digital and DDB exports tell it this way.
   */
  private provenance(events: EventInfo[], into: LangMap): void {
    for (const info of events) {
      if (info.kind !== 'acquisition' && info.kind !== 'provenance') continue;
      const ev = info.el;
      const lang = this.langOf(ev);
      const said = (el: XmlElement | undefined) => {
        const t = el ? trimSeparators(textOf(el)) : '';
        return HAS_WORD.test(t) ? t : '';
      };
      const label = (t: Term | undefined) => (t ? (t.label[lang] ?? anyValue(t.label) ?? '') : '');
      const date = this.kids(this.kid(ev, 'eventDate'), 'displayDate').map(said).find(Boolean) ?? '';
      const what = [date, label(info.type)].filter(Boolean).join(' ');
      const parts: string[] = [];
      const shown = said(this.kid(ev, 'displayEvent'));
      if (shown) parts.push(shown);
      else {
        for (const ea of this.kids(ev, 'eventActor')) {
          for (const air of this.kids(ea, 'actorInRole')) {
            const name = anyValue(this.actorOf(this.kid(air, 'actor')).name) ?? said(this.kid(ea, 'displayActorInRole'));
            const role = label(this.term(this.kid(air, 'roleActor')));
            if (name) parts.push(role ? `${name} (${role})` : name);
          }
        }
        for (const ep of this.kids(ev, 'eventPlace')) {
          const pl = this.kid(ep, 'place');
          const place = said(this.kid(ep, 'displayPlace')) || (pl && anyValue(this.place(pl)?.name ?? {})) || '';
          if (place) parts.push(place);
        }
        for (const m of this.kids(ev, 'eventMethod')) {
          const method = label(this.term(m));
          if (method) parts.push(method);
        }
      }
      for (const ds of this.kids(ev, 'eventDescriptionSet'))
        for (const v of this.kids(ds, 'descriptiveNoteValue')) {
          const t = said(v);
          if (t) parts.push(t);
        }
      if (parts.length) appendLang(into, lang, what ? `${what}: ${parts.join('; ')}` : parts.join('; '), '\n');
    }
  }

  private measurements(ident: XmlElement | undefined, text: LangMap, out: Measurement[]): void {
    for (const set of this.sets(ident, 'objectMeasurementsWrap', 'objectMeasurementsSet')) {
      for (const d of this.kids(set, 'displayObjectMeasurements')) {
        let t = textOf(d);
        if (!t) continue;
        // a label that names the measurement ("Höhe") goes before its value; one that says only
        // "dimensions" adds nothing (and is often English before a text in another language)
        const label = this.a(d, 'label');
        if (label && !GENERIC_MEASURE_LABEL.test(label.trim()) && !t.toLowerCase().includes(label.toLowerCase())) t = `${label}: ${t}`;
        appendLang(text, this.langOf(d), t, '; ');
      }
      for (const om of this.kids(set, 'objectMeasurements')) {
        let part: string | undefined;
        for (const x of this.kids(om, 'extentMeasurements')) {
          const v = textOf(x);
          if (v && !TEMPLATE_PLACEHOLDER.test(v)) {
            part = v;
            break;
          }
        }
        for (const ms of this.kids(om, 'measurementsSet')) this.measurement(ms, part, out);
      }
    }
  }

  private measurement(ms: XmlElement, part: string | undefined, out: Measurement[]): void {
    const type = this.plainLabel(this.kid(ms, 'measurementType'));
    const unit = this.unit(this.kid(ms, 'measurementUnit'));
    const valueText = textOf(this.kid(ms, 'measurementValue'));
    if (!type || !valueText) return;
    const push = (t: string, v: number) => {
      const m: Measurement = { type: t, value: v, unit: unit ?? '' };
      if (part) m.part = part;
      if (!out.some((x) => x.type === m.type && x.value === m.value && x.unit === m.unit && x.part === m.part)) out.push(m);
    };
    const single = parseDecimal(valueText);
    if (single !== undefined) {
      push(type, single);
      return;
    }
    // "Höhe x Breite" = "39,8 x 28,1" (the AQinDa graphics record)
    const values = valueText.split(DIMENSION_SPLIT);
    const types = type.split(DIMENSION_SPLIT);
    if (values.length > 1 && values.length === types.length) {
      const nums = values.map(parseDecimal);
      if (nums.every((n) => n !== undefined)) nums.forEach((n, i) => push(types[i]!, n!));
    }
  }

  /** a measurement type as one string: the English label of a v1.1 concept, else the text as written */
  private plainLabel(el: XmlElement | undefined): string | undefined {
    if (!el) return undefined;
    const concept = first(el, SKOS_NS, 'Concept');
    if (concept) {
      let any: string | undefined;
      for (const p of elements(concept, SKOS_NS, 'prefLabel')) {
        const t = textOf(p);
        if (!t) continue;
        if (this.ownLangOf(p) === 'en') return t;
        any ??= t;
      }
      if (any) return any;
    }
    const term = this.kid(el, 'term');
    return textOf(term ?? el) || undefined;
  }

  private unit(el: XmlElement | undefined): string | undefined {
    if (!el) return undefined;
    const concept = first(el, SKOS_NS, 'Concept');
    if (concept) {
      // a symbol first ("cm" as altLabel xml:lang="mul"), else the name made a symbol
      for (const p of elements(concept, SKOS_NS, 'altLabel')) {
        const t = textOf(p);
        if (t && t.length <= 4) return t;
      }
    }
    const name = this.plainLabel(el);
    if (!name) return undefined;
    return UNIT_SYMBOLS[name.toLowerCase()] ?? name;
  }

  private inscriptions(ident: XmlElement | undefined, out: Inscription[]): void {
    for (const ins of this.sets(ident, 'inscriptionsWrap', 'inscriptions')) {
      const kind = this.a(ins, 'type');
      let translation: LangMap | undefined;
      for (const d of this.kids(ins, 'inscriptionDescription')) {
        const dt = this.a(d, 'type');
        if (!dt || !TRANSLATION.test(dt)) continue;
        for (const v of this.kids(d, 'descriptiveNoteValue')) {
          const t = textOf(v);
          if (t) appendLang((translation ??= {}), this.langOf(v), t);
        }
      }
      for (const tr of this.kids(ins, 'inscriptionTranscription')) {
        const text = cleanLines(rawTextOf(tr));
        if (!text || out.some((x) => x.text === text)) continue;
        const i: Inscription = { text };
        const lang = this.ownLangOf(tr);
        if (lang) i.lang = lang;
        if (kind && !kind.startsWith('http')) i.kind = kind;
        if (translation) i.translation = translation;
        out.push(i);
      }
    }
  }

  // ---- classification, events, subjects (per block) --------------------------

  private block(d: XmlElement): Block {
    const b: Block = {
      objectTypes: [],
      classification: [],
      materials: [],
      techniques: [],
      cultures: [],
      periods: [],
      subjects: [],
      makers: [],
      places: [],
      production: null,
      provenance: {},
    };
    const cls = this.kid(d, 'objectClassificationWrap');
    for (const t of this.sets(cls, 'objectWorkTypeWrap', 'objectWorkType')) pushTerm(b.objectTypes, this.term(t));
    for (const t of this.sets(cls, 'classificationWrap', 'classification')) {
      // Europeana's media type of the digital copy (IMAGE, TEXT, 3D), not a class of the object
      if (!EUROPEANA_TYPE.test(this.a(t, 'type') ?? '')) pushTerm(b.classification, this.term(t));
    }

    // v1.1: materials and techniques of the object itself
    const ident = this.kid(d, 'objectIdentificationWrap');
    for (const set of this.sets(ident, 'objectMaterialsTechWrap', 'objectMaterialsTechSet')) this.materialsTech(set, b);

    const events: EventInfo[] = [];
    for (const set of this.sets(d, 'eventWrap', 'eventSet')) {
      for (const ev of this.kids(set, 'event')) events.push(this.eventInfo(ev));
    }
    // no event says it is the making, and the only event typed "non-specified" (lido00003)
    // has makers or dates: that one is (an event of any other type may be a finding, an
    // ownership, a gift, and its people are not makers)
    const unsaid = events.filter((e) => e.kind === 'other' && e.type && isUnspecified(e.type));
    if (!events.some((e) => e.kind === 'production' || e.kind === 'production-part') && unsaid.length === 1) {
      const only = unsaid[0]!;
      if (this.kids(only.el, 'eventActor').length || this.kid(only.el, 'eventDate')) only.kind = 'production';
    }
    this.provenance(events, b.provenance);
    const core = events.filter((e) => e.kind === 'production');
    const parts = events.filter((e) => e.kind === 'production-part');
    const making = core.length ? core : parts;

    // a publication's people are makers of a print or a book that has no making of its own;
    // beside a making only its publishers and printers are (Dürer as "Verleger" of his print),
    // the others are the authors of the literature about the object (Adlib exports put every
    // catalogue that cites a painting in a "publication" event)
    const made = events.some((e) => (e.kind === 'production' || e.kind === 'production-part') && this.kids(e.el, 'eventActor').length > 0);
    for (const e of events) {
      const production = e.kind === 'production' || e.kind === 'production-part';
      if (production || (e.kind === 'publication' && !made)) this.actors(e, b.makers);
      else if (e.kind === 'publication') {
        const people: Agent[] = [];
        this.actors(e, people);
        for (const a of people) if (a.role && Object.values(a.role).some((r) => PUBLISHER_ROLE.test(r))) pushAgent(b.makers, a);
      }
      if (production) {
        for (const c of this.kids(e.el, 'culture')) pushTerm(b.cultures, this.term(c));
        for (const p of this.kids(e.el, 'periodName')) pushTerm(b.periods, this.term(p));
        for (const m of this.kids(e.el, 'eventMaterialsTech')) this.materialsTech(m, b);
      }
      for (const ep of this.kids(e.el, 'eventPlace')) this.eventPlace(ep, e, b.places);
    }
    // where the object is kept now (a building's address, the museum's city), as EDM's currentLocation
    for (const set of this.sets(ident, 'repositoryWrap', 'repositorySet')) {
      const setType = this.a(set, 'type');
      if (setType && FORMER_REPOSITORY.test(setType)) continue;
      for (const loc of this.kids(set, 'repositoryLocation')) this.placeOf(set, loc, 'current location', b.places);
    }
    // no making gave what the object is made of: an event that is not typed as anything
    // we know may (museum-digital puts "SW Negativfilm" on an "Event (non-specified)")
    if (!b.materials.length && !b.techniques.length)
      for (const e of events) if (e.kind === 'other') for (const m of this.kids(e.el, 'eventMaterialsTech')) this.materialsTech(m, b);
    b.production = this.production(making, d);

    const rel = this.kid(d, 'objectRelationWrap');
    for (const set of this.sets(rel, 'subjectWrap', 'subjectSet')) {
      for (const s of this.kids(set, 'subject')) {
        for (const c of this.kids(s, 'subjectConcept')) pushTerm(b.subjects, this.term(c));
        // a person or body the object shows or is about (a banknote's poet): by name and ids
        for (const sa of this.kids(s, 'subjectActor')) {
          const { name, ids } = this.actorOf(this.kid(sa, 'actor'));
          const label = isEmptyMap(name) ? this.displayOf(sa) : name;
          if (!isEmptyMap(label)) pushTerm(b.subjects, ids.length ? { label, ids } : { label });
        }
        // a place the object shows (a view of Verden): a place, depicted
        for (const sp of this.kids(s, 'subjectPlace')) this.placeOf(sp, this.kid(sp, 'place'), 'depicted', b.places);
      }
    }
    return b;
  }

  private eventInfo(ev: XmlElement): EventInfo {
    const type = this.term(this.kid(ev, 'eventType'));
    if (!type) return { el: ev, kind: 'production' }; // an untyped event in a minimal export is the making
    const labels = Object.values(type.label);
    for (const id of type.ids ?? []) {
      if (id.startsWith(TERMINOLOGY)) {
        const rest = id.slice(TERMINOLOGY.length);
        const k = EVENT_IDS[rest];
        if (k) return { el: ev, kind: k, type };
        // a v1.1 type URI (…/eventType/production): its last segment is a label
        if (rest.includes('/')) labels.push(rest.slice(rest.lastIndexOf('/') + 1));
      }
    }
    for (const l of labels) {
      for (const [re, kind] of EVENT_LABELS) if (re.test(l.trim())) return { el: ev, kind, type };
    }
    return { el: ev, kind: 'other', type };
  }

  /** a lido:actor's best name per language (empty when it has none), its ids, and its nationality and life dates */
  private actorOf(actor: XmlElement | undefined): { name: LangMap; ids: string[]; about?: LangMap } {
    const names: Title[] = [];
    const ids: string[] = [];
    for (const ns of this.kids(actor, 'nameActorSet')) this.appellations(ns, names);
    for (const idEl of this.kids(actor, 'actorID')) addId(ids, this.id(idEl));
    const about = actor && this.aboutActor(actor);
    return about ? { name: this.bestNames(names), ids, about } : { name: this.bestNames(names), ids };
  }

  /** "Italian, 1537–1602": nationalityActor labels (AAT's "(culture or style)" left out) and vitalDatesActor years */
  private aboutActor(actor: XmlElement): LangMap | undefined {
    const about: LangMap = {};
    for (const n of this.kids(actor, 'nationalityActor')) {
      const t = this.term(n);
      if (t) for (const [k, v] of Object.entries(t.label)) appendLang(about, k, v.replace(AAT_QUALIFIER, ''), ', ');
    }
    const vital = this.kid(actor, 'vitalDatesActor');
    const born = parseYear(textOf(this.kid(vital, 'earliestDate')));
    const died = parseYear(textOf(this.kid(vital, 'latestDate')));
    if (born !== null || died !== null) {
      const life = `${born === null ? '' : yearText(born)}–${died === null ? '' : yearText(died)}`;
      const keys = Object.keys(about);
      if (keys.length) for (const k of keys) about[k] = `${about[k]}, ${life}`;
      else about[this.langOf(vital!)] = life;
    }
    return isEmptyMap(about) ? undefined : about;
  }

  /** the displayActor text of an element, as a language map (empty when there is none) */
  private displayOf(el: XmlElement): LangMap {
    const d = this.kid(el, 'displayActor');
    const t = d && textOf(d);
    return d && t ? { [this.langOf(d)]: t } : {};
  }

  private actors(e: EventInfo, out: Agent[]): void {
    for (const ea of this.kids(e.el, 'eventActor')) {
      const roles = this.kids(ea, 'actorInRole');
      if (roles.length === 0) {
        // only the display form ("Albrecht Dürer (1471-1528), Inventor")
        const disp = this.kid(ea, 'displayActorInRole');
        const t = disp && textOf(disp);
        if (t) pushAgent(out, { name: { [this.langOf(disp)]: t } });
        continue;
      }
      for (const air of roles) {
        const actor = this.actorOf(this.kid(air, 'actor'));
        const ids = actor.ids;
        let name = actor.name;
        if (isEmptyMap(name)) {
          const disp = this.kid(ea, 'displayActorInRole');
          const t = disp && textOf(disp);
          if (!t) continue;
          name = { [this.langOf(disp)]: t };
        }
        const agent: Agent = { name };
        if (actor.about) agent.about = actor.about;
        const roleTerm = this.term(this.kid(air, 'roleActor'));
        let role = roleTerm && !isEmptyMap(roleTerm.label) ? { ...roleTerm.label } : undefined;
        const qual = textOf(this.kid(air, 'attributionQualifierActor'));
        if (qual && !JUNK_QUALIFIER.test(qual)) {
          const lang = this.langOf(air);
          role ??= {};
          role[lang] = role[lang] ? `${role[lang]} (${qual})` : qual;
        }
        if (role) agent.role = role;
        if (ids.length) agent.ids = ids;
        pushAgent(out, agent);
      }
    }
  }

  private materialsTech(container: XmlElement, b: Block): void {
    let terms = 0;
    for (const mt of this.kids(container, 'materialsTech')) {
      for (const t of this.kids(mt, 'termMaterialsTech')) {
        const term = this.term(t);
        if (!term) continue;
        const kind = this.materialKind(this.a(t, 'type'));
        terms++;
        if (kind === 'material') pushTerm(b.materials, term);
        else if (kind === 'technique') pushTerm(b.techniques, term);
      }
    }
    if (terms) return;
    // no terms: the display text stands for them ("olieverf op doek"; CIMEC labels which is which)
    type Shown = { lang: string; text: string; kind: 'material' | 'technique' | 'skip' };
    const lines: Shown[] = [];
    for (const d of this.kids(container, 'displayMaterialsTech')) {
      const text = textOf(d);
      if (text) lines.push({ lang: this.langOf(d), text, kind: this.materialKind(this.a(d, 'label')) });
    }
    // "oțel; fontă; alamă; lemn" (CIMEC): a list, a term each, when every line lists as many
    // (then the lines' pieces pair up by position, as the lines do by language)
    const pieces = lines.map((l) => l.text.split(';').map((x) => x.trim()).filter(Boolean));
    // (only short names: "Öl auf Leinwand; doubliert" and "Bronze; Sockel: Marmor" are one description)
    const short = (x: string) => !x.includes(':') && x.split(/\s+/).length <= 2;
    const listed = pieces.length > 0 && pieces[0]!.length > 1 && pieces.every((p) => p.length === pieces[0]!.length && p.every(short));
    const shown: Shown[] = listed ? pieces[0]!.flatMap((_, j) => lines.map((l, i) => ({ ...l, text: pieces[i]![j]! }))) : lines;
    for (const group of byLanguageRound(shown)) {
      const term: Term = { label: Object.fromEntries(group.map((x) => [x.lang, x.text])) };
      if (group[0]!.kind === 'technique') pushTerm(b.techniques, term);
      else if (group[0]!.kind === 'material') pushTerm(b.materials, term);
    }
  }

  private materialKind(type: string | undefined): 'material' | 'technique' | 'skip' {
    if (!type) return 'material';
    // a LIDO Terminology concept (lido00131), or a v1.1 type URI read by its last segment (…/termMaterialsTech_type/technique)
    const label = type.startsWith(TERMINOLOGY) ? type.slice(TERMINOLOGY.length) : type;
    const known = MATERIAL_TYPE_IDS[label];
    if (known) return known;
    const last = label.slice(label.lastIndexOf('/') + 1);
    if (SKIP_MATERIAL_LABEL.test(last)) return 'skip';
    return TECHNIQUE_LABEL.test(last) ? 'technique' : 'material';
  }

  private eventPlace(ep: XmlElement, e: EventInfo, out: PlaceRef[]): void {
    const place = this.kid(ep, 'place');
    let role = PLACE_ROLE[e.kind];
    if (e.kind === 'other' && e.type) {
      const en = e.type.label.en ?? anyValue(e.type.label);
      if (en) role = en.toLowerCase();
    }
    this.placeOf(ep, place, role, out);
  }

  /** a place with its displayPlace as the name when it has none of its own (a gml:Point named only in the display) */
  private placeOf(parent: XmlElement, place: XmlElement | undefined, role: string, out: PlaceRef[]): void {
    const ref = place ? this.place(place) : undefined;
    const disp = this.kid(parent, 'displayPlace');
    const t = disp && textOf(disp);
    if (ref) {
      ref.role = role;
      if (isEmptyMap(ref.name) && t) ref.name = { [this.langOf(disp!)]: t };
      pushPlace(out, ref);
      return;
    }
    if (t) pushPlace(out, { name: { [this.langOf(disp!)]: t }, role });
  }

  /** a lido:place: names, placeID URIs, gml:Point/gml:pos; a nameless place is named by the place it is part of */
  private place(place: XmlElement): PlaceRef | undefined {
    const names: Title[] = [];
    for (const s of this.kids(place, 'namePlaceSet')) this.appellations(s, names);
    let name = this.bestNames(names);
    const ids: string[] = [];
    for (const i of this.kids(place, 'placeID')) addId(ids, this.id(i));
    const ref: PlaceRef = { name };
    if (ids.length) ref.ids = ids;
    const pos = this.coordinates(place);
    if (pos) {
      ref.lat = pos[0];
      ref.lon = pos[1];
    }
    if (isEmptyMap(name)) {
      const parent = this.kid(place, 'partOfPlace');
      const pn: Title[] = [];
      for (const s of this.kids(parent, 'namePlaceSet')) this.appellations(s, pn);
      name = this.bestNames(pn);
      if (!isEmptyMap(name)) ref.name = name;
      else if (!ref.ids && ref.lat === undefined) return undefined;
    }
    return ref;
  }

  private coordinates(place: XmlElement): [number, number] | undefined {
    for (const g of this.kids(place, 'gml')) {
      for (const point of elements(g, GML_NS, 'Point')) {
        const pos = first(point, GML_NS, 'pos') ?? first(point, GML_NS, 'coordinates');
        const t = textOf(pos);
        if (!t) continue;
        const [a, b] = t.split(COORD_SPLIT).map(Number);
        // LIDO examples write "lat lon" (EPSG:4326 axis order)
        if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) return [a, b];
      }
    }
    return undefined;
  }

  /** the making: display dates as written, years from earliestDate/latestDate when they are years or ISO dates */
  private production(events: EventInfo[], d: XmlElement): Block['production'] {
    const display: LangMap = {};
    let earliest: number | null = null;
    let latest: number | null = null;
    for (const e of events) {
      const date = this.kid(e.el, 'eventDate');
      if (!date) continue;
      for (const dd of this.kids(date, 'displayDate')) {
        const t = textOf(dd);
        if (t) appendLang(display, this.langOf(dd), t, '; ');
      }
      const span = this.kid(date, 'date');
      const lo = parseYear(textOf(this.kid(span, 'earliestDate')));
      const hi = parseYear(textOf(this.kid(span, 'latestDate')));
      if (lo !== null && (earliest === null || lo < earliest)) earliest = lo;
      if (hi !== null && (latest === null || hi > latest)) latest = hi;
    }
    if (isEmptyMap(display) && earliest === null && latest === null) return null;
    return { display, earliest, latest, lang: this.langOf(d) };
  }

  // ---- administrative -----------------------------------------------------------

  private administrative(blocks: XmlElement[], draft: ObjectDraft): void {
    const creditLine: LangMap = {};
    const images: ImageRef[] = [];
    for (const adm of blocks) {
      const sets = this.sets(adm, 'rightsWorkWrap', 'rightsWorkSet');
      if (!draft.rights) {
        const r = this.rights(sets);
        if (r) draft.rights = r;
      }
      for (const set of sets) {
        for (const c of this.kids(set, 'creditLine')) {
          const t = textOf(c);
          if (t) appendLang(creditLine, this.langOf(c), t, '; ');
        }
      }
      const rw = this.kid(adm, 'recordWrap');
      if (!draft.homepage) {
        let any: string | undefined;
        for (const info of this.kids(rw, 'recordInfoSet')) {
          for (const link of this.kids(info, 'recordInfoLink')) {
            const url = textOf(link);
            if (!isHttp(url)) continue;
            const fmt = this.a(link, 'format');
            if (!fmt || HTML_FORMAT.test(fmt)) {
              draft.homepage = url;
              break;
            }
            any ??= url;
          }
          if (draft.homepage) break;
        }
        if (!draft.homepage && any) draft.homepage = any;
      }
      if (images.length === 0) this.resources(adm, images);
    }
    if (!isEmptyMap(creditLine)) draft.creditLine = creditLine;
    if (images.length) {
      draft.images = images;
      // no rights of the work, or only the kind of right ("Nutzungsrechte", "Urheberrecht")
      // that states nothing: the rights of its images are what a reuser meets (CIMEC and DDB
      // records give only those). A claim ("© Succession Picasso") stays the work's.
      if (!draft.rights || KIND_OF_RIGHT.test(draft.rights.trim())) {
        const r = images.find((i) => i.rights)?.rights;
        if (r) draft.rights = r;
      }
      if (draft.rights) for (const i of images) if (i.rights === draft.rights) delete i.rights;
    }
  }

  /**
   * The rights of rights sets (rightsWorkSet, rightsResource): a URI (conceptID,
   * skos:Concept) wherever it is, over a bare term ("copyright") that comes first.
   */
  private rights(containers: XmlElement[]): string | undefined {
    let text: string | undefined;
    for (const container of containers)
      for (const rt of this.kids(container, 'rightsType')) {
        for (const c of rt.children) {
          if (typeof c === 'string') continue;
          const v = c.ns === this.N && c.local === 'conceptID' ? textOf(c) : c.ns === SKOS_NS && c.local === 'Concept' ? c.nsAttrs[`{${RDF_NS}}about`]?.trim() : undefined;
          if (!v) continue;
          if (isHttp(v)) return v;
          text ??= v;
        }
        text ??= textOf(this.kid(rt, 'term')) || undefined;
      }
    return text;
  }

  private resources(adm: XmlElement, out: ImageRef[]): void {
    const sets = this.sets(adm, 'resourceWrap', 'resourceSet');
    const ordered = sets.map((s, i) => ({ s, i, o: Number(this.a(s, 'sortorder')) })).sort((x, y) => (Number.isFinite(x.o) && Number.isFinite(y.o) ? x.o - y.o : x.i - y.i));
    for (const { s } of ordered) {
      // the largest the set offers: image_master (lido00464), then an unmarked link, then a preview
      let main: { url: string; el: XmlElement; rank: number } | undefined;
      let thumb: string | undefined;
      let preview: string | undefined;
      let iiif: string | undefined;
      let manifest: string | undefined;
      for (const rep of this.kids(s, 'resourceRepresentation')) {
        const type = this.a(rep, 'type') ?? '';
        for (const link of this.kids(rep, 'linkResource')) {
          const url = textOf(link);
          if (!isHttp(url)) continue;
          const fmt = this.a(link, 'format') ?? '';
          if (INFO_JSON.test(url)) {
            iiif ??= url.replace(INFO_JSON, '');
            continue;
          }
          const req = IIIF_IMAGE_REQUEST.exec(url);
          if (req) iiif ??= req[1];
          else if (IIIF_HINT.test(type) || IIIF_HINT.test(fmt)) {
            if (MANIFEST.test(url) || MANIFEST.test(type)) manifest ??= url;
            else iiif ??= url.replace(TRAILING_SLASHES, '');
            continue;
          }
          if (THUMB_TYPE.test(type)) thumb ??= url;
          else {
            const rank = MASTER_TYPE.test(type) ? 2 : PREVIEW_TYPE.test(type) ? 0 : 1;
            if (!main || rank > main.rank) main = { url, el: rep, rank };
            if (rank === 0) preview ??= url;
          }
        }
      }
      const url = main?.url ?? thumb;
      if (!url && !iiif && !manifest) continue;
      if (url && out.some((x) => x.url === url)) continue;
      const img: ImageRef = {};
      if (url) img.url = url;
      if (iiif) img.iiifService = iiif;
      if (manifest) img.manifest = manifest;
      const small = thumb ?? preview;
      if (small && small !== url) img.thumbnail = small;
      if (main) this.pixelSize(main.el, img);
      const r = this.rights(this.kids(s, 'rightsResource'));
      if (r) img.rights = r;
      const caption: LangMap = {};
      for (const dsc of this.kids(s, 'resourceDescription')) {
        const t = textOf(dsc);
        if (t) appendLang(caption, this.langOf(dsc), t, '; ');
      }
      // else the side shown ("Vorderseite", "reverse")
      if (isEmptyMap(caption))
        for (const p of this.kids(s, 'resourcePerspective')) {
          const t = this.term(p);
          if (t) for (const [l, x] of Object.entries(t.label)) appendLang(caption, l, x, '; ');
        }
      if (!isEmptyMap(caption)) img.caption = caption;
      if (out.length === 0) img.primary = true;
      out.push(img);
    }
  }

  private pixelSize(rep: XmlElement, img: ImageRef): void {
    for (const m of this.kids(rep, 'resourceMeasurementsSet')) {
      const type = (this.plainLabel(this.kid(m, 'measurementType')) ?? '').toLowerCase();
      const v = parseDecimal(textOf(this.kid(m, 'measurementValue')));
      if (v === undefined) continue;
      if (type === 'width' || type === 'breite') img.width = v;
      else if (type === 'height' || type === 'höhe') img.height = v;
    }
  }
}

// ---- merging ------------------------------------------------------------------

function sameIds(a: string[] | undefined, b: string[] | undefined): boolean {
  return !!a && !!b && a.some((x) => b.includes(x));
}

function overlaps(a: LangMap, b: LangMap): boolean {
  for (const k in a) if (b[k] === a[k]) return true;
  return false;
}

/** the qualifier of AAT's culture labels: "Italian (culture or style)" */
const AAT_QUALIFIER = /\s*\((?:culture or style|culture|style|nationality)\)$/i;
const yearText = (y: number) => (y < 0 ? `${-y} BCE` : String(y));

function sameRole(a: Agent, b: Agent): boolean {
  if (!a.role && !b.role) return true;
  return !!a.role && !!b.role && overlaps(a.role, b.role);
}

function pushAgent(list: Agent[], ag: Agent): void {
  for (const x of list) {
    if ((sameIds(x.ids, ag.ids) || overlaps(x.name, ag.name)) && sameRole(x, ag)) return;
  }
  list.push(ag);
}

function mergeAgent(a: Agent, b: Agent): void {
  for (const k in b.name) a.name[k] ??= b.name[k]!;
  if (b.role) {
    a.role ??= {};
    for (const k in b.role) a.role[k] ??= b.role[k]!;
  }
  if (b.ids) {
    a.ids ??= [];
    for (const id of b.ids) addId(a.ids, id);
  }
}

function pushPlace(list: PlaceRef[], p: PlaceRef): void {
  for (const x of list) {
    if (x.role === p.role && (sameIds(x.ids, p.ids) || overlaps(x.name, p.name))) {
      mergePlace(x, p);
      return;
    }
  }
  list.push(p);
}

function mergePlace(a: PlaceRef, b: PlaceRef): void {
  for (const k in b.name) a.name[k] ??= b.name[k]!;
  if (b.ids) {
    a.ids ??= [];
    for (const id of b.ids) addId(a.ids, id);
  }
  if (a.lat === undefined && b.lat !== undefined) {
    a.lat = b.lat;
    a.lon = b.lon;
  }
}

/** the same list in two language blocks: merged by position when the counts agree, else by identity */
function mergeList<T>(acc: T[], next: T[], merge: (a: T, b: T) => void, push: (list: T[], x: T) => void): void {
  if (acc.length === next.length) {
    for (let i = 0; i < acc.length; i++) merge(acc[i]!, next[i]!);
    return;
  }
  for (const x of next) push(acc, x);
}

function mergeBlocks(a: Block, b: Block): Block {
  mergeParallel(a.objectTypes, b.objectTypes);
  mergeParallel(a.classification, b.classification);
  mergeParallel(a.materials, b.materials);
  mergeParallel(a.techniques, b.techniques);
  mergeParallel(a.cultures, b.cultures);
  mergeParallel(a.periods, b.periods);
  mergeParallel(a.subjects, b.subjects);
  mergeList(a.makers, b.makers, mergeAgent, pushAgent);
  mergeList(a.places, b.places, mergePlace, pushPlace);
  for (const k in b.provenance) a.provenance[k] ??= b.provenance[k]!;
  if (!a.production) a.production = b.production;
  else if (b.production) {
    for (const k in b.production.display) a.production.display[k] ??= b.production.display[k]!;
    a.production.earliest ??= b.production.earliest;
    a.production.latest ??= b.production.latest;
  }
  return a;
}

/**
 * Display elements given once per language, round after round ("geprägt" de, "struck" en,
 * "Bronze" de, "Bronze" en): each round is one thing in several languages. Anything that
 * does not repeat the same languages in the same order stays one element a thing.
 */
function byLanguageRound<T extends { lang: string }>(items: T[]): T[][] {
  const langs: string[] = [];
  for (const x of items) {
    if (langs.includes(x.lang)) break;
    langs.push(x.lang);
  }
  const k = langs.length;
  const rounds = k > 1 && items.length % k === 0 && items.every((x, i) => x.lang === langs[i % k]);
  if (!rounds) return items.map((x) => [x]);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += k) out.push(items.slice(i, i + k));
  return out;
}
