// An XML file (LIDO, oai_dc, EDM; also a saved OAI-PMH page of any of them) into
// ParsedRecords: decoded and repaired by decodeXml, streamed record by record (a file of
// a million LIDO records never holds more than one record's tree), each record capped
// for size and nesting, kept verbatim, read by its format. A file that is not
// well-formed, or not the declared format, is one ParsedRecord with a precise problem.
import type { ParseContext, ParsedRecord, RecordProblem } from '../record.types.ts';
import { xmlFormats, type KnownRecord, type XmlFormat, type XmlFormatName } from './xml-format.ts';
import { decodeXml, first, nestingBound, scanXml, sliceOf, textOf, XmlError, type XmlElement, type XmlScan } from './xml.ts';

const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
// an HTML page where XML was expected (a provider's error page, a login wall)
const HTML_PAGE = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+html\b[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<html[\s>]/i;
/** the bytes kept of a file (or record) that is quarantined whole: enough to see what it is */
export const RAW_CAP = 1024 * 1024;

/** All the records of a file. A file-level fault (not well-formed, not the format) gives that one problem only. */
export function parseXmlFile(bytes: Buffer, format: XmlFormatName, ctx: ParseContext): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  for (const item of scanFile(bytes, format, ctx)) {
    if (item.fileLevel) return [item.record];
    out.push(item.record);
  }
  return out;
}

/**
 * The records of a file one by one, for a pipeline that stores as it reads. A file-level
 * fault met after some records (a file cut short) is yielded last, as a record with the
 * whole-file problem; whether the records before it stand is the caller's choice.
 */
export function* readXmlFile(bytes: Buffer, format: XmlFormatName, ctx: ParseContext): Generator<ParsedRecord, void, undefined> {
  for (const item of scanFile(bytes, format, ctx)) yield item.record;
}

/**
 * One record element that a caller parsed itself (the OAI harvester hands the child of
 * <metadata>). The OAI header identifier is taken from the element's <record> when the
 * caller does not give one; raw is the element's text when the page text is given (the
 * harvester keeps its own raw, the whole <record>).
 */
export function parseXmlRecord(el: XmlElement, format: XmlFormatName, ctx: ParseContext, opts: { text?: string; identifier?: string } = {}): ParsedRecord {
  const fmt = xmlFormats[format];
  // a caller that names the record (an OAI harvest read its header already) saves the lookup
  const header = opts.identifier === undefined ? oaiHeader(el) : undefined;
  const identifier = opts.identifier ?? header?.identifier;
  const base: ParsedRecord = { raw: opts.text !== undefined ? Buffer.from(standalone(opts.text, el)) : Buffer.alloc(0) };
  if (identifier) base.identifier = identifier;
  if (header?.datestamp) base.datestamp = header.datestamp;
  if (el.end >= el.start && el.start >= 0 && el.end - el.start > ctx.maxRecordBytes) {
    return { ...base, problem: { reason: 'too_large', message: `record of at least ${el.end - el.start} bytes exceeds the cap of ${ctx.maxRecordBytes}` } };
  }
  // a page no deeper than the cap holds no record that is: no walk needed
  const bound = nestingBound(el);
  const depth = bound !== undefined && bound <= ctx.maxDepth ? undefined : depthOver(el, ctx.maxDepth);
  if (depth) return { ...base, problem: { reason: 'too_deep', message: `record nests deeper than ${ctx.maxDepth} elements (<${depth.name}> is at depth ${ctx.maxDepth + 1})` } };
  const units = fmt.recordsOf(el);
  if (!units) return { ...base, problem: { reason: 'wrong_format', message: `metadata is <${el.name}>, not ${fmt.label}` } };
  const unit = units[0];
  if (!unit) return { ...base, problem: { reason: 'wrong_format', message: `<${el.name}> holds no ${fmt.label} record` } };
  return draftRecord(fmt, unit, ctx, base, identifier ? { identifier } : undefined);
}

// ---- internals ----------------------------------------------------------------

interface Item {
  record: ParsedRecord;
  /** a whole-file problem */
  fileLevel?: boolean;
}

function* scanFile(bytes: Buffer, format: XmlFormatName, ctx: ParseContext): Generator<Item, void, undefined> {
  const fmt = xmlFormats[format];
  const whole = (problem: RecordProblem): Item => ({ record: { raw: Buffer.from(bytes.subarray(0, RAW_CAP)), problem }, fileLevel: true });
  let text: string;
  try {
    text = decodeXml(bytes).text;
  } catch (e) {
    yield whole({ reason: 'unparseable', message: `the file cannot be decoded: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  const scan: XmlScan = {};
  /** elements whose record was yielded (an OAI <metadata>) */
  const handled = new Set<XmlElement>();
  let seen = 0;
  try {
    const records = scanXml(text, {
      maxBytes: Number.MAX_SAFE_INTEGER, // the whole-file cap is the caller's
      maxDepth: ctx.maxDepth,
      maxRecordDepth: ctx.maxDepth,
      // in an OAI-PMH page only the child of <metadata> is a record (a dc in a setDescription is not)
      isRecord: (el) => fmt.isRecord(el) && !(el.parent && el.parent.ns === OAI_NS && el.parent.local !== 'metadata'),
      ...(fmt.prune ? { prune: fmt.prune } : {}),
    }, scan);
    for (const { el, tooDeep } of records) {
      seen++;
      if (el.parent) handled.add(el.parent);
      yield* scannedRecord(fmt, text, el, tooDeep, ctx);
    }
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    if (e.reason === 'unparseable' && HTML_PAGE.test(text.slice(0, 2048))) {
      yield whole({ reason: 'wrong_format', message: `root is <html> (an HTML page), not ${fmt.label}` });
      return;
    }
    yield whole({ reason: e.reason, message: e.reason === 'unparseable' ? `not well-formed XML: ${where(e.message)}` : e.message });
    return;
  }
  const root = scan.root;
  if (!root) return;
  if ((root.local === 'OAI-PMH' || root.local === 'record') && root.ns === OAI_NS) {
    // a saved OAI-PMH page: deleted records (no metadata) withdraw their objects; a record
    // whose metadata is missing or of another format is one problem, as over OAI
    for (const rec of oaiRecords(root)) {
      const header = first(rec, OAI_NS, 'header');
      const metadata = first(rec, OAI_NS, 'metadata');
      if (metadata && handled.has(metadata)) continue;
      seen++;
      const r: ParsedRecord = { raw: Buffer.from(standalone(text, rec)) };
      const id = textOf(first(header, OAI_NS, 'identifier'));
      const ds = textOf(first(header, OAI_NS, 'datestamp'));
      if (id) r.identifier = id;
      if (ds) r.datestamp = ds;
      if (header?.attrs.status === 'deleted') {
        r.deleted = true;
        if (!id) r.problem = { reason: 'no_identifier', message: 'a deleted record whose OAI header has no identifier' };
      } else {
        const md = metadata?.children.find((c): c is XmlElement => typeof c !== 'string');
        r.problem = md
          ? { reason: 'wrong_format', message: `metadata is <${md.name}>${md.ns ? ` (namespace ${md.ns})` : ''}, not ${fmt.label}` }
          : { reason: 'wrong_format', message: 'the OAI record has no <metadata>' };
      }
      yield { record: r };
    }
    if (seen === 0 && root.local === 'OAI-PMH') {
      const err = first(root, OAI_NS, 'error');
      if (err) yield whole({ reason: 'wrong_format', message: `an OAI-PMH error response (${err.attrs.code ?? 'no code'}: ${textOf(err) || 'no message'}), not ${fmt.label} records` });
    }
    return;
  }
  if (seen === 0 && !fmt.recordsOf(root)) {
    yield whole({ reason: 'wrong_format', message: `root is <${root.name}>${root.ns ? ` (namespace ${root.ns})` : ''}, not ${fmt.label}${noNamespace(root, fmt)}` });
  }
}

// an export that writes the format's element names without its namespace (Finnish LIDO
// exporters): say what is missing, as the names alone look right
const FORMAT_NS: Record<string, { roots: readonly string[]; ns: string }> = {
  lido: { roots: ['lidoWrap', 'lido'], ns: 'http://www.lido-schema.org' },
  oai_dc: { roots: ['dc'], ns: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  edm: { roots: ['RDF'], ns: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' },
};
function noNamespace(root: XmlElement, fmt: XmlFormat): string {
  const want = FORMAT_NS[fmt.name];
  return !root.ns && want?.roots.includes(root.local) ? `: its elements are in no namespace, and ${fmt.label} elements must be in ${want.ns}` : '';
}

function* scannedRecord(fmt: XmlFormat, text: string, el: XmlElement, tooDeep: boolean, ctx: ParseContext): Generator<Item, void, undefined> {
  const header = oaiHeader(el);
  const base = (raw: Buffer): ParsedRecord => {
    const r: ParsedRecord = { raw };
    if (header?.identifier) r.identifier = header.identifier;
    if (header?.datestamp) r.datestamp = header.datestamp;
    return r;
  };
  const chars = el.end - el.start;
  if (chars > ctx.maxRecordBytes) {
    const raw = Buffer.from(text.slice(el.start, el.start + RAW_CAP));
    yield { record: { ...base(raw.subarray(0, RAW_CAP)), problem: { reason: 'too_large', message: `record of at least ${chars} bytes exceeds the cap of ${ctx.maxRecordBytes} (line ${lineOf(text, el.start)})` } } };
    return;
  }
  // from a saved OAI-PMH page the verbatim record is the whole <record> (header and
  // metadata), as the harvester keeps it, so that reading it again gives the same identity
  const raw = Buffer.from(standalone(text, header ? el.parent!.parent! : el));
  if (raw.length > ctx.maxRecordBytes) {
    yield { record: { ...base(raw.subarray(0, RAW_CAP)), problem: { reason: 'too_large', message: `record of ${raw.length} bytes exceeds the cap of ${ctx.maxRecordBytes} (line ${lineOf(text, el.start)})` } } };
    return;
  }
  if (tooDeep) {
    yield { record: { ...base(raw), problem: { reason: 'too_deep', message: `record nests deeper than ${ctx.maxDepth} elements (line ${lineOf(text, el.start)})` } } };
    return;
  }
  const units = fmt.recordsOf(el) ?? [el];
  const known: KnownRecord | undefined = header?.identifier ? { identifier: header.identifier } : undefined;
  if (units.length === 1) {
    yield { record: draftRecord(fmt, units[0]!, ctx, base(raw), known) };
    return;
  }
  // several objects in one element (EDM: several ProvidedCHO in one rdf:RDF): each keeps its own bytes
  for (const u of units) yield { record: draftRecord(fmt, u, ctx, base(Buffer.from(standalone(text, u))), undefined) };
}

function draftRecord(fmt: XmlFormat, unit: XmlElement, ctx: ParseContext, base: ParsedRecord, known: KnownRecord | undefined): ParsedRecord {
  const r = fmt.toDraft(unit, ctx, known);
  const out: ParsedRecord = { ...base };
  // the OAI identifier is the record's identity in its source, whatever the metadata says
  const id = known?.identifier ?? r.identifier;
  if (id) out.identifier = id;
  if (r.draft) out.draft = known?.identifier ? { ...r.draft, identifier: known.identifier } : r.draft;
  if (r.problem) out.problem = r.problem;
  return out;
}

/** the OAI header of a record element handed over from inside <metadata>, if it is in one */
function oaiHeader(el: XmlElement): { identifier?: string; datestamp?: string } | undefined {
  const md = el.parent;
  if (!md || md.local !== 'metadata' || md.ns !== OAI_NS) return undefined;
  const header = first(md.parent, OAI_NS, 'header');
  if (!header) return undefined;
  const identifier = textOf(first(header, OAI_NS, 'identifier'));
  const datestamp = textOf(first(header, OAI_NS, 'datestamp'));
  return { ...(identifier ? { identifier } : {}), ...(datestamp ? { datestamp } : {}) };
}

/** the <record>s of a page (ListRecords, GetRecord), or the one a stored record is */
function oaiRecords(root: XmlElement): XmlElement[] {
  if (root.local === 'record') return [root];
  const out: XmlElement[] = [];
  for (const verb of root.children) {
    if (typeof verb === 'string') continue;
    for (const r of verb.children) if (typeof r !== 'string' && r.local === 'record' && r.ns === OAI_NS) out.push(r);
  }
  return out;
}

/**
 * The element's text as it stands in the document, made to stand alone: the namespace
 * declarations (and xml:lang) it inherits from its ancestors are added to its start tag,
 * so the verbatim record parses again on its own (renormalise) and reads the same.
 */
export function standalone(text: string, el: XmlElement): string {
  const s = sliceOf(text, el);
  let extra = '';
  const declared = new Set<string>();
  for (const k in el.attrs) if (k === 'xmlns' || k.startsWith('xmlns:') || k === 'xml:lang') declared.add(k);
  for (let a = el.parent; a; a = a.parent) {
    for (const k in a.attrs) {
      if ((k === 'xmlns' || k.startsWith('xmlns:') || k === 'xml:lang') && !declared.has(k)) {
        declared.add(k);
        extra += ` ${k}="${escapeAttr(a.attrs[k]!)}"`;
      }
    }
  }
  if (!extra) return s;
  const at = 1 + el.name.length;
  return s.slice(0, at) + extra + s.slice(at);
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;' };
const ATTR_SPECIAL = /[&"<]/g;
function escapeAttr(v: string): string {
  return v.replace(ATTR_SPECIAL, (c) => ATTR_ESCAPES[c]!);
}

/** the first element deeper than max below el (el is depth 1), or undefined */
// recursive: no allocation per element (this runs on every record), and the recursion
// is as deep as the tree, which the page parser has already capped
function depthOver(el: XmlElement, max: number, d = 1): XmlElement | undefined {
  if (d > max) return el;
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (typeof c !== 'string') {
      const deep = depthOver(c, max, d + 1);
      if (deep) return deep;
    }
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const SAXES_POSITION = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s;
/** saxes writes "2:1: text data outside of root node."; people read "line 2, column 1: …" */
function where(message: string): string {
  const m = SAXES_POSITION.exec(message);
  return m ? `line ${m[1]}, column ${m[2]}: ${m[3]}` : message;
}
