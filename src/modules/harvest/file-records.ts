// Records of one file, a batch at a time, in constant memory: a large NDJSON, CSV or
// draft file is read in slices of whole lines (a CSV slice gets the header line again),
// so peak memory does not grow with the file. Other files are parsed whole.
import fs from 'node:fs';
import type { SourceFormat } from '../sources/source.service.ts';
import type { Mapping } from './formats/mapped.ts';
import { iterateJsonFile } from './formats/json-file.ts';
import { parseBytes, parseDrafts } from './parse.ts';
import type { ParseContext, ParsedRecord } from './record.types.ts';

/** Files larger than this are streamed when their format is line-based. */
const STREAM_ABOVE = 16 * 1024 * 1024;
const SLICE = 4 * 1024 * 1024;

function firstByte(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(64);
    const n = fs.readSync(fd, b, 0, 64, 0);
    const s = b.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return s.charCodeAt(0);
  } finally {
    fs.closeSync(fd);
  }
}

const lineBased = (file: string, format: SourceFormat): boolean =>
  format === 'csv' || format === 'draft' || (format === 'json' && firstByte(file) === 0x7b /* { : NDJSON, not an array */);

function parseSlice(bytes: Buffer, format: SourceFormat, ctx: ParseContext, mapping?: Mapping): Iterable<ParsedRecord> {
  if (format === 'draft') return parseDrafts(bytes);
  if (format === 'json' || format === 'csv') return iterateJsonFile(bytes, format, ctx, mapping);
  return parseBytes(bytes, format, ctx, mapping);
}

export async function* fileRecords(
  file: string,
  format: SourceFormat,
  ctx: ParseContext,
  mapping?: Mapping,
  opts: { streamAbove?: number; slice?: number } = {},
): AsyncGenerator<ParsedRecord> {
  const size = (await fs.promises.stat(file)).size;
  if (size <= (opts.streamAbove ?? STREAM_ABOVE) || !lineBased(file, format)) {
    yield* parseSlice(await fs.promises.readFile(file), format, ctx, mapping);
    return;
  }
  let header: Buffer | undefined;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: opts.slice ?? SLICE })) {
    let buf: Buffer = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const cut = buf.lastIndexOf(10);
    if (cut < 0) {
      rest = buf;
      continue;
    }
    rest = Buffer.from(buf.subarray(cut + 1));
    buf = buf.subarray(0, cut + 1);
    if (format === 'csv') {
      if (!header) {
        const nl = buf.indexOf(10);
        header = Buffer.from(buf.subarray(0, nl + 1));
        buf = buf.subarray(nl + 1);
      }
      if (buf.length) yield* parseSlice(Buffer.concat([header, buf]), format, ctx, mapping);
    } else if (buf.length) yield* parseSlice(buf, format, ctx, mapping);
  }
  if (rest.length && rest.toString('utf8').trim()) yield* parseSlice(format === 'csv' && header ? Buffer.concat([header, rest]) : rest, format, ctx, mapping);
}
