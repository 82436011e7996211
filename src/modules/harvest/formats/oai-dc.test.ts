// oai_dc records as the OAI harvester hands them (the child of <metadata>, parsed out of
// a real page here with parseXml) and as files, from ../shared/fixtures/oai-pmh.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../record.types.ts';
import { oaiDc } from './oai-dc.ts';
import { parseXmlFile, parseXmlRecord } from './xml-file.ts';
import { decodeXml, elements, first, parseXml, type XmlElement } from './xml.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = process.env.CARAVANSERAI_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures');
const haveFixtures = fs.existsSync(path.join(FIXTURES, 'oai-pmh'));
if (!haveFixtures) console.warn(`oai-dc.test.ts: third-party fixtures not found at ${FIXTURES} (set CARAVANSERAI_FIXTURES): fixture tests skipped`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };
const OAI = 'http://www.openarchives.org/OAI/2.0/';

/** the <metadata> children of a page, as the harvester would hand them over */
function metadataOf(rel: string): XmlElement[] {
  const { text } = decodeXml(fs.readFileSync(path.join(FIXTURES, 'oai-pmh', rel)));
  const root = parseXml(text, { maxBytes: 1 << 24, maxDepth: 256 });
  const verb = root.children.find((c): c is XmlElement => typeof c !== 'string' && (c.local === 'ListRecords' || c.local === 'GetRecord'));
  return elements(verb!, OAI, 'record')
    .map((r) => first(r, OAI, 'metadata')?.children.find((c): c is XmlElement => typeof c !== 'string'))
    .filter((m): m is XmlElement => !!m);
}

const DC = 'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"';
const dc = (body: string, known?: { identifier: string }) => oaiDc.toDraft(parseXml(`<oai_dc:dc ${DC}>${body}</oai_dc:dc>`, { maxBytes: 1 << 20, maxDepth: 16 }), ctx, known);

describe.skipIf(!haveFixtures)('sickle-sanitised ListRecords pages (Bielefeld PUB, anonymised)', () => {
  it('the record in ListRecords.xml, handed over as the child of <metadata>', () => {
    const [md] = metadataOf('sickle-sanitised/ListRecords.xml');
    const r = parseXmlRecord(md!, 'oai_dc', ctx);
    // the OAI header identifier is found from the element's own <record>
    expect(r.identifier).toBe('oai:test.example.com:1585322');
    expect(r.datestamp).toBe('2011-01-10T10:19:23Z');
    expect(r.problem).toBeUndefined();
    const d = r.draft!;
    expect(d.identifier).toBe('oai:test.example.com:1585322');
    expect(d.title).toEqual({ en: 'Sample Title' });
    // xml:lang="eng" is English; the stray "(?s)" text node is not a value
    expect(Object.keys(d.description!)).toEqual(['en']);
    expect(d.description!.en).toMatch(/^Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt/);
    expect(d.description!.en).not.toMatch(/\n/);
    // four identical creators are one maker; the publisher is trimmed
    expect(d.makers).toEqual([{ name: { en: 'John Doe' } }, { name: { en: 'Sample Publisher' }, role: { en: 'publisher' } }]);
    expect(d.production).toEqual({ display: { en: '2010' }, earliest: 2010, latest: 2010 });
    expect(d.objectTypes).toEqual([{ label: { en: 'article' } }, { label: { en: 'doc-type:article' } }, { label: { en: 'text' } }]);
    expect(d.homepage).toBe('http://test.example.com/publication/1585322');
  });

  it('every page of the resumptionToken chain gives the same live record and the deleted one', () => {
    for (const page of ['ListRecords.xml', 'ListRecords2.xml', 'ListRecords3.xml']) {
      const recs = parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'oai-pmh/sickle-sanitised', page)), 'oai_dc', ctx);
      expect(recs.map((r) => [r.identifier, r.deleted ?? false, r.problem?.reason])).toEqual([
        ['oai:test.example.com:1585322', false, undefined],
        ['oai:test.example.com:1585310', true, undefined],
      ]);
    }
    // ListRecords4: the deleted header has neither identifier nor datestamp
    const last = parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'oai-pmh/sickle-sanitised/ListRecords4.xml')), 'oai_dc', ctx);
    expect(last[1]).toMatchObject({ deleted: true, problem: { reason: 'no_identifier', message: 'a deleted record whose OAI header has no identifier' } });
  });

  it('GetRecord_utf8test keeps its Chinese creator', () => {
    const [md] = metadataOf('sickle-sanitised/GetRecord_utf8test.xml');
    expect(parseXmlRecord(md!, 'oai_dc', ctx).draft?.makers?.[0]).toEqual({ name: { en: '某人' } });
  });

  it('ListRecordsBroken.xml is not XML: unparseable', () => {
    const [r] = parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'oai-pmh/sickle-sanitised/ListRecordsBroken.xml')), 'oai_dc', ctx);
    expect(r!.problem?.reason).toBe('unparseable');
  });
});

describe.skipIf(!haveFixtures)('Erasmus OAICat/DSpace pages (2003–2006)', () => {
  it('fake1/00005.xml: 16 records, the first read in full (mojibake kept as sent)', () => {
    const mds = metadataOf('real-world/erasmus-dspace-pyoai/fake1/00005.xml');
    expect(mds).toHaveLength(16);
    const recs = mds.map((m) => parseXmlRecord(m, 'oai_dc', ctx));
    expect(recs.every((r) => r.draft && !r.problem)).toBe(true);
    const d = recs[0]!.draft!;
    expect(d.identifier).toBe('hdl:1765/308');
    expect(d.title).toEqual({ en: 'Kijken in het brein: Over de mogelijkheden van neuromarketing' });
    expect(d.inventoryNumber).toBe('90-5892-036-4');
    expect(d.homepage).toBe('http://hdl.handle.net/1765/308');
    expect(d.makers).toEqual([{ name: { en: 'Smidts, A.' }, role: { en: 'contributor' } }]);
    // three identical dc:date are one date
    expect(d.production).toEqual({ display: { en: '2003-04-15T10:18:51Z' }, earliest: 2003, latest: 2003 });
    expect(d.description!.en!.split('\n\n')).toHaveLength(2);
    expect(d.description!.en).toContain('toepas-singsmogelijkheden ge??llustreerd');
    // dc:format "995607" (a byte count) and "application/pdf" say nothing of the object
    expect(d.materials).toBeUndefined();
    expect(d.dimensionsText).toBeUndefined();
  });

  it('fake2/00002.xml (250 KB): every live record imports, the deleted ones withdraw', () => {
    const recs = parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'oai-pmh/real-world/erasmus-dspace-pyoai/fake2/00002.xml')), 'oai_dc', ctx);
    expect(recs).toHaveLength(81);
    expect(recs.filter((r) => r.problem)).toEqual([]);
    expect(recs.filter((r) => r.deleted)).toHaveLength(2);
    expect(recs.filter((r) => r.draft).every((r) => r.identifier?.startsWith('hdl:1765/') && Object.keys(r.draft!.title).length === 1)).toBe(true);
  });

  it('fake1/00006.xml, a bare oai_dc:dc file: identified by its URL dc:identifier', () => {
    const [r] = parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'oai-pmh/real-world/erasmus-dspace-pyoai/fake1/00006.xml')), 'oai_dc', ctx);
    expect(r!.identifier).toBe('http://hdl.handle.net/1765/315');
    expect(r!.draft?.title).toEqual({ en: 'De vrouwenbeweging online. Een onderzoek naar het gebruik van Internet door vrouwenorganisaties in Nederland .' });
  });

  it('fake3 (a <bogus> element) and fake4 (an undefined entity) are not well-formed', () => {
    const read = (rel: string) => parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'oai-pmh/real-world/erasmus-dspace-pyoai', rel)), 'oai_dc', ctx);
    expect(read('fake3/00001.xml')[0]!.problem).toEqual({ reason: 'unparseable', message: 'not well-formed XML: line 1, column 1315: unexpected close tag.' });
    expect(read('fake4/00001.xml')[0]!.problem).toEqual({ reason: 'unparseable', message: 'not well-formed XML: line 1, column 294: undefined entity.' });
  });
});

describe('oai_dc mapping', () => {
  it('prefers the OAI header identifier; without one a URI dc:identifier, else the first', () => {
    expect(dc('<dc:title>T</dc:title><dc:identifier>inv 1</dc:identifier>', { identifier: 'oai:x:1' }).identifier).toBe('oai:x:1');
    expect(dc('<dc:title>T</dc:title><dc:identifier>inv 1</dc:identifier><dc:identifier>urn:nbn:de:1</dc:identifier>').identifier).toBe('urn:nbn:de:1');
    expect(dc('<dc:title>T</dc:title><dc:identifier>inv 1</dc:identifier>').identifier).toBe('inv 1');
    expect(dc('<dc:title>T</dc:title>').problem).toEqual({ reason: 'no_identifier', message: 'oai_dc record has no identifier: no OAI header identifier was given and it has no non-empty dc:identifier' });
    expect(dc('<dc:title> </dc:title>', { identifier: 'oai:x:1' })).toEqual({ identifier: 'oai:x:1', problem: { reason: 'no_title', message: 'oai_dc record has no title: no non-empty dc:title, in any language' } });
  });

  it('titles in several languages make the language map; a second one in a language is an alternative title', () => {
    const d = dc('<dc:title xml:lang="fa">پیاله</dc:title><dc:title xml:lang="en">Bowl</dc:title><dc:title xml:lang="en">Small bowl</dc:title><dc:title>Schale</dc:title>', { identifier: 'x' }).draft!;
    expect(d.title).toEqual({ fa: 'پیاله', en: 'Bowl' });
    expect(d.alternativeTitles).toEqual([{ en: 'Small bowl' }, { en: 'Schale' }]);
  });

  it('format: dimensions or a medium (never a MIME type); coverage: a place or a time; rights: the URI first', () => {
    const d = dc(
      `<dc:title>T</dc:title><dc:format>H. 12.5 cm</dc:format><dc:format>image/jpeg</dc:format><dc:format>silk</dc:format>
       <dc:coverage>Samarkand</dc:coverage><dc:coverage>10th century</dc:coverage><dc:coverage>http://sws.geonames.org/1114927/</dc:coverage>
       <dc:rights>© Museum</dc:rights><dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
       <dc:identifier>http://museum.example/o/1</dc:identifier><dc:identifier>1999.12</dc:identifier><dc:identifier>doi:10.1234/x</dc:identifier>`,
      { identifier: 'oai:m:1' },
    ).draft!;
    expect(d.dimensionsText).toEqual({ en: 'H. 12.5 cm' });
    expect(d.materials).toEqual([{ label: { en: 'silk' } }]);
    expect(d.places).toEqual([
      { name: { en: 'Samarkand' }, role: 'coverage' },
      { name: {}, ids: ['http://sws.geonames.org/1114927/'], role: 'coverage' },
    ]);
    expect(d.periods).toEqual([{ label: { en: '10th century' } }]);
    expect(d.rights).toBe('http://creativecommons.org/licenses/by/4.0/');
    expect(d.homepage).toBe('http://museum.example/o/1');
    expect(d.inventoryNumber).toBe('1999.12');
    expect(d.sameAs).toEqual(['doi:10.1234/x']);
  });

  it('rights: the statement that names a licence wins over an access right given first (DSpace, Invenio)', () => {
    const d = dc(
      `<dc:title>T</dc:title><dc:rights>info:eu-repo/semantics/openAccess</dc:rights>
       <dc:rights>This work is protected under the Copyright Act.</dc:rights>
       <dc:rights>License: Creative Commons Attribution-NoDerivs 3.0</dc:rights>`,
      { identifier: 'oai:r:2' },
    ).draft!;
    expect(d.rights).toBe('License: Creative Commons Attribution-NoDerivs 3.0');
  });

  it('types: OpenAIRE terms are labels, a MIME type is none; subjects joined by ";" are several', () => {
    const d = dc(
      `<dc:title>T</dc:title><dc:type>info:eu-repo/semantics/conferenceObject</dc:type><dc:type>image/jpeg</dc:type>
       <dc:subject>Ceramics; Iran ; Lustreware</dc:subject><dc:subject>Trade; the road that joined them, as one long sentence about a subject that is not a list at all</dc:subject>`,
      { identifier: 'oai:r:3' },
    ).draft!;
    expect(d.objectTypes).toEqual([{ label: { en: 'conference object' } }]);
    expect(d.subjects).toEqual([
      { label: { en: 'Ceramics' } },
      { label: { en: 'Iran' } },
      { label: { en: 'Lustreware' } },
      { label: { en: 'Trade; the road that joined them, as one long sentence about a subject that is not a list at all' } },
    ]);
  });

  it('a heading\'s closing full stop (ISBD) is not part of the term; an abbreviation\'s is', () => {
    const d = dc(
      `<dc:title>T</dc:title><dc:subject xml:lang="es">Inteligencia criminal.</dc:subject><dc:subject>Ming dynasty, 1368-1644.</dc:subject>
       <dc:subject>Smith &amp; Co.</dc:subject><dc:subject>Art, Chinese</dc:subject>`,
      { identifier: 'oai:r:5' },
    ).draft!;
    expect(d.subjects).toEqual([
      { label: { es: 'Inteligencia criminal' } },
      { label: { en: 'Ming dynasty, 1368-1644' } },
      { label: { en: 'Smith & Co.' } },
      { label: { en: 'Art, Chinese' } },
    ]);
  });

  it('a record of 25,000 subjects keeps the first 500 (each new term is compared with those before it)', () => {
    const many = Array.from({ length: 25_000 }, (_, i) => `<dc:subject>t${i}</dc:subject>`).join('');
    const d = dc(`<dc:title>T</dc:title>${many}`, { identifier: 'oai:r:4' }).draft!;
    expect(d.subjects).toHaveLength(500);
    expect(d.subjects![499]).toEqual({ label: { en: 't499' } });
  });

  it('a metadata element of another format is wrong_format, naming it', () => {
    const el = parseXml('<resource xmlns="http://datacite.org/schema/kernel-4"/>', { maxBytes: 1000, maxDepth: 4 });
    expect(parseXmlRecord(el, 'oai_dc', ctx).problem).toEqual({ reason: 'wrong_format', message: 'metadata is <resource>, not oai_dc' });
  });
});

describe('oai_dc as libraries write agents, and links to images', () => {
  it('"Name. Role": the role apart; a former owner is the history of the object, not its making', () => {
    const d = dc(
      '<dc:title>Kitāb</dc:title><dc:creator>Ibn Sīnā</dc:creator><dc:contributor>RENAUDOT, Eusèbe. Ancien possesseur</dc:contributor><dc:contributor>Dupont, Jean. Illustrateur</dc:contributor>',
      { identifier: 'oai:x:1' },
    ).draft!;
    expect(d.makers).toEqual([{ name: { en: 'Ibn Sīnā' } }, { name: { en: 'Dupont, Jean' }, role: { en: 'Illustrateur' } }]);
  });

  it('an imprint\'s place given as a publisher is the place of publication', () => {
    const d = dc('<dc:identifier>x1</dc:identifier><dc:title>T</dc:title><dc:publisher>W Warszawie</dc:publisher><dc:publisher>Gebethner i Wolff</dc:publisher>').draft!;
    expect(d.makers?.map((m) => Object.values(m.name)[0])).toEqual(['Gebethner i Wolff']);
    expect(d.places?.map((p) => [Object.values(p.name)[0], p.role])).toEqual([['Warszawie', 'publication']]);
  });

  it('a link to an image file is a view of the object, not its page', () => {
    const d = dc(
      '<dc:title>Plate</dc:title><dc:identifier>https://m.example.org/object/7</dc:identifier><dc:relation>https://m.example.org/large/7-large.jpg</dc:relation><dc:identifier>https://m.example.org/img/7.png?size=full</dc:identifier>',
      { identifier: 'oai:x:7' },
    ).draft!;
    expect(d.homepage).toBe('https://m.example.org/object/7');
    expect(d.images).toEqual([{ url: 'https://m.example.org/img/7.png?size=full', primary: true }, { url: 'https://m.example.org/large/7-large.jpg' }]);
  });
});
