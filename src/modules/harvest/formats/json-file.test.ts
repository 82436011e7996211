import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../record.types.ts';
import { decodeMixed, decodeText, depthOf, detectDelimiter, parseJsonFile, splitCsv } from './json-file.ts';
import type { Mapping } from './mapped.ts';
import { checkMapping } from './mapping.schema.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SHARED = path.resolve(ROOT, '../shared');
const HAVE_SHARED = existsSync(path.join(SHARED, 'fixtures'));

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 4096, maxDepth: 16 };
const mapping: Mapping = { fields: { identifier: 'id', title: { path: 'title', lang: 'en' } } };
const b = (s: string) => Buffer.from(s, 'utf8');

describe('decoding', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(b('\uFEFF{"a":"é"}'))).toEqual({ text: '{"a":"é"}', encoding: 'utf-8', repairs: ['UTF-8 byte order mark removed'] });
    expect(decodeText(b('{"a":"é"}')).text).toBe('{"a":"é"}');
  });

  it('reads UTF-16 by its BOM and by its zero bytes', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"t":"中"}', 'utf16le')]);
    expect(decodeText(le).text).toBe('{"t":"中"}');
    expect(decodeText(Buffer.from('{"t":"中"}', 'utf16le')).text).toBe('{"t":"中"}');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 one by one, keeping the real UTF-8 around them', () => {
    // "Mae’r" with a Windows-1252 0x92, next to a real UTF-8 "é"
    const bytes = Buffer.concat([b('"Mae'), Buffer.from([0x92]), b('r café"')]);
    expect(decodeMixed(bytes)).toEqual({ text: '"Mae’r café"', replaced: 1 });
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8+windows-1252');
    expect(d.repairs).toEqual(['1 byte that are not UTF-8 read as Windows-1252']);
    // what the alternatives would give: U+FFFD loses the quote, a whole-file Windows-1252 garbles é
    expect(bytes.toString('utf8')).toContain('\uFFFD');
    expect(new TextDecoder('windows-1252').decode(bytes)).toContain('cafÃ©');
  });
});

describe('JSON records', () => {
  it('one record a file: raw is the file as it came', () => {
    const bytes = b('\uFEFF  {"id": 7, "title": "A"}\n');
    const [r, ...rest] = parseJsonFile(bytes, 'json', ctx, mapping);
    expect(rest).toEqual([]);
    expect(r!.raw).toBe(bytes);
    expect(r!.draft).toEqual({ identifier: '7', title: { en: 'A' } });
  });

  it('an array: each element a record, raw its own bytes', () => {
    const bytes = b('[\n {"id": 1, "title": "A"},\n {"id": 2, "title": "B"}\n]');
    const rs = parseJsonFile(bytes, 'json', ctx, mapping);
    expect(rs.map((r) => r.draft?.identifier)).toEqual(['1', '2']);
    expect(rs.map((r) => r.raw.toString())).toEqual(['{"id": 1, "title": "A"}', '{"id": 2, "title": "B"}']);
  });

  it('NDJSON: a bad line is quarantined with its line number, the others go in', () => {
    const bytes = b('{"id":1,"title":"A"}\n{"id":2,"title":"B"}\n\n{"id":3,"title":"C",,}\r\n{"id":4,"title":"D"}\n');
    const rs = parseJsonFile(bytes, 'json', ctx, mapping);
    expect(rs.map((r) => r.draft?.identifier ?? r.problem?.reason)).toEqual(['1', '2', 'unparseable', '4']);
    expect(rs[2]!.problem!.message).toMatch(/^line 4: invalid JSON at line 4, column 21: /);
    expect(rs[2]!.raw.toString()).toBe('{"id":3,"title":"C",,}');
    expect(rs[3]!.raw.toString()).toBe('{"id":4,"title":"D"}');
  });

  it('NDJSON whose first line is broken is still read line by line', () => {
    const rs = parseJsonFile(b('{"id":1,"title":\n{"id":2,"title":"B"}\n'), 'json', ctx, mapping);
    expect(rs.map((r) => r.draft?.identifier ?? r.problem?.message)).toEqual(['line 1: invalid JSON at line 1, column 17: unexpected end of input', '2']);
  });

  it('invalid JSON: one unparseable record naming line and column', () => {
    const rs = parseJsonFile(b('{\n  "id": 1,\n  "title": "A"\n  "x": 2\n}'), 'json', ctx, mapping);
    expect(rs).toHaveLength(1);
    expect(rs[0]!.problem).toEqual({ reason: 'unparseable', message: "invalid JSON at line 4, column 3: Expected ',' or '}' after property value" });
  });

  it('a truncated array keeps its complete elements', () => {
    const rs = parseJsonFile(b('[{"id":1,"title":"A"},{"id":2,"ti'), 'json', ctx, mapping);
    expect(rs.map((r) => r.draft?.identifier ?? r.problem?.reason)).toEqual(['1', 'unparseable']);
    expect(rs[1]!.problem!.message).toMatch(/^element 2 \(line 1\): invalid JSON/);
  });

  it('several documents one after another', () => {
    const rs = parseJsonFile(b('{"id":1,\n "title":"A"}\n{"id":2,\n "title":"B"}'), 'json', ctx, mapping);
    expect(rs.map((r) => r.draft?.identifier)).toEqual(['1', '2']);
  });

  it('null, numbers and strings are not records', () => {
    expect(parseJsonFile(b('null'), 'json', ctx, mapping)[0]!.problem).toEqual({ reason: 'wrong_format', message: 'null, not a record (a JSON object)' });
    expect(parseJsonFile(b('[1, {"id":1,"title":"A"}]'), 'json', ctx, mapping)[0]!.problem!.message).toBe('element 1 (line 1): a number, not a record (a JSON object)');
    expect(parseJsonFile(b('  \n'), 'json', ctx, mapping)).toEqual([]);
  });

  it('too large: quarantined before parsing', () => {
    const big = `{"id":1,"title":"${'x'.repeat(5000)}"}`;
    expect(parseJsonFile(b(big), 'json', ctx, mapping)[0]!.problem).toEqual({ reason: 'too_large', message: 'record of 5,019 bytes exceeds the cap of 4,096' });
    const rs = parseJsonFile(b(`{"id":1,"title":"A"}\n${big}\n`), 'json', ctx, mapping);
    expect(rs.map((r) => r.problem?.message ?? 'ok')).toEqual(['ok', 'line 2: record of 5,019 bytes exceeds the cap of 4,096']);
  });

  it('too deep: counted without recursion, even a hundred thousand levels down', () => {
    const deep = `{"id":1,"title":"A","x":${'['.repeat(20)}${']'.repeat(20)}}`;
    expect(parseJsonFile(b(deep), 'json', ctx, mapping)[0]!.problem).toEqual({ reason: 'too_deep', message: 'JSON nesting deeper than the cap of 16' });
    expect(parseJsonFile(b(`[${deep}]`), 'json', ctx, mapping)[0]!.problem!.message).toBe('element 1 (line 1): JSON nesting of depth 21 exceeds the cap of 16');
    const huge = '['.repeat(100_000) + ']'.repeat(100_000);
    const rs = parseJsonFile(b(huge), 'json', { ...ctx, maxRecordBytes: 1 << 20 }, mapping);
    expect(rs[0]!.problem!.reason).toBe('too_deep');
    expect(depthOf(JSON.parse('{"a":[{"b":[]}]}'), 64)).toBe(4);
  });

  it('without a mapping, JSON records are kept and quarantined as mapping_error', () => {
    const [r] = parseJsonFile(b('{"id":1}'), 'json', ctx);
    expect(r!.problem!.reason).toBe('mapping_error');
    expect(r!.raw.toString()).toBe('{"id":1}');
  });

  it('a stored record parses again alone to the same draft (renormalise)', () => {
    const rs = parseJsonFile(b('[{"id":1,"title":"A"},{"id":2,"title":"B"}]'), 'json', ctx, mapping);
    for (const r of rs) expect(parseJsonFile(r.raw, 'json', ctx, mapping)[0]!.draft).toEqual(r.draft);
  });

  it('recordPath: records inside an API page', () => {
    const m: Mapping = { recordPath: 'data[*]', fields: mapping.fields };
    const rs = parseJsonFile(b('{"pagination":{},"data":[{"id":1,"title":"A"},{"id":2,"title":"B"},3]}'), 'json', ctx, m);
    expect(rs.map((r) => r.draft?.identifier ?? r.problem?.message)).toEqual(['1', '2', 'data[*] #3: a number, not a record (a JSON object)']);
    expect(rs[1]!.raw.toString()).toBe('{"id":2,"title":"B"}');
  });
});

describe('CSV records', () => {
  const csvMapping: Mapping = {
    format: 'csv',
    fields: {
      identifier: 'Object ID',
      title: [{ path: 'Title', lang: 'en' }, { path: 'Title (Chinese)', lang: 'zh-Hant' }],
      materials: { path: 'Medium', lang: 'en', transforms: [{ split: '|' }] },
      production: { display: { path: 'Date', lang: 'en' }, earliest: { path: 'Begin', transforms: ['number'] } },
      homepage: { path: 'Object ID', transforms: [{ template: 'https://museum.example/objects/{}' }] },
      rights: { path: 'Licence', transforms: [{ map: { CC0: 'http://creativecommons.org/publicdomain/zero/1.0/' } }] },
      images: { fields: { url: 'Image', primary: { value: true } } },
    },
  };

  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;"c,d"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('one record a row, with ; and a BOM; raw is the header line plus the row', () => {
    const text = '\uFEFFObject ID;Title;Title (Chinese);Medium;Date;Begin;Licence;Image\r\n' +
      'A1;Bowl;碗;stoneware|glaze;Tang dynasty;618;CC0;http://img.example/a1.jpg\r\n' +
      'A2;"Jar; lidded";;"bronze";"ca. 1200";;CC0;\r\n';
    const rs = parseJsonFile(b(text), 'csv', ctx, csvMapping);
    expect(rs).toHaveLength(2);
    expect(rs[0]!.draft).toEqual({
      identifier: 'A1',
      title: { en: 'Bowl', 'zh-Hant': '碗' },
      materials: [{ label: { en: 'stoneware' } }, { label: { en: 'glaze' } }],
      production: { display: { en: 'Tang dynasty' }, earliest: 618, latest: null },
      rights: 'http://creativecommons.org/publicdomain/zero/1.0/',
      images: [{ url: 'http://img.example/a1.jpg', primary: true }],
      homepage: 'https://museum.example/objects/A1',
    });
    expect(rs[1]!.draft!.title).toEqual({ en: 'Jar; lidded' });
    expect(rs[1]!.raw.toString()).toBe('Object ID;Title;Title (Chinese);Medium;Date;Begin;Licence;Image\r\nA2;"Jar; lidded";;"bronze";"ca. 1200";;CC0;\r\n');
    // the stored row parses alone to the same draft
    expect(parseJsonFile(rs[1]!.raw, 'csv', ctx, csvMapping)[0]!.draft).toEqual(rs[1]!.draft);
  });

  it('tabs, quoted line breaks, a bad row quarantined by its line, empty rows skipped', () => {
    const text = 'Object ID\tTitle\tTitle (Chinese)\tMedium\tDate\tBegin\tLicence\tImage\n' +
      'B1\t"Two\nlines"\t\t\t\t\t\t\n' +
      '\t\t\t\t\t\t\t\n' +
      'B2\tx\t\t\t\t\t\t\textra\tmore\n' +
      'B3\tThird\t\t\t\t\t\t\n';
    const rs = parseJsonFile(b(text), 'csv', ctx, csvMapping);
    expect(rs.map((r) => r.draft?.identifier ?? `${r.problem!.reason}: ${r.problem!.message}`)).toEqual([
      'B1',
      'unparseable: line 5: 10 fields where the header has 8',
      'B3',
    ]);
    expect(rs[0]!.draft!.title).toEqual({ en: 'Two\nlines' });
  });

  it('a mapping that reads a column the file does not have: every row is a mapping_error naming it', () => {
    const rs = parseJsonFile(b('Object ID,Title\nC1,One\n'), 'csv', ctx, csvMapping);
    expect(rs).toHaveLength(1);
    expect(rs[0]!.problem).toEqual({
      reason: 'mapping_error',
      message: 'line 2: the mapping reads columns "Title (Chinese)", "Licence", "Medium", "Image", "Date", "Begin", not in the header (columns: "Object ID", "Title")',
    });
  });

  it('a file with no header row: the first record, quoted short, and the likely cause', () => {
    const m: Mapping = { format: 'csv', fields: { identifier: 'ID', title: 'Title' } };
    const long = 'A long provenance text that the museum wrote in the third column of every row';
    const rs = parseJsonFile(b(`1138,Landscape,${long}\n1139,Bowl,x\n`), 'csv', ctx, m);
    expect(rs[0]!.problem).toEqual({
      reason: 'mapping_error',
      message: `line 2: the mapping reads columns "ID", "Title", not in the header (columns: "1138", "Landscape", "${long.slice(0, 40)}…"); no column of the mapping is in the first line: does the file have a header row?`,
    });
  });

  it('rows without an identifier or title are quarantined with the column named', () => {
    const m: Mapping = { format: 'csv', fields: { identifier: 'id', title: 'name' } };
    const rs = parseJsonFile(b('id,name\n,Nameless id\n9,\n'), 'csv', ctx, m);
    expect(rs.map((r) => r.problem)).toEqual([
      { reason: 'no_identifier', message: 'line 2: fields.identifier: path "id" yields no value' },
      { reason: 'no_title', message: 'line 3: fields.title: path "name" yields no text' },
    ]);
    expect(rs[1]!.identifier).toBe('9');
  });

  it('mixed line breaks, a quote inside a field, text after a closing quote, an unclosed quote', () => {
    const m: Mapping = { format: 'csv', fields: { identifier: 'id', title: 'name' } };
    const rs = parseJsonFile(b('id,name\r\n1,5" pot\n2,"said ""hi"""\r3,"bad"q\n4,"never closed\n5,x\n'), 'csv', ctx, m);
    expect(rs.map((r) => r.draft?.title.en ?? r.problem!.message)).toEqual([
      '5" pot',
      'said "hi"',
      'badq',
      'line 5: a quoted field opened on line 5 is never closed',
    ]);
  });

  it('splitCsv reports the header', () => {
    expect(splitCsv(b('a,b\n1,2\n'), ctx).header).toEqual(['a', 'b']);
    expect(splitCsv(b('sep=;\na;a;\n1;2;3\n'), ctx).header).toEqual(['a', 'a (2)', 'column 3']);
  });
});

describe.skipIf(!HAVE_SHARED)('the decoding choice on the real file', () => {
  if (!HAVE_SHARED) console.warn(`skipped: ${SHARED}/fixtures is absent (third-party test material)`);
  it('potterselectric.json (a Windows-1252 0x92 inside UTF-8) reads as written', () => {
    const bytes = readFileSync(path.join(SHARED, 'fixtures/iiif/real-world/manifesto/potterselectric.json'));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('utf-8+windows-1252');
    expect(text).toContain('Mae’r adnodd hwn yn rhydd o gyfyngiadau hawlfraint');
    expect(text).not.toContain('\uFFFD');
  });
});

describe('CSV columns that hold several values side by side (the Met: "Artist Display Name", "Artist Role", "Artist ULAN URL")', () => {
  const mapping: Mapping = {
    format: 'csv',
    fields: {
      identifier: 'Object ID',
      title: { path: 'Title', lang: 'en' },
      makers: {
        each: 'Artist Display Name',
        split: '|',
        fields: { name: { path: '.', lang: 'en' }, role: { path: 'Artist Role', lang: 'en' }, ids: 'Artist ULAN URL' },
      },
    },
  };
  it('one maker a position, its role and id from the same position of the other columns; a blank piece is no maker', () => {
    const text =
      'Object ID,Title,Artist Display Name,Artist Role,Artist ULAN URL\n' +
      '1,Bowl,Kinkozan Sobei VII|Yabu Meizan,Potter|Decorator,http://vocab.getty.edu/page/ulan/500013215|\n' +
      '2,Cup,|Ogata Kenzan,|Painter,|http://vocab.getty.edu/page/ulan/500091498\n' +
      '3,Jar,,,\n';
    const rs = parseJsonFile(b(text), 'csv', ctx, mapping);
    expect(rs.map((r) => r.draft?.makers)).toEqual([
      [
        { name: { en: 'Kinkozan Sobei VII' }, role: { en: 'Potter' }, ids: ['http://vocab.getty.edu/page/ulan/500013215'] },
        { name: { en: 'Yabu Meizan' }, role: { en: 'Decorator' } },
      ],
      [{ name: { en: 'Ogata Kenzan' }, role: { en: 'Painter' }, ids: ['http://vocab.getty.edu/page/ulan/500091498'] }],
      undefined,
    ]);
  });
  it('a role built with an optional placeholder: an empty prefix is an empty piece, not a lost role', () => {
    const m: Mapping = {
      ...mapping,
      fields: {
        ...mapping.fields,
        makers: { each: 'Artist Display Name', split: '|', fields: { name: { path: '.', lang: 'en' }, role: { template: '{?Artist Prefix} {Artist Role}', lang: 'en' } } },
      },
    };
    const text = 'Object ID,Title,Artist Display Name,Artist Prefix,Artist Role\n' + '4,Lamp,Louis Comfort Tiffany|Tiffany Studios,Designed by| ,Designer|Maker\n';
    expect(parseJsonFile(b(text), 'csv', ctx, m)[0]!.draft!.makers).toEqual([
      { name: { en: 'Louis Comfort Tiffany' }, role: { en: 'Designed by Designer' } },
      { name: { en: 'Tiffany Studios' }, role: { en: 'Maker' } },
    ]);
    expect(checkMapping({ fields: { identifier: 'id', title: { template: '{?a[}' } } }).errors).toEqual([
      'fields.title.template placeholder {?a[}: bad path "a[": missing "]" for the "[" at character 2',
    ]);
  });

  it('"split" must be a separator and goes with "each"', () => {
    expect(checkMapping({ fields: { identifier: 'id', title: 't', makers: { split: '', fields: { name: 'n' } } } }).errors).toEqual([
      'fields.makers.split: must be a separator such as "|", not ""',
      'fields.makers.split: splits the values "each" reads: give "each" too',
    ]);
  });
});
