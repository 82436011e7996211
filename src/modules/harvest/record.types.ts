// The contract between the steps of ingestion: a wire format's parser turns one
// source record into an ObjectDraft (or a precise problem); normalise/ fills what can
// be derived (years from date texts, rights URIs, default languages, clean text); the
// store keeps the record verbatim and writes the normalised object.

/** { bcp47: text }; "und" when the language is unknown. */
export type LangMap = Record<string, string>;

/** A vocabulary reference: a label in some languages and the ids of the concept as URIs. */
export interface Term {
  label: LangMap;
  /** external ids as URIs: AAT (http://vocab.getty.edu/aat/…), Wikidata, GeoNames, nomisma, TGN, ULAN, VIAF … */
  ids?: string[];
}

export interface Agent {
  name: LangMap;
  /** the role in the making ("artist", "calligrapher", "workshop of" …) */
  role?: LangMap;
  /** nationality and dates beside the name, as the record writes them ("Persian, died 898 AH/AD 1492") */
  about?: LangMap;
  ids?: string[];
}

export interface PlaceRef {
  name: LangMap;
  /** what happened there: production, findspot, discovery, use … ("production" when the record says nothing) */
  role?: string;
  lat?: number;
  lon?: number;
  ids?: string[];
}

export interface DateSpan {
  /** the date as the record writes it, e.g. { en: "ca. 800-900" }, { "zh-Hans": "唐代" } */
  display: LangMap;
  /** years, negative before the common era; null when unknown. Parsers set them only when the record states them as numbers. */
  earliest: number | null;
  latest: number | null;
}

export interface Measurement {
  /** height, width, depth, diameter, weight, length … */
  type: string;
  value: number;
  /** cm, mm, in, g, kg … as given */
  unit: string;
  /** the part measured, when the record says ("sheet", "image", "base") */
  part?: string;
}

export interface Inscription {
  /** the transcription, script untouched */
  text: string;
  /** BCP 47 of the text when known (e.g. "ar", "fa-Arab", "zh-Hant") */
  lang?: string;
  /** inscription, mark, signature, seal, colophon … */
  kind?: string;
  translation?: LangMap;
  position?: string;
}

/** An IIIF Image API request (…/full/max/0/default.jpg): its first group is the image service. */
export const IIIF_IMAGE_REQUEST = /^(https?:\/\/.+?)\/(?:full|square|\d+,\d+,\d+,\d+|pct:[\d.,]+)\/(?:full|max|\^?!?\d*,\d*|\^?pct:[\d.]+)\/!?-?\d+(?:\.\d+)?\/(?:default|color|colour|gray|grey|bitonal|native)\.(?:jpe?g|png|webp|tiff?|gif|jp2)$/i;

export interface ImageRef {
  /** a plain image URL */
  url?: string;
  /** IIIF Image API service base (no /info.json) */
  iiifService?: string;
  /** a IIIF Presentation manifest describing the object */
  manifest?: string;
  thumbnail?: string;
  width?: number;
  height?: number;
  /** rights of the image when it differs from the record's */
  rights?: string;
  primary?: boolean;
  caption?: LangMap;
}

export interface ObjectDraft {
  /** the record's own identifier, unique within its source (required) */
  identifier: string;
  /** the museum's inventory / accession number */
  inventoryNumber?: string;
  /** the preferred title per language (required: at least one language) */
  title: LangMap;
  alternativeTitles?: LangMap[];
  description?: LangMap;
  objectTypes?: Term[];
  classification?: Term[];
  materials?: Term[];
  techniques?: Term[];
  cultures?: Term[];
  periods?: Term[];
  makers?: Agent[];
  production?: DateSpan | null;
  places?: PlaceRef[];
  /** the dimensions as the record writes them, plus parsed measurements */
  dimensionsText?: LangMap;
  measurements?: Measurement[];
  inscriptions?: Inscription[];
  creditLine?: LangMap;
  /** the object's history of ownership as the record tells it (Walters "Provenance", a Linked Art provenance statement) */
  provenance?: LangMap;
  /** a rights statement as found (URI or text); normalise turns it into a URI */
  rights?: string;
  images?: ImageRef[];
  /** the object's page on the museum's site */
  homepage?: string;
  /** ids of the object itself elsewhere (Wikidata item, the museum's persistent URI …) */
  sameAs?: string[];
  /** subjects / keywords */
  subjects?: Term[];
  /** the record's own language (xml:lang of its descriptive metadata), when it declares one */
  language?: string;
}

/** Why a record was set aside. Stable codes: reports count by them. */
export type QuarantineReason =
  | 'unparseable' // not well-formed XML, invalid JSON, wrong encoding beyond repair
  | 'wrong_format' // well-formed, but not the declared format (HTML page, another schema)
  | 'no_identifier'
  | 'no_title'
  | 'too_large' // over the record size cap
  | 'too_deep' // nesting over the cap
  | 'mapping_error' // a CSV/JSON mapping that does not apply to this record
  | 'invalid_value'; // a value the model cannot hold (e.g. coordinates out of range)

export interface RecordProblem {
  reason: QuarantineReason;
  /** precise and human: which element or field, what was wrong */
  message: string;
}

/** One source record as a parser hands it on. */
export interface ParsedRecord {
  /** the record's identifier when one could be read (also for problems) */
  identifier?: string;
  /** the repository's datestamp (OAI header) when known */
  datestamp?: string;
  /** an OAI deleted record: withdraw the object */
  deleted?: boolean;
  /** the record exactly as received (its own slice of the file or page) */
  raw: Buffer;
  draft?: ObjectDraft;
  problem?: RecordProblem;
}

/** What a parser knows of the source it reads for. */
export interface ParseContext {
  /** the language to assume when the record does not declare one (BCP 47) */
  defaultLanguage: string;
  /** caps: a record larger or deeper is quarantined, never parsed */
  maxRecordBytes: number;
  maxDepth: number;
}

export const DEFAULT_LIMITS = { maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 } as const;
