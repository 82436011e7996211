// detect -> parse: hands bytes to the parser of their wire format. The same entry
// serves files, OAI-PMH pages and re-normalisation of stored records.
import type { SourceFormat } from '../sources/source.service.ts';
import { OAI_DEFAULTS, type OaiRecord } from './fetch/oai-client.ts';
import { parseJsonFile } from './formats/json-file.ts';
import { parseXmlFile, parseXmlRecord } from './formats/xml-file.ts';
import { decodeXml, first, isElement, parseXml, scanXml, XmlError, type XmlElement } from './formats/xml.ts';
import type { Mapping } from './formats/mapped.ts';
import { DEFAULT_LIMITS, type ObjectDraft, type ParseContext, type ParsedRecord } from './record.types.ts';

const XML_FORMATS = new Set(['lido', 'oai_dc', 'edm']);
export const isXmlFormat = (f: string): f is 'lido' | 'oai_dc' | 'edm' => XML_FORMATS.has(f);

export function parseContext(defaultLanguage: string): ParseContext {
  return { defaultLanguage, ...DEFAULT_LIMITS };
}

/** Caravanserai's own format: an ObjectDraft per line (NDJSON), as the demo collection ships. */
export function parseDrafts(bytes: Buffer): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const raw = bytes.subarray(start, end);
    start = end + 1;
    line++;
    if (!raw.toString('utf8').trim()) continue;
    try {
      const d = JSON.parse(raw.toString('utf8')) as ObjectDraft;
      if (typeof d.identifier !== 'string' || !d.identifier) out.push({ raw, problem: { reason: 'no_identifier', message: `line ${line}: no "identifier"` } });
      else if (!d.title || typeof d.title !== 'object' || !Object.keys(d.title).length) out.push({ raw, identifier: d.identifier, problem: { reason: 'no_title', message: `line ${line}: no "title"` } });
      else out.push({ raw, identifier: d.identifier, draft: d });
    } catch (e) {
      out.push({ raw, problem: { reason: 'unparseable', message: `line ${line}: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }
  return out;
}

/** A file's bytes into records (one file may hold one record or many). */
export function parseBytes(bytes: Buffer, format: SourceFormat, ctx: ParseContext, mapping?: Mapping): ParsedRecord[] {
  if (format === 'draft') return parseDrafts(bytes);
  if (isXmlFormat(format)) return parseXmlFile(bytes, format, ctx);
  return parseJsonFile(bytes, format, ctx, mapping);
}

/**
 * What an OAI-PMH record is without reading its metadata: deleted, or a problem the
 * header or the envelope shows. Undefined: its metadata is to be parsed (here, or from
 * its raw bytes by reparse in another thread, which gives the same record).
 */
export function oaiRecordVerdict(rec: OaiRecord, format: SourceFormat, ctx: ParseContext): ParsedRecord | undefined {
  const base = { raw: rec.raw, ...(rec.identifier ? { identifier: rec.identifier } : {}), ...(rec.datestamp ? { datestamp: rec.datestamp } : {}) };
  if (rec.deleted) return { ...base, deleted: true, ...(rec.identifier ? {} : { problem: { reason: 'no_identifier', message: 'a deleted record whose header has no identifier' } }) };
  if (!rec.identifier) return { ...base, problem: { reason: 'no_identifier', message: 'the record header has no identifier' } };
  if (rec.problem) return { ...base, problem: { reason: 'unparseable', message: rec.problem } };
  if (!rec.metadata) return { ...base, problem: { reason: 'wrong_format', message: 'the record has no <metadata>' } };
  if (!isXmlFormat(format)) return { ...base, problem: { reason: 'wrong_format', message: `OAI-PMH carries XML, not ${format}` } };
  if (rec.raw.length > ctx.maxRecordBytes) return { ...base, problem: { reason: 'too_large', message: `record of ${rec.raw.length} bytes exceeds the cap of ${ctx.maxRecordBytes}` } };
  return undefined;
}

/** One OAI-PMH record (header + metadata) into a ParsedRecord; raw is the standalone <record>. */
export function parseOaiRecord(rec: OaiRecord, format: SourceFormat, ctx: ParseContext): ParsedRecord {
  const verdict = oaiRecordVerdict(rec, format, ctx);
  if (verdict) return verdict;
  const r = fromMetadata(rec.metadata, rec.raw, format as 'lido' | 'oai_dc' | 'edm', ctx, rec.identifier!);
  return rec.datestamp ? { ...r, datestamp: rec.datestamp } : r;
}

/** A record that could not be read, with the reason the parser gives. */
function unreadable(raw: Buffer, identifier: string, e: unknown): ParsedRecord {
  const reason = e instanceof XmlError ? e.reason : 'unparseable';
  return { raw, identifier, problem: { reason, message: e instanceof Error ? e.message : String(e) } };
}

/**
 * The element inside an OAI record's <metadata> into a ParsedRecord, the same whether it
 * was read from its page or from the record's bytes: the OAI identifier is the record's
 * identity in this source, whatever the metadata says, and a parser that throws sets the
 * record aside rather than fail the run.
 */
function fromMetadata(metadata: XmlElement | undefined, raw: Buffer, format: 'lido' | 'oai_dc' | 'edm', ctx: ParseContext, identifier: string): ParsedRecord {
  if (!metadata) return { raw, identifier, problem: { reason: 'wrong_format', message: 'the stored record has no <metadata>' } };
  try {
    const r = parseXmlRecord(metadata, format, ctx, { identifier });
    return { raw, identifier, ...(r.draft ? { draft: r.draft } : {}), ...(r.problem ? { problem: r.problem } : {}) };
  } catch (e) {
    return unreadable(raw, identifier, e);
  }
}

/** The tree of a standalone OAI <record> into a ParsedRecord. */
const oaiRecordOf = (rec: XmlElement, raw: Buffer, format: 'lido' | 'oai_dc' | 'edm', ctx: ParseContext, identifier: string) =>
  fromMetadata(first(rec, undefined, 'metadata')?.children.find(isElement), raw, format, ctx, identifier);

/** A stored record parsed again (renormalise): OAI records are standalone <record> documents. */
export function reparse(raw: Buffer, format: SourceFormat, ctx: ParseContext, opts: { identifier: string; oai: boolean; mapping?: Mapping }): ParsedRecord {
  if (opts.oai && isXmlFormat(format)) {
    let rec: XmlElement;
    try {
      const { text } = decodeXml(raw);
      // the page's depth cap, as when the record was read from its page: a record that
      // nests too deep fails the record's own (tighter) check with the same message
      rec = parseXml(text, { maxBytes: ctx.maxRecordBytes * 2, maxDepth: OAI_DEFAULTS.maxDepth });
    } catch (e) {
      return unreadable(raw, opts.identifier, e);
    }
    return oaiRecordOf(rec, raw, format, ctx, opts.identifier);
  }
  const [r] = parseBytes(raw, format, ctx, opts.mapping);
  return r ? { ...r, raw, identifier: r.identifier ?? opts.identifier } : { raw, identifier: opts.identifier, problem: { reason: 'unparseable', message: 'no record in the stored bytes' } };
}

/**
 * Standalone OAI <record>s cut from a page just read (their bytes are UTF-8 of the
 * page's decoded, repaired text), parsed again: as one document, so that the text is
 * decoded and the names resolved once for all of them. Anything short of a clean read
 * (a record not well-formed, nesting too deep) parses each record alone, as reparse:
 * the same records either way.
 */
export function reparseOaiRecords(records: Array<{ raw: Buffer; identifier: string }>, format: 'lido' | 'oai_dc' | 'edm', ctx: ParseContext): ParsedRecord[] {
  const alone = () => records.map((r) => reparse(r.raw, format, ctx, { identifier: r.identifier, oai: true }));
  let text = '<c>';
  for (const r of records) text += r.raw.toString('utf8');
  text += '</c>';
  const trees: XmlElement[] = [];
  try {
    const opts = {
      maxBytes: Number.MAX_SAFE_INTEGER,
      maxDepth: OAI_DEFAULTS.maxDepth + 1,
      maxRecordDepth: OAI_DEFAULTS.maxDepth,
      keepRecordWhitespace: true,
      isRecord: (el: XmlElement) => el.parent !== undefined && el.parent.parent === undefined,
    };
    for (const { el, tooDeep } of scanXml(text, opts)) {
      if (tooDeep) return alone();
      trees.push(el);
    }
  } catch {
    return alone();
  }
  if (trees.length !== records.length) return alone();
  return records.map((r, i) => oaiRecordOf(trees[i]!, r.raw, format, ctx, r.identifier));
}
