// Files as a whole: hostile documents, encodings, caps, the wrong format, saved OAI
// pages, verbatim records; and the parse+toDraft rate, printed (not asserted).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../record.types.ts';
import { parseXmlFile, parseXmlRecord, RAW_CAP, readXmlFile } from './xml-file.ts';
import { parseXml, type XmlElement } from './xml.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = process.env.CARAVANSERAI_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures');
const haveFixtures = fs.existsSync(path.join(FIXTURES, 'lido'));
if (!haveFixtures) console.warn(`xml-file.test.ts: third-party fixtures not found at ${FIXTURES} (set CARAVANSERAI_FIXTURES): fixture tests skipped`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };
const lidoRec = (id: string, title: string, extra = '') =>
  `<lido:lido><lido:lidoRecID>${id}</lido:lidoRecID><lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>${title}</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap>${extra}</lido:descriptiveMetadata></lido:lido>`;
const wrap = (...recs: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">\n${recs.join('\n')}\n</lido:lidoWrap>\n`;

describe('hostile files', () => {
  it('billion laughs: one unparseable record, the file as raw, quickly', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('');
    const bytes = Buffer.from(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${entities}]><lido:lido xmlns:lido="http://www.lido-schema.org">&lol9;</lido:lido>`);
    const t0 = performance.now();
    const recs = parseXmlFile(bytes, 'lido', ctx);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.problem).toEqual({ reason: 'unparseable', message: 'not well-formed XML: line 1: DOCTYPE declarations are not accepted (no DTD or entity is ever resolved)' });
    expect(recs[0]!.raw.equals(bytes)).toBe(true);
    expect(recs[0]!.draft).toBeUndefined();
  });

  it('XXE: unparseable, and nothing of the file it names', () => {
    const recs = parseXmlFile(Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'), 'lido', ctx);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.problem?.reason).toBe('unparseable');
    expect(JSON.stringify(recs)).not.toMatch(/root:x:0/);
  });

  it('a record nested 100 deep over a cap of 64 is too_deep; the records around it import', () => {
    const deep = lidoRec('deep', 'Deep', `${'<lido:x>'.repeat(100)}${'</lido:x>'.repeat(100)}`);
    const recs = parseXmlFile(Buffer.from(wrap(lidoRec('a', 'A'), deep, lidoRec('b', 'B'))), 'lido', ctx);
    expect(recs.map((r) => [r.draft?.identifier, r.problem?.reason])).toEqual([
      ['a', undefined],
      [undefined, 'too_deep'],
      ['b', undefined],
    ]);
    expect(recs[1]!.problem?.message).toBe('record nests deeper than 64 elements (line 4)');
    expect(recs[1]!.raw.toString()).toContain('<lido:lidoRecID>deep</lido:lidoRecID>');
  });

  it('a file nested 100 deep outside any record is too_deep as a whole', () => {
    const recs = parseXmlFile(Buffer.from('<a>'.repeat(100) + '</a>'.repeat(100)), 'lido', ctx);
    expect(recs).toEqual([{ raw: expect.any(Buffer), problem: { reason: 'too_deep', message: 'line 1: nesting deeper than 64 elements' } }]);
  });

  it('a record over the size cap is too_large; its neighbours import', () => {
    const big = lidoRec('big', 'x'.repeat(5000));
    const recs = parseXmlFile(Buffer.from(wrap(lidoRec('a', 'A'), big)), 'lido', { ...ctx, maxRecordBytes: 2000 });
    expect(recs.map((r) => r.problem?.reason)).toEqual([undefined, 'too_large']);
    expect(recs[1]!.problem?.message).toMatch(/^record of at least \d+ bytes exceeds the cap of 2000 \(line 4\)$/);
  });

  it('an unparseable file keeps at most 1 MB of its bytes', () => {
    const bytes = Buffer.from(`<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">${'<!-- padding -->'.repeat(100_000)}<broken</lido:lidoWrap>`);
    const [r] = parseXmlFile(bytes, 'lido', ctx);
    expect(r!.problem?.reason).toBe('unparseable');
    expect(r!.raw.length).toBe(RAW_CAP);
  });
});

describe('encodings', () => {
  it('a Windows-1252 declared file decodes ’', () => {
    const head = Buffer.from(wrap(lidoRec('w', 'ITS')).replace('UTF-8', 'windows-1252'));
    const bytes = Buffer.from(head.toString('latin1').replace('ITS', 'It\u0092s'), 'latin1');
    const [r] = parseXmlFile(bytes, 'lido', ctx);
    expect(r!.draft?.title).toEqual({ en: 'It’s' });
    // the verbatim record is kept as decoded (UTF-8), so it reads the same again
    expect(parseXmlFile(r!.raw, 'lido', ctx)[0]!.draft).toEqual(r!.draft);
  });

  it('a UTF-8 BOM and whitespace before the declaration parse', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\r\n  ${wrap(lidoRec('b', 'Bom'))}`)]);
    const recs = parseXmlFile(bytes, 'lido', ctx);
    expect(recs.map((r) => r.draft?.title)).toEqual([{ en: 'Bom' }]);
  });
});

describe('the wrong format', () => {
  it('an XML root that is not the format: wrong_format naming the root', () => {
    expect(parseXmlFile(Buffer.from('<html><body>Sorry</body></html>'), 'lido', ctx)[0]!.problem).toEqual({ reason: 'wrong_format', message: 'root is <html>, not LIDO' });
    expect(parseXmlFile(Buffer.from('<lidoWrap><lido><lidoRecID>M016</lidoRecID></lido></lidoWrap>'), 'lido', ctx)[0]!.problem).toEqual({
      reason: 'wrong_format',
      message: 'root is <lidoWrap>, not LIDO: its elements are in no namespace, and LIDO elements must be in http://www.lido-schema.org',
    });
    const rdf = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>';
    expect(parseXmlFile(Buffer.from(rdf), 'lido', ctx)[0]!.problem?.message).toBe('root is <rdf:RDF> (namespace http://www.w3.org/1999/02/22-rdf-syntax-ns#), not LIDO');
    expect(parseXmlFile(Buffer.from(wrap(lidoRec('a', 'A'))), 'edm', ctx)[0]!.problem?.message).toBe('root is <lido:lidoWrap> (namespace http://www.lido-schema.org), not EDM');
  });

  it('an HTML page with its DOCTYPE is the wrong format, not a parse error', () => {
    const page = '<!DOCTYPE html>\n<html>\n<title>Login</title><body><p>Please sign in</p></body></html>';
    expect(parseXmlFile(Buffer.from(page), 'oai_dc', ctx)[0]!.problem).toEqual({ reason: 'wrong_format', message: 'root is <html> (an HTML page), not oai_dc' });
  });

  it('an empty lidoWrap is no records, not a problem', () => {
    expect(parseXmlFile(Buffer.from(wrap()), 'lido', ctx)).toEqual([]);
  });
});

describe('saved OAI-PMH pages and the harvester entry', () => {
  const page = `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
    <record><header><identifier>oai:m:1</identifier><datestamp>2024-01-02</datestamp></header><metadata>
      <lido:lido xmlns:lido="http://www.lido-schema.org"><lido:lidoRecID>rec-1</lido:lidoRecID><lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>One</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap></lido:descriptiveMetadata></lido:lido>
    </metadata></record>
    <record><header status="deleted"><identifier>oai:m:2</identifier><datestamp>2024-01-03</datestamp></header></record>
    <record><header><identifier>oai:m:3</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/></metadata></record>
  </ListRecords></OAI-PMH>`;

  it('records, deletions and foreign metadata from a page saved to a file; the OAI identifier is the identity', () => {
    const recs = parseXmlFile(Buffer.from(page), 'lido', ctx);
    expect(recs.map((r) => ({ id: r.identifier, ds: r.datestamp, deleted: r.deleted, problem: r.problem, draftId: r.draft?.identifier }))).toEqual([
      { id: 'oai:m:1', ds: '2024-01-02', deleted: undefined, problem: undefined, draftId: 'oai:m:1' },
      { id: 'oai:m:2', ds: '2024-01-03', deleted: true, problem: undefined, draftId: undefined },
      { id: 'oai:m:3', ds: undefined, deleted: undefined, problem: { reason: 'wrong_format', message: 'metadata is <oai_dc:dc> (namespace http://www.openarchives.org/OAI/2.0/oai_dc/), not LIDO' }, draftId: undefined },
    ]);
    // the verbatim record is the whole <record>, with the OAI default namespace it inherits
    expect(recs[0]!.raw.toString()).toMatch(/^<record xmlns="http:\/\/www\.openarchives\.org\/OAI\/2\.0\/"><header><identifier>oai:m:1<\/identifier>/);
    expect(recs[1]!.raw.toString()).toMatch(/^<record xmlns="http:\/\/www\.openarchives\.org\/OAI\/2\.0\/">/);
    // and read again on its own (renormalise) it gives the same record
    for (const r of recs) expect(parseXmlFile(r.raw, 'lido', ctx)).toEqual([r]);
  });

  it('parseXmlRecord: the element the harvester hands over, its header found, its caps checked', () => {
    const root = parseXml(page, { maxBytes: 1 << 20, maxDepth: 256 });
    const record = (root.children.find((c) => typeof c !== 'string') as XmlElement).children.find((c) => typeof c !== 'string') as XmlElement;
    const md = (record.children.find((c) => typeof c !== 'string' && c.local === 'metadata') as XmlElement).children.find((c) => typeof c !== 'string') as XmlElement;
    const r = parseXmlRecord(md, 'lido', ctx, { text: page });
    expect(r.identifier).toBe('oai:m:1');
    expect(r.draft?.title).toEqual({ en: 'One' });
    // inherited declarations are added to the start tag: the record stands alone
    expect(r.raw.toString()).toMatch(/^<lido:lido xmlns="http:\/\/www\.openarchives\.org\/OAI\/2\.0\/" xmlns:lido="http:\/\/www\.lido-schema\.org">/);
    expect(parseXmlRecord(md, 'lido', { ...ctx, maxRecordBytes: 100 }).problem?.reason).toBe('too_large');
    expect(parseXmlRecord(md, 'lido', { ...ctx, maxDepth: 3 }).problem).toEqual({ reason: 'too_deep', message: 'record nests deeper than 3 elements (<lido:titleWrap> is at depth 4)' });
    expect(parseXmlRecord(md, 'edm', ctx).problem).toEqual({ reason: 'wrong_format', message: 'metadata is <lido:lido>, not EDM' });
  });

  it('readXmlFile yields the records before a late fault, then the fault', () => {
    const bytes = Buffer.from(wrap(lidoRec('a', 'A'), lidoRec('b', 'B')).replace('</lido:lidoWrap>', '<oops></lido:lidoWrap>'));
    expect([...readXmlFile(bytes, 'lido', ctx)].map((r) => r.draft?.identifier ?? r.problem?.reason)).toEqual(['a', 'b', 'unparseable']);
    expect(parseXmlFile(bytes, 'lido', ctx).map((r) => r.problem?.reason)).toEqual(['unparseable']);
  });
});

describe.skipIf(!haveFixtures)('throughput (printed, not asserted)', () => {
  /** N copies of the one lido:lido of a fixture, lidoRecID made unique; streamed as a pipeline stores them */
  function measure(rel: string, label: string, N = 2000): void {
    const src = fs.readFileSync(path.join(FIXTURES, 'lido', rel), 'utf8');
    const open = src.search(/<lido:lido[\s>]/);
    const rec = src.slice(open, src.indexOf('</lido:lido>') + '</lido:lido>'.length).replace(/^<lido:lido[^>]*>/, '<lido:lido>');
    const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">\n'];
    for (let i = 0; i < N; i++) parts.push(rec.replace('</lido:lidoRecID>', `-${String(i).padStart(4, '0')}</lido:lidoRecID>`), '\n');
    parts.push('</lido:lidoWrap>\n');
    const bytes = Buffer.from(parts.join(''));

    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let n = 0;
    const ids = new Set<string>();
    for (const r of readXmlFile(bytes, 'lido', ctx)) {
      n++;
      ids.add(r.draft!.identifier);
    }
    const cpu = process.cpuUsage(cpu0);
    const ms = performance.now() - t0;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(n).toBe(N);
    expect(ids.size).toBe(N);
    console.log(
      [
        `LIDO parse + toDraft, ${label}: ${N} records of ${Math.round(bytes.length / N)} bytes (${(bytes.length / 1e6).toFixed(1)} MB), streamed, one core:`,
        `  wall: ${Math.round(ms)} ms = ${Math.round(N / (ms / 1000))} records/s (${(bytes.length / 1e6 / (ms / 1000)).toFixed(1)} MB/s)`,
        `  CPU:  ${Math.round(cpuMs)} ms = ${Math.round(N / (cpuMs / 1000))} records per CPU-second (GC threads included; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
        `  RSS growth: ${Math.round((process.memoryUsage().rss - rss0) / 1e6)} MB`,
      ].join('\n'),
    );
  }

  it('2,000 copies of the Dürer record (AQinDa), ids changed', () => {
    measure('real-world/ddb-aqinda-graphics/example_record.xml', 'the Dürer Apocalypse record');
  });

  it('2,000 copies of the DDB minimum record, a plainer museum record', () => {
    measure('examples-profiles/minimaldatensatz.xml', 'the DDB minimum record');
  });
});
