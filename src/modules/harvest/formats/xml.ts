// Safe XML for every XML wire format (OAI-PMH pages, LIDO, oai_dc, EDM). A streaming,
// non-validating parser (saxes) builds a light element tree with string offsets, so a
// record can be kept verbatim. Nothing external is ever resolved: a DOCTYPE is refused
// outright (no DTD, no entity expansion: no XXE, no billion laughs), and documents
// larger or deeper than the caps are refused before they cost memory.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

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
  let text = new TextDecoder(encoding).decode(body);
  if (encoding === 'utf-8' && text.includes('\uFFFD') && !body.includes(Buffer.from([0xef, 0xbf, 0xbd]))) {
    repairs.push('bytes that are not UTF-8 replaced by U+FFFD');
  }
  let removed = 0;
  text = text.replace(BAD_CHARS, () => {
    removed++;
    return '';
  });
  if (removed) repairs.push(`${removed} control character${removed > 1 ? 's' : ''} removed`);
  const lead = /^\s+(?=<\?xml)/.exec(text);
  if (lead) {
    text = text.slice(lead[0].length);
    repairs.push('whitespace before the XML declaration removed');
  }
  return { text, encoding, repairs };
}

export interface ParseOptions {
  maxBytes: number;
  maxDepth: number;
}

/** Parse a whole document into a tree. Throws XmlError with the line and column of the fault. */
export function parseXml(text: string, opts: ParseOptions): XmlElement {
  if (text.length > opts.maxBytes) throw new XmlError('too_large', `document of ${text.length} characters exceeds the cap of ${opts.maxBytes}`);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let depth = 0;
  let failure: XmlError | undefined;
  const fail = (e: XmlError) => {
    failure ??= e;
  };
  parser.on('doctype', () => fail(new XmlError('unparseable', `line ${parser.line}: DOCTYPE declarations are not accepted (no DTD or entity is ever resolved)`)));
  parser.on('error', (e) => fail(new XmlError('unparseable', e.message)));
  parser.on('opentag', (tag) => {
    if (++depth > opts.maxDepth) {
      fail(new XmlError('too_deep', `line ${parser.line}: nesting deeper than ${opts.maxDepth} elements`));
      return;
    }
    const t = tag as SaxesTagNS;
    const attrs: Record<string, string> = {};
    const nsAttrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) {
      attrs[a.name] = a.value;
      nsAttrs[`{${a.uri ?? ''}}${a.local}`] = a.value;
    }
    const el: XmlElement = {
      name: t.name,
      local: t.local,
      ns: t.uri ?? '',
      attrs,
      nsAttrs,
      children: [],
      lang: nsAttrs[`{${XML_NS}}lang`] || current?.lang,
      // the tag ends at the parser's position; find its "<" backwards
      start: text.lastIndexOf('<', parser.position - 1),
      end: -1,
      parent: current,
    };
    if (current) current.children.push(el);
    else if (!root) root = el;
    current = el;
    if (t.isSelfClosing) {
      /* closetag follows immediately */
    }
  });
  const onText = (s: string) => {
    if (current && s) current.children.push(s);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    if (!current) return;
    current.end = parser.position;
    current = current.parent;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    fail(new XmlError('unparseable', e instanceof Error ? e.message : String(e)));
  }
  if (failure) throw failure;
  if (!root) throw new XmlError('unparseable', 'no root element');
  return root;
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
  const parts: string[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) typeof c === 'string' ? parts.push(c) : walk(c);
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

export function attr(el: XmlElement | undefined, ns: string, local: string): string | undefined {
  return el?.nsAttrs[`{${ns}}${local}`];
}

/** The exact text of an element as it stood in the document (for the verbatim store). */
export function sliceOf(text: string, el: XmlElement): string {
  return text.slice(el.start, el.end);
}
