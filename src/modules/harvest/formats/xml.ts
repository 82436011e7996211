// Safe XML for every XML wire format (OAI-PMH pages, LIDO, oai_dc, EDM). A strict,
// non-validating tokenizer (xml-tokenizer.ts) drives a light element tree with string
// offsets, so a record can be kept verbatim. Nothing external is ever resolved: a
// DOCTYPE is refused outright (no DTD, no entity expansion: no XXE, no billion laughs),
// and documents larger or deeper than the caps are refused before they cost memory.
import { XmlTokenizer, type XmlTokenHandler } from './xml-tokenizer.ts';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlElement {
  /** qualified name as written, e.g. "lido:title" */
  name: string;
  local: string;
  ns: string;
  /** attributes by qualified name as written */
  attrs: Record<string, string>;
  /** attributes by "{ns}local" (ns empty for unprefixed attributes) */
  nsAttrs: Record<string, string>;
  children: XmlNode[];
  /** xml:lang in force here (inherited), or undefined */
  lang: string | undefined;
  /** offsets of the element's start and end in the decoded text */
  start: number;
  end: number;
  parent: XmlElement | undefined;
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    readonly reason: 'unparseable' | 'too_large' | 'too_deep',
    message: string,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface Decoded {
  text: string;
  encoding: string;
  /** what had to be repaired, for the run report ("BOM removed", "3 control characters removed") */
  repairs: string[];
}

const LEGACY = new Set(['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15']);
// C0 controls other than tab, LF, CR; U+FFFE/U+FFFF: never allowed in XML 1.0
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex
const HAS_BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Bytes to text the way real providers need: a UTF-8/UTF-16 BOM, the declared encoding
 * (Latin-1/Windows-1252 decoded as Windows-1252, its superset), invalid UTF-8 kept as
 * U+FFFD, control characters removed, whitespace before the XML declaration dropped.
 */
export function decodeXml(bytes: Buffer): Decoded {
  const repairs: string[] = [];
  let encoding = 'utf-8';
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    repairs.push('UTF-8 byte order mark removed');
  } else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    body = bytes.subarray(2);
  }
  if (encoding === 'utf-8') {
    const head = body.subarray(0, 200).toString('latin1');
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (declared && LEGACY.has(declared)) encoding = 'windows-1252';
  }
  let text: string;
  if (encoding === 'windows-1252') text = decodeWindows1252(body);
  else if (encoding === 'utf-8') {
    // Buffer's own UTF-8 decoder is several times faster than TextDecoder on large files
    text = body.toString('utf8');
    if (text.includes('\uFFFD') && !body.includes(UTF8_REPLACEMENT)) {
      // a "UTF-8" file with stray bytes of another encoding (a 0x92 from a Windows
      // editor): each byte that is not UTF-8 is read as Windows-1252, which is what they
      // nearly always are, rather than lost as U+FFFD
      text = decodeUtf8Or1252(body);
      repairs.push('bytes that are not UTF-8 read as Windows-1252');
    }
  } else text = new TextDecoder(encoding).decode(body);
  let removed = 0;
  if (HAS_BAD_CHAR.test(text)) {
    text = text.replace(BAD_CHARS, () => {
      removed++;
      return '';
    });
  }
  if (removed) repairs.push(`${removed} control character${removed > 1 ? 's' : ''} removed`);
  const lead = /^\s+(?=<\?xml)/.exec(text);
  if (lead) {
    text = text.slice(lead[0].length);
    repairs.push('whitespace before the XML declaration removed');
  }
  return { text, encoding, repairs };
}

const UTF8_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

// 0x80–0x9F in Windows-1252 (the rest is ISO-8859-1). Node's TextDecoder decodes the
// "windows-1252" label as ISO-8859-1, which turns ’ (0x92) into a C1 control.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
// eslint-disable-next-line no-control-regex
const C1 = /[\u0080-\u009F]/g;
const cp1252Char = (c: string) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

export function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return latin1.replace(C1, cp1252Char);
}

/** UTF-8, except that a byte that does not begin a valid sequence is one Windows-1252 character. */
export function decodeUtf8Or1252(b: Buffer): string {
  const out: string[] = [];
  let runStart = 0;
  let i = 0;
  const n = b.length;
  const flush = (end: number) => {
    if (end > runStart) out.push(b.toString('utf8', runStart, end));
  };
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) [len, min] = [2, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [len, min] = [3, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [len, min] = [4, 0x10000];
    let ok = len > 0 && i + len <= n;
    if (ok) {
      let cp = c & (0xff >> (len + 1));
      for (let k = 1; k < len; k++) {
        const cc = b[i + k]!;
        if ((cc & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    }
    if (ok) {
      i += len;
      continue;
    }
    flush(i);
    out.push(c < 0xa0 ? String.fromCharCode(CP1252_HIGH[c - 0x80]!) : String.fromCharCode(c));
    i++;
    runStart = i;
  }
  flush(n);
  return out.join('');
}

export interface ParseOptions {
  maxBytes: number;
  maxDepth: number;
}

/** Parse a whole document into a tree. Throws XmlError with the line and column of the fault. */
export function parseXml(text: string, opts: ParseOptions): XmlElement {
  if (text.length > opts.maxBytes) throw new XmlError('too_large', `document of ${text.length} characters exceeds the cap of ${opts.maxBytes}`);
  const b = new TreeBuilder(text, opts.maxDepth);
  b.advance(null);
  if (!b.root) throw new XmlError('unparseable', 'no root element');
  deepestOf.set(b.root, b.deepest);
  return b.root;
}

// the deepest nesting of each document parseXml built (1: the root alone), by its root
const deepestOf = new WeakMap<XmlElement, number>();

/**
 * How deep the subtree of el may nest at most (el itself is 1), known from the whole
 * document without walking it; undefined when el is not from parseXml.
 */
export function nestingBound(el: XmlElement): number | undefined {
  let level = 1;
  let root = el;
  while (root.parent) {
    root = root.parent;
    level++;
  }
  const deepest = deepestOf.get(root);
  return deepest === undefined ? undefined : deepest - level + 1;
}

export interface ScanOptions extends ParseOptions {
  /**
   * Asked as each element opens (attributes known, parent chain built, no children yet):
   * true makes it a record, built whole, handed over when it closes and then dropped from
   * the tree, so a file of a million records never holds more than one record's tree.
   */
  isRecord(el: XmlElement): boolean;
  /** nesting cap inside a record, counted from the record element (1); deeper subtrees are cut and the record marked tooDeep */
  maxRecordDepth: number;
  /** characters read per step (records are yielded between steps) */
  chunkSize?: number;
  /**
   * Inside a record: true leaves this element's subtree out of the tree (a format's reader
   * never looks at it; the record's bytes keep it). Nesting in it still counts for tooDeep.
   */
  prune?(ns: string, local: string, attrs: Readonly<Record<string, string>>, parent: XmlElement): boolean;
  /**
   * Keep every whitespace text inside records, as parseXml does (a record's tree is then
   * the one the whole-document parse builds); by default whitespace holding a line break
   * (indentation) is dropped there.
   */
  keepRecordWhitespace?: boolean;
}

export interface ScannedRecord {
  el: XmlElement;
  /** the record nests deeper than maxRecordDepth: its tree is incomplete (quarantine it) */
  tooDeep: boolean;
}

export interface XmlScan {
  /** the document's skeleton: every element outside the records (records are detached) */
  root?: XmlElement;
}

/**
 * Stream a document's records: yields each record element when it closes. Whitespace-only
 * text outside records is not kept. Throws XmlError (unparseable, too_deep outside a
 * record, too_large) when the fault is met, possibly after yielding earlier records.
 */
export function* scanXml(text: string, opts: ScanOptions, scan: XmlScan = {}): Generator<ScannedRecord, void, undefined> {
  if (text.length > opts.maxBytes) throw new XmlError('too_large', `document of ${text.length} characters exceeds the cap of ${opts.maxBytes}`);
  const b = new TreeBuilder(text, opts.maxDepth, opts);
  const step = Math.max(1024, opts.chunkSize ?? 1 << 16);
  // the records completed before a fault are yielded before it is thrown, however the
  // document falls into steps
  for (let at = 0; ; at += step) {
    const end = at >= text.length;
    let fault: unknown;
    try {
      b.advance(end ? null : at + step);
    } catch (e) {
      fault = e;
    }
    scan.root = b.root;
    // an upper bound for every record yielded so far (nestingBound then skips their walk)
    if (b.root) deepestOf.set(b.root, b.deepest);
    if (b.done.length) {
      const done = b.done;
      b.done = [];
      yield* done;
    }
    if (fault) throw fault;
    if (end) break;
  }
  if (!b.root) throw new XmlError('unparseable', 'no root element');
}

const XML_LANG = `{${XML_NS}}lang`;

type Scope = Record<string, string>;
interface QName {
  ns: string;
  local: string;
  /** "{ns}local", the nsAttrs key */
  key: string;
}
/** a qualified name resolved in a scope (cached by the tokenizer's slot of the name) */
interface Resolved extends QName {
  qname: string;
  scope: Scope;
}
// shared by every element without attributes (read-only by contract)
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
// attrs objects inherit nothing (an attribute may be named "__proto__" or "constructor"),
// from an empty prototype rather than none, which would make each a slow dictionary
const ATTRS_PROTO: object = Object.freeze(Object.create(null) as object);
// the attrs of every element without attributes (read-only by contract)
const NO_PLAIN_ATTRS: Record<string, string> = Object.freeze(Object.create(ATTRS_PROTO) as Record<string, string>);
// the prefixes bound everywhere; a scope inherits its parent's by prototype
const BASE_SCOPE: Scope = Object.assign(Object.create(null) as Scope, { xml: XML_NS, xmlns: XMLNS_NS });

/**
 * Builds elements from the tokenizer's events; shared by parseXml (whole tree) and
 * scanXml (records). Namespaces are resolved here: a scope object per element that
 * declares prefixes, inherited by prototype, and a parse error for a prefix nobody bound.
 */
class TreeBuilder implements XmlTokenHandler {
  private readonly tokens: XmlTokenizer;
  root: XmlElement | undefined;
  done: ScannedRecord[] = [];
  failure: XmlError | undefined;
  private current: XmlElement | undefined;
  private depth = 0;
  /** the deepest nesting met so far */
  deepest = 0;
  /** the namespace scope of each open (built) element, innermost last */
  private scopes: Scope[] = [BASE_SCOPE];
  /** scan mode: the open record, its depth, whether it was cut */
  private record: XmlElement | undefined;
  private recordDepth = 0;
  private cut = false;
  /** > 0 while inside a subtree that is not built (cut for depth, or pruned) */
  private skipping = 0;
  /** the end of the start tag being built (where its faults are reported) */
  private tagEnd = 0;
  /**
   * The first text of the innermost element while it has no other child: put in its
   * children when a second child comes or as [text] when it closes, so that the usual
   * leaf (one text) costs an array of one rather than a grown one of 16.
   */
  private firstText: string | undefined;
  /** scan mode: whitespace inside records is kept whole (ScanOptions.keepRecordWhitespace) */
  private readonly keepAll: boolean;

  constructor(
    text: string,
    private readonly maxDepth: number,
    private readonly scan?: ScanOptions,
  ) {
    this.keepAll = scan?.keepRecordWhitespace === true;
    this.tokens = new XmlTokenizer(text, this);
    this.elementNames = new Array<Resolved | undefined>(this.tokens.nameSlots);
    this.attributeNames = new Array<Resolved | undefined>(this.tokens.nameSlots);
  }

  /** read every token that starts before limit (null: to the end, and check the end); throws the first fault as an XmlError */
  advance(limit: number | null): void {
    if (!this.failure) {
      try {
        if (limit === null) this.tokens.end();
        else this.tokens.advance(limit);
      } catch (e) {
        this.failure = e instanceof XmlError ? e : new XmlError('unparseable', e instanceof Error ? e.message : String(e));
      }
    }
    if (this.failure) throw this.failure;
  }

  doctype(start: number): never {
    throw new XmlError('unparseable', `line ${this.tokens.lineCol(start + 1).line}: DOCTYPE declarations are not accepted (no DTD or entity is ever resolved)`);
  }

  private unbound(prefix: string): never {
    const { line, column } = this.tokens.lineCol(this.tagEnd);
    throw new XmlError('unparseable', `${line}:${column}: unbound namespace prefix: "${prefix}".`);
  }

  /** element and attribute names resolved, by the tokenizer's slot: resolved once, not per element */
  private readonly elementNames: (Resolved | undefined)[];
  private readonly attributeNames: (Resolved | undefined)[];
  /** scopes by parent and declarations: every record that redeclares the same prefixes shares one (and its name cache) */
  private readonly interned = new WeakMap<Scope, Map<string, Scope>>();

  private scopeFor(parent: Scope, decl: string, names: readonly string[], values: readonly string[], n: number): Scope {
    let byDecl = this.interned.get(parent);
    if (!byDecl) {
      byDecl = new Map();
      this.interned.set(parent, byDecl);
    }
    let scope = byDecl.get(decl);
    if (!scope) {
      scope = Object.create(parent) as Scope;
      for (let i = 0; i < n; i++) {
        const name = names[i]!;
        if (name === 'xmlns') scope[''] = values[i]!.trim();
        else if (name.startsWith('xmlns:')) scope[name.slice(6)] = values[i]!.trim();
      }
      if (byDecl.size < 1000) byDecl.set(decl, scope);
    }
    return scope;
  }

  private resolve(qname: string, scope: Scope, element: boolean): Resolved {
    const c = qname.indexOf(':');
    if (c < 0) {
      // unprefixed: elements take the default namespace, attributes none
      if (!element) return { qname, scope, ns: '', local: qname, key: qname === 'xmlns' ? `{${XMLNS_NS}}xmlns` : `{}${qname}` };
      const ns = scope[''] ?? '';
      return { qname, scope, ns, local: qname, key: `{${ns}}${qname}` };
    }
    const prefix = qname.slice(0, c);
    const local = qname.slice(c + 1);
    const ns = scope[prefix];
    if (ns === undefined) this.unbound(prefix);
    return { qname, scope, ns, local, key: `{${ns}}${local}` };
  }

  openTag(name: string, start: number, end: number, n: number): void {
    if (++this.depth > this.deepest) this.deepest = this.depth;
    if (this.skipping) {
      this.skipping++;
      // a pruned subtree still counts for the record's depth: the same record read whole
      // (the OAI harvester's tree) must be quarantined the same way
      if (this.record && this.depth - this.recordDepth + 1 > this.scan!.maxRecordDepth) this.cut = true;
      return;
    }
    if (this.record) {
      if (this.depth - this.recordDepth + 1 > this.scan!.maxRecordDepth) {
        this.cut = true;
        this.skipping = 1;
        return;
      }
    } else if (this.depth > this.maxDepth) {
      throw new XmlError('too_deep', `line ${this.tokens.lineCol(end).line}: nesting deeper than ${this.maxDepth} elements`);
    }
    this.tagEnd = end;
    if (this.firstText !== undefined) {
      this.current!.children.push(this.firstText);
      this.firstText = undefined;
    }
    const names = this.tokens.attrNames;
    const values = this.tokens.attrValues;
    const parentScope = this.scopes[this.scopes.length - 1]!;
    const attrs = n ? (Object.create(ATTRS_PROTO) as Record<string, string>) : NO_PLAIN_ATTRS;
    let decl: string | undefined;
    for (let i = 0; i < n; i++) {
      const k = names[i]!;
      attrs[k] = values[i]!;
      if (k.charCodeAt(0) === 120 /* x */ && (k === 'xmlns' || k.startsWith('xmlns:'))) decl = `${decl ?? ''}${k}=${values[i]!.trim()}\n`;
    }
    const scope = decl === undefined ? parentScope : this.scopeFor(parentScope, decl, names, values, n);

    const slot = this.tokens.nameSlot;
    let q = this.elementNames[slot];
    if (q === undefined || q.qname !== name || q.scope !== scope) {
      q = this.resolve(name, scope, true);
      this.elementNames[slot] = q;
    }
    if (this.record && this.scan!.prune?.(q.ns, q.local, attrs, this.current!)) {
      this.skipping = 1;
      return;
    }
    this.scopes.push(scope);

    let nsAttrs = NO_ATTRS;
    const parent = this.current;
    let lang = parent?.lang;
    if (n) {
      nsAttrs = {};
      const slots = this.tokens.attrSlots;
      let ownLang: string | undefined;
      for (let i = 0; i < n; i++) {
        const k = names[i]!;
        let a = this.attributeNames[slots[i]!];
        if (a === undefined || a.qname !== k || a.scope !== scope) {
          a = this.resolve(k, scope, false);
          this.attributeNames[slots[i]!] = a;
        }
        nsAttrs[a.key] = values[i]!;
        if (a.key === XML_LANG) ownLang = values[i];
      }
      // (as nsAttrs[XML_LANG] || parent.lang: an empty xml:lang inherits)
      if (ownLang) lang = ownLang;
    }

    const el: XmlElement = {
      name,
      local: q.local,
      ns: q.ns,
      attrs,
      nsAttrs,
      children: [],
      lang,
      start,
      end: -1,
      parent,
    };
    if (parent) parent.children.push(el);
    else if (!this.root) this.root = el;
    this.current = el;
    if (this.scan && !this.record && this.scan.isRecord(el)) {
      this.record = el;
      this.recordDepth = this.depth;
      this.cut = false;
    }
  }

  keepsBlank(lineBreak: boolean): boolean {
    // as text() would keep it
    return !this.skipping && this.current !== undefined && (!this.scan || (this.record !== undefined && (!lineBreak || this.keepAll)));
  }

  text(s: string): void {
    if (this.skipping) return;
    const cur = this.current;
    if (!cur) return;
    // scan mode keeps no formatting whitespace: none outside records (a wrap of a million
    // records), and inside them none that holds a line break (indentation between
    // elements; whitespace between inline elements on one line is kept)
    if (this.scan && isBlank(s) && (!this.record || (!this.keepAll && s.includes('\n')))) return;
    if (this.firstText === undefined) {
      if (cur.children.length === 0) {
        this.firstText = s;
        return;
      }
    } else {
      cur.children.push(this.firstText);
      this.firstText = undefined;
    }
    cur.children.push(s);
  }

  closeTag(end: number): void {
    this.depth--;
    if (this.skipping) {
      this.skipping--;
      return;
    }
    this.scopes.pop();
    const el = this.current;
    if (!el) return;
    el.end = end;
    if (this.firstText !== undefined) {
      el.children = [this.firstText];
      this.firstText = undefined;
    } else if (el.children.length) {
      // an array grown by push holds room for 16 or more: the tree keeps one of its length
      el.children = el.children.slice();
    }
    this.current = el.parent;
    if (el === this.record) {
      this.record = undefined;
      this.done.push({ el, tooDeep: this.cut });
      // detached: the skeleton does not keep records
      const siblings = el.parent?.children;
      if (siblings && siblings[siblings.length - 1] === el) siblings.pop();
    }
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

// ---- reading helpers --------------------------------------------------------

export const isElement = (n: XmlNode): n is XmlElement => typeof n !== 'string';

export function elements(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (local === undefined || c.local === local) && (ns === undefined || c.ns === ns)) out.push(c);
  return out;
}

export function first(el: XmlElement | undefined, ns: string | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && c.local === local && (ns === undefined || c.ns === ns)) return c;
  return undefined;
}

/** Follow a path of local names (in one namespace) to the first match. */
export function path(el: XmlElement | undefined, ns: string | undefined, ...locals: string[]): XmlElement | undefined {
  let cur = el;
  for (const l of locals) cur = first(cur, ns, l);
  return cur;
}

/** All descendants with this local name (depth-first, document order). */
export function descendants(el: XmlElement, ns: string | undefined, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.local === local && (ns === undefined || c.ns === ns)) out.push(c);
    descendants(c, ns, local, out);
  }
  return out;
}

/** The element's text content, whitespace collapsed. */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  const ch = el.children;
  // the common case: one text node
  if (ch.length === 1 && typeof ch[0] === 'string') return collapseWhitespace(ch[0]);
  if (ch.length === 0) return '';
  const parts: string[] = [];
  collectText(el, parts);
  return collapseWhitespace(parts.join(''));
}

/** The element's text content exactly as written (entities decoded), nothing collapsed. */
export function rawTextOf(el: XmlElement | undefined): string {
  if (!el) return '';
  const ch = el.children;
  if (ch.length === 1 && typeof ch[0] === 'string') return ch[0];
  const parts: string[] = [];
  collectText(el, parts);
  return parts.join('');
}

function collectText(e: XmlElement, parts: string[]): void {
  for (const c of e.children) {
    if (typeof c === 'string') parts.push(c);
    else collectText(c, parts);
  }
}

const WHITESPACE_RUN = /\s+/g;

/** Runs of whitespace to one space, trimmed; returns the string itself when nothing changes. */
export function collapseWhitespace(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  let clean = true;
  let prevSpace = true; // a leading space is not clean
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) {
        clean = false;
        break;
      }
      prevSpace = true;
    } else if (c <= 13 && c >= 9) {
      clean = false;
      break;
    } else if (c > 127 && (c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x85)) {
      clean = false;
      break;
    } else prevSpace = false;
  }
  if (clean && !prevSpace) return s;
  return s.replace(WHITESPACE_RUN, ' ').trim();
}

export function attr(el: XmlElement | undefined, ns: string, local: string): string | undefined {
  return el?.nsAttrs[`{${ns}}${local}`];
}

/** The exact text of an element as it stood in the document (for the verbatim store). */
export function sliceOf(text: string, el: XmlElement): string {
  return text.slice(el.start, el.end);
}
