// EDM against the real Europeana fixtures in ../shared/fixtures/edm (exact values read
// from the files) and small records written here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObjectDraft, ParseContext, ParsedRecord } from '../record.types.ts';
import { edm } from './edm.ts';
import { parseXmlFile } from './xml-file.ts';
import { parseXml } from './xml.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = process.env.CARAVANSERAI_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures');
const haveFixtures = fs.existsSync(path.join(FIXTURES, 'edm'));
if (!haveFixtures) console.warn(`edm.test.ts: third-party fixtures not found at ${FIXTURES} (set CARAVANSERAI_FIXTURES): fixture tests skipped`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };
const file = (rel: string): ParsedRecord[] => parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'edm', rel)), 'edm', ctx);
function one(rel: string): ObjectDraft {
  const recs = file(rel);
  expect(recs).toHaveLength(1);
  expect(recs[0]!.problem).toBeUndefined();
  return recs[0]!.draft!;
}

const NS = [
  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  'xmlns:edm="http://www.europeana.eu/schemas/edm/"',
  'xmlns:ore="http://www.openarchives.org/ore/terms/"',
  'xmlns:skos="http://www.w3.org/2004/02/skos/core#"',
  'xmlns:wgs84_pos="http://www.w3.org/2003/01/geo/wgs84_pos#"',
  'xmlns:owl="http://www.w3.org/2002/07/owl#"',
].join(' ');
const rdf = (body: string) => edm.toDraft(parseXml(`<rdf:RDF ${NS}>${body}</rdf:RDF>`, { maxBytes: 1 << 20, maxDepth: 64 }), ctx);

describe.skipIf(!haveFixtures)('Europeana fixtures', () => {
  it('metis-validation Item_35834473: a complete external record (half template)', () => {
    const d = one('metis-validation/Item_35834473.xml');
    expect(d.identifier).toBe('/08502/5F41E0B657BDD9923BA2C4655BB7A6880A2ED5C2');
    // no dc:title: dcterms:alternative stands for it
    expect(d.title).toEqual({ en: 'THIS IS A TEST OBJECT' });
    expect(d.inventoryNumber).toBe('local (default) 505/172');
    expect(d.makers?.slice(0, 3)).toEqual([
      { name: {}, ids: ['http://dbpedia.org/resource/Paul_Gauguin'] },
      { name: { en: 'Paul Gauguin' } },
      { name: { en: 'French, 1848-1903' } },
    ]);
    expect(d.materials).toEqual([{ label: { en: 'Oil On Canvas' } }]);
    expect(d.dimensionsText).toEqual({ en: '45.5 x 61.3 cm' });
    expect(d.production).toEqual({ display: { en: 'CHO- dcterms:created' }, earliest: null, latest: null });
    expect(d.rights).toBe('http://rightReserved.html');
    expect(d.homepage).toBe('http://www.imj.org.il/imagine/collections/item.asp?itemNum=193112');
    expect(d.images).toEqual([{ url: 'http://www.imj.org.il/images/corridor/bezalel/modern/new modern scans/g-h-i/gauguin-still life~b66_1041.jpg', primary: true }]);
    expect(d.places?.map((p) => [p.role, p.name, p.ids])).toEqual([
      ['current location', {}, ['http://dummylocation.com']],
      ['coverage', { fr: 'France' }, undefined],
      ['coverage', {}, ['http://sws.geonames.org/3017382/']],
      ['coverage', { en: 'CHO - dc:coverage' }, undefined],
    ]);
    expect(d.creditLine?.en).toMatch(/^Gift of Yad Hanadiv, Jerusalem.*; Photo © The Israel Museum, Jerusalem$/);
    expect(d.sameAs).toEqual(['http://CHO-owl-sameAs.eu']);
    // edm:type (TEXT) is the media type of the digital copy: only edm:hasType classifies
    expect(d.classification).toEqual([{ label: { en: 'CHO - edm:hasType' } }]);
  });

  it('metis-validation Item_schematron_invalid2: contextual classes resolved (Agent, Place with wgs84), IIIF service', () => {
    const d = one('metis-validation/Item_schematron_invalid2.xml');
    expect(d.identifier).toBe('#UEDIN:214');
    expect(d.makers?.[1]).toEqual({ name: { fr: 'Courtois neveu aîné' }, ids: ['http://www.mimo-db.eu/InstrumentMaker/Corporation/194', 'http://Agent-owl-sameAs.eu'] });
    expect(d.places?.[2]).toEqual({ name: { en: 'France' }, ids: ['http://sws.geonames.org/3017382/', 'http://Place-owl-sameAs.eu'], lat: 46, lon: 2, role: 'coverage' });
    expect(d.images?.[0]).toMatchObject({ url: 'http://dams.llgc.org.uk/iiif/image/2.0/1294670/full/512,/0/default.jpg', iiifService: 'http://dams.llgc.org.uk/iiif/image/1294670', primary: true });
    expect(d.rights).toBe('http://rightsstatements.org/vocab/InC-OW-EU/1.0/');
  });

  it('metis-sandbox: valid records import; record-missing-id (edm:ProvidedCHOI) is quarantined with a precise reason', () => {
    const d = one('metis-sandbox/record__valid-record.xml');
    expect(d.identifier).toBe('URN:NBN:SI:doc-35SZSOCF');
    expect(d.title.sl).toMatch(/^Molitve in premishlovanja per objiskovanju/);
    expect(d.production).toEqual({ display: { en: '1826' }, earliest: 1826, latest: 1826 });
    expect(d.rights).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    // isShownBy is the PDF: the image is the thumbnail (edm:object)
    expect(d.images).toEqual([{ url: 'http://www.dlib.si/streamdb/URN:NBN:SI:doc-35SZSOCF/maxi/edm', primary: true }]);
    expect(d.dimensionsText).toEqual({ sl: '148 str., 12° (16 cm)' });

    // element order errors change nothing
    expect(one('metis-sandbox/record__bad-order__record-input.xml')).toEqual(d);

    const [missing] = file('metis-sandbox/record__record-missing-id.xml');
    expect(missing!.identifier).toBeUndefined();
    expect(missing!.draft).toBeUndefined();
    expect(missing!.problem).toEqual({
      reason: 'no_identifier',
      message: "no edm:ProvidedCHO in rdf:RDF (found <edm:ProvidedCHOI>, not a class of EDM: a misspelt edm:ProvidedCHO?); an EDM record is identified by its ProvidedCHO's rdf:about",
    });
  });

  for (const rel of ['metis-sandbox/zip__Record1.xml', 'metis-sandbox/zip__Record2.xml', 'metis-sandbox/zip__Record3.xml', 'metis-sandbox/zip__Record4.xml', 'metis-sandbox/record__transform__record-input.xml', 'metis-sandbox/record__debias__debias-text-record.xml']) {
    it(`${rel} imports`, () => {
      const d = one(rel);
      expect(d.identifier).toMatch(/^(URN:NBN:SI:|\/352\/)/i);
      expect(Object.keys(d.title).length).toBeGreaterThan(0);
    });
  }

  it('metis-media rdf_with_iiif_sample*: svcs:Service conforming to the IIIF Image API gives iiifService', () => {
    const d = one('metis-media/rdf_with_iiif_sample.xml');
    expect(d.identifier).toBe('H-0614');
    expect(d.title).toEqual({ en: '[Official Court Transcript, 12 July 1946]' });
    expect(d.rights).toBe('http://rightsstatements.org/vocab/CNE/1.0/');
    expect(d.homepage).toBe('https://purl.stanford.edu/zw031pj2507');
    expect(d.images).toEqual([
      {
        url: 'https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0001/full/full/0/default.jpg',
        iiifService: 'https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0001',
        thumbnail: 'https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0001/full/400,/0/default.jpg',
        primary: true,
      },
      {
        url: 'https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0002/full/full/0/default.jpg',
        iiifService: 'https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0002',
        caption: { en: 'Page 2' },
      },
    ]);
    expect(d.production).toEqual({ display: { en: '1946-07-12' }, earliest: 1946, latest: 1946 });
    expect(d.subjects).toEqual([{ label: {}, ids: ['http://www.wikidata.org/entity/Q80130'] }, { label: {}, ids: ['http://id.loc.gov/authorities/subjects/sh85093307'] }]);

    // _II: the first service conforms to "http://another.iiif.io/api/image", which is not IIIF
    const d2 = one('metis-media/rdf_with_iiif_sample_II.xml');
    expect(d2.images?.map((i) => i.iiifService)).toEqual([undefined, 'https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0002']);
  });

  it('metis-transformation: sorted and unsorted give the same object; internal EDM is read through its provider proxy; malformedFile is unparseable', () => {
    const sorted = one('metis-transformation/europeana_record_edm_external_sorted.xml');
    expect(one('metis-transformation/europeana_record_edm_external_unsorted.xml')).toEqual(sorted);
    expect(sorted.identifier).toBe('CMC_HA/936');
    // the place is referenced as "iid:4387/SP.1" (not a URI we can state as an id) and resolved in the document
    expect(sorted.places).toEqual([{ name: { en: 'Skara Brae' }, lat: 59.04861, lon: -3.343056, role: 'coverage' }]);
    expect(sorted.periods).toEqual([{ label: { en: 'Neolithic' }, ids: ['https://www.wikidata.org/wiki/Q2314807', 'http://vocab.getty.edu/aat/300019272'] }]);
    // an AAT URI with junk after the id is not an AAT id
    expect(sorted.subjects?.map((s) => s.ids?.[0] ?? s.label.en)).toEqual(['http://vocab.getty.edu/aat/300008372', 'http://vocab.getty.edu/aat/300000810', 'http://vocab.getty.edu/aat/300005433', 'Settlement']);
    // isShownBy is an HTML page: the image is edm:object
    expect(sorted.images?.[0]?.url).toBe('http://www.cmcassociates.co.uk/Skara_Brae/scandata/house10/sb10_scandata_th.jpg');
    expect(sorted.homepage).toBe('http://cmcassociates.co.uk/Skara_Brae/landing/sb_h10_lidar.html');

    const internal = one('metis-transformation/europeana_record_edm_internal.xml');
    expect(internal.identifier).toBe('/00000/some_record_id1');
    expect(internal.title).toEqual(sorted.title);
    expect(internal.periods).toEqual(sorted.periods);

    const [bad] = file('metis-transformation/malformedFile.xml');
    expect(bad!.problem).toEqual({ reason: 'unparseable', message: 'not well-formed XML: line 3, column 1: text data outside of root node.' });
    expect(bad!.raw.equals(fs.readFileSync(path.join(FIXTURES, 'edm/metis-transformation/malformedFile.xml')))).toBe(true);
  });

  it('an empty ProvidedCHO described by an ore:Proxy of the same URI (HOPE style, Item_35834473_test) imports', () => {
    const d = one('metis-validation/Item_35834473_test.xml');
    expect(d.identifier).toBe('http://hdl.handle.net/10796/0C787F5D-D4D6-40B0-B0A7-C196CD67891662');
    expect(d.title).toEqual({ en: 'Combat (1974)13' });
    expect(d.inventoryNumber).toBe('PV-MTSF 258');
    expect(d.production).toEqual({ display: { en: '1974' }, earliest: 1974, latest: 1974 });
    expect(d.rights).toBe('http://www.europeana.eu/rights/rr-f/');
  });

  it('Item_35834473_wrong (no ProvidedCHO at all) is quarantined: no_identifier', () => {
    const [r] = file('metis-validation/Item_35834473_wrong.xml');
    expect(r!.problem).toEqual({ reason: 'no_identifier', message: "no edm:ProvidedCHO in rdf:RDF; an EDM record is identified by its ProvidedCHO's rdf:about" });
  });

  it('every EDM fixture parses without throwing, each file one record or a precise problem', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(xml|rdf)$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const seen: Record<string, string> = {};
    for (const f of walk(path.join(FIXTURES, 'edm')).filter((f) => !f.includes('/schema/') && !f.includes('/ontology/'))) {
      const recs = parseXmlFile(fs.readFileSync(f), 'edm', ctx);
      expect(recs).toHaveLength(1);
      seen[path.relative(path.join(FIXTURES, 'edm'), f)] = recs[0]!.problem?.reason ?? 'ok';
    }
    expect(Object.entries(seen).filter(([, v]) => v !== 'ok')).toEqual([
      ['metis-sandbox/record__record-missing-id.xml', 'no_identifier'],
      ['metis-transformation/malformedFile.xml', 'unparseable'],
      ['metis-validation/Item_35834473_wrong.xml', 'no_identifier'],
    ]);
    expect(Object.keys(seen)).toHaveLength(40);
  });
});

describe('EDM quirks', () => {
  const cho = (about: string, body = '<dc:title>T</dc:title>') => `<edm:ProvidedCHO rdf:about="${about}">${body}</edm:ProvidedCHO>`;

  it('an identifier said to be the inventory number ("… (Inventarnummer)", DDB) is the inventory number, without the saying', () => {
    const d = rdf(cho('urn:i', '<dc:title>T</dc:title><dc:identifier>ID 77</dc:identifier><dc:identifier>WEE_IN_005888 (Inventarnummer)</dc:identifier>')).draft!;
    expect(d.inventoryNumber).toBe('WEE_IN_005888');
  });

  it('an imprint\'s place given as a publisher ("A Paris", "Norimbergæ") is the place of publication, not a maker', () => {
    const d = rdf(cho('urn:p2', '<dc:title>T</dc:title><dc:publisher>Chez H. Iaillot</dc:publisher><dc:publisher>A Paris</dc:publisher><dc:publisher>Norimbergæ</dc:publisher>')).draft!;
    expect(d.makers?.map((m) => Object.values(m.name)[0])).toEqual(['Chez H. Iaillot']);
    expect(d.places?.map((p) => [Object.values(p.name)[0], p.role])).toEqual([['Paris', 'publication'], ['Norimbergæ', 'publication']]);
    // a publisher alone is a publisher, however it starts
    const alone = rdf(cho('urn:p3', '<dc:title>T</dc:title><dc:publisher>In Focus</dc:publisher>')).draft!;
    expect([alone.makers?.map((m) => Object.values(m.name)[0]), alone.places]).toEqual([['In Focus'], undefined]);
  });

  it('a MIME type in dc:type is the scan\'s format, no object type', () => {
    const d = rdf(cho('urn:m', '<dc:title>T</dc:title><dc:type xml:lang="en">map</dc:type><dc:type>image/jpeg</dc:type>')).draft!;
    expect(d.objectTypes).toEqual([{ label: { en: 'map' } }]);
    // a type vocabulary's "Image/Photograph" is no file format
    const photo = rdf(cho('urn:m2', '<dc:title>T</dc:title><dc:type xml:lang="en">Image/Photograph</dc:type>')).draft!;
    expect(photo.objectTypes).toEqual([{ label: { en: 'Image/Photograph' } }]);
  });

  it('dcterms:provenance is the provenance; edm:type is no classification', () => {
    const d = rdf(cho('urn:p', '<dc:title>T</dc:title><dcterms:provenance xml:lang="ru">Фонд Мераба Мамардашвили, Moscow</dcterms:provenance><edm:type>SOUND</edm:type><edm:hasType xml:lang="en">Lecture</edm:hasType>')).draft!;
    expect(d.provenance).toEqual({ ru: 'Фонд Мераба Мамардашвили, Moscow' });
    expect(d.classification).toEqual([{ label: { en: 'Lecture' } }]);
  });

  it('rdf:about is trimmed; empty or whitespace-only is no_identifier', () => {
    expect(rdf(cho('  urn:x:1\n')).identifier).toBe('urn:x:1');
    expect(rdf(cho('   ')).problem).toEqual({ reason: 'no_identifier', message: 'edm:ProvidedCHO has an empty (or whitespace-only) rdf:about' });
    expect(rdf('<edm:ProvidedCHO><dc:title>T</dc:title></edm:ProvidedCHO>').problem?.message).toBe('edm:ProvidedCHO has no rdf:about');
  });

  it('a bulk rdf:RDF of several objects gives one record each, with its own aggregation and bytes', () => {
    const file = `<rdf:RDF ${NS}>${cho('o1', '<dc:title>One</dc:title>')}${cho('o2', '<dc:title>Two</dc:title>')}
      <ore:Aggregation rdf:about="a2"><edm:aggregatedCHO rdf:resource="o2"/><edm:isShownAt rdf:resource="https://m.example/2"/></ore:Aggregation>
      <ore:Aggregation rdf:about="a1"><edm:aggregatedCHO rdf:resource="o1"/><edm:isShownAt rdf:resource="https://m.example/1"/></ore:Aggregation></rdf:RDF>`;
    const recs = parseXmlFile(Buffer.from(file), 'edm', ctx);
    expect(recs.map((r) => [r.identifier, r.draft?.title, r.draft?.homepage])).toEqual([
      ['o1', { en: 'One' }, 'https://m.example/1'],
      ['o2', { en: 'Two' }, 'https://m.example/2'],
    ]);
    expect(recs[1]!.raw.toString()).toMatch(/^<edm:ProvidedCHO xmlns:rdf=.* rdf:about="o2"><dc:title>Two<\/dc:title><\/edm:ProvidedCHO>$/);
  });

  it('rdf:RDF without any EDM is wrong_format', () => {
    expect(rdf('<skos:Concept rdf:about="x"/>').problem).toEqual({ reason: 'wrong_format', message: 'rdf:RDF holds no EDM: no edm:ProvidedCHO, ore:Aggregation or edm:WebResource' });
    expect(edm.recordsOf(parseXml('<html/>', { maxBytes: 100, maxDepth: 4 }))).toBeNull();
  });

  it('titles per language; TimeSpan years; a Place with coordinates; rights as found (padded URIs trimmed)', () => {
    const r = rdf(`${cho(
      'o1',
      `<dc:title xml:lang="en">Bowl</dc:title><dc:title xml:lang="fa">کاسه</dc:title><dc:title xml:lang="en">Dish</dc:title>
       <dcterms:created rdf:resource="#ts"/><dcterms:spatial rdf:resource=" #p "/><dc:creator>Anon</dc:creator><dcterms:medium xml:lang="en">fritware</dcterms:medium>`,
    )}
      <edm:TimeSpan rdf:about="#ts"><skos:prefLabel xml:lang="en">Seljuk period</skos:prefLabel><edm:begin>1040</edm:begin><edm:end>1194</edm:end></edm:TimeSpan>
      <edm:Place rdf:about="#p"><skos:prefLabel xml:lang="en">Kashan</skos:prefLabel><wgs84_pos:lat>33.98</wgs84_pos:lat><wgs84_pos:long>51.43</wgs84_pos:long></edm:Place>
      <ore:Aggregation rdf:about="a1"><edm:aggregatedCHO rdf:resource="o1"/><edm:rights rdf:resource=" https://rightsstatements.org/page/InC/1.0/ "/><edm:isShownAt rdf:resource="https://museum.example/o1"/></ore:Aggregation>`);
    const d = r.draft!;
    expect(d.title).toEqual({ en: 'Bowl', fa: 'کاسه' });
    expect(d.alternativeTitles).toEqual([{ en: 'Dish' }]);
    expect(d.production).toEqual({ display: { en: 'Seljuk period' }, earliest: 1040, latest: 1194 });
    expect(d.places).toEqual([{ name: { en: 'Kashan' }, lat: 33.98, lon: 51.43, role: 'coverage' }]);
    expect(d.materials).toEqual([{ label: { en: 'fritware' } }]);
    expect(d.rights).toBe('https://rightsstatements.org/page/InC/1.0/');
    expect(d.homepage).toBe('https://museum.example/o1');
  });
});

describe('labels of contextual entities', () => {
  const cho = (about: string, body: string) => `<edm:ProvidedCHO rdf:about="${about}">${body}</edm:ProvidedCHO>`;
  it('an untagged prefLabel that a tagged label gives word for word is in that language, not the default', () => {
    const d = rdf(`${cho('o2', '<dc:title xml:lang="en">Dress</dc:title><dcterms:spatial rdf:resource="#p"/><dcterms:spatial rdf:resource="#q"/>')}
      <edm:Place rdf:about="#p"><skos:prefLabel>Western Europe</skos:prefLabel><skos:altLabel xml:lang="en">Western Europe</skos:altLabel><skos:prefLabel xml:lang="fr">Europe de l'Ouest</skos:prefLabel></edm:Place>
      <edm:Place rdf:about="#q"><skos:prefLabel>Brussel</skos:prefLabel></edm:Place>
      <ore:Aggregation rdf:about="a2"><edm:aggregatedCHO rdf:resource="o2"/></ore:Aggregation>`).draft!;
    expect(d.places).toEqual([
      { name: { fr: "Europe de l'Ouest", en: 'Western Europe' }, role: 'coverage' },
      { name: { en: 'Brussel' }, role: 'coverage' },
    ]);
  });
});

describe('the time an object belongs to', () => {
  it('with no date of making, a dcterms:temporal edm:TimeSpan with begin and end gives the years', () => {
    const d = rdf(`<edm:ProvidedCHO rdf:about="urn:cho:1"><dc:title xml:lang="en">Axe head</dc:title><dcterms:temporal rdf:resource="urn:ts:neolithic"/></edm:ProvidedCHO>
      <edm:TimeSpan rdf:about="urn:ts:neolithic"><skos:prefLabel xml:lang="en">Neolithic</skos:prefLabel><edm:begin>-3180</edm:begin><edm:end>-2500</edm:end></edm:TimeSpan>`).draft!;
    expect(d.production).toEqual({ display: { en: 'Neolithic' }, earliest: -3180, latest: -2500 });
    expect(d.periods?.map((p) => p.label)).toEqual([{ en: 'Neolithic' }]);
    // a date of making comes first
    const made = rdf(`<edm:ProvidedCHO rdf:about="urn:cho:2"><dc:title xml:lang="en">Axe head</dc:title><dc:date>1890</dc:date><dcterms:temporal rdf:resource="urn:ts:n"/></edm:ProvidedCHO>
      <edm:TimeSpan rdf:about="urn:ts:n"><skos:prefLabel xml:lang="en">Neolithic</skos:prefLabel><edm:begin>-3180</edm:begin></edm:TimeSpan>`).draft!;
    expect(made.production).toMatchObject({ earliest: 1890, latest: 1890 });
  });
});
