// The member roster as a file: detect CSV or XLSX, read it into header + trimmed text
// cells with their line numbers, interpret the header, and write the CSV export.
// Nothing here knows the registry; roster.service.ts validates and applies the rows.
// exceljs is loaded on first use: it costs half a second at start-up for a rare upload
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../shared/errors.ts';
import { isLangTag } from '../../shared/langmap.ts';

/** A problem with the file, at a 1-based line (the header is line 1; for XLSX the row number). */
export interface RosterProblem {
  line: number;
  field?: string;
  message: string;
}

export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 10_000;
/** An XLSX is a zip: refuse one that would inflate beyond this before handing it to exceljs. */
const MAX_XLSX_INFLATED = 100 * 1024 * 1024;

export interface Sheet {
  header: string[];
  /** non-blank data rows, cells trimmed */
  rows: Array<{ line: number; cells: string[] }>;
  /** problems reading the file itself (a CSV quote left open) */
  problems: RosterProblem[];
}

const unsupported = (why: string) => new AppError('unsupported_media_type', why);

export type RosterFileFormat = 'csv' | 'xlsx';

/** By content first (an XLSX is a zip), then by the file name's extension, else CSV. */
export function detectFormat(bytes: Buffer, filename: string): RosterFileFormat {
  if (bytes.length > MAX_BYTES) throw new AppError('payload_too_large', 'The roster file is larger than 5 MB, the most an import takes: split it');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw unsupported(`${filename} is an old Excel (.xls) workbook: save it as .xlsx or as CSV UTF-8`);
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') throw unsupported(`${filename} is named like an XLSX workbook but is not one`);
  if (ext && ['xls', 'ods', 'numbers', 'pdf', 'doc', 'docx', 'zip'].includes(ext))
    throw unsupported(`${filename} is neither CSV nor XLSX: save the roster as .xlsx or as CSV UTF-8`);
  return 'csv';
}

export async function readSheet(file: { bytes: Buffer; filename: string }): Promise<Sheet> {
  const sheet = detectFormat(file.bytes, file.filename) === 'xlsx' ? await readXlsx(file.bytes, file.filename) : readCsv(file.bytes, file.filename);
  if (sheet.rows.length > MAX_ROWS)
    throw new AppError('payload_too_large', `The roster has ${sheet.rows.length} data rows; an import takes at most 10,000: split it`);
  return sheet;
}

const blank = (cells: string[]) => cells.every((c) => c === '');

function readCsv(bytes: Buffer, filename: string): Sheet {
  let text: string;
  try {
    // fatal: a file in another encoding is refused rather than read as mojibake; the BOM is dropped
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unsupported(`${filename} is neither an XLSX workbook nor CSV text in UTF-8: save it as .xlsx or as CSV UTF-8`);
  }
  if (text.includes('\0')) throw unsupported(`${filename} is neither an XLSX workbook nor CSV text: save it as .xlsx or as CSV UTF-8`);
  // one line ending, so that line numbers count the way an editor shows them
  text = text.replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n', 1)[0] ?? '';
  // the delimiter is whichever of ; and , the header uses more (Excel in many locales writes ;)
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 1;
    return { header: [], rows: [], problems: [{ line, message: `the CSV cannot be read: ${(e as Error).message}` }] };
  }
  const out: Sheet = { header: [], rows: [], problems: [] };
  let previousEnd = 0;
  for (const { record, info } of records) {
    // info.lines is the line a record ends on; a quoted cell may span lines
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const cells = record.map((c) => c.trim());
    if (line === 1) out.header = cells;
    else if (!blank(cells)) out.rows.push({ line, cells });
  }
  return out;
}

/** The sum of the uncompressed sizes in a zip's central directory, or undefined when it is not readable. */
function inflatedSize(zip: Buffer): number | undefined {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  for (let eocd = zip.length - 22; eocd >= from; eocd--) {
    if (zip.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
      const size = zip.readUInt32LE(at + 24);
      if (size === 0xffffffff) return Infinity; // zip64: far larger than any roster
      total += size;
      at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return total;
  }
  return undefined;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Excel stores dates as day numbers that exceljs turns into UTC midnights
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace(/T00:00:00\.000Z$/, '');
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result ?? null);
  if ('error' in v) return v.error;
  return '';
}

async function readXlsx(bytes: Buffer, filename: string): Promise<Sheet> {
  const inflated = inflatedSize(bytes);
  if (inflated === undefined) throw unsupported(`${filename} is a damaged zip, not a readable XLSX workbook`);
  if (inflated > MAX_XLSX_INFLATED) throw new AppError('payload_too_large', `${filename} unpacks to more than 100 MB: this is not a roster`);
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    throw unsupported(`${filename} cannot be read as an XLSX workbook (${(e as Error).message})`);
  }
  const ws = workbook.worksheets[0];
  if (!ws) throw unsupported(`${filename} has no worksheet`);
  const width = (row: ExcelJS.Row) => row.cellCount;
  const cellsOf = (row: ExcelJS.Row, n: number) => Array.from({ length: n }, (_, i) => cellText(row.getCell(i + 1).value).trim());
  const headerRow = ws.getRow(1);
  const out: Sheet = { header: cellsOf(headerRow, width(headerRow)), rows: [], problems: [] };
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const cells = cellsOf(row, Math.max(width(row), out.header.length));
    if (!blank(cells)) out.rows.push({ line: number, cells });
  });
  return out;
}

// ---- header -------------------------------------------------------------------------

export const SCALAR_FIELDS = [
  'slug', 'kind', 'country', 'latitude', 'longitude', 'website', 'wikidata',
  'category', 'status', 'member_since', 'member_number',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];
export const LANG_FIELDS = ['name', 'short_name', 'city'] as const;
export type LangField = (typeof LANG_FIELDS)[number];

export interface Columns {
  /** cell index of each scalar column present */
  scalar: Partial<Record<ScalarField, number>>;
  /** per language field: language tag -> cell index */
  lang: Record<LangField, Map<string, number>>;
}

/** "ZH_hans" -> "zh-Hans": BCP 47 casing (language lower, script title, region upper). */
export function canonicalLangTag(tag: string): string {
  const [lang = '', ...rest] = tag.split(/[-_]/);
  return [
    lang.toLowerCase(),
    ...rest.map((p) =>
      /^[a-z]{4}$/i.test(p) ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : /^[a-z]{2}$/i.test(p) ? p.toUpperCase() : p.toLowerCase(),
    ),
  ].join('-');
}

/** en first, then zh-Hans, then the rest alphabetically: the export's column order. */
export function sortLangs(tags: Iterable<string>): string[] {
  const rank = (t: string) => (t === 'en' ? 0 : t === 'zh-Hans' ? 1 : 2);
  return [...new Set(tags)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Header names are case-insensitive and in any order; unknown ones are problems of line 1. */
export function interpretHeader(header: string[]): { columns: Columns; problems: RosterProblem[] } {
  const columns: Columns = { scalar: {}, lang: { name: new Map(), short_name: new Map(), city: new Map() } };
  const problems: RosterProblem[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    if (raw === '') return; // an empty header cell (Excel leaves some); a value under it is reported on its line
    const lower = raw.toLowerCase();
    let key: string;
    if ((SCALAR_FIELDS as readonly string[]).includes(lower)) {
      key = lower;
      columns.scalar[lower as ScalarField] = index;
    } else {
      const m = /^(short_name|name|city)_(.+)$/.exec(lower);
      if (!m) return void unknown.push(raw);
      const lang = canonicalLangTag(raw.slice(m[1]!.length + 1));
      if (!isLangTag(lang)) {
        problems.push({ line: 1, field: raw, message: `"${raw.slice(m[1]!.length + 1)}" is not a language tag such as en, zh-Hans, ar` });
        return;
      }
      key = `${m[1]}_${lang}`;
      columns.lang[m[1] as LangField].set(lang, index);
    }
    if (seen.has(key)) problems.push({ line: 1, field: raw, message: 'this column appears more than once' });
    seen.add(key);
  });
  if (unknown.length)
    problems.push({
      line: 1,
      message: `unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (the columns are slug, name_<lang>, short_name_<lang>, city_<lang>, ${SCALAR_FIELDS.slice(1).join(', ')})`,
    });
  if (columns.scalar.slug === undefined && header.some((h) => h !== '')) problems.push({ line: 1, field: 'slug', message: 'the column slug is required' });
  if (!header.some((h) => h !== '')) problems.push({ line: 1, message: 'the first line must be a header naming the columns' });
  return { columns, problems };
}

/** CSV with a header line; csv-stringify quotes a cell only when it needs to. */
export function writeCsv(header: string[], rows: string[][]): string {
  return stringify([header, ...rows]);
}
