// The declarative field mapping for CSV and JSON records: the type of a mapping file
// and its validator. A museum's own export is mapped by a JSON file, no code.
//
// ── The mapping language (mappingVersion 1) ─────────────────────────────────────────
//
// {
//   "mappingVersion": 1,
//   "name": "…", "description": "…",             documentation, free text
//   "format": "json" | "csv",                     the input it was written for (optional)
//   "defaultLanguage": "en",                      language of texts the record does not tag
//                                                 (else the source's default language)
//   "recordPath": "data[*]",                      JSON only: where records sit inside a document
//                                                 (default: the document, or each element of a
//                                                 top-level array, or each NDJSON line)
//   "lookups": { "<name>": { "key": "id", "table": {…}, "files": "dir" } },
//                                                 side records by key; "files": a folder of JSON
//                                                 records, looked for beside the (first) imported path and
//                                                 up to five folders above it, at each import and
//                                                 renormalise (what is missing is in the run report)
//   "fields": { "<ObjectDraft field>": <source> … }
// }
//
// A *path* reads values from the record. JSON: dotted keys with array steps, e.g.
// `Images[*].ImageURLs.Large`, `title.zh-hant`, `list[0]`, `["key.with.dots"]`; arrays met
// by a key step are walked implicitly, `[*]` says so explicitly. `$.x` reads from the record
// root (inside `each`), `.` is the current value itself. Inside an `each`, `[#]` is the
// position of the current item among the values `each` reads, blank ones counted:
// `$.material_ids[#]` pairs an array with a parallel one (the Art Institute's
// material_titles and material_ids); outside an `each` it reads nothing. CSV: the path is a column name,
// taken literally (`.` and `$.` as in JSON).
//
// A *source* of values is a path string, an object, or a list of them (values concatenated):
//   { "path": "…"            read here
//   | "value": <constant>    or a constant (e.g. a licence URI)
//   | "template": "…{id}…"   or a string built from the current record / element
//     "transforms": [ … ],   applied in order to the list of values
//     "where": <condition>,  the source yields nothing unless this holds
//     "default": <constant>, when nothing else yields a value
//     "lang": "en" | "langPath": "…" | "langKeys": true }   text fields only: a fixed BCP 47
//                            tag, a tag read from a path, or the value is a language map
//                            {"en": …, "zh-hant": …} (keys normalised: zh-hant → zh-Hant)
// Transforms (a fixed set, no code, no regular expressions):
//   "trim" "lowercase" "uppercase" "number" "string" "first" "last" "unique"
//   {"split": ";"} {"join": "; "} {"prefix": "…"} {"suffix": "…"}
//   {"template": "https://x.org/{}/{Other}"}  `{}` is the value, `{path}` reads the record
//                                            (a placeholder that yields nothing drops the value;
//                                            `{?path}` may be empty: "{?Artist Prefix} {Artist Role}";
//                                            a template with one collapses runs of spaces and trims)
//   {"map": {"CC0": "http://…"}, "unmatched": "keep" | "drop"}   null in the table drops
//   {"where": <condition>}   keep values (objects) whose sub-path satisfies the condition
//   {"get": "sub.path"}      read a sub-path of each value (object)
//   {"lookup": "<name>"}     replace each value by the lookup record whose key equals it (a
//                            record may be a plain string); a value with none is dropped and
//                            noted in the run report, silently with "unmatched": "drop"
// A *condition*: { "path": "…", "equals" | "notEquals": v, "in" | "notIn": [v…], "exists": bool };
// an item of "in"/"notIn" may be {"lookup": "<name>"}: the keys of that lookup, so a list of
// names kept once serves a field and a condition (Walters' cultures named as the artist).
//
// Fields, by the shape of ObjectDraft:
//   text (a language map): title (required), description, dimensionsText, creditLine, provenance;
//     alternativeTitles (one language map per value)
//   single values: identifier (required), inventoryNumber, rights, homepage, language
//   lists of strings: sameAs
//   terms: objectTypes, classification, materials, techniques, cultures, periods, subjects —
//     a text source (each value one term) or { "each": path, "fields": { "label", "ids" } }
//   production: { "display": text, "earliest": number, "latest": number }
//   makers { name, role, about (nationality and dates), ids }, places { name, role, lat, lon, ids },
//   measurements { type, value, unit, part }, inscriptions { text, lang, kind, translation,
//   position }, images { url, iiifService, manifest, thumbnail, width, height, rights,
//   primary, caption }: { "each": path, "where": condition, "fields": { … } } or a list of
//   them; without "each" one item is built from the record itself. "split": "|" beside
//   "each" makes an item of each piece of a value that holds several ("Painter|Engraver");
//   inside it `.` is the piece and, in CSV, every column reads its piece at the same
//   position (the Met's parallel "Artist Display Name", "Artist Role", "Artist ULAN URL").
// Keys starting with "$" (e.g. "$comment") are ignored anywhere.

import { memoText } from '../../../shared/text.ts';

export type Scalar = string | number | boolean | null;

/** an item of a condition's list: a value, or every key of a lookup */
export type ListItem = Scalar | { lookup: string };

export interface Condition {
  path: string;
  equals?: Scalar;
  notEquals?: Scalar;
  in?: ListItem[];
  notIn?: ListItem[];
  exists?: boolean;
}

export type Transform =
  | 'trim'
  | 'lowercase'
  | 'uppercase'
  | 'number'
  | 'string'
  | 'first'
  | 'last'
  | 'unique'
  | { split: string }
  | { join: string }
  | { prefix: string }
  | { suffix: string }
  | { template: string }
  | { map: Record<string, Scalar>; unmatched?: 'keep' | 'drop' }
  | { where: Condition }
  | { get: string }
  | { lookup: string; unmatched?: 'drop' };

export interface ValueSpec {
  path?: string;
  value?: Scalar;
  template?: string;
  transforms?: Transform[];
  where?: Condition;
  default?: Scalar;
  lang?: string;
  langPath?: string;
  langKeys?: boolean;
  description?: string;
}

export type ValueSource = string | ValueSpec | Array<string | ValueSpec>;

export interface EachSpec<F extends string> {
  each?: string;
  /** the values `each` reads hold several, separated by this ("A|B"): an item per piece */
  split?: string;
  where?: Condition;
  fields: Partial<Record<F, ValueSource>>;
  description?: string;
}

export type TermSource = ValueSource | EachSpec<'label' | 'ids'> | Array<string | ValueSpec | EachSpec<'label' | 'ids'>>;
export type Structured<F extends string> = EachSpec<F> | Array<EachSpec<F>>;

export interface ProductionSpec {
  display?: ValueSource;
  earliest?: ValueSource;
  latest?: ValueSource;
  where?: Condition;
  description?: string;
}

export interface LookupSpec {
  /** the key field of a lookup record, e.g. "id" */
  key: string;
  /** records inline, by key */
  table?: Record<string, unknown>;
  /** a folder of JSON records (read recursively) to load at import time; relative to the data */
  files?: string;
  description?: string;
}

export interface MappingFields {
  identifier: ValueSource;
  title: ValueSource;
  inventoryNumber?: ValueSource;
  alternativeTitles?: ValueSource;
  description?: ValueSource;
  objectTypes?: TermSource;
  classification?: TermSource;
  materials?: TermSource;
  techniques?: TermSource;
  cultures?: TermSource;
  periods?: TermSource;
  subjects?: TermSource;
  makers?: Structured<'name' | 'role' | 'about' | 'ids'>;
  production?: ProductionSpec;
  places?: Structured<'name' | 'role' | 'lat' | 'lon' | 'ids'>;
  dimensionsText?: ValueSource;
  measurements?: Structured<'type' | 'value' | 'unit' | 'part'>;
  inscriptions?: Structured<'text' | 'lang' | 'kind' | 'translation' | 'position'>;
  creditLine?: ValueSource;
  provenance?: ValueSource;
  rights?: ValueSource;
  images?: Structured<'url' | 'iiifService' | 'manifest' | 'thumbnail' | 'width' | 'height' | 'rights' | 'primary' | 'caption'>;
  homepage?: ValueSource;
  sameAs?: ValueSource;
  language?: ValueSource;
}

export interface Mapping {
  mappingVersion?: 1;
  name?: string;
  description?: string;
  format?: 'json' | 'csv';
  defaultLanguage?: string;
  recordPath?: string;
  lookups?: Record<string, LookupSpec>;
  fields: MappingFields;
  notes?: string | string[];
}

// ---- field catalogue ---------------------------------------------------------------

export type ValueKind = 'text' | 'string' | 'strings' | 'number' | 'boolean';

export const TEXT_FIELDS = ['title', 'description', 'dimensionsText', 'creditLine', 'provenance', 'alternativeTitles'] as const;
export const SINGLE_FIELDS = ['identifier', 'inventoryNumber', 'rights', 'homepage', 'language'] as const;
export const TERM_FIELDS = ['objectTypes', 'classification', 'materials', 'techniques', 'cultures', 'periods', 'subjects'] as const;
export const STRUCTURED: Record<string, Record<string, ValueKind>> = {
  makers: { name: 'text', role: 'text', about: 'text', ids: 'strings' },
  places: { name: 'text', role: 'string', lat: 'number', lon: 'number', ids: 'strings' },
  measurements: { type: 'string', value: 'number', unit: 'string', part: 'string' },
  inscriptions: { text: 'string', lang: 'string', kind: 'string', translation: 'text', position: 'string' },
  images: {
    url: 'string', iiifService: 'string', manifest: 'string', thumbnail: 'string', width: 'number', height: 'number',
    rights: 'string', primary: 'boolean', caption: 'text',
  },
};
const TERM_SUBFIELDS: Record<string, ValueKind> = { label: 'text', ids: 'strings' };
const PRODUCTION_SUBFIELDS: Record<string, ValueKind> = { display: 'text', earliest: 'number', latest: 'number' };
const ALL_FIELDS = [...TEXT_FIELDS, ...SINGLE_FIELDS, ...TERM_FIELDS, ...Object.keys(STRUCTURED), 'production', 'sameAs'];

const BARE_TRANSFORMS = ['trim', 'lowercase', 'uppercase', 'number', 'string', 'first', 'last', 'unique'];
const OBJECT_TRANSFORMS = ['split', 'join', 'prefix', 'suffix', 'template', 'map', 'where', 'get', 'lookup'];

// ---- paths ----------------------------------------------------------------------------

export type PathStep = { kind: 'key'; key: string } | { kind: 'all' } | { kind: 'index'; index: number } | { kind: 'position' };
export interface ParsedPath {
  fromRoot: boolean;
  steps: PathStep[];
}

export class PathSyntaxError extends Error {}

/** Parse a JSON path; throws PathSyntaxError naming the character. */
export function parsePath(path: string): ParsedPath {
  if (path === '.' || path === '') {
    if (path === '') throw new PathSyntaxError('empty path');
    return { fromRoot: false, steps: [] };
  }
  if (path === '$') return { fromRoot: true, steps: [] };
  let i = 0;
  let fromRoot = false;
  if (path.startsWith('$.')) {
    fromRoot = true;
    i = 2;
  } else if (path.startsWith('$[')) {
    fromRoot = true;
    i = 1;
  }
  const steps: PathStep[] = [];
  const at = (k: number) => `at character ${k + 1}`;
  let expectName = true;
  while (i < path.length) {
    const c = path[i]!;
    if (c === '[') {
      const close = findClose(path, i);
      if (close < 0) throw new PathSyntaxError(`missing "]" for the "[" ${at(i)}`);
      const inner = path.slice(i + 1, close).trim();
      if (inner === '*') steps.push({ kind: 'all' });
      else if (inner === '#') steps.push({ kind: 'position' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^(["']).*\1$/s.test(inner)) steps.push({ kind: 'key', key: inner.slice(1, -1).replace(/\\(.)/g, '$1') });
      else throw new PathSyntaxError(`"[${inner}]" ${at(i)}: expected [*], [#], [number] or ["key"]`);
      i = close + 1;
      expectName = false;
      continue;
    }
    if (c === '.') {
      if (expectName) throw new PathSyntaxError(`empty key ${at(i)}`);
      expectName = true;
      i++;
      if (i === path.length) throw new PathSyntaxError(`the path ends with "."`);
      continue;
    }
    if (c === ']') throw new PathSyntaxError(`"]" without "[" ${at(i)}`);
    if (!expectName) throw new PathSyntaxError(`expected "." or "[" ${at(i)}`);
    let key = '';
    while (i < path.length && path[i] !== '.' && path[i] !== '[') {
      if (path[i] === ']') throw new PathSyntaxError(`"]" without "[" ${at(i)}`);
      if (path[i] === '\\' && i + 1 < path.length) {
        key += path[i + 1];
        i += 2;
      } else key += path[i++];
    }
    steps.push({ kind: 'key', key });
    expectName = false;
  }
  return { fromRoot, steps };
}

function findClose(path: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < path.length; j++) {
    const c = path[j]!;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return j;
  }
  return -1;
}

// ---- language tags --------------------------------------------------------------------

const TAG_SHAPE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const ALIASES: Record<string, string> = { jp: 'ja', cn: 'zh' };

/**
 * A language tag in BCP 47 case (zh-hant → zh-Hant, en-gb → en-GB), or undefined when the
 * key is not a tag ("none", "@none", "true", "def", "zh_CN" is repaired to zh-CN).
 */
export function normaliseLangTag(raw: string): string | undefined {
  return cachedTag(raw);
}

const cachedTag = memoText(normalise, 4096, 100);

function normalise(raw: string): string | undefined {
  const t = raw.trim().replace(/_/g, '-');
  if (!TAG_SHAPE.test(t)) return undefined;
  const parts = t.split('-');
  const first = parts[0]!.toLowerCase();
  if (first === 'none' || first === 'true' || first === 'false' || first === 'def' || first === 'null') return undefined;
  if (parts.length === 1 && first.length > 3) return undefined;
  const out = [ALIASES[first] ?? first];
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length === 4 && /^[A-Za-z]{4}$/.test(p)) out.push(p[0]!.toUpperCase() + p.slice(1).toLowerCase());
    else if (p.length === 2 && /^[A-Za-z]{2}$/.test(p)) out.push(p.toUpperCase());
    else out.push(p.toLowerCase());
  }
  return out.join('-');
}

// ---- validation ------------------------------------------------------------------------

export class MappingError extends Error {
  constructor(readonly errors: string[]) {
    super(`the mapping has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n  ${errors.join('\n  ')}`);
    this.name = 'MappingError';
  }
}

/** Validate without throwing: every error found, each naming where it is. */
export function checkMapping(json: unknown): { mapping?: Mapping; errors: string[] } {
  const errors: string[] = [];
  const v = new Validator(errors);
  v.mapping(json);
  return errors.length ? { errors } : { mapping: json as Mapping, errors };
}

/** The mapping, typed, or a MappingError listing every problem (each with its location). */
export function validateMapping(json: unknown): Mapping {
  const { mapping, errors } = checkMapping(json);
  if (!mapping) throw new MappingError(errors);
  return mapping;
}

/** A mapping file's text: JSON syntax errors are reported with line and column. */
export function parseMappingText(text: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const p = pos ? Number(pos[1]) : text.length;
    const before = text.slice(0, p);
    const line = before.split('\n').length;
    const col = p - before.lastIndexOf('\n');
    throw new MappingError([`not valid JSON at line ${line}, column ${col}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`]);
  }
  return validateMapping(json);
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isScalar = (x: unknown): x is Scalar => x === null || ['string', 'number', 'boolean'].includes(typeof x);
const show = (x: unknown) => (typeof x === 'string' ? JSON.stringify(x) : JSON.stringify(x) ?? String(x));

function closest(word: string, options: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

class Validator {
  private lookupNames = new Set<string>();
  constructor(private errors: string[]) {}

  private err(where: string, msg: string) {
    this.errors.push(`${where}: ${msg}`);
  }

  private keys(where: string, o: Record<string, unknown>, allowed: readonly string[]) {
    for (const k of Object.keys(o)) {
      if (k.startsWith('$')) continue;
      if (!allowed.includes(k)) this.err(where, `unknown key "${k}"${closest(k, allowed)}; expected one of ${allowed.join(', ')}`);
    }
  }

  mapping(json: unknown) {
    if (!isObj(json)) return this.err('mapping', 'must be a JSON object');
    this.keys('mapping', json, ['mappingVersion', 'name', 'description', 'format', 'defaultLanguage', 'recordPath', 'lookups', 'fields', 'notes']);
    if (json.mappingVersion !== undefined && json.mappingVersion !== 1) this.err('mappingVersion', `must be 1, not ${show(json.mappingVersion)}`);
    for (const k of ['name', 'description'] as const)
      if (json[k] !== undefined && typeof json[k] !== 'string') this.err(k, 'must be a string');
    if (json.format !== undefined && json.format !== 'json' && json.format !== 'csv') this.err('format', `must be "json" or "csv", not ${show(json.format)}`);
    if (json.defaultLanguage !== undefined) this.langTag('defaultLanguage', json.defaultLanguage);
    if (json.recordPath !== undefined) this.path('recordPath', json.recordPath);
    if (json.lookups !== undefined) {
      if (!isObj(json.lookups)) this.err('lookups', 'must be an object of named lookups');
      else
        for (const [name, l] of Object.entries(json.lookups)) {
          if (name.startsWith('$')) continue;
          this.lookupNames.add(name);
          const w = `lookups.${name}`;
          if (!isObj(l)) {
            this.err(w, 'must be an object { "key": …, "table" | "files": … }');
            continue;
          }
          this.keys(w, l, ['key', 'table', 'files', 'description']);
          if (typeof l.key !== 'string' || !l.key) this.err(`${w}.key`, 'is required: the field of a lookup record that values are matched against');
          if (l.table !== undefined && !isObj(l.table)) this.err(`${w}.table`, 'must be an object { key: record }');
          if (l.files !== undefined && typeof l.files !== 'string') this.err(`${w}.files`, 'must be a folder path');
          if (l.table === undefined && l.files === undefined) this.err(w, 'needs "table" (records inline) or "files" (a folder of JSON records)');
        }
    }
    if (!isObj(json.fields)) return this.err('fields', 'is required: an object mapping ObjectDraft fields to sources');
    const f = json.fields;
    this.keys('fields', f, ALL_FIELDS);
    if (f.identifier === undefined) this.err('fields.identifier', 'is required (the record\'s own identifier)');
    if (f.title === undefined) this.err('fields.title', 'is required (the title in at least one language)');
    for (const [name, spec] of Object.entries(f)) {
      if (name.startsWith('$') || !ALL_FIELDS.includes(name)) continue;
      const w = `fields.${name}`;
      if ((TEXT_FIELDS as readonly string[]).includes(name)) this.source(w, spec, 'text');
      else if ((SINGLE_FIELDS as readonly string[]).includes(name)) this.source(w, spec, 'string');
      else if (name === 'sameAs') this.source(w, spec, 'strings');
      else if ((TERM_FIELDS as readonly string[]).includes(name)) this.terms(w, spec);
      else if (name === 'production') this.production(w, spec);
      else this.structured(w, spec, STRUCTURED[name]!);
    }
  }

  private langTag(where: string, x: unknown) {
    if (typeof x !== 'string' || !normaliseLangTag(x)) this.err(where, `${show(x)} is not a BCP 47 language tag (e.g. "en", "zh-Hant", "fa-Arab")`);
  }

  private path(where: string, x: unknown) {
    if (typeof x !== 'string') return this.err(where, `a path must be a string, not ${show(x)}`);
    try {
      parsePath(x);
    } catch (e) {
      this.err(where, `bad path ${show(x)}: ${(e as Error).message}`);
    }
  }

  private condition(where: string, c: unknown) {
    if (!isObj(c)) return this.err(where, 'a condition must be an object { "path": …, "equals" | "notEquals" | "in" | "notIn" | "exists": … }');
    this.keys(where, c, ['path', 'equals', 'notEquals', 'in', 'notIn', 'exists']);
    if (c.path === undefined) this.err(`${where}.path`, 'is required');
    else this.path(`${where}.path`, c.path);
    const tests = ['equals', 'notEquals', 'in', 'notIn', 'exists'].filter((k) => c[k] !== undefined);
    if (tests.length !== 1) this.err(where, `needs exactly one of equals, notEquals, in, notIn, exists (found ${tests.length})`);
    for (const k of ['equals', 'notEquals'])
      if (c[k] !== undefined && !isScalar(c[k])) this.err(`${where}.${k}`, 'must be a string, number, boolean or null');
    for (const k of ['in', 'notIn']) {
      if (c[k] === undefined) continue;
      if (!Array.isArray(c[k])) {
        this.err(`${where}.${k}`, 'must be a list of strings, numbers, booleans, null or {"lookup": name}');
        continue;
      }
      (c[k] as unknown[]).forEach((x, i) => {
        if (isScalar(x)) return;
        if (isObj(x) && Object.keys(x).length === 1 && typeof x.lookup === 'string') this.lookupName(`${where}.${k}[${i}].lookup`, x.lookup);
        else this.err(`${where}.${k}[${i}]`, `must be a string, number, boolean, null or {"lookup": name}, not ${show(x)}`);
      });
    }
    if (c.exists !== undefined && typeof c.exists !== 'boolean') this.err(`${where}.exists`, 'must be true or false');
  }

  private source(where: string, spec: unknown, kind: ValueKind) {
    if (Array.isArray(spec)) {
      if (!spec.length) this.err(where, 'an empty list yields nothing');
      spec.forEach((s, i) => this.source(`${where}[${i}]`, s, kind));
      return;
    }
    if (typeof spec === 'string') return this.path(where, spec);
    if (!isObj(spec)) return this.err(where, `must be a path, a source object or a list of them, not ${show(spec)}`);
    if ('each' in spec || 'fields' in spec)
      return this.err(where, '"each"/"fields" describe a list of structured items; this field takes values (path, value or template)');
    this.keys(where, spec, ['path', 'value', 'template', 'transforms', 'where', 'default', 'lang', 'langPath', 'langKeys', 'description']);
    const origins = ['path', 'value', 'template'].filter((k) => spec[k] !== undefined);
    if (origins.length === 0) this.err(where, 'needs one of "path", "value" or "template"');
    if (origins.length > 1) this.err(where, `has ${origins.join(' and ')}: use only one`);
    if (spec.path !== undefined) this.path(`${where}.path`, spec.path);
    if (spec.value !== undefined && !isScalar(spec.value)) this.err(`${where}.value`, 'must be a string, number, boolean or null');
    if (spec.template !== undefined) this.template(`${where}.template`, spec.template);
    if (spec.default !== undefined && !isScalar(spec.default)) this.err(`${where}.default`, 'must be a string, number, boolean or null');
    if (spec.where !== undefined) this.condition(`${where}.where`, spec.where);
    const langs = ['lang', 'langPath', 'langKeys'].filter((k) => spec[k] !== undefined);
    if (langs.length && kind !== 'text')
      this.err(where, `${langs.join(', ')} ${langs.length > 1 ? 'apply' : 'applies'} only to text fields (title, description, labels, names …)`);
    if (langs.length > 1) this.err(where, `has ${langs.join(' and ')}: use only one`);
    if (spec.lang !== undefined) this.langTag(`${where}.lang`, spec.lang);
    if (spec.langPath !== undefined) this.path(`${where}.langPath`, spec.langPath);
    if (spec.langKeys !== undefined && typeof spec.langKeys !== 'boolean') this.err(`${where}.langKeys`, 'must be true or false');
    if (spec.transforms !== undefined) {
      if (!Array.isArray(spec.transforms)) this.err(`${where}.transforms`, 'must be a list');
      else spec.transforms.forEach((t, i) => this.transform(`${where}.transforms[${i}]`, t));
    }
  }

  private template(where: string, t: unknown) {
    if (typeof t !== 'string') return this.err(where, 'must be a string');
    const re = /\{([^{}]*)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      const inner = m[1]!.startsWith('?') ? m[1]!.slice(1) : m[1]!;
      if (inner !== '' && inner !== '.') this.path(`${where} placeholder {${m[1]}}`, inner);
    }
    const stripped = t.replace(/\{\{|\}\}/g, '').replace(/\{[^{}]*\}/g, '');
    if (/[{}]/.test(stripped)) this.err(where, `unbalanced braces in ${show(t)} (write {{ and }} for literal braces)`);
  }

  private lookupName(where: string, name: unknown) {
    if (typeof name !== 'string') this.err(where, 'must name a lookup');
    else if (!this.lookupNames.has(name))
      this.err(where, `no lookup named "${name}" in "lookups"${this.lookupNames.size ? ` (there are: ${[...this.lookupNames].join(', ')})` : ''}`);
  }

  private transform(where: string, t: unknown) {
    if (typeof t === 'string') {
      if (!BARE_TRANSFORMS.includes(t)) {
        const hint = OBJECT_TRANSFORMS.includes(t) ? ` ("${t}" takes an argument: {"${t}": …})` : closest(t, [...BARE_TRANSFORMS, ...OBJECT_TRANSFORMS]);
        this.err(where, `unknown transform "${t}"${hint}; expected one of ${[...BARE_TRANSFORMS, ...OBJECT_TRANSFORMS].join(', ')}`);
      }
      return;
    }
    if (!isObj(t)) return this.err(where, `a transform is a name or an object, not ${show(t)}`);
    const ks = Object.keys(t).filter((k) => !k.startsWith('$'));
    const op = ks.find((k) => OBJECT_TRANSFORMS.includes(k));
    if (!op) {
      const k = ks[0] ?? '';
      return this.err(where, `unknown transform ${show(k)}${closest(k, [...OBJECT_TRANSFORMS, ...BARE_TRANSFORMS])}; expected one of ${OBJECT_TRANSFORMS.join(', ')}`);
    }
    const extra = ks.filter((k) => k !== op && !((op === 'map' || op === 'lookup') && k === 'unmatched'));
    if (extra.length) this.err(where, `unexpected key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} beside "${op}"`);
    const arg = t[op];
    switch (op) {
      case 'split':
      case 'join':
      case 'prefix':
      case 'suffix':
        if (typeof arg !== 'string') this.err(`${where}.${op}`, 'must be a string');
        else if (op === 'split' && arg === '') this.err(`${where}.split`, 'the separator must not be empty');
        break;
      case 'template':
        this.template(`${where}.template`, arg);
        break;
      case 'map':
        if (!isObj(arg)) this.err(`${where}.map`, 'must be an object { "from": "to" }');
        else for (const [k, v] of Object.entries(arg)) if (!isScalar(v)) this.err(`${where}.map[${JSON.stringify(k)}]`, 'must map to a string, number, boolean or null');
        if (t.unmatched !== undefined && t.unmatched !== 'keep' && t.unmatched !== 'drop') this.err(`${where}.unmatched`, 'must be "keep" or "drop"');
        break;
      case 'where':
        this.condition(`${where}.where`, arg);
        break;
      case 'get':
        this.path(`${where}.get`, arg);
        break;
      case 'lookup':
        this.lookupName(`${where}.lookup`, arg);
        if (t.unmatched !== undefined && t.unmatched !== 'drop') this.err(`${where}.unmatched`, 'must be "drop" (a lookup keeps no value it cannot find)');
        break;
    }
  }

  private eachSpec(where: string, spec: unknown, sub: Record<string, ValueKind>) {
    if (!isObj(spec)) return this.err(where, `must be { "each": path, "fields": { … } }, not ${show(spec)}`);
    this.keys(where, spec, ['each', 'split', 'where', 'fields', 'description']);
    if (spec.each !== undefined) this.path(`${where}.each`, spec.each);
    if (spec.split !== undefined && (typeof spec.split !== 'string' || !spec.split)) this.err(`${where}.split`, `must be a separator such as "|", not ${show(spec.split)}`);
    if (spec.split !== undefined && spec.each === undefined) this.err(`${where}.split`, 'splits the values "each" reads: give "each" too');
    if (spec.where !== undefined) this.condition(`${where}.where`, spec.where);
    if (!isObj(spec.fields)) return this.err(`${where}.fields`, `is required: an object with some of ${Object.keys(sub).join(', ')}`);
    this.keys(`${where}.fields`, spec.fields, Object.keys(sub));
    for (const [k, s] of Object.entries(spec.fields)) if (sub[k]) this.source(`${where}.fields.${k}`, s, sub[k]);
  }

  private structured(where: string, spec: unknown, sub: Record<string, ValueKind>) {
    if (Array.isArray(spec)) spec.forEach((s, i) => this.eachSpec(`${where}[${i}]`, s, sub));
    else this.eachSpec(where, spec, sub);
  }

  private terms(where: string, spec: unknown) {
    const one = (w: string, s: unknown) => {
      if (isObj(s) && ('each' in s || 'fields' in s)) this.eachSpec(w, s, TERM_SUBFIELDS);
      else this.source(w, s, 'text');
    };
    if (Array.isArray(spec)) spec.forEach((s, i) => one(`${where}[${i}]`, s));
    else one(where, spec);
  }

  private production(where: string, spec: unknown) {
    if (!isObj(spec)) return this.err(where, 'must be { "display": …, "earliest": …, "latest": … }');
    this.keys(where, spec, ['display', 'earliest', 'latest', 'where', 'description']);
    if (spec.where !== undefined) this.condition(`${where}.where`, spec.where);
    for (const [k, kind] of Object.entries(PRODUCTION_SUBFIELDS)) if (spec[k] !== undefined) this.source(`${where}.${k}`, spec[k], kind);
  }
}
