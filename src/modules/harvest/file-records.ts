// Records of one file in units of constant size: a large NDJSON, CSV or draft file is
// cut into slices of whole lines (a CSV slice gets the header line again), so peak memory
// does not grow with the file, and the slices of a file can be parsed by several threads
// (each reads only its own). Other files are one unit, parsed whole.
import fs from 'node:fs';
import type { SourceFormat } from '../sources/source.service.ts';
import type { Mapping } from './formats/mapped.ts';
import { csvDialect, iterateJsonFile, utf16Of } from './formats/json-file.ts';
import { parseBytes, parseDrafts } from './parse.ts';
import type { ParseContext, ParsedRecord } from './record.types.ts';

/** Files larger than this are cut into slices when their format is line-based. */
const STREAM_ABOVE = 16 * 1024 * 1024;
// 1 MB: small enough that the parsing threads of a file take turns often (the writer
// takes units in order, so a thread that is ahead waits for the others)
const SLICE_BYTES = 1024 * 1024;
const WINDOW = 64 * 1024;
const LF = 0x0a;
const QUOTE = 0x22;

export interface SliceOptions {
  streamAbove?: number;
  slice?: number;
}

/** Bytes [start, end) of a file; a CSV slice after the first is read behind the header, bytes [0, header). */
export interface FileUnit {
  start: number;
  end: number;
  header?: number;
  /** one slice of several (a slice of blank lines holds no record; a whole blank file is the parser's to judge) */
  slice?: true;
}

/** Longest first line read to tell NDJSON from one document. */
const FIRST_LINE_MAX = 64 * 1024 * 1024;

/**
 * NDJSON: its first line is a whole JSON object, or (the first record broken) the
 * second line starts another at its first column. A pretty-printed document (`{` alone
 * on the first line, indented lines after it: a museum's export with its records in
 * an array) is not, and is read whole: cut at line breaks, it would be broken pieces.
 */
function ndjson(fd: number, size: number): boolean {
  const limit = Math.min(size, FIRST_LINE_MAX);
  const end = lineStartFrom(fd, 1, limit);
  const first = readRange(fd, 0, end).toString('utf8').replace(/^\uFEFF/, '').trim();
  if (!first.startsWith('{')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return end < limit && readRange(fd, end, Math.min(limit, end + 1))[0] === 0x7b;
  }
}

const lineBased = (fd: number, size: number, format: SourceFormat): boolean => format === 'csv' || format === 'draft' || (format === 'json' && ndjson(fd, size));

/** The first line start at or after x: x itself after a line feed, else past the next one (or the end). */
function lineStartFrom(fd: number, x: number, size: number): number {
  if (x <= 0) return 0;
  const b = Buffer.allocUnsafe(WINDOW);
  for (let at = x - 1; at < size; at += WINDOW) {
    const n = fs.readSync(fd, b, 0, WINDOW, at);
    const i = b.subarray(0, n).indexOf(LF);
    if (i >= 0) return at + i + 1;
  }
  return size;
}

/** NDJSON and drafts: a cut at the first line start past each slice's worth of bytes (positioned reads, no full scan). */
function lineCuts(fd: number, size: number, slice: number): number[] {
  const cuts: number[] = [];
  for (let c = lineStartFrom(fd, slice, size); c < size; c = lineStartFrom(fd, c + slice, size)) cuts.push(c);
  return cuts;
}

/** The text of the file's first bytes (the CSV dialect is read from them). */
function head(fd: number, size: number): string {
  return readRange(fd, 0, Math.min(size, WINDOW)).toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * CSV: a cut only where a row ends, at a line feed outside a quoted field (a quoted
 * field may hold line breaks). The rule is the tokenizer's (json-file.ts): a quote opens
 * a field only at its start, "" inside one is a quote, a stray quote elsewhere is text.
 * The file is read once, quote to quote. The first cut ends the header: the first row
 * with content, after Excel's "sep=" line. None when the delimiter is not one byte.
 */
function csvCuts(fd: number, size: number, slice: number): number[] {
  const text = head(fd, size);
  const { delimiter, sepLine } = csvDialect(text);
  const delim = delimiter.charCodeAt(0);
  if (delim > 0x7f) return [];
  const b = Buffer.allocUnsafe(SLICE_BYTES);
  const bom = readRange(fd, 0, Math.min(3, size)).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  const cuts: number[] = [];
  let header = -1; // the end of the header row, once found
  let rowStart = bom + Buffer.byteLength(text.slice(0, sepLine));
  let target = rowStart + 1;
  let quoted = false;
  let prev = LF; // the byte before the buffer
  for (let base = 0; base < size; ) {
    const n = fs.readSync(fd, b, 0, Math.min(b.length, size - base), base);
    if (n <= 0) break;
    const buf = b.subarray(0, n);
    const before = (q: number) => (q > 0 ? buf[q - 1]! : prev);
    let i = 0;
    while (i < n) {
      const q = buf.indexOf(QUOTE, i);
      if (quoted) {
        if (q === n - 1 && q > 0 && base + n < size) {
          i = q; // "" or a closing quote? read it again with the byte after it
          break;
        }
        if (q < 0) i = n;
        else if (buf[q + 1] === QUOTE) i = q + 2;
        else {
          quoted = false;
          i = q + 1;
        }
        continue;
      }
      const lf = buf.indexOf(LF, Math.max(i, target - 1 - base));
      if (lf >= 0 && (q < 0 || lf < q)) {
        i = lf + 1;
        const at = base + i;
        if (header < 0 && blankRow(readRange(fd, rowStart, at), delim)) rowStart = target = at;
        else if (at < size) {
          if (header < 0) header = at;
          cuts.push(at);
          target = at + slice;
        }
        continue;
      }
      if (q < 0) {
        i = n;
        continue;
      }
      const c = before(q);
      if (base + q === bom || c === delim || c === LF || c === 0x0d) quoted = true;
      i = q + 1;
    }
    prev = buf[i - 1] ?? prev;
    base += i;
  }
  return cuts;
}

/** A row of nothing but white space and delimiters. */
function blankRow(bytes: Buffer, delim: number): boolean {
  for (const c of bytes) if (c !== delim && c !== 0x20 && c !== 0x09 && c !== LF && c !== 0x0d) return false;
  return true;
}

/** The units of a file, in order: one, or slices of whole lines when it is large and line-based. */
export function fileUnits(file: string, format: SourceFormat, opts: SliceOptions = {}): FileUnit[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    // UTF-16 has no byte that is a line feed on its own: such a file is read whole
    if (size <= (opts.streamAbove ?? STREAM_ABOVE) || !lineBased(fd, size, format) || utf16Of(readRange(fd, 0, Math.min(size, 2))))
      return [{ start: 0, end: size }];
    const slice = opts.slice ?? SLICE_BYTES;
    if (format !== 'csv') return bounds(lineCuts(fd, size, slice), size);
    const [header, ...cuts] = csvCuts(fd, size, slice);
    if (header === undefined) return [{ start: 0, end: size }];
    // the header row goes with the first slice, as in a whole file, and before each later one
    return bounds(cuts, size).map((u, k) => (k === 0 ? u : { ...u, header }));
  } finally {
    fs.closeSync(fd);
  }
}

function bounds(cuts: number[], size: number): FileUnit[] {
  const out: FileUnit[] = [];
  let start = 0;
  for (const c of [...cuts, size]) {
    out.push({ start, end: c, ...(cuts.length ? { slice: true as const } : {}) });
    start = c;
  }
  return out;
}

function readRange(fd: number, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let at = 0;
  while (at < buf.length) {
    const n = fs.readSync(fd, buf, at, buf.length - at, start + at);
    if (n <= 0) throw new Error(`the file ended before byte ${start + at}: it changed while it was read`);
    at += n;
  }
  return buf;
}

/** A unit's bytes (a later CSV slice behind its header). */
export function readUnit(file: string, unit: FileUnit): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const bytes = readRange(fd, unit.start, unit.end);
    return unit.header ? Buffer.concat([readRange(fd, 0, unit.header), bytes]) : bytes;
  } finally {
    fs.closeSync(fd);
  }
}

/** Only white space. */
function blank(buf: Buffer): boolean {
  for (const c of buf) if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  return true;
}

/** The records of a unit's bytes. */
export function unitRecords(unit: FileUnit, bytes: Buffer, format: SourceFormat, ctx: ParseContext, mapping?: Mapping): Iterable<ParsedRecord> {
  if (unit.slice && blank(unit.header ? bytes.subarray(unit.header) : bytes)) return [];
  if (format === 'draft') return parseDrafts(bytes);
  if (format === 'json' || format === 'csv') return iterateJsonFile(bytes, format, ctx, mapping);
  return parseBytes(bytes, format, ctx, mapping);
}
