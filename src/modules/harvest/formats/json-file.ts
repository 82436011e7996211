// JSON and CSV files into records. One file may hold one JSON record, an array of
// records, NDJSON (one per line), or CSV rows. Records are found with a byte-level scanner
// (no object is built to find them), so each keeps its exact bytes as `raw`, and the
// size and depth caps are checked before JSON.parse sees anything. One bad record is
// quarantined with its line or element number; the others go in.
//
// Text decoding (shared by Linked Art and IIIF): UTF-8 (a BOM is dropped); UTF-16 by its
// BOM or its zero bytes; and bytes that are not UTF-8 read as Windows-1252 *one by one*,
// while the valid UTF-8 around them stays UTF-8. A file that mixes the two (a curly quote
// typed on Windows into a UTF-8 export, manifesto's potterselectric.json) reads as
// written, where a whole-file Windows-1252 fallback would garble every real UTF-8
// character and replacement characters would lose the byte.
import { isUtf8 } from 'node:buffer';
import type { ParseContext, ParsedRecord, RecordProblem } from '../record.types.ts';
import { iiifDocumentRecords } from './iiif.ts';
import { linkedArtToDraft } from './linked-art.ts';
import { compileMapping, MappingError, type CompiledMapping, type Mapping, type MappingMode } from './mapped.ts';

export type JsonFileFormat = 'json' | 'csv' | 'linked-art' | 'iiif';

// ---- decoding ---------------------------------------------------------------------------

export interface Prepared {
  /** the bytes records are cut from: the input without its BOM (UTF-16 input: re-encoded as UTF-8) */
  body: Buffer;
  encoding: 'utf-8' | 'utf-8+windows-1252' | 'utf-16le' | 'utf-16be';
  /** what had to be repaired, for the run report */
  repairs: string[];
  /** the text of body[start, end) */
  text(start: number, end: number): string;
}

// Windows-1252 0x80–0x9F; 0xA0–0xFF are Latin-1. Bytes undefined in Windows-1252 → U+FFFD.
const CP1252 =
  '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD' +
  '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178';
const cp1252 = (b: number) => (b >= 0xa0 ? String.fromCharCode(b) : CP1252[b - 0x80]!);

/** Length of the valid UTF-8 sequence at i, or 0. */
function utf8Seq(buf: Buffer, i: number): number {
  const b = buf[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < buf.length && buf[i + k]! >= lo && buf[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** UTF-8 where it is valid, each other byte as Windows-1252. */
export function decodeMixed(buf: Buffer): { text: string; replaced: number } {
  let out = '';
  let run = 0;
  let replaced = 0;
  for (let i = 0; i < buf.length; ) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8Seq(buf, i);
    if (n) {
      i += n;
      continue;
    }
    out += buf.toString('utf8', run, i) + cp1252(buf[i]!);
    replaced++;
    run = ++i;
  }
  return { text: out + buf.toString('utf8', run), replaced };
}

/** UTF-16 by its byte order mark, or by a zero byte in the first two (text starts with ASCII). */
export function utf16Of(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return 'utf-16be';
  return undefined;
}

export function prepareBytes(bytes: Buffer): Prepared {
  const repairs: string[] = [];
  let body = bytes;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf16 = bom ? undefined : utf16Of(bytes);
  if (bom) {
    body = bytes.subarray(3);
    repairs.push('UTF-8 byte order mark removed');
  }
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes); // drops the BOM itself
    const b = Buffer.from(text, 'utf8');
    repairs.push(`${utf16.toUpperCase()} re-encoded as UTF-8`);
    return { body: b, encoding: utf16, repairs, text: (s, e) => b.toString('utf8', s, e) };
  }
  if (isUtf8(body)) return { body, encoding: 'utf-8', repairs, text: (s, e) => body.toString('utf8', s, e) };
  const { replaced } = decodeMixed(body);
  repairs.push(`${replaced} byte${replaced === 1 ? '' : 's'} that are not UTF-8 read as Windows-1252`);
  return { body, encoding: 'utf-8+windows-1252', repairs, text: (s, e) => decodeMixed(body.subarray(s, e)).text };
}

/** A whole file's text, decoded as above. */
export function decodeText(bytes: Buffer): { text: string; encoding: Prepared['encoding']; repairs: string[] } {
  const p = prepareBytes(bytes);
  return { text: p.text(0, p.body.length), encoding: p.encoding, repairs: p.repairs };
}

// ---- scanning -----------------------------------------------------------------------------

const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

interface Scan {
  end: number;
  depth: number;
  /** false when the value runs off the end (an unclosed string, brace or bracket) */
  complete: boolean;
}

/** The end of the string whose opening quote is at i (the index after its closing quote), or -1. */
function stringEnd(buf: Buffer, i: number, limit: number): number {
  let q = i;
  for (;;) {
    q = buf.indexOf(0x22, q + 1);
    if (q < 0 || q >= limit) return -1;
    let bs = 0;
    while (buf[q - 1 - bs] === 0x5c) bs++;
    if (bs % 2 === 0) return q + 1;
  }
}

/** One JSON value from i (not whitespace): where it ends and how deep it nests. No recursion. */
function scanValue(buf: Buffer, i: number, limit = buf.length): Scan {
  const b0 = buf[i];
  if (b0 === 0x22) {
    const e = stringEnd(buf, i, limit);
    return e < 0 ? { end: limit, depth: 0, complete: false } : { end: e, depth: 0, complete: true };
  }
  if (b0 !== 0x7b && b0 !== 0x5b) {
    let j = i;
    while (j < limit) {
      const b = buf[j]!;
      if (isWs(b) || b === 0x2c || b === 0x5d || b === 0x7d) break;
      j++;
    }
    return { end: Math.max(j, i + 1), depth: 0, complete: true };
  }
  let depth = 0;
  let max = 0;
  for (let j = i; j < limit; j++) {
    const b = buf[j]!;
    if (b === 0x22) {
      const e = stringEnd(buf, j, limit);
      if (e < 0) return { end: limit, depth: max, complete: false };
      j = e - 1;
    } else if (b === 0x7b || b === 0x5b) {
      if (++depth > max) max = depth;
    } else if (b === 0x7d || b === 0x5d) {
      if (--depth === 0) return { end: j + 1, depth: max, complete: true };
    }
  }
  return { end: limit, depth: max, complete: false };
}

/** Nesting depth of a parsed value ({} is 1), counted without recursion and only up to max + 1. */
export function depthOf(v: unknown, max: number): number {
  if (v === null || typeof v !== 'object') return 0;
  const nodes: unknown[] = [v];
  const depths: number[] = [1];
  let deepest = 1;
  while (nodes.length) {
    const n = nodes.pop() as Record<string, unknown> | unknown[];
    const d = depths.pop()!;
    if (d > deepest) {
      deepest = d;
      if (deepest > max) return deepest;
    }
    if (Array.isArray(n)) {
      for (const x of n) if (x !== null && typeof x === 'object') (nodes.push(x), depths.push(d + 1));
    } else
      for (const k in n) {
        const x = n[k];
        if (x !== null && typeof x === 'object') (nodes.push(x), depths.push(d + 1));
      }
  }
  return deepest;
}

/** Line numbers of byte offsets, read forward (offsets asked in increasing order are cheap). */
class Lines {
  private at = 0;
  private line = 1;
  constructor(private buf: Buffer) {}
  of(offset: number): number {
    if (offset < this.at) {
      this.at = 0;
      this.line = 1;
    }
    for (let i = this.at; i < offset && i < this.buf.length; i++) if (this.buf[i] === 0x0a) this.line++;
    this.at = offset;
    return this.line;
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** JSON.parse with a message that names line and column (relative to `firstLine`). */
function parseJsonText(text: string, firstLine = 1): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /at position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const before = text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = firstLine + (before.match(/\n/g)?.length ?? 0);
    const col = pos - nl;
    const clean = msg.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    return { error: `invalid JSON at line ${line}, column ${col}: ${clean}` };
  }
}

export interface JsonPiece {
  value?: unknown;
  raw: Buffer;
  /** where in the file: "" for a single-record file, "line 7", "element 12 (line 40)" */
  where: string;
  problem?: RecordProblem;
}

const at = (where: string, msg: string) => (where ? `${where}: ${msg}` : msg);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

/**
 * The records of a JSON file: one document, a top-level array (each element), NDJSON
 * (each line), or several documents one after another. Caps are checked per record
 * before parsing; raw is each record's own bytes.
 */
export function* splitJson(bytes: Buffer, ctx: ParseContext, prep = prepareBytes(bytes)): Generator<JsonPiece> {
  const buf = prep.body;
  const lines = new Lines(buf);
  let i = 0;
  while (i < buf.length && isWs(buf[i]!)) i++;
  if (i >= buf.length) return;

  const piece = (s: number, e: number, depth: number | undefined, where: string, firstLine: number, expectObject: boolean): JsonPiece => {
    // a view of the input, not a copy: the store copies what it keeps
    const raw = buf.subarray(s, e);
    if (e - s > ctx.maxRecordBytes) return { raw, where, problem: { reason: 'too_large', message: at(where, `record of ${fmt(e - s)} bytes exceeds the cap of ${fmt(ctx.maxRecordBytes)}`) } };
    if (depth !== undefined && depth > ctx.maxDepth) return { raw, where, problem: { reason: 'too_deep', message: at(where, `JSON nesting of depth ${depth} exceeds the cap of ${ctx.maxDepth}`) } };
    const r = parseJsonText(prep.text(s, e), firstLine);
    if (r.error !== undefined) return { raw, where, problem: { reason: 'unparseable', message: at(where, r.error) } };
    if (depth === undefined) {
      const d = depthOf(r.value, ctx.maxDepth);
      if (d > ctx.maxDepth) return { raw, where, problem: { reason: 'too_deep', message: at(where, `JSON nesting deeper than the cap of ${ctx.maxDepth}`) } };
    }
    if (expectObject && (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)))
      return { raw, where, problem: { reason: 'wrong_format', message: at(where, `${kindOf(r.value)}, not a record (a JSON object)`) } };
    return { value: r.value, raw, where };
  };

  // the common case, one object per file: parsed at once (V8's JSON.parse does not recurse),
  // its depth counted on the parsed value; no line starting with "{" means it is not NDJSON
  if (buf[i] === 0x7b && buf.indexOf('\n{', i) < 0) {
    if (buf.length - i > ctx.maxRecordBytes) {
      yield { raw: bytes, where: '', problem: { reason: 'too_large', message: `record of ${fmt(buf.length - i)} bytes exceeds the cap of ${fmt(ctx.maxRecordBytes)}` } };
      return;
    }
    const r = parseJsonText(prep.text(i, buf.length), lines.of(i));
    if (r.error === undefined) {
      const d = depthOf(r.value, ctx.maxDepth);
      if (d > ctx.maxDepth) yield { raw: bytes, where: '', problem: { reason: 'too_deep', message: `JSON nesting deeper than the cap of ${ctx.maxDepth}` } };
      else yield { value: r.value, raw: bytes, where: '' };
      return;
    }
    // not one document: cut it below (several documents on one line, a broken first line …)
  }

  const first = scanValue(buf, i);
  let j = first.end;
  while (j < buf.length && isWs(buf[j]!)) j++;
  const more = j < buf.length;


  // NDJSON: the first value ends on its own line and more follows; or the first line is broken
  // and later lines start records
  const firstLineEnd = buf.indexOf(0x0a, i);
  const isNdjson = first.complete
    ? more && (firstLineEnd < 0 || first.end <= firstLineEnd) && buf.subarray(first.end, j).includes(0x0a)
    : looksLineBased(buf, i);
  if (isNdjson) {
    let lineNo = 0;
    let s = 0;
    while (s < buf.length) {
      let e = buf.indexOf(0x0a, s);
      if (e < 0) e = buf.length;
      lineNo++;
      let a = s;
      let b = e;
      while (a < b && isWs(buf[a]!)) a++;
      while (b > a && isWs(buf[b - 1]!)) b--;
      if (a < b) yield piece(a, b, undefined, `line ${lineNo}`, lineNo, true);
      s = e + 1;
    }
    return;
  }

  if (!first.complete || !more) {
    // one document: an array is its elements (a truncated array still gives its complete ones)
    if (buf[i] === 0x5b) {
      yield* arrayElements(i, first.complete ? first.end : buf.length + 1);
      return;
    }
    // a single record keeps the file's bytes as they came
    yield { ...piece(i, buf.length, first.depth, '', lines.of(i), true), raw: bytes };
    return;
  }
  // several documents one after another (arrays among them are expanded)
  let k = i;
  let n = 0;
  while (k < buf.length) {
    const sc = scanValue(buf, k);
    n++;
    if (buf[k] === 0x5b && sc.complete) yield* arrayElements(k, sc.end);
    else yield piece(k, sc.end, sc.depth, `document ${n} (line ${lines.of(k)})`, lines.of(k), true);
    if (!sc.complete) return;
    k = sc.end;
    while (k < buf.length && isWs(buf[k]!)) k++;
  }

  function* arrayElements(open: number, close: number): Generator<JsonPiece> {
    let k = open + 1;
    let n = 0;
    for (;;) {
      while (k < close && isWs(buf[k]!)) k++;
      if (k >= close - 1) return; // at "]"
      n++;
      const sc = scanValue(buf, k, close - 1);
      const line = lines.of(k);
      yield piece(k, sc.end, sc.depth, `element ${n} (line ${line})`, line, true);
      k = sc.end;
      while (k < close && isWs(buf[k]!)) k++;
      if (buf[k] === 0x2c) {
        k++;
        continue;
      }
      if (k >= close - 1) return;
      // garbage between elements: the rest of the array cannot be cut into records
      const l = lines.of(k);
      yield {
        raw: Buffer.from(buf.subarray(k, close)),
        where: `after element ${n}`,
        problem: { reason: 'unparseable', message: `after element ${n}: invalid JSON at line ${l}: expected "," or "]"; the rest of the array (${fmt(close - k)} bytes) is set aside` },
      };
      return;
    }
  }
}

/** Several non-empty lines, the second one starting a JSON object on its own. */
function looksLineBased(buf: Buffer, from: number): boolean {
  const nl = buf.indexOf(0x0a, from);
  if (nl < 0) return false;
  let k = nl + 1;
  while (k < buf.length && (buf[k] === 0x0a || buf[k] === 0x0d || buf[k] === 0x20 || buf[k] === 0x09)) k++;
  if (buf[k] !== 0x7b) return false;
  const e = buf.indexOf(0x0a, k);
  const sc = scanValue(buf, k, e < 0 ? buf.length : e);
  return sc.complete;
}

// ---- CSV ------------------------------------------------------------------------------------

export interface CsvPiece {
  value?: Record<string, string>;
  raw: Buffer;
  where: string;
  problem?: RecordProblem;
}

/** The delimiter of a header line: the most frequent of , ; tab | outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let q = false;
  for (const c of headerLine) {
    if (c === '"') q = !q;
    else if (!q && c in counts) counts[c]!++;
  }
  let best = ',';
  for (const d of [';', '\t', '|']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

/** The delimiter of a CSV text (BOM removed): Excel's "sep=" first line (of sepLine characters) or the header's. */
export function csvDialect(text: string): { delimiter: string; sepLine: number } {
  const sep = /^sep=(.)\r?\n/.exec(text);
  if (sep) return { delimiter: sep[1]!, sepLine: sep[0].length };
  return { delimiter: detectDelimiter(headerLine(text)), sepLine: 0 };
}

/**
 * The mapping reads columns the header lacks. The header is quoted short (a file without
 * a header row makes its first record the header, with long texts in it), and when no
 * column at all matches, the likely cause is said.
 */
function missingColumns(missing: string[], header: string[], mapped: number): string {
  const quote = (h: string) => `"${h.length > 40 ? `${h.slice(0, 40)}…` : h}"`;
  const shown = header.slice(0, 30).map(quote).join(', ') + (header.length > 30 ? `, … (${header.length} in all)` : '');
  const none = missing.length === mapped ? '; no column of the mapping is in the first line: does the file have a header row?' : '';
  return `the mapping reads column${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}, not in the header (columns: ${shown})${none}`;
}

/** CSV rows as records keyed by the header; raw is the header line plus the row, so a stored row parses again alone. */
export function splitCsv(bytes: Buffer, ctx: ParseContext): { header: string[]; pieces: CsvPiece[] } {
  const prep = prepareBytes(bytes);
  const all = prep.text(0, prep.body.length);
  const { delimiter, sepLine } = csvDialect(all);
  const text = sepLine ? all.slice(sepLine) : all;
  const lineOffset = sepLine ? 1 : 0;
  const rows = tokenizeCsv(text, delimiter.charCodeAt(0), ctx.maxRecordBytes);
  const first = rows.findIndex((r) => !r.error && r.fields.some((f) => f.trim() !== ''));
  if (first < 0) {
    const broken = rows.find((r) => r.error);
    return broken
      ? { header: [], pieces: [{ raw: Buffer.from(text, 'utf8'), where: '', problem: { reason: 'unparseable', message: `CSV header: line ${broken.line + lineOffset}: ${broken.error}` } }] }
      : { header: [], pieces: [] };
  }
  const head = rows[first]!;
  const header: string[] = [];
  const seen = new Map<string, number>();
  head.fields.forEach((h, i) => {
    let name = h.trim() || `column ${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n) name = `${name} (${n + 1})`;
    header.push(name);
  });
  const headRaw = /[\r\n]$/.test(head.raw) ? head.raw : `${head.raw}\n`;
  const pieces: CsvPiece[] = [];
  for (let r = first + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = row.line + lineOffset;
    const where = `line ${line}`;
    const raw = Buffer.from(headRaw + row.raw, 'utf8');
    if (row.error) {
      pieces.push({ raw, where, problem: { reason: row.tooLarge ? 'too_large' : 'unparseable', message: `${where}: ${row.error}` } });
      continue;
    }
    if (row.fields.every((f) => f.trim() === '')) continue;
    if (row.fields.length > header.length && row.fields.slice(header.length).some((f) => f.trim() !== '')) {
      pieces.push({ raw, where, problem: { reason: 'unparseable', message: `${where}: ${row.fields.length} fields where the header has ${header.length}` } });
      continue;
    }
    const value: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) value[header[i]!] = row.fields[i] ?? '';
    pieces.push({ value, raw, where });
  }
  return { header, pieces };
}

interface CsvRow {
  fields: string[];
  /** the row's own text, its line break included */
  raw: string;
  /** the line it starts on (1-based) */
  line: number;
  error?: string;
  tooLarge?: boolean;
}

/**
 * RFC 4180 with the leniency real exports need: CRLF, LF or CR line breaks (mixed too),
 * quoted fields with "" and line breaks, a stray quote inside an unquoted field kept as
 * text, text after a closing quote appended. An unclosed quote makes the rest one broken row.
 */
function tokenizeCsv(text: string, delim: number, maxBytes: number): CsvRow[] {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      // one field
      let value = '';
      if (text.charCodeAt(i) === 0x22) {
        i++;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            value += text.slice(i);
            i = n;
            break;
          }
          const chunk = text.slice(i, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          value += chunk;
          if (text.charCodeAt(q + 1) === 0x22) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          error = `a quoted field opened on line ${startLine} is never closed`;
          break;
        }
        // text after the closing quote, up to the delimiter (lenient)
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === 0x0a || c === 0x0d) break;
          value += text[i];
          i++;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === 0x0a || c === 0x0d) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // end of the row: CRLF, LF or CR
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 2;
      else i++;
      line++;
      break;
    }
    const raw = text.slice(start, i);
    if (error) {
      rows.push({ fields, raw, line: startLine, error });
      break;
    }
    if (raw.length > maxBytes / 4 && Buffer.byteLength(raw) > maxBytes) {
      rows.push({ fields: [], raw, line: startLine, error: `row of ${fmt(Buffer.byteLength(raw))} bytes exceeds the cap of ${fmt(maxBytes)}`, tooLarge: true });
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue; // an empty line
    rows.push({ fields, raw, line: startLine });
  }
  return rows;
}

function headerLine(text: string): string {
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') q = !q;
    else if (!q && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text;
}

// ---- the entry -------------------------------------------------------------------------------

/**
 * A file of records into ParsedRecords. `json` and `csv` take a mapping (without one each
 * record is kept, quarantined as mapping_error, so it can be renormalised once a mapping
 * exists); `linked-art` and `iiif` are read by their keys. A collection of IIIF manifests
 * yields its embedded manifests (use parseIiif in iiif.ts to also get the referenced ones).
 */
export function parseJsonFile(bytes: Buffer, format: JsonFileFormat, ctx: ParseContext, mapping?: Mapping): ParsedRecord[] {
  return [...iterateJsonFile(bytes, format, ctx, mapping)];
}

/** As parseJsonFile, one record at a time (a large NDJSON file need not be held as records). */
export function* iterateJsonFile(bytes: Buffer, format: JsonFileFormat, ctx: ParseContext, mapping?: Mapping): Generator<ParsedRecord> {
  if (format === 'iiif') {
    for (const p of splitJson(bytes, ctx)) {
      if (p.problem) yield { raw: p.raw, problem: p.problem };
      else yield* iiifDocumentRecords(p.value, p.raw, ctx, [], p.where);
    }
    return;
  }
  if (format === 'linked-art') {
    for (const p of splitJson(bytes, ctx)) {
      if (p.problem) {
        yield { raw: p.raw, problem: p.problem };
        continue;
      }
      const r = linkedArtToDraft(p.value, ctx);
      yield {
        raw: p.raw,
        ...(r.identifier ? { identifier: r.identifier } : {}),
        ...(r.draft ? { draft: r.draft } : {}),
        ...(r.problem ? { problem: { ...r.problem, message: at(p.where, r.problem.message) } } : {}),
      };
    }
    return;
  }
  const mode: MappingMode = format === 'csv' ? 'csv' : 'json';
  let compiled: CompiledMapping | undefined;
  let mappingProblem: string | undefined;
  if (!mapping) mappingProblem = `no field mapping is set for this ${format.toUpperCase()} source: the record is kept and can be renormalised once one is`;
  else {
    try {
      compiled = compileMapping(mapping, mode);
      if (mapping.format && mapping.format !== mode) mappingProblem = `the mapping is written for ${mapping.format.toUpperCase()} input, this is ${mode.toUpperCase()}`;
    } catch (e) {
      mappingProblem = e instanceof MappingError ? e.message : String(e);
    }
  }
  if (mode === 'csv') {
    const { header, pieces } = splitCsv(bytes, ctx);
    let headerProblem: string | undefined;
    if (compiled && !mappingProblem) {
      const have = new Set(header);
      const missing = [...compiled.columns].filter((c) => !have.has(c));
      if (missing.length) headerProblem = missingColumns(missing, header, compiled.columns.size);
    }
    for (const p of pieces) {
      if (p.problem) yield { raw: p.raw, problem: p.problem };
      else if (mappingProblem || headerProblem) yield { raw: p.raw, problem: { reason: 'mapping_error', message: at(p.where, (mappingProblem ?? headerProblem)!) } };
      else yield applyMapped(compiled!, p.value, p.raw, p.where, ctx);
    }
    return;
  }
  for (const p of splitJson(bytes, ctx)) {
    if (p.problem) yield { raw: p.raw, problem: p.problem };
    else if (mappingProblem) yield { raw: p.raw, problem: { reason: 'mapping_error', message: at(p.where, mappingProblem) } };
    else if (compiled!.recordPath) {
      const inner = compiled!.recordPath(p.value);
      if (!inner.length) yield { raw: p.raw, problem: { reason: 'mapping_error', message: at(p.where, `recordPath "${mapping!.recordPath}" finds no records in this document`) } };
      let n = 0;
      for (const rec of inner) {
        n++;
        const where = p.where ? `${p.where}, ${mapping!.recordPath} #${n}` : `${mapping!.recordPath} #${n}`;
        const raw = Buffer.from(JSON.stringify(rec), 'utf8');
        if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) yield { raw, problem: { reason: 'wrong_format', message: `${where}: ${kindOf(rec)}, not a record (a JSON object)` } };
        else yield applyMapped(compiled!, rec, raw, where, ctx);
      }
    } else yield applyMapped(compiled!, p.value, p.raw, p.where, ctx);
  }
}

function applyMapped(compiled: CompiledMapping, value: unknown, raw: Buffer, where: string, ctx: ParseContext): ParsedRecord {
  let r;
  try {
    r = compiled.apply(value, ctx);
  } catch (e) {
    // a mapping never crashes a run: whatever it throws is this record's problem
    return { raw, problem: { reason: 'mapping_error', message: at(where, e instanceof Error ? e.message : String(e)) } };
  }
  return {
    raw,
    ...(r.identifier !== undefined ? { identifier: r.identifier } : {}),
    ...(r.draft ? { draft: r.draft } : {}),
    ...(r.problem ? { problem: { ...r.problem, message: at(where, r.problem.message) } } : {}),
  };
}
