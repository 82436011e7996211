// A declarative mapping (mapping.schema.ts documents the language) applied to CSV rows
// and JSON records. A mapping is compiled once into closures: paths are parsed, transforms
// and conditions bound, so applying it to a record walks objects and calls functions,
// never parses a path string. Compiled mappings are cached per mapping object.
import fs from 'node:fs';
import path from 'node:path';
import type {
  Agent, DateSpan, ImageRef, Inscription, LangMap, Measurement, ObjectDraft, ParseContext, PlaceRef, RecordProblem, Term,
} from '../record.types.ts';
import {
  checkMapping, MappingError, normaliseLangTag, parsePath, STRUCTURED, TERM_FIELDS,
  type Condition, type EachSpec, type Mapping, type ProductionSpec, type Scalar, type Transform, type ValueKind, type ValueSource, type ValueSpec,
} from './mapping.schema.ts';

export type { Mapping, MappingFields, Transform, Condition, ValueSpec, ValueSource, LookupSpec } from './mapping.schema.ts';
export { validateMapping, checkMapping, parseMappingText, MappingError, normaliseLangTag } from './mapping.schema.ts';

export type MappingMode = 'json' | 'csv';

export interface MappingResult {
  identifier?: string;
  draft?: ObjectDraft;
  problem?: RecordProblem;
}

export interface PathCoverage {
  /** where in the mapping, e.g. "fields.places.fields.lat" */
  where: string;
  path: string;
  /** how many evaluations found the key present (even when null) */
  hits: number;
}

export interface CompiledMapping {
  readonly mode: MappingMode;
  readonly mapping: Mapping;
  /** CSV: every column the mapping reads (checked against the header) */
  readonly columns: ReadonlySet<string>;
  /** the record path (JSON), compiled */
  readonly recordPath?: (doc: unknown) => unknown[];
  apply(record: unknown, ctx: ParseContext): MappingResult;
  /** records applied so far */
  readonly applied: number;
  /** per path, how often it found something: a path with 0 hits after a run matched no record */
  coverage(): PathCoverage[];
  /** things worth a line in the run report (a lookup without a table, ids not found …) */
  notes(): string[];
}

// ---- values -----------------------------------------------------------------------------

type Values = unknown[];
const EMPTY: Values = [];
interface Env {
  root: unknown;
  defaultLang: string;
  /** the position of the current item of an "each" (a path's [#] step) */
  position?: number;
}
type Getter = (cur: unknown, env: Env) => Values;
type Step = (vals: Values, cur: unknown, env: Env) => Values;
type Test = (node: unknown, env: Env) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A path's final value as a list: null and blank strings dropped, an array flattened. */
function plainValues(v: unknown, out?: Values): Values {
  if (Array.isArray(v)) {
    out ??= [];
    for (const x of v) if (!blank(x)) out.push(x);
    return out;
  }
  if (blank(v)) return out ?? EMPTY;
  if (out) {
    out.push(v);
    return out;
  }
  return [v];
}

/**
 * As plainValues, but a blank element of an array keeps its place as null: the values an
 * "each" reads, whose positions are the source's for a [#] step (a blank title is skipped,
 * and the next one still pairs with the next id).
 */
function placedValues(v: unknown, out?: Values): Values {
  if (Array.isArray(v)) {
    out ??= [];
    for (const x of v) out.push(blank(x) ? null : x);
    return out;
  }
  if (out) {
    out.push(blank(v) ? null : v);
    return out;
  }
  return blank(v) ? EMPTY : [v];
}

interface PathRec extends PathCoverage {}

/**
 * One value of a column that holds several ("Painter|Engraver", EachSpec.split): inside
 * its item, `.` is the piece, and every column reads its piece at the same position, so
 * parallel columns (name, role, ULAN id) make one maker per position.
 */
class Piece {
  // private: a JSON path read on a piece finds none of these
  readonly #text: string;
  readonly #index: number;
  readonly #sep: string;
  /** each column's cell split once for all the pieces of a row */
  readonly #split: Map<string, string[]>;

  constructor(text: string, index: number, sep: string, split: Map<string, string[]>) {
    this.#text = text;
    this.#index = index;
    this.#sep = sep;
    this.#split = split;
  }

  get value(): string {
    return this.#text;
  }

  of(v: unknown): string | undefined {
    if (typeof v !== 'string') return undefined;
    let parts = this.#split.get(v);
    if (!parts) this.#split.set(v, (parts = v.split(this.#sep, MAX_PIECES)));
    return parts[this.#index]?.trim();
  }
}

/** pieces of one value at most (a cell of 20,000 names is not a list of makers) */
const MAX_PIECES = 500;

class Compiler {
  readonly paths: PathRec[] = [];
  readonly columns = new Set<string>();
  readonly noteSet = new Map<string, number>();
  private tables = new Map<string, Map<string, unknown>>();
  private lookupDefs: Record<string, { key: string }>;

  constructor(
    readonly mapping: Mapping,
    readonly mode: MappingMode,
  ) {
    this.lookupDefs = mapping.lookups ?? {};
    for (const [name, l] of Object.entries(mapping.lookups ?? {})) {
      if (name.startsWith('$') || !l.table) continue;
      const m = new Map<string, unknown>();
      for (const [k, rec] of Object.entries(l.table)) m.set(k, rec);
      this.tables.set(name, m);
    }
  }

  note(msg: string) {
    this.noteSet.set(msg, (this.noteSet.get(msg) ?? 0) + 1);
  }

  /** A path of the record (CSV: a column; JSON: a dotted path). `value` paths (get, where on values) are always JSON. */
  path(where: string, p: string, record = true, placed = false): Getter {
    const rec: PathRec = { where, path: p, hits: 0 };
    const finalValues = placed ? placedValues : plainValues;
    this.paths.push(rec);
    if (this.mode === 'csv' && record) {
      if (p === '.') return (cur) => finalValues(cur instanceof Piece ? cur.value : cur);
      if (p === '$') return (_c, env) => finalValues(env.root);
      const col = p.startsWith('$.') ? p.slice(2) : p;
      this.columns.add(col);
      return (cur, env) => {
        const row = env.root as Record<string, unknown>;
        if (!hasOwn.call(row, col)) return EMPTY;
        rec.hits++;
        return finalValues(cur instanceof Piece ? cur.of(row[col]) : row[col]);
      };
    }
    const { fromRoot, steps } = parsePath(p);
    if (!steps.length) return fromRoot ? (_c, env) => finalValues(env.root) : (cur) => finalValues(cur instanceof Piece ? cur.value : cur);
    if (steps.every((s) => s.kind === 'key')) {
      const keys = steps.map((s) => (s as { key: string }).key);
      // a plain property read, except for names an object inherits ("constructor" …)
      const safe = keys.every((k) => !(k in Object.prototype));
      if (keys.length === 1 && safe) {
        const k = keys[0]!;
        return (cur, env) => {
          const node = fromRoot ? env.root : cur;
          if (typeof node !== 'object' || node === null) return EMPTY;
          if (Array.isArray(node)) return walk(node, steps, 0, rec, undefined, finalValues);
          const v = (node as Record<string, unknown>)[k];
          if (v === undefined) return EMPTY;
          rec.hits++;
          return finalValues(v);
        };
      }
      return (cur, env) => {
        let node: unknown = fromRoot ? env.root : cur;
        for (let i = 0; i < keys.length; i++) {
          if (typeof node !== 'object' || node === null) return EMPTY;
          if (Array.isArray(node)) return walk(node, steps, i, rec, undefined, finalValues);
          const k = keys[i]!;
          if (!safe && !hasOwn.call(node, k)) return EMPTY;
          node = (node as Record<string, unknown>)[k];
          if (node === undefined) return EMPTY;
        }
        rec.hits++;
        return finalValues(node);
      };
    }
    return (cur, env) => walk(fromRoot ? env.root : cur, steps, 0, rec, env.position, finalValues);
  }

  condition(where: string, c: Condition, record = true): Test {
    const get = this.path(`${where}.path`, c.path, record);
    const same = (v: unknown, x: Scalar) => v === x || (x !== null && typeof v !== 'object' && String(v) === String(x));
    if (c.exists !== undefined) {
      const want = c.exists;
      return (n, env) => (get(n, env).length > 0) === want;
    }
    if (c.equals !== undefined) {
      const x = c.equals;
      if (x === null) return (n, env) => get(n, env).length === 0;
      return (n, env) => get(n, env).some((v) => same(v, x));
    }
    if (c.notEquals !== undefined) {
      const x = c.notEquals;
      if (x === null) return (n, env) => get(n, env).length > 0;
      return (n, env) => !get(n, env).some((v) => same(v, x));
    }
    const list = c.in ?? c.notIn ?? [];
    const positive = c.in !== undefined;
    // the same test as `same` on each, by one lookup: a list may hold hundreds of names
    const strings = new Set<string>();
    let orNothing = false;
    for (const x of list) {
      if (x === null) orNothing = true;
      else if (typeof x === 'object') {
        const table = this.tables.get(x.lookup);
        if (table) for (const k of table.keys()) strings.add(k);
        else this.note(`lookup "${x.lookup}" has no records loaded: ${where} matches none of its keys`);
      } else strings.add(String(x));
    }
    return (n, env) => {
      const vals = get(n, env);
      const hit = vals.some((v) => typeof v !== 'object' && strings.has(String(v))) || (orNothing && vals.length === 0);
      return hit === positive;
    };
  }

  template(where: string, t: string, record: boolean): (value: unknown, cur: unknown, env: Env) => string | undefined {
    // literal text and placeholders, compiled once
    const parts: Array<string | Getter | null | { optional: Getter }> = [];
    let optional = false;
    let i = 0;
    let lit = '';
    while (i < t.length) {
      const c = t[i]!;
      if ((c === '{' || c === '}') && t[i + 1] === c) {
        lit += c;
        i += 2;
        continue;
      }
      if (c === '{') {
        const end = t.indexOf('}', i);
        const inner = t.slice(i + 1, end);
        if (lit) parts.push(lit);
        lit = '';
        if (inner.startsWith('?') && inner.length > 1) {
          optional = true;
          parts.push({ optional: this.path(`${where} {${inner}}`, inner.slice(1), record) });
        } else parts.push(inner === '' || inner === '.' ? null : this.path(`${where} {${inner}}`, inner, record));
        i = end + 1;
        continue;
      }
      lit += c;
      i++;
    }
    if (lit) parts.push(lit);
    return (value, cur, env) => {
      let out = '';
      for (const p of parts) {
        if (typeof p === 'string') out += p;
        else if (p === null) {
          if (blank(value) || typeof value === 'object') return undefined;
          out += String(value);
        } else if (typeof p === 'object') {
          // {?path}: nothing there is an empty piece, not a dropped value
          const v = p.optional(isObj(value) ? value : cur, env)[0];
          if (v !== undefined && typeof v !== 'object') out += String(v);
        } else {
          // placeholders read the value when it is an object (a looked-up record), else the context
          const vals = p(isObj(value) ? value : cur, env);
          const v = vals[0];
          if (v === undefined || typeof v === 'object') return undefined;
          out += String(v);
        }
      }
      if (!optional) return out;
      // an empty optional piece leaves no doubled or edge spaces ("Designed by " → "Designed by")
      const tidy = out.replace(/ {2,}/g, ' ').trim();
      return tidy || undefined;
    };
  }

  transform(where: string, t: Transform, langKeys: boolean): Step {
    const strings = (f: (s: string) => unknown): Step => (vals) => {
      const out: Values = [];
      for (const v of vals) {
        const r = typeof v === 'string' ? f(v) : typeof v === 'number' ? f(String(v)) : langKeys && isObj(v) ? mapStrings(v, f) : v;
        if (Array.isArray(r)) for (const x of r) out.push(x);
        else if (!blank(r)) out.push(r);
      }
      return out;
    };
    if (typeof t === 'string') {
      switch (t) {
        case 'trim':
          return strings((s) => s.trim());
        case 'lowercase':
          return strings((s) => s.toLowerCase());
        case 'uppercase':
          return strings((s) => s.toUpperCase());
        case 'number':
          return (vals) => {
            const out: Values = [];
            for (const v of vals) {
              const n = toNumber(v);
              if (n !== undefined) out.push(n);
            }
            return out;
          };
        case 'string':
          return (vals) => vals.map((v) => (typeof v === 'object' ? v : String(v)));
        case 'first':
          return (vals) => (vals.length > 1 ? [vals[0]] : vals);
        case 'last':
          return (vals) => (vals.length > 1 ? [vals[vals.length - 1]] : vals);
        case 'unique':
          return (vals) => {
            if (vals.length < 2) return vals;
            const out: Values = [];
            next: for (const v of vals) {
              for (const o of out) if (o === v || (typeof o === 'object' && typeof v === 'object' && JSON.stringify(o) === JSON.stringify(v))) continue next;
              out.push(v);
            }
            return out;
          };
      }
      throw new MappingError([`${where}: unknown transform "${t as string}"`]);
    }
    if ('split' in t) {
      const sep = t.split;
      return strings((s) => {
        if (!s.includes(sep)) return s.trim();
        const out: string[] = [];
        for (const part of s.split(sep)) {
          const x = part.trim();
          if (x) out.push(x);
        }
        return out;
      });
    }
    if ('join' in t) {
      const sep = t.join;
      return (vals) => {
        const strs: string[] = [];
        const rest: Values = [];
        for (const v of vals) (typeof v === 'string' || typeof v === 'number' ? strs.push(String(v)) : rest.push(v));
        return strs.length ? [strs.join(sep), ...rest] : rest;
      };
    }
    if ('prefix' in t) {
      const p = t.prefix;
      return strings((s) => p + s);
    }
    if ('suffix' in t) {
      const p = t.suffix;
      return strings((s) => s + p);
    }
    if ('template' in t) {
      const fill = this.template(`${where}.template`, t.template, true);
      return (vals, cur, env) => {
        const out: Values = [];
        for (const v of vals) {
          const s = fill(v, cur, env);
          if (s !== undefined) out.push(s);
        }
        return out;
      };
    }
    if ('map' in t) {
      const table = t.map;
      const keep = t.unmatched !== 'drop';
      return (vals) => {
        const out: Values = [];
        for (const v of vals) {
          if (typeof v === 'object') {
            if (keep) out.push(v);
            continue;
          }
          const k = String(v);
          const kk = hasOwn.call(table, k) ? k : hasOwn.call(table, k.trim()) ? k.trim() : undefined;
          if (kk !== undefined) {
            const r = table[kk];
            if (!blank(r)) out.push(r);
          } else if (keep) out.push(v);
        }
        return out;
      };
    }
    if ('where' in t) {
      const test = this.condition(`${where}.where`, t.where, false);
      return (vals, _cur, env) => vals.filter((v) => test(v, env));
    }
    if ('get' in t) {
      const get = this.path(`${where}.get`, t.get, false);
      return (vals, _cur, env) => {
        const out: Values = [];
        for (const v of vals) for (const x of get(v, env)) out.push(x);
        return out;
      };
    }
    if ('lookup' in t) {
      const name = t.lookup;
      const quiet = t.unmatched === 'drop';
      return (vals) => {
        const table = this.tables.get(name);
        if (!table) {
          this.note(`lookup "${name}" has no records loaded (mapping "lookups.${name}": give "table", or load "files" with loadMappingLookups)`);
          return EMPTY;
        }
        const out: Values = [];
        for (const v of vals) {
          if (typeof v === 'object') continue;
          const r = table.get(String(v));
          if (r === undefined) {
            if (!quiet) this.note(`lookup "${name}": no record with ${this.lookupDefs[name]?.key ?? 'key'} ${String(v)}`);
          }
          else out.push(r);
        }
        return out;
      };
    }
    throw new MappingError([`${where}: unknown transform ${JSON.stringify(t)}`]);
  }

  /** A value source compiled: values after transforms, condition and default. */
  values(where: string, src: ValueSource): { get: Getter; specs: ValueSpec[]; describe: string } {
    const list = Array.isArray(src) ? src : [src];
    const specs = list.map((s) => (typeof s === 'string' ? { path: s } : s));
    const getters = specs.map((s, i) => this.one(list.length > 1 ? `${where}[${i}]` : where, s));
    const describe = specs
      .map((s) => (s.path !== undefined ? `path "${s.path}"` : s.template !== undefined ? `template "${s.template}"` : `value ${JSON.stringify(s.value)}`))
      .join(', ');
    if (getters.length === 1) return { get: getters[0]!, specs, describe };
    return {
      get: (cur, env) => {
        const out: Values = [];
        for (const g of getters) for (const v of g(cur, env)) out.push(v);
        return out;
      },
      specs,
      describe,
    };
  }

  private one(where: string, s: ValueSpec): Getter {
    let base: Getter;
    if (s.path !== undefined) base = this.path(`${where}`, s.path);
    else if (s.template !== undefined) {
      const fill = this.template(`${where}.template`, s.template, true);
      base = (cur, env) => {
        const r = fill(undefined, cur, env);
        return r === undefined ? EMPTY : [r];
      };
    } else {
      const c = s.value;
      const constant = c === null || c === undefined ? EMPTY : [c];
      base = () => constant;
    }
    const steps = (s.transforms ?? []).map((t, i) => this.transform(`${where}.transforms[${i}]`, t, s.langKeys === true));
    const gate = s.where ? this.condition(`${where}.where`, s.where) : undefined;
    const dflt = s.default === undefined || s.default === null ? undefined : [s.default];
    return (cur, env) => {
      if (gate && !gate(cur, env)) return dflt ?? EMPTY;
      let vals = base(cur, env);
      for (const st of steps) {
        if (!vals.length) break;
        vals = st(vals, cur, env);
      }
      return vals.length ? vals : (dflt ?? EMPTY);
    };
  }

  /** A text source: language maps (one per value; a language-map value with lists is zipped by position). */
  texts(where: string, src: ValueSource): { get: (cur: unknown, env: Env) => LangMap[]; describe: string } {
    const list = Array.isArray(src) ? src : [src];
    const parts = list.map((s, i) => {
      const spec = typeof s === 'string' ? { path: s } : s;
      const w = list.length > 1 ? `${where}[${i}]` : where;
      const get = this.one(w, spec);
      const fixed = spec.lang ? normaliseLangTag(spec.lang) : undefined;
      const langGet = spec.langPath ? this.path(`${w}.langPath`, spec.langPath) : undefined;
      const langKeys = spec.langKeys === true;
      return (cur: unknown, env: Env, out: LangMap[]) => {
        const vals = get(cur, env);
        if (!vals.length) return;
        let lang = fixed;
        if (!lang && langGet) {
          const l = langGet(cur, env)[0];
          lang = typeof l === 'string' ? normaliseLangTag(l) : undefined;
        }
        for (const v of vals) {
          if (typeof v === 'string' || typeof v === 'number') {
            const text = String(v).trim();
            if (text) out.push({ [lang ?? env.defaultLang]: text });
          } else if (isObj(v) && (langKeys || (!fixed && !langGet && looksLikeLangMap(v)))) zipLangMap(v, env.defaultLang, out);
        }
      };
    });
    const describe = list
      .map((s) => (typeof s === 'string' ? `path "${s}"` : s.path !== undefined ? `path "${s.path}"` : s.template !== undefined ? `template "${s.template}"` : `value ${JSON.stringify(s.value)}`))
      .join(', ');
    if (parts.length === 1) {
      const only = parts[0]!;
      return {
        get: (cur, env) => {
          const out: LangMap[] = [];
          only(cur, env, out);
          return out;
        },
        describe,
      };
    }
    return {
      get: (cur, env) => {
        const out: LangMap[] = [];
        for (const p of parts) p(cur, env, out);
        return out;
      },
      describe,
    };
  }

  /** A structured list (makers, places …): items built per context of "each". */
  structured<T>(where: string, spec: EachSpec<string> | Array<EachSpec<string>>, kinds: Record<string, ValueKind>, build: (f: Record<string, unknown>) => T | undefined): (cur: unknown, env: Env) => T[] {
    const list = Array.isArray(spec) ? spec : [spec];
    const compiled = list.map((s, i) => {
      const w = list.length > 1 ? `${where}[${i}]` : where;
      const each = s.each !== undefined ? this.path(`${w}.each`, s.each, true, true) : undefined;
      const gate = s.where ? this.condition(`${w}.where`, s.where, true) : undefined;
      const fields = Object.entries(s.fields)
        .filter(([k]) => kinds[k])
        .map(([k, src]) => [k, this.field(`${w}.fields.${k}`, src as ValueSource, kinds[k]!)] as const);
      return { each, split: s.split, gate, fields };
    });
    return (cur, env) => {
      const out: T[] = [];
      for (const c of compiled) {
        let contexts: Values = c.each ? c.each(cur, env) : [cur];
        const sep = c.split;
        if (sep) {
          const split = new Map<string, string[]>();
          contexts = contexts.flatMap((v) => (typeof v === 'string' ? v.split(sep, MAX_PIECES).map((t, i) => new Piece(t.trim(), i, sep, split)) : blank(v) ? [] : [v]));
        }
        const outer = env.position;
        for (let i = 0; i < contexts.length; i++) {
          const ctxNode = contexts[i];
          if (blank(ctxNode)) continue;
          // [#] is the position in what "each" reads; without "each" there is none
          env.position = c.each ? i : outer;
          if (c.gate && !c.gate(ctxNode, env)) continue;
          const f: Record<string, unknown> = {};
          for (const [k, get] of c.fields) {
            const v = get(ctxNode, env);
            if (v !== undefined) f[k] = v;
          }
          const item = build(f);
          if (item !== undefined) out.push(item);
        }
        env.position = outer;
      }
      return out;
    };
  }

  /** One sub-field by kind: text → merged LangMap, string/number/boolean → the first value, strings → all. */
  field(where: string, src: ValueSource, kind: ValueKind): (cur: unknown, env: Env) => unknown {
    if (kind === 'text') {
      const t = this.texts(where, src);
      return (cur, env) => {
        const m = mergeFirst(t.get(cur, env));
        return Object.keys(m).length ? m : undefined;
      };
    }
    const { get } = this.values(where, src);
    switch (kind) {
      case 'number':
        return (cur, env) => {
          for (const v of get(cur, env)) {
            const n = toNumber(v);
            if (n !== undefined) return n;
          }
          return undefined;
        };
      case 'boolean':
        return (cur, env) => {
          const v = get(cur, env)[0];
          return v === undefined ? undefined : toBoolean(v);
        };
      case 'strings':
        return (cur, env) => {
          const out = get(cur, env).filter((v) => typeof v !== 'object').map((v) => String(v).trim()).filter(Boolean);
          return out.length ? [...new Set(out)] : undefined;
        };
      default:
        return (cur, env) => {
          for (const v of get(cur, env)) if (typeof v !== 'object') return String(v).trim() || undefined;
          return undefined;
        };
    }
  }
}

function walk(start: unknown, steps: ReturnType<typeof parsePath>['steps'], from: number, rec: PathRec, position: number | undefined, finalValues: typeof plainValues): Values {
  let cur: unknown[] = [start];
  let present = false;
  for (let s = from; s < steps.length; s++) {
    const step = steps[s]!;
    const next: unknown[] = [];
    const last = s === steps.length - 1;
    for (let i = 0; i < cur.length; i++) {
      const node = cur[i];
      if (step.kind === 'key') {
        // arrays met by a key step are walked (and arrays inside them, one level)
        if (Array.isArray(node)) {
          for (const el of node) {
            if (Array.isArray(el)) {
              for (const x of el) if (isObj(x) && hasOwn.call(x, step.key)) next.push(x[step.key]);
            } else if (isObj(el) && hasOwn.call(el, step.key)) next.push(el[step.key]);
          }
          if (last && next.length) present = true;
        } else if (isObj(node) && hasOwn.call(node, step.key)) {
          if (last) present = true;
          next.push(node[step.key]);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(node)) for (const el of node) next.push(el);
        else if (isObj(node)) for (const k in node) next.push(node[k]);
        if (last && (Array.isArray(node) || isObj(node))) present = true;
      } else {
        const index = step.kind === 'index' ? step.index : position;
        if (index !== undefined && Array.isArray(node) && index < node.length) {
          if (last) present = true;
          next.push(node[index]);
        }
      }
    }
    cur = next;
    if (!cur.length) return EMPTY;
  }
  if (present) rec.hits++;
  const out: Values = [];
  for (const v of cur) finalValues(v, out);
  return out;
}

function mapStrings(o: Record<string, unknown>, f: (s: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[k] = f(v);
    else if (Array.isArray(v)) out[k] = v.flatMap((x) => (typeof x === 'string' ? f(x) : x));
    else out[k] = v;
  }
  return out;
}

function isEmptyObject(o: object): boolean {
  for (const _k in o) return false;
  return true;
}

function looksLikeLangMap(o: Record<string, unknown>): boolean {
  let tagged = 0;
  for (const [k, v] of Object.entries(o)) {
    if (!(v === null || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string' || x === null)))) return false;
    if (normaliseLangTag(k) || k === 'none' || k === '@none') tagged++;
  }
  return tagged > 0;
}

/** {"en": ["a","b"], "zh-hant": ["甲","乙"]} → [{en:a, zh-Hant:甲}, {en:b, zh-Hant:乙}] */
function zipLangMap(o: Record<string, unknown>, defaultLang: string, out: LangMap[]) {
  const rows: LangMap[] = [];
  for (const [k, v] of Object.entries(o)) {
    const lang = normaliseLangTag(k) ?? defaultLang;
    const list = Array.isArray(v) ? v : [v];
    list.forEach((x, i) => {
      if (typeof x !== 'string' && typeof x !== 'number') return;
      const text = String(x).trim();
      if (!text) return;
      const row = (rows[i] ??= {});
      // two keys for one language ("none" and the default): the second is kept as und
      const l = row[lang] === undefined ? lang : 'und';
      if (row[l] === undefined) row[l] = text;
    });
  }
  for (const r of rows) if (r && Object.keys(r).length) out.push(r);
}

/** Merge language maps: the first text per language wins. */
export function mergeFirst(maps: LangMap[]): LangMap {
  if (maps.length === 1) return maps[0]!;
  const out: LangMap = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) if (out[k] === undefined) out[k] = v;
  return out;
}

function mergeJoin(maps: LangMap[], sep: string): LangMap {
  if (maps.length === 1) return maps[0]!;
  const out: LangMap = {};
  for (const m of maps)
    for (const [k, v] of Object.entries(m)) {
      if (out[k] === undefined) out[k] = v;
      else if (!out[k]!.split(sep).includes(v)) out[k] += sep + v;
    }
  return out;
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', 'yes', 'y', '1', 'x', 'primary'].includes(s)) return true;
    if (['false', 'no', 'n', '0', ''].includes(s)) return false;
  }
  return undefined;
}

const URL_SHAPE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
/** An absolute http(s) URL with a host and no white space. */
export function isHttpUrl(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const c = s.charCodeAt(0);
  return (c === 0x68 || c === 0x48) && URL_SHAPE.test(s);
}

/** An http(s) URL as a link can use it: trimmed, inner spaces (file names) percent-encoded; else undefined. */
export function httpUrl(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  let t = s.trim();
  if (t.includes(' ')) t = t.replace(/ /g, '%20');
  return isHttpUrl(t) ? t : undefined;
}

// ---- the compiled mapping --------------------------------------------------------------

const cache = new WeakMap<Mapping, Partial<Record<MappingMode, CompiledMapping>>>();

/** The compiled form of a mapping (cached per mapping object and mode); throws MappingError for a bad mapping. */
export function compileMapping(mapping: Mapping, mode: MappingMode = mapping.format ?? 'json'): CompiledMapping {
  const hit = cache.get(mapping)?.[mode];
  if (hit) return hit;
  const { errors } = checkMapping(mapping);
  if (errors.length) throw new MappingError(errors);
  const compiled = build(mapping, mode);
  cache.set(mapping, { ...cache.get(mapping), [mode]: compiled });
  return compiled;
}

/** Coverage of a mapping used so far in this process (for the run report: paths that matched no record). */
export function mappingCoverage(mapping: Mapping, mode: MappingMode = mapping.format ?? 'json'): PathCoverage[] {
  return cache.get(mapping)?.[mode]?.coverage() ?? [];
}

function build(mapping: Mapping, mode: MappingMode): CompiledMapping {
  const c = new Compiler(mapping, mode);
  const F = mapping.fields;
  const fixedDefault = mapping.defaultLanguage ? normaliseLangTag(mapping.defaultLanguage) : undefined;

  const idGet = c.values('fields.identifier', F.identifier);
  const title = c.texts('fields.title', F.title);
  const single = (name: 'inventoryNumber' | 'rights' | 'homepage' | 'language') => (F[name] ? c.field(`fields.${name}`, F[name]!, 'string') : undefined);
  const inventoryNumber = single('inventoryNumber');
  const rights = single('rights');
  const homepage = single('homepage');
  const language = single('language');
  const text = (name: 'description' | 'dimensionsText' | 'creditLine' | 'provenance' | 'alternativeTitles') => (F[name] ? c.texts(`fields.${name}`, F[name]!).get : undefined);
  const description = text('description');
  const dimensionsText = text('dimensionsText');
  const creditLine = text('creditLine');
  const provenance = text('provenance');
  const alternativeTitles = text('alternativeTitles');
  const sameAs = F.sameAs ? c.field('fields.sameAs', F.sameAs, 'strings') : undefined;

  const terms: Array<[string, (cur: unknown, env: Env) => Term[]]> = [];
  for (const name of TERM_FIELDS) {
    const src = F[name];
    if (!src) continue;
    const list = Array.isArray(src) ? src : [src];
    const parts = list.map((s, i) => {
      const w = list.length > 1 ? `fields.${name}[${i}]` : `fields.${name}`;
      if (typeof s === 'object' && s !== null && ('each' in s || 'fields' in s)) {
        return c.structured<Term>(w, s as EachSpec<string>, { label: 'text', ids: 'strings' }, (f) =>
          f.label ? { label: f.label as LangMap, ...(f.ids ? { ids: f.ids as string[] } : {}) } : undefined,
        );
      }
      const t = c.texts(w, s as string | ValueSpec);
      return (cur: unknown, env: Env): Term[] => {
        const labels = t.get(cur, env);
        const out: Term[] = new Array(labels.length);
        for (let i = 0; i < labels.length; i++) out[i] = { label: labels[i]! };
        return out;
      };
    });
    if (parts.length === 1) {
      const only = parts[0]!;
      terms.push([name, (cur, env) => dedupeTerms(only(cur, env))]);
    } else
      terms.push([
        name,
        (cur, env) => {
          const all: Term[] = [];
          for (const p of parts) for (const t of p(cur, env)) all.push(t);
          return dedupeTerms(all);
        },
      ]);
  }

  const makers = F.makers
    ? c.structured<Agent>('fields.makers', F.makers, STRUCTURED.makers!, (f) =>
        f.name
          ? { name: f.name as LangMap, ...(f.role ? { role: f.role as LangMap } : {}), ...(f.about ? { about: f.about as LangMap } : {}), ...(f.ids ? { ids: f.ids as string[] } : {}) }
          : undefined,
      )
    : undefined;
  const places = F.places
    ? c.structured<PlaceRef>('fields.places', F.places, STRUCTURED.places!, (f) =>
        f.name
          ? {
              name: f.name as LangMap,
              role: (f.role as string | undefined) ?? 'production',
              ...(f.lat !== undefined && f.lon !== undefined ? { lat: f.lat as number, lon: f.lon as number } : {}),
              ...(f.ids ? { ids: f.ids as string[] } : {}),
            }
          : undefined,
      )
    : undefined;
  const measurements = F.measurements
    ? c.structured<Measurement>('fields.measurements', F.measurements, STRUCTURED.measurements!, (f) =>
        f.type !== undefined && f.value !== undefined
          ? { type: f.type as string, value: f.value as number, unit: (f.unit as string | undefined) ?? '', ...(f.part ? { part: f.part as string } : {}) }
          : undefined,
      )
    : undefined;
  const inscriptions = F.inscriptions
    ? c.structured<Inscription>('fields.inscriptions', F.inscriptions, STRUCTURED.inscriptions!, (f) => {
        if (!f.text) return undefined;
        const lang = typeof f.lang === 'string' ? normaliseLangTag(f.lang) : undefined;
        return {
          text: f.text as string,
          ...(lang ? { lang } : {}),
          ...(f.kind ? { kind: f.kind as string } : {}),
          ...(f.translation ? { translation: f.translation as LangMap } : {}),
          ...(f.position ? { position: f.position as string } : {}),
        };
      })
    : undefined;
  const images = F.images
    ? c.structured<ImageRef>('fields.images', F.images, STRUCTURED.images!, (f) => {
        const img: ImageRef = {};
        for (const k of ['url', 'iiifService', 'manifest', 'thumbnail'] as const) {
          const u = httpUrl(f[k]);
          if (u) img[k] = u;
        }
        if (!img.url && !img.iiifService && !img.manifest) return undefined;
        if (img.iiifService) img.iiifService = img.iiifService.replace(/\/info\.json$/, '').replace(/\/+$/, '');
        for (const k of ['width', 'height'] as const) if (typeof f[k] === 'number' && (f[k] as number) > 0) img[k] = f[k] as number;
        if (typeof f.rights === 'string') img.rights = f.rights;
        if (typeof f.primary === 'boolean') img.primary = f.primary;
        if (f.caption) img.caption = f.caption as LangMap;
        return img;
      })
    : undefined;
  const production = F.production ? compileProduction(c, F.production) : undefined;

  let applied = 0;
  const apply = (record: unknown, ctx: ParseContext): MappingResult => {
    applied++;
    const env: Env = { root: record, defaultLang: fixedDefault ?? ctx.defaultLanguage };
    // identifier
    const ids = idGet.get(record, env);
    const id0 = ids[0];
    if (id0 === undefined) return { problem: { reason: 'no_identifier', message: `fields.identifier: ${idGet.describe} yields no value` } };
    if (typeof id0 === 'object' || typeof id0 === 'boolean')
      return { problem: { reason: 'mapping_error', message: `fields.identifier: ${idGet.describe} yields ${Array.isArray(id0) ? 'a list' : typeof id0 === 'boolean' ? 'a boolean' : 'an object'}, not a text or number` } };
    const identifier = String(id0).trim();
    const titles = title.get(record, env);
    if (!titles.length) return { identifier, problem: { reason: 'no_title', message: `fields.title: ${title.describe} yields no text` } };
    const draft: ObjectDraft = { identifier, title: mergeFirst(titles) };
    const alt: LangMap[] = [];
    // further values per language beyond the first become alternative titles
    if (titles.length > 1)
      for (const t of titles) {
        const rest: LangMap = {};
        let any = false;
        for (const k in t) {
          if (draft.title[k] === t[k]) continue;
          rest[k] = t[k]!;
          any = true;
        }
        if (any) alt.push(rest);
      }
    if (alternativeTitles) alt.push(...alternativeTitles(record, env));
    const put = <K extends keyof ObjectDraft>(k: K, v: ObjectDraft[K] | undefined) => {
      if (v === undefined || v === null) return;
      if (Array.isArray(v)) {
        if (v.length) draft[k] = v;
      } else if (typeof v !== 'object' || !isEmptyObject(v)) draft[k] = v;
    };
    if (inventoryNumber) put('inventoryNumber', inventoryNumber(record, env) as string | undefined);
    put('alternativeTitles', alt);
    if (description) put('description', mergeJoin(description(record, env), '\n\n'));
    for (const [name, get] of terms) put(name as 'materials', get(record, env));
    if (makers) put('makers', makers(record, env));
    if (production) put('production', production(record, env));
    if (places) {
      const ps = places(record, env);
      for (let i = 0; i < ps.length; i++) {
        const p = ps[i]!;
        if (p.lat !== undefined && (p.lat < -90 || p.lat > 90 || p.lon! < -180 || p.lon! > 180))
          return { identifier, problem: { reason: 'invalid_value', message: `fields.places: place ${i + 1} (${Object.values(p.name)[0]}) has coordinates out of range: lat ${p.lat}, lon ${p.lon}` } };
      }
      put('places', ps);
    }
    if (dimensionsText) put('dimensionsText', mergeJoin(dimensionsText(record, env), '; '));
    if (measurements) put('measurements', measurements(record, env));
    if (inscriptions) put('inscriptions', inscriptions(record, env));
    if (creditLine) put('creditLine', mergeJoin(creditLine(record, env), '; '));
    if (provenance) put('provenance', mergeJoin(provenance(record, env), '\n\n'));
    if (rights) put('rights', rights(record, env) as string | undefined);
    if (images) put('images', images(record, env));
    if (homepage) {
      const h = homepage(record, env);
      const u = httpUrl(h);
      if (u) draft.homepage = u;
      else if (h !== undefined) c.note(`fields.homepage: "${String(h).slice(0, 80)}" is not an http(s) URL; left out`);
    }
    if (sameAs) put('sameAs', sameAs(record, env) as string[] | undefined);
    if (language) {
      const l = language(record, env);
      const tag = typeof l === 'string' ? normaliseLangTag(l) : undefined;
      if (tag) draft.language = tag;
    }
    return { identifier, draft };
  };

  const recordPath = mapping.recordPath !== undefined && mode === 'json' ? c.path('recordPath', mapping.recordPath, false) : undefined;
  return {
    mode,
    mapping,
    columns: c.columns,
    ...(recordPath ? { recordPath: (doc: unknown) => recordPath(doc, { root: doc, defaultLang: 'und' }) } : {}),
    apply,
    get applied() {
      return applied;
    },
    coverage: () => c.paths.map(({ where, path: p, hits }) => ({ where, path: p, hits })),
    notes: () => [...c.noteSet].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m)),
  };
}

function compileProduction(c: Compiler, spec: ProductionSpec): (cur: unknown, env: Env) => DateSpan | undefined {
  const display = spec.display ? c.texts('fields.production.display', spec.display).get : undefined;
  const earliest = spec.earliest ? c.field('fields.production.earliest', spec.earliest, 'number') : undefined;
  const latest = spec.latest ? c.field('fields.production.latest', spec.latest, 'number') : undefined;
  const gate = spec.where ? c.condition('fields.production.where', spec.where) : undefined;
  const year = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  return (cur, env) => {
    if (gate && !gate(cur, env)) return undefined;
    const d = display ? mergeJoin(display(cur, env), '; ') : {};
    const e = earliest ? year(earliest(cur, env)) : null;
    const l = latest ? year(latest(cur, env)) : null;
    if (!Object.keys(d).length && e === null && l === null) return undefined;
    return { display: Object.keys(d).length ? d : { und: e !== null && l !== null && e !== l ? `${e}–${l}` : String(e ?? l) }, earliest: e, latest: l };
  };
}

function sameMap(a: LangMap, b: LangMap): boolean {
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _k in b) n--;
  return n === 0;
}

function dedupeTerms(terms: Term[]): Term[] {
  if (terms.length < 2) return terms;
  const out: Term[] = [];
  next: for (const t of terms) {
    for (const o of out) if (sameMap(o.label, t.label)) continue next;
    out.push(t);
  }
  return out;
}

// ---- lookups from files ------------------------------------------------------------------

/**
 * A mapping whose lookups with "files" are loaded: the folder is looked for in `baseDir`
 * and its ancestors (an export's side tables usually sit beside the records). Records
 * already inline ("table") stay; files add to them. Returns a new mapping object.
 */
export function loadMappingLookups(
  mapping: Mapping,
  baseDir: string,
  opts: { maxFiles?: number; maxBytes?: number; maxTotalBytes?: number } = {},
): { mapping: Mapping; notes: string[]; missing: string[] } {
  const notes: string[] = [];
  const missing: string[] = [];
  if (!mapping.lookups) return { mapping, notes, missing };
  const maxFiles = opts.maxFiles ?? 200_000;
  const maxBytes = opts.maxBytes ?? 2 * 1024 * 1024;
  // the tables go to every parsing thread: a bound on what one run holds
  const maxTotal = opts.maxTotalBytes ?? 64 * 1024 * 1024;
  let total = 0;
  const lookups = { ...mapping.lookups };
  for (const [name, l] of Object.entries(lookups)) {
    if (!l.files) continue;
    let dir: string | undefined;
    for (let d = path.resolve(baseDir), i = 0; i < 6; i++, d = path.dirname(d)) {
      const cand = path.resolve(d, l.files);
      if (fs.existsSync(cand) && fs.statSync(cand).isDirectory()) {
        dir = cand;
        break;
      }
      if (path.dirname(d) === d) break;
    }
    if (!dir) {
      notes.push(`lookup "${name}": folder "${l.files}" not found from ${baseDir}`);
      missing.push(name);
      continue;
    }
    const table: Record<string, unknown> = { ...(l.table ?? {}) };
    let count = 0;
    const walkDir = (d: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
      } catch (e) {
        notes.push(`lookup "${name}": ${d}: ${(e as Error).message}`);
        return;
      }
      for (const e of entries) {
        if (count >= maxFiles || total > maxTotal) return;
        const p = path.join(d, e.name);
        if (e.isDirectory()) walkDir(p);
        else if (/\.(json|jsonld)$/i.test(e.name)) {
          count++;
          try {
            const size = fs.statSync(p).size;
            if (size > maxBytes) throw new Error('too large');
            total += size;
            if (total > maxTotal) throw new Error(`the lookups reach ${maxTotal} bytes: the rest of the folder is not read`);
            const rec: unknown = JSON.parse(fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, ''));
            const k = isObj(rec) ? rec[l.key] : undefined;
            if (k === undefined || k === null || typeof k === 'object') notes.push(`lookup "${name}": ${p} has no "${l.key}"`);
            else table[String(k)] = rec;
          } catch (e) {
            notes.push(`lookup "${name}": ${p}: ${(e as Error).message}`);
          }
        }
      }
    };
    walkDir(dir);
    lookups[name] = { ...l, table };
  }
  return { mapping: { ...mapping, lookups }, notes, missing };
}
