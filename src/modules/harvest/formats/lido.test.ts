// LIDO against the real fixtures in ../shared/fixtures/lido (exact values read from the
// files) and against small records written here for the quirks the fixtures lack.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObjectDraft, ParseContext, ParsedRecord } from '../record.types.ts';
import { lido } from './lido.ts';
import { parseXmlFile } from './xml-file.ts';
import { decodeXml, parseXml } from './xml.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = process.env.CARAVANSERAI_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures');
const haveFixtures = fs.existsSync(path.join(FIXTURES, 'lido'));
if (!haveFixtures) console.warn(`lido.test.ts: third-party fixtures not found at ${FIXTURES} (set CARAVANSERAI_FIXTURES): fixture tests skipped`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };

function file(rel: string): ParsedRecord[] {
  return parseXmlFile(fs.readFileSync(path.join(FIXTURES, 'lido', rel)), 'lido', ctx);
}

function one(rel: string): ObjectDraft {
  const recs = file(rel);
  expect(recs).toHaveLength(1);
  expect(recs[0]!.problem).toBeUndefined();
  return recs[0]!.draft!;
}

const LIDO_NS = 'xmlns:lido="http://www.lido-schema.org"';
function record(body: string, c: ParseContext = ctx) {
  const root = parseXml(`<lido:lido ${LIDO_NS} xmlns:gml="http://www.opengis.net/gml">${body}</lido:lido>`, { maxBytes: 1 << 20, maxDepth: 64 });
  return lido.toDraft(root, c);
}
const titled = (t = 'A title') => `<lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>${t}</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap>`;

describe.skipIf(!haveFixtures)('every LIDO fixture imports to its identifier and title languages', () => {
  const expected: Record<string, [string, string[]][]> = {
    'examples-official/LIDO-Example_FMobj00154983-LaPrimavera.xml': [['DE-Mb112/lido-obj00154983', ['en', 'de']]],
    'examples-official/LIDO-Example_FMobj20344012-Fontana_del_Moro.xml': [
      ['DE-Mb112/lido-obj20344012', ['en', 'de']],
      ['DE-Mb112/lido-obj20344012,T,001', ['en', 'de']],
      ['DE-Mb112/lido-obj20344012,T,002', ['en', 'de']],
    ],
    'examples-official/LIDO-v1.1-Example_FMobj00154983-LaPrimavera.xml': [['DE-Mb112/lido-obj00154983', ['it', 'en', 'de', 'fr']]],
    'examples-official/LIDO-v1.1-Example_FMobj20344012-Fontana_del_Moro.xml': [
      ['DE-Mb112/lido/obj20344012', ['de', 'it', 'en']],
      ['DE-Mb112/lido/obj20344012,T,001', ['de']],
      ['DE-Mb112/lido/obj20344012,T,002', ['de', 'it']],
    ],
    'examples-profiles/minimaldatensatz.xml': [['DE-MUS-059918/dc00018494', ['de']]],
    'real-world/cimec-romania/LIDO-Test.xml': [['000FBE0B1E2D4E48A4FEDAA8BE3C80F1', ['ro']]],
    'real-world/ddb-aqinda-graphics/example_record.xml': [['DE-MUS-079214/lido/05091715,T,001', ['de']]],
    'real-world/flemish-art-collection/kmska_lido.xml': [['http://resolver.kmska.be/collection/7', ['nl']]],
    'real-world/flemish-art-collection/msk_lido.xml': [['http://resolver.mskgent.be/collection/1914-IJ', ['nl']]],
    'real-world/flemish-art-collection/vkc_lido.xml': [['http://vlaamsekunstcollectie.be/collection/work/data/1981_GRO0017_I', ['nl']]],
  };

  it('covers every file of examples-official, examples-profiles and real-world', () => {
    const all: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(FIXTURES, 'lido', dir), { withFileTypes: true })) {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) walk(rel);
        else all.push(rel);
      }
    };
    for (const d of ['examples-official', 'examples-profiles', 'real-world']) walk(d);
    expect(all.sort()).toEqual(Object.keys(expected).sort());
  });

  it('streaming (with unread subtrees pruned) gives exactly the drafts of a whole tree, for every LIDO file', () => {
    const rels = [...Object.keys(expected), 'broken/aqinda-manipulated/DDB_LIDO_record_1.xml', 'broken/aqinda-manipulated/DDB_LIDO_record_2.xml', 'broken/aqinda-manipulated/graphics_LIDO_record'];
    for (const rel of rels) {
      const bytes = fs.readFileSync(path.join(FIXTURES, 'lido', rel));
      const whole = lido.recordsOf(parseXml(decodeXml(bytes).text, { maxBytes: 1 << 24, maxDepth: 64 }))!.map((el) => {
        const r = lido.toDraft(el, ctx);
        return r.draft ?? r.problem;
      });
      expect(parseXmlFile(bytes, 'lido', ctx).map((r) => r.draft ?? r.problem)).toEqual(whole);
    }
  });

  for (const [rel, recs] of Object.entries(expected)) {
    it(rel, () => {
      const got = file(rel);
      expect(got.map((r) => [r.identifier, Object.keys(r.draft?.title ?? {})])).toEqual(recs);
      for (const r of got) {
        expect(r.problem).toBeUndefined();
        expect(r.draft!.identifier).toBe(r.identifier);
        // the verbatim record stands alone: it parses again and reads the same
        const again = parseXmlFile(r.raw, 'lido', ctx);
        expect(again).toHaveLength(1);
        expect(again[0]!.draft).toEqual(r.draft);
      }
    });
  }
});

describe.skipIf(!haveFixtures)('official examples (Foto Marburg)', () => {
  it('La Primavera, v1.0: two language blocks merged into one object', () => {
    const d = one('examples-official/LIDO-Example_FMobj00154983-LaPrimavera.xml');
    expect(d.title).toEqual({ en: 'La Primavera / Spring', de: 'La Primavera / Der Frühling' });
    expect(d.alternativeTitles).toBeUndefined();
    expect(d.language).toBe('en');
    expect(d.inventoryNumber).toBe('8360 (Inv. 1890)');
    expect(d.objectTypes).toEqual([{ label: { en: 'painting', de: 'Bild' } }]);
    // the europeana:type classification (IMAGE) is the media type of the digital copy
    expect(d.classification).toEqual([{ label: { en: 'panel painting', de: 'Tafelmalerei' } }]);
    expect(d.materials).toEqual([{ label: { en: 'tempera', de: 'Tempera' } }, { label: { en: 'poplar', de: 'Pappelholz' } }]);
    // nationality and life dates beside the name (the example files "Italien" under xml:lang="en")
    expect(d.makers).toEqual([{ name: { en: 'Botticelli, Sandro', de: 'Botticelli, Sandro' }, role: { en: 'painter', de: 'Maler' }, about: { en: 'Italien, 1445–1510' } }]);
    expect(d.production).toEqual({ display: { en: '1482' }, earliest: 1482, latest: 1482 });
    expect(d.dimensionsText).toEqual({ en: '203 x 314 cm', de: '203 x 314 cm' });
    expect(d.places?.map((p) => [p.name.en, p.role])).toEqual([
      ['Florence, Palazzo Medici Riccardi, Via Cavour', 'provenance'],
      ['Castello (Florence), Villa Medicea', 'provenance'],
    ]);
    expect(d.subjects?.[0]).toEqual({ label: { en: '23 D 42', de: '23 D 42' }, ids: ['http://iconclass.org/23D42'] });
    expect(d.homepage).toBe('http://www.bildindex.de/dokumente/html/obj00154983');
    expect(d.images?.[0]).toEqual({ url: 'http://www.bildindex.de/bilder/t/fmc654591', caption: { en: 'overall view' }, primary: true });
    expect(d.images).toHaveLength(3);
    expect(d.description).toBeUndefined();
  });

  it('La Primavera, v1.1: skos:Concept labels and AAT ids, titles in four languages', () => {
    const d = one('examples-official/LIDO-v1.1-Example_FMobj00154983-LaPrimavera.xml');
    expect(d.title).toEqual({ it: 'La Primavera', en: 'Spring', de: 'Der Frühling', fr: 'Allégorie du Printemps' });
    expect(d.alternativeTitles).toEqual([{ it: 'allegoria della primavera' }]);
    expect(d.objectTypes).toEqual([{ label: { en: 'painting (visual work)', de: 'Gemälde' }, ids: ['http://vocab.getty.edu/aat/300033618'] }]);
    expect(d.materials).toEqual([
      { label: { en: 'poplar (wood)' }, ids: ['http://vocab.getty.edu/aat/300012363'] },
      { label: { en: 'oil tempera' }, ids: ['http://vocab.getty.edu/aat/300015066'] },
    ]);
    expect(d.techniques).toEqual([{ label: { en: 'panel painting (image-making)' }, ids: ['http://vocab.getty.edu/aat/300178675'] }]);
    expect(d.cultures).toEqual([{ label: { en: 'Florentine' }, ids: ['http://vocab.getty.edu/aat/300386003'] }]);
    expect(d.periods).toEqual([{ label: { en: 'Renaissance' }, ids: ['http://vocab.getty.edu/aat/300021140'] }]);
    expect(d.makers).toEqual([
      {
        name: { de: 'Botticelli, Sandro' },
        role: { en: 'painters (artists)', de: 'Maler' },
        // AAT's "Italian (culture or style)" as a nationality: the qualifier left out
        about: { en: 'Italian, 1445–1510' },
        ids: ['http://vocab.getty.edu/ulan/500015254', 'https://d-nb.info/gnd/118514008'],
      },
    ]);
    expect(d.production).toEqual({ display: { de: 'um 1480 oder 1482/1485' }, earliest: 1480, latest: 1485 });
    expect(d.measurements).toEqual([
      { type: 'height', value: 203, unit: 'cm' },
      { type: 'width', value: 314, unit: 'cm' },
    ]);
    expect(d.rights).toBe('http://rightsstatements.org/vocab/NoC-OKLR/1.0/');
    expect(d.sameAs).toEqual(['https://www.uffizi.it/opere/botticelli-primavera', 'https://d-nb.info/gnd/4069615-7']);
    expect(d.homepage).toBe('https://www.bildindex.de/document/obj00154983');
    expect(d.description?.de).toMatch(/^Das berühmte Bild, dessen Bedeutung noch umstritten ist, befand sich 1498 in der Via Larga/);
    expect(d.description?.de).not.toMatch(/\n|  /);
    expect(d.images?.[0]).toEqual({
      url: 'http://www.bildindex.de/bilder/d/fmp_gkka1982_01929_2l',
      thumbnail: 'http://www.bildindex.de/bilder/m/fmp_gkka1982_01929_2l',
      width: 1200,
      rights: 'https://www.deutsche-digitale-bibliothek.de/content/lizenzen/rv-fz/',
      caption: { de: 'Gesamtansicht' },
      primary: true,
    });
  });

  it('Fontana del Moro, v1.1: a lidoWrap of a whole and its parts, preferred and alternate titles', () => {
    const [whole, basin, moor] = file('examples-official/LIDO-v1.1-Example_FMobj20344012-Fontana_del_Moro.xml').map((r) => r.draft!);
    expect(whole!.title).toEqual({ de: 'Fontana del Moro', it: 'Fontana del Moro', en: 'Fontana del Moro (Rome, Italy)' });
    expect(whole!.alternativeTitles).toEqual([
      { de: 'Mohrenbrunnen' },
      { en: 'Fountain of the Moor (Rome, Italy)' },
      { en: 'Moor, Fountain of the (Rome, Italy)' },
      { en: 'Moro, Fontana del (Rome, Italy)' },
    ]);
    expect(whole!.materials).toEqual([{ label: { en: 'marble (rock)', de: 'Marmor' }, ids: ['http://vocab.getty.edu/aat/300011443'] }]);
    expect(whole!.rights).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(basin!.production).toEqual({ display: { de: '1575-1576' }, earliest: 1575, latest: 1576 });
    expect(basin!.makers?.[0]?.ids).toEqual(['http://vocab.getty.edu/ulan/500025366', 'http://d-nb.info/gnd/118977326']);
    expect(moor!.makers?.map((m) => [m.name.de, m.role?.en])).toEqual([
      ['Bernini, Gian Lorenzo', 'designers'],
      ['Mari, Giovanni Antonio', 'sculptors'],
    ]);
    expect(moor!.production).toEqual({ display: { de: '1654' }, earliest: 1654, latest: 1654 });
  });

  it('Fontana del Moro, v1.0: three records, makers per part', () => {
    const [whole, basin] = file('examples-official/LIDO-Example_FMobj20344012-Fontana_del_Moro.xml').map((r) => r.draft!);
    expect(whole!.objectTypes).toEqual([{ label: { en: 'fountain', de: 'Brunnenanlage' } }]);
    expect(whole!.production).toBeUndefined();
    expect(basin!.makers).toEqual([{ name: { en: 'Porta, Giacomo della', de: 'Porta, Giacomo della' }, role: { en: 'sculptor', de: 'Bildhauer' }, about: { en: 'Italy, 1537–1602' } }]);
    expect(basin!.production).toEqual({ display: { en: '1575–1576' }, earliest: 1575, latest: 1576 });
  });
});

describe.skipIf(!haveFixtures)('the DDB minimum record and the real-world records', () => {
  it('DDB Minimaldatensatz: AAT and Wikidata ids, measurements with decimal commas', () => {
    const d = one('examples-profiles/minimaldatensatz.xml');
    expect(d.title).toEqual({ de: 'Kabinettschrank, Inv. Nr.: 1977.20' });
    expect(d.inventoryNumber).toBe('1977.20');
    expect(d.objectTypes).toEqual([{ label: { de: 'Kabinettschrank', en: 'display cabinets' }, ids: ['http://vocab.getty.edu/aat/300379868'] }]);
    expect(d.materials?.map((m) => m.ids?.[0])).toEqual(['http://vocab.getty.edu/aat/300375333', 'http://www.wikidata.org/entity/Q156005', 'http://vocab.getty.edu/aat/300011857']);
    expect(d.techniques).toEqual([{ label: { de: 'Gravierung' }, ids: ['https://d-nb.info/gnd/4191438-7'] }]);
    expect(d.measurements).toEqual([
      { type: 'Höhe', value: 106, unit: 'cm' },
      { type: 'Breite', value: 101.1, unit: 'cm' },
      { type: 'Tiefe', value: 60.9, unit: 'cm' },
      { type: 'Breite (geöffnet)', value: 190, unit: 'cm' },
    ]);
    expect(d.production).toEqual({ display: { de: 'um 1600' }, earliest: 1596, latest: 1605 });
    expect(d.makers?.map((m) => [m.name.de, m.role?.de])).toEqual([
      ['Fiammingo, Giacomo', 'Künstler'],
      ['Curtis, Giovanni Battista de', 'Graveur'],
      ['Picicaro, Januarius', 'Graveur'],
    ]);
    expect(d.places).toEqual([{ name: { de: 'Neapel' }, ids: ['https://sws.geonames.org/3172394/'], role: 'production' }]);
    expect(d.rights).toBe('http://creativecommons.org/publicdomain/zero/1.0/');
    expect(d.homepage).toBe('http://sammlungonline.mkg-hamburg.de/de/object/Kabinettschrank/1977.20/dc00018494');
    expect(d.images).toHaveLength(3);
    expect(d.images?.[0]?.url).toBe('http://resources.digicult-museen.net/dam/provided_image/m5ea54539bef06');
  });

  it('Dürer, Apocalypse title page (AQinDa): every event read for what it is', () => {
    const d = one('real-world/ddb-aqinda-graphics/example_record.xml');
    expect(d.title).toEqual({ de: 'Die Jungfrau erscheint Johannes' });
    expect(d.alternativeTitles).toEqual([{ de: 'Die Apokalypse' }]);
    expect(d.inventoryNumber).toBe('25367');
    expect(d.objectTypes?.map((t) => t.ids)).toEqual([['http://vocab.getty.edu/aat/300055033'], ['http://vocab.getty.edu/aat/300041405']]);
    expect(d.classification?.map((t) => [t.label.de, t.ids?.[0]])).toEqual([
      ['Druckgrafik (Visuelles Werk)', 'http://vocab.getty.edu/aat/300041273'],
      ['Renaissance', 'http://vocab.getty.edu/aat/300021140'],
    ]);
    // design (1498), block cutting (1511), the impression (its watermark is not a material), publication (1511)
    expect(d.makers).toEqual([
      { name: { de: 'Dürer, Albrecht' }, role: { de: 'Inventor' }, about: { de: '1471–1528' }, ids: ['http://d-nb.info/gnd/11852786X'] },
      { name: { de: 'Dürer, Albrecht' }, role: { de: 'Holzschneider' }, about: { de: '1471–1528' }, ids: ['http://d-nb.info/gnd/11852786X'] },
      { name: { de: 'Dürer, Albrecht' }, role: { de: 'Verleger' }, about: { de: '1471–1528' }, ids: ['http://d-nb.info/gnd/11852786X'] },
    ]);
    expect(d.production).toEqual({ display: { de: '1498; 1511' }, earliest: 1498, latest: 1511 });
    expect(d.techniques).toEqual([{ label: { de: 'Holzschnitt' }, ids: ['http://vocab.getty.edu/aat/300053296'] }]);
    expect(d.materials).toBeUndefined();
    const nuremberg = ['http://vocab.getty.edu/tgn/7004334', 'http://sws.geonames.org/3020251/'];
    expect(d.places).toEqual([
      { name: { de: 'Nürnberg' }, ids: nuremberg, role: 'production' },
      { name: { de: 'Nürnberg' }, ids: nuremberg, role: 'publication' },
      { name: { de: 'New York' }, ids: ['http://vocab.getty.edu/tgn/7007567'], role: 'exhibition' },
      // repositoryLocation: where the sheet is kept
      { name: { de: 'Köln' }, ids: ['http://vocab.getty.edu/tgn/7004446', 'http://sws.geonames.org/2886242/'], role: 'current location' },
    ]);
    expect(d.inscriptions).toEqual([{ text: 'Apocalipsis/cu[m] figuris', lang: 'la', kind: 'Inschrift' }]);
    expect(d.dimensionsText).toEqual({ de: 'Blatt: 39,8 x 28,1 cm; Darstellung: 35,8 x 26,1 cm' });
    expect(d.measurements).toEqual([
      { type: 'Höhe', value: 39.8, unit: 'cm', part: 'Blatt' },
      { type: 'Breite', value: 28.1, unit: 'cm', part: 'Blatt' },
      { type: 'Höhe', value: 35.8, unit: 'cm', part: 'Darstellung' },
      { type: 'Breite', value: 26.1, unit: 'cm', part: 'Darstellung' },
    ]);
    expect(d.subjects?.map((s) => s.ids?.[0])).toEqual(['http://iconclass.org/11H(JOHN)122', 'http://iconclass.org/73G11', 'http://iconclass.org/11F4132']);
    expect(d.description?.de?.split('\n\n')).toHaveLength(2);
    expect(d.rights).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    expect(d.creditLine).toEqual({ de: 'gemeinfrei' });
    expect(d.homepage).toBe('https://www.bildindex.de/document/obj05091715?part=1');
    expect(d.sameAs).toEqual(['DE-MUS-079214/object/05091715,T,001']);
    expect(d.images).toEqual([{ url: 'http://www.bildindex.de/bilder/d/mi11813c13', thumbnail: 'http://www.bildindex.de/bilder/m/mi11813c13', primary: true }]);
  });

  it('CIMEC coin: malformed schemaLocation ignored; display-only materials typed by their label', () => {
    const d = one('real-world/cimec-romania/LIDO-Test.xml');
    expect(d.title).toEqual({ ro: 'Denar republican' });
    expect(d.language).toBe('ro');
    expect(d.inventoryNumber).toBe('30505');
    expect(d.classification?.[0]).toEqual({ label: { ro: 'numismatică', en: 'numismatics' } });
    expect(d.materials).toEqual([{ label: { ro: 'Ag' } }]);
    expect(d.techniques).toEqual([{ label: { ro: 'batere' } }]);
    expect(d.cultures).toEqual([{ label: { en: 'workshop: Roma', ro: 'atelier: Roma' } }]);
    expect(d.makers).toEqual([{ name: { ro: 'C. Norbanus' }, role: { en: 'issuer', ro: 'emitent' } }]);
    // the years of "83 a.Chr." are normalise's to find: the record states no number
    expect(d.production).toEqual({ display: { ro: '83 a.Chr.' }, earliest: null, latest: null });
    expect(d.places).toEqual([
      { name: { ro: 'Roma republicană' }, role: 'production' },
      { name: { ro: 'Curtea casei lui Ciolea Gherasin' }, role: 'findspot' },
    ]);
    expect(d.dimensionsText).toEqual({ ro: 'diameter: 17,5x18; weight: 3,84' });
    expect(d.description).toEqual({ ro: 'Capul lui Venus, purtând diademă, în profil spre dreapta. Marcă de control\n\nProră, fascie cu topor, caduceu și spic cu boabe' });
    expect(d.rights).toBe('http://www.europeana.eu/rights/rr-f/');
    expect(d.homepage).toBe('http://clasate.cimec.ro/detaliu.asp?k=000FBE0B1E2D4E48A4FEDAA8BE3C80F1');
    expect(d.images).toEqual([{ url: 'http://clasate.cimec.ro/medium/NUM_6942500_787-173.jpg', primary: true }]);
  });

  it('Flemish records (Adlib → Catmandu): empty descriptiveNoteValue gives no description; 0/0 dates give no years', () => {
    const msk = one('real-world/flemish-art-collection/msk_lido.xml');
    expect(msk.description).toBeUndefined();
    expect(msk.classification).toEqual([{ label: { nl: 'olieverfschilderij' }, ids: ['http://vocab.getty.edu/aat/300033799'] }]);
    expect(msk.makers).toEqual([{ name: { nl: 'Sys, Maurice' }, about: { nl: '1880–1972' }, ids: ['http://viaf.org/viaf/96421783', 'http://explore.rkd.nl/nl/explore/artists/72543'] }]);
    expect(msk.measurements).toEqual([
      { type: 'hoogte', value: 26.9, unit: 'cm' },
      { type: 'breedte', value: 20.2, unit: 'cm' },
    ]);
    expect(msk.periods).toEqual([{ label: { nl: '20ste eeuw' } }]);
    expect(msk.homepage).toBe('http://resolver.mskgent.be/collection/work/data/1914-IJ');

    const kmska = one('real-world/flemish-art-collection/kmska_lido.xml');
    expect(kmska.description).toBeUndefined();
    expect(kmska.production).toBeUndefined();
    expect(kmska.title).toEqual({ nl: 'Oorlogsschip "De Jacob" voor anker' });
    expect(kmska.materials).toEqual([{ label: { nl: 'olieverf op doek' } }]);
    expect(kmska.makers?.[0]?.name).toEqual({ nl: 'Ludolf Backhuysen' });

    const vkc = one('real-world/flemish-art-collection/vkc_lido.xml');
    expect(vkc.title).toEqual({ nl: 'Les trois jours (De drie dagen)' });
    expect(vkc.alternativeTitles).toEqual([{ nl: 'Les trois jours (The three Days)' }]);
    expect(vkc.production).toEqual({ display: { nl: '1959' }, earliest: 1959, latest: null });
    expect(vkc.measurements?.map((m) => m.part)).toEqual([undefined, undefined]); // a template placeholder is not a part
    expect(vkc.description?.nl).toMatch(/^Pierre Alechinsky is een van de belangrijkste figuren/);
  });
});

describe.skipIf(!haveFixtures)('AQinDa manipulated records: well-formed, schema-invalid', () => {
  it('DDB_LIDO_record_1 (element order, two lidoRecIDs, an empty English term) still imports', () => {
    const d = one('broken/aqinda-manipulated/DDB_LIDO_record_1.xml');
    expect(d.identifier).toBe('DE-MUS-059918/dc00018494');
    expect(d.title).toEqual({ de: 'Kabinettschrank, Inv. Nr.: 1977.20' });
    expect(d.alternativeTitles?.[0]).toEqual({ de: '20' });
    expect(d.objectTypes).toEqual([{ label: { de: 'Kabinettschrank' }, ids: ['http://vocab.getty.edu/aat/300038888'] }]);
    expect(d.images?.[0]?.url).toBe('http://invalid-link.de');
  });

  it('DDB_LIDO_record_2 (no lidoRecID, no title, xml:lang "deutsch") is quarantined: no_title, identified by its workID', () => {
    const [r] = file('broken/aqinda-manipulated/DDB_LIDO_record_2.xml');
    expect(r!.identifier).toBe('1977.20');
    expect(r!.problem).toEqual({
      reason: 'no_title',
      message: 'LIDO record has no title: no non-empty lido:appellationValue in lido:descriptiveMetadata/lido:objectIdentificationWrap/lido:titleWrap/lido:titleSet, in any language',
    });
    const root = parseXml(fs.readFileSync(path.join(FIXTURES, 'lido/broken/aqinda-manipulated/DDB_LIDO_record_2.xml'), 'utf8'), { maxBytes: 1 << 20, maxDepth: 64 });
    expect(lido.toDraft(root, ctx).warnings).toEqual(['no lido:lidoRecID: identifier taken from lido:workID']);
  });

  it('graphics_LIDO_record (degraded) imports: "AAT 300041405" made a URI, an invented AAT URI dropped, empty values skipped', () => {
    const d = one('broken/aqinda-manipulated/graphics_LIDO_record');
    expect(d.identifier).toBe('DE-MUS-079214/lido/05091715,T,001');
    expect(d.title).toEqual({ de: 'Die Jungfrau erscheint Johannes' });
    expect(d.alternativeTitles).toBeUndefined();
    expect(d.objectTypes).toEqual([{ label: { de: 'Titelblatt' } }, { label: { de: 'Holzschnitt' }, ids: ['http://vocab.getty.edu/aat/300041405'] }]);
    expect(d.classification?.[1]).toEqual({ label: {}, ids: ['http://vocab.getty.edu/aat/300021140'] });
    expect(d.inventoryNumber).toBeUndefined();
    expect(d.rights).toBeUndefined();
    expect(d.sameAs).toBeUndefined();
    expect(d.production).toEqual({ display: { de: '1498; 1511' }, earliest: 1498, latest: 1511 });
  });
});

describe('LIDO quirks', () => {
  it('identifier: the first non-empty lidoRecID, else objectPublishedID (with a warning)', () => {
    expect(record(`<lido:lidoRecID> </lido:lidoRecID><lido:lidoRecID>b</lido:lidoRecID>${titled()}</lido:descriptiveMetadata>`).identifier).toBe('b');
    const r = record(`<lido:objectPublishedID>http://example.org/o/1</lido:objectPublishedID>${titled()}</lido:descriptiveMetadata>`);
    expect(r.identifier).toBe('http://example.org/o/1');
    expect(r.warnings).toEqual(['no lido:lidoRecID: identifier taken from lido:objectPublishedID']);
    expect(r.draft?.sameAs).toEqual(['http://example.org/o/1']);
  });

  it('no identifier at all: no_identifier, naming what was looked for', () => {
    expect(record(`${titled()}</lido:descriptiveMetadata>`).problem).toEqual({
      reason: 'no_identifier',
      message: 'LIDO record has no identifier: lido:lidoRecID is missing or empty, and so are lido:objectPublishedID, lido:recordID and lido:workID',
    });
  });

  it('languages: xml:lang, else lido:lang, else the source default; names and ISO 639-2 codes made BCP 47', () => {
    const body = (lang: string) =>
      `<lido:lidoRecID>x</lido:lidoRecID><lido:descriptiveMetadata ${lang}><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>T</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap></lido:descriptiveMetadata>`;
    expect(record(body('xml:lang="zh-hant"')).draft?.title).toEqual({ 'zh-Hant': 'T' });
    expect(record(body('lido:lang="ar"')).draft?.title).toEqual({ ar: 'T' });
    expect(record(body('xml:lang="deutsch"')).draft?.title).toEqual({ de: 'T' });
    expect(record(body('xml:lang="fre"')).draft?.title).toEqual({ fr: 'T' });
    expect(record(body('xml:lang="und"'), { ...ctx, defaultLanguage: 'fa' }).draft?.title).toEqual({ fa: 'T' });
    expect(record(body(''), { ...ctx, defaultLanguage: 'tr' }).draft?.title).toEqual({ tr: 'T' });
  });

  it('no title in any language: no_title', () => {
    const r = record(`<lido:lidoRecID>x</lido:lidoRecID>${titled('  ')}</lido:descriptiveMetadata>`);
    expect(r.identifier).toBe('x');
    expect(r.problem?.reason).toBe('no_title');
  });

  it('AAT ids written every way become the URI; BCE and ISO years; coordinates and place ids; IIIF', () => {
    const r = record(`<lido:lidoRecID>x</lido:lidoRecID>${titled()}
      <lido:objectClassificationWrap><lido:objectWorkTypeWrap>
        <lido:objectWorkType><lido:conceptID lido:source="AAT">300041273</lido:conceptID><lido:term>print</lido:term></lido:objectWorkType>
        <lido:objectWorkType><lido:conceptID>https://vocab.getty.edu/page/aat/300033618</lido:conceptID><lido:term>painting</lido:term></lido:objectWorkType>
        <lido:objectWorkType><lido:conceptID>aat:300047090</lido:conceptID><lido:term>sculpture</lido:term></lido:objectWorkType>
      </lido:objectWorkTypeWrap></lido:objectClassificationWrap>
      <lido:eventWrap><lido:eventSet><lido:event>
        <lido:eventType><lido:term>Production</lido:term></lido:eventType>
        <lido:eventDate><lido:displayDate>83 BC – AD 14</lido:displayDate><lido:date><lido:earliestDate>-0083</lido:earliestDate><lido:latestDate>0014-06-30</lido:latestDate></lido:date></lido:eventDate>
        <lido:eventPlace><lido:place><lido:placeID lido:type="URI">http://sws.geonames.org/3169070/</lido:placeID><lido:namePlaceSet><lido:appellationValue xml:lang="it">Roma</lido:appellationValue></lido:namePlaceSet>
          <lido:gml><gml:Point><gml:pos>41.89193 12.51133</gml:pos></gml:Point></lido:gml></lido:place></lido:eventPlace>
      </lido:event></lido:eventSet></lido:eventWrap>
      </lido:descriptiveMetadata>
      <lido:administrativeMetadata xml:lang="en"><lido:resourceWrap>
        <lido:resourceSet><lido:resourceRepresentation><lido:linkResource>https://iiif.example.org/iiif/2/abc/info.json</lido:linkResource></lido:resourceRepresentation></lido:resourceSet>
        <lido:resourceSet><lido:resourceRepresentation><lido:linkResource>https://iiif.example.org/iiif/2/def/full/max/0/default.jpg</lido:linkResource></lido:resourceRepresentation></lido:resourceSet>
      </lido:resourceWrap></lido:administrativeMetadata>`);
    const d = r.draft!;
    expect(d.objectTypes?.map((t) => t.ids?.[0])).toEqual(['http://vocab.getty.edu/aat/300041273', 'http://vocab.getty.edu/aat/300033618', 'http://vocab.getty.edu/aat/300047090']);
    expect(d.production).toEqual({ display: { en: '83 BC – AD 14' }, earliest: -83, latest: 14 });
    expect(d.places).toEqual([{ name: { it: 'Roma' }, ids: ['http://sws.geonames.org/3169070/'], lat: 41.89193, lon: 12.51133, role: 'production' }]);
    expect(d.images).toEqual([
      { iiifService: 'https://iiif.example.org/iiif/2/abc', primary: true },
      { url: 'https://iiif.example.org/iiif/2/def/full/max/0/default.jpg', iiifService: 'https://iiif.example.org/iiif/2/def' },
    ]);
  });

  it('element-order errors and missing wraps are tolerated; unprefixed LIDO attributes too', () => {
    const r = record(`<lido:administrativeMetadata><lido:recordWrap><lido:recordInfoSet><lido:recordInfoLink> https://museum.example/o/7 </lido:recordInfoLink></lido:recordInfoSet></lido:recordWrap></lido:administrativeMetadata>
      <lido:descriptiveMetadata xml:lang="en"><lido:eventWrap/><lido:objectIdentificationWrap>
        <lido:titleSet><lido:appellationValue pref="alternate">Alt</lido:appellationValue><lido:appellationValue pref="preferred">Main</lido:appellationValue></lido:titleSet>
      </lido:objectIdentificationWrap></lido:descriptiveMetadata><lido:lidoRecID>late</lido:lidoRecID>`);
    expect(r.identifier).toBe('late');
    expect(r.draft?.title).toEqual({ en: 'Main' });
    expect(r.draft?.alternativeTitles).toEqual([{ en: 'Alt' }]);
    expect(r.draft?.homepage).toBe('https://museum.example/o/7');
  });

  it('inscriptions keep their script and line breaks, and only their own language', () => {
    const r = record(`<lido:lidoRecID>x</lido:lidoRecID><lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap>
      <lido:titleWrap><lido:titleSet><lido:appellationValue>Bowl</lido:appellationValue></lido:titleSet></lido:titleWrap>
      <lido:inscriptionsWrap><lido:inscriptions lido:type="inscription">
        <lido:inscriptionTranscription xml:lang="ar">بركة
          كاملة</lido:inscriptionTranscription>
        <lido:inscriptionDescription lido:type="translation"><lido:descriptiveNoteValue>Perfect blessing</lido:descriptiveNoteValue></lido:inscriptionDescription>
      </lido:inscriptions><lido:inscriptions><lido:inscriptionTranscription>ΑΒΓ</lido:inscriptionTranscription></lido:inscriptions></lido:inscriptionsWrap>
      </lido:objectIdentificationWrap></lido:descriptiveMetadata>`);
    expect(r.draft?.inscriptions).toEqual([
      { text: 'بركة\nكاملة', lang: 'ar', kind: 'inscription', translation: { en: 'Perfect blessing' } },
      { text: 'ΑΒΓ' },
    ]);
  });

  it('never throws for a strange record: an element that is not LIDO gives a problem', () => {
    const root = parseXml('<lido:lido xmlns:lido="http://www.lido-schema.org"><lido:descriptiveMetadata/></lido:lido>', { maxBytes: 1000, maxDepth: 8 });
    expect(lido.toDraft(root, ctx).problem?.reason).toBe('no_identifier');
    expect(lido.recordsOf(parseXml('<html/>', { maxBytes: 100, maxDepth: 8 }))).toBeNull();
  });
});

describe('LIDO as exporters other than the fixtures write it', () => {
  const ev = (type: string, inner: string) =>
    `<lido:eventWrap><lido:eventSet><lido:event><lido:eventType>${type}</lido:eventType>${inner}</lido:event></lido:eventSet></lido:eventWrap>`;
  const actor = (name: string) =>
    `<lido:eventActor><lido:actorInRole><lido:actor><lido:nameActorSet><lido:appellationValue>${name}</lido:appellationValue></lido:nameActorSet></lido:actor></lido:actorInRole></lido:eventActor>`;
  const date = (a: string, b: string) => `<lido:eventDate><lido:date><lido:earliestDate>${a}</lido:earliestDate><lido:latestDate>${b}</lido:latestDate></lido:date></lido:eventDate>`;
  const T = 'http://terminology.lido-schema.org/';

  it('an event named by how the object was made ("Aufgenommen", a photograph taken) is its making', () => {
    const d = record(`<lido:lidoRecID>m1</lido:lidoRecID>${titled()}${ev('<lido:conceptID>https://event-types.example.org/10</lido:conceptID><lido:term>Aufgenommen</lido:term>', actor('Raschke, Ursula') + date('1971', '1981'))}</lido:descriptiveMetadata>`).draft!;
    expect(d.makers).toEqual([{ name: { en: 'Raschke, Ursula' } }]);
    expect(d.production).toMatchObject({ earliest: 1971, latest: 1981 });
  });

  it('beside a making, a publication\'s authors are literature, not makers; its publisher is', () => {
    const roled = (name: string, role: string) =>
      `<lido:eventActor><lido:actorInRole><lido:actor><lido:nameActorSet><lido:appellationValue>${name}</lido:appellationValue></lido:nameActorSet></lido:actor><lido:roleActor><lido:term>${role}</lido:term></lido:roleActor></lido:actorInRole></lido:eventActor>`;
    const events = `<lido:eventWrap><lido:eventSet><lido:event><lido:eventType><lido:term>Production</lido:term></lido:eventType>${roled('Jonghe, Jean-Baptiste De', 'painter')}</lido:event></lido:eventSet>`
      + `<lido:eventSet><lido:event><lido:eventType><lido:term>publication</lido:term></lido:eventType>${roled('Sunaert, Adolphe Pierre', 'author')}${roled('Van Doosselaere', 'publisher')}</lido:event></lido:eventSet></lido:eventWrap>`;
    const d = record(`<lido:lidoRecID>pub1</lido:lidoRecID>${titled()}${events}</lido:descriptiveMetadata>`).draft!;
    expect(d.makers).toEqual([
      { name: { en: 'Jonghe, Jean-Baptiste De' }, role: { en: 'painter' } },
      { name: { en: 'Van Doosselaere' }, role: { en: 'publisher' } },
    ]);
  });

  it('a display list of materials is a term each (CIMEC); a measurement label that says only "dimensions" is not prefixed', () => {
    const mt = `<lido:eventMaterialsTech><lido:displayMaterialsTech xml:lang="ro" lido:label="material">oțel; fontă; alamă</lido:displayMaterialsTech></lido:eventMaterialsTech>`;
    const dims = `<lido:objectMeasurementsWrap><lido:objectMeasurementsSet><lido:displayObjectMeasurements xml:lang="ro" lido:label="dimensions">Cote de gabarit: 560x320x225 cm</lido:displayObjectMeasurements></lido:objectMeasurementsSet></lido:objectMeasurementsWrap>`;
    const d = record(`<lido:lidoRecID>c1</lido:lidoRecID>${titled().replace('</lido:objectIdentificationWrap>', `${dims}</lido:objectIdentificationWrap>`)}${ev('<lido:term>Production</lido:term>', mt)}</lido:descriptiveMetadata>`).draft!;
    expect(d.materials).toEqual([{ label: { ro: 'oțel' } }, { label: { ro: 'fontă' } }, { label: { ro: 'alamă' } }]);
    // a description with ";" is one ("Öl auf Leinwand; doubliert")
    const oil = record(`<lido:lidoRecID>c2</lido:lidoRecID>${titled()}${ev('<lido:term>Production</lido:term>', '<lido:eventMaterialsTech><lido:displayMaterialsTech xml:lang="de">Öl auf Leinwand; doubliert</lido:displayMaterialsTech></lido:eventMaterialsTech>')}</lido:descriptiveMetadata>`).draft!;
    expect(oil.materials).toEqual([{ label: { de: 'Öl auf Leinwand; doubliert' } }]);
    expect(d.dimensionsText).toEqual({ ro: 'Cote de gabarit: 560x320x225 cm' });
  });

  it('acquisition and provenance events tell the provenance, a line an event', () => {
    const roled = (name: string, role: string) =>
      `<lido:eventActor><lido:actorInRole><lido:actor><lido:nameActorSet><lido:appellationValue>${name}</lido:appellationValue></lido:nameActorSet></lido:actor><lido:roleActor><lido:term>${role}</lido:term></lido:roleActor></lido:actorInRole></lido:eventActor>`;
    const event = (type: string, inner: string) => `<lido:eventSet><lido:event><lido:eventType><lido:term>${type}</lido:term></lido:eventType>${inner}</lido:event></lido:eventSet>`;
    const events = `<lido:eventWrap>${event('acquisition', `${roled('Jonghe, Jan Baptiste De', 'repeller')}${roled('Museum voor Schone Kunsten Gent', 'acquirer')}<lido:eventDate><lido:displayDate>;1812</lido:displayDate></lido:eventDate><lido:eventMethod><lido:term>wedstrijd</lido:term></lido:eventMethod><lido:eventDescriptionSet><lido:descriptiveNoteValue>eerste prijs, Salon van Gent</lido:descriptiveNoteValue></lido:eventDescriptionSet>`)}`
      + `${event('provenance', '<lido:displayEvent>Schenking 1950</lido:displayEvent>')}${event('exhibition', roled('Curator, A', 'curator'))}</lido:eventWrap>`;
    const d = record(`<lido:lidoRecID>prov1</lido:lidoRecID>${titled()}${events}</lido:descriptiveMetadata>`).draft!;
    expect(d.provenance).toEqual({
      en: '1812 acquisition: Jonghe, Jan Baptiste De (repeller); Museum voor Schone Kunsten Gent (acquirer); wedstrijd; eerste prijs, Salon van Gent\nprovenance: Schenking 1950',
    });
  });

  it('a photographic recording (lido01127, "Fotografische Aufnahme") is the making of a photograph', () => {
    for (const type of [`<lido:conceptID>${T}lido01127</lido:conceptID>`, '<lido:term xml:lang="de">Fotografische Aufnahme</lido:term>']) {
      const d = record(`<lido:lidoRecID>p1</lido:lidoRecID>${titled()}${ev(type, actor('Cölln, Fritz') + date('1922', '1923'))}</lido:descriptiveMetadata>`).draft!;
      expect([type, d.makers, d.production?.earliest, d.production?.latest]).toEqual([type, [{ name: { en: 'Cölln, Fritz' } }], 1922, 1923]);
    }
  });

  it('a place known only by its coordinates takes its displayPlace as its name; repositoryLocation is the current location', () => {
    const place = `<lido:eventPlace><lido:displayPlace>Wolfenbüttel</lido:displayPlace><lido:place><lido:gml><gml:Point><gml:pos>52.16242 10.536966</gml:pos></gml:Point></lido:gml></lido:place></lido:eventPlace>`;
    const repo = `<lido:repositoryWrap><lido:repositorySet><lido:repositoryLocation><lido:namePlaceSet><lido:appellationValue>Wien, Burgring 5</lido:appellationValue></lido:namePlaceSet></lido:repositoryLocation></lido:repositorySet>`
      + `<lido:repositorySet lido:type="former"><lido:repositoryLocation><lido:namePlaceSet><lido:appellationValue>Graz</lido:appellationValue></lido:namePlaceSet></lido:repositoryLocation></lido:repositorySet></lido:repositoryWrap>`;
    const body = titled().replace('</lido:objectIdentificationWrap>', `${repo}</lido:objectIdentificationWrap>`);
    const d = record(`<lido:lidoRecID>p2</lido:lidoRecID>${body}${ev('<lido:term>Production</lido:term>', place)}</lido:descriptiveMetadata>`).draft!;
    expect(d.places).toEqual([
      { name: { en: 'Wolfenbüttel' }, role: 'production', lat: 52.16242, lon: 10.536966 },
      { name: { en: 'Wien, Burgring 5' }, role: 'current location' },
    ]);
    // a subject place is a place the object shows
    const subject = `<lido:objectRelationWrap><lido:subjectWrap><lido:subjectSet><lido:subject><lido:subjectPlace><lido:displayPlace>Verden (Standort)</lido:displayPlace><lido:place><lido:namePlaceSet><lido:appellationValue>Verden</lido:appellationValue></lido:namePlaceSet></lido:place></lido:subjectPlace></lido:subject></lido:subjectSet></lido:subjectWrap></lido:objectRelationWrap>`;
    const shown = record(`<lido:lidoRecID>p2b</lido:lidoRecID>${titled()}${subject}</lido:descriptiveMetadata>`).draft!;
    expect(shown.places).toEqual([{ name: { en: 'Verden' }, role: 'depicted' }]);
  });

  it('a classification typed europeana:type (IMAGE) is the media type of the digital copy, not a class of the object', () => {
    const cls = `<lido:objectClassificationWrap><lido:classificationWrap><lido:classification lido:type="europeana:type"><lido:term>IMAGE</lido:term></lido:classification><lido:classification><lido:term>Architektur</lido:term></lido:classification></lido:classificationWrap></lido:objectClassificationWrap>`;
    const d = record(`<lido:lidoRecID>p3</lido:lidoRecID>${titled().replace('<lido:objectIdentificationWrap>', `${cls}<lido:objectIdentificationWrap>`)}</lido:descriptiveMetadata>`).draft!;
    expect(d.classification).toEqual([{ label: { en: 'Architektur' } }]);
  });

  it('a v1.1 event type URI is read by its last segment; the only "non-specified" event with makers is the making', () => {
    const uri = record(`<lido:lidoRecID>m2</lido:lidoRecID>${titled()}${ev(`<lido:conceptID>${T}eventType/production</lido:conceptID>`, actor('A'))}</lido:descriptiveMetadata>`).draft!;
    expect(uri.makers).toEqual([{ name: { en: 'A' } }]);
    const only = record(`<lido:lidoRecID>m3</lido:lidoRecID>${titled()}${ev(`<lido:conceptID>${T}lido00003</lido:conceptID><lido:term>Event (non-specified)</lido:term>`, actor('B') + date('1900', '1910'))}</lido:descriptiveMetadata>`).draft!;
    expect(only.makers).toEqual([{ name: { en: 'B' } }]);
    expect(only.production).toMatchObject({ earliest: 1900, latest: 1910 });
    // an event of a type we cannot read, or one that is not the making, gives no maker and no date of making
    for (const type of ['<lido:term>Vorgang 12</lido:term>', '<lido:term>Gefunden</lido:term>', '<lido:term>Besessen</lido:term>']) {
      const other = record(`<lido:lidoRecID>m3b</lido:lidoRecID>${titled()}${ev(type, actor('E') + date('1953', '1953'))}</lido:descriptiveMetadata>`).draft!;
      expect([type, other.makers, other.production]).toEqual([type, undefined, undefined]);
    }
    // beside a production event, an unknown one stays what it is
    const both = record(
      `<lido:lidoRecID>m4</lido:lidoRecID>${titled()}<lido:eventWrap><lido:eventSet><lido:event><lido:eventType><lido:term>Production</lido:term></lido:eventType>${actor('C')}</lido:event></lido:eventSet><lido:eventSet><lido:event><lido:eventType><lido:term>Vorgang 12</lido:term></lido:eventType>${actor('D')}</lido:event></lido:eventSet></lido:eventWrap></lido:descriptiveMetadata>`,
    ).draft!;
    expect(both.makers).toEqual([{ name: { en: 'C' } }]);
  });

  it('materials and techniques by v1.1 type URIs (…/termMaterialsTech_type/technique)', () => {
    const mt = (kind: string, en: string, de: string) =>
      `<lido:eventMaterialsTech><lido:materialsTech><lido:termMaterialsTech lido:type="${T}termMaterialsTech_type/${kind}"><lido:term>${en}</lido:term><lido:term xml:lang="de">${de}</lido:term></lido:termMaterialsTech></lido:materialsTech></lido:eventMaterialsTech>`;
    const d = record(
      `<lido:lidoRecID>m5</lido:lidoRecID><lido:descriptiveMetadata xml:lang="de"><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>Münze</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap>${ev('<lido:term>Herstellung</lido:term>', mt('material', 'Steel', 'Stahl') + mt('technique', 'struck', 'geprägt'))}</lido:descriptiveMetadata>`,
    ).draft!;
    // the term that says it is German is the German one; the other keeps its text, language unknown
    expect(d.materials).toEqual([{ label: { de: 'Stahl', und: 'Steel' } }]);
    expect(d.techniques).toEqual([{ label: { de: 'geprägt', und: 'struck' } }]);
  });

  it('images: the master over a preview (the preview as thumbnail); rights: a URI over a bare term', () => {
    const rep = (type: string, url: string) => `<lido:resourceRepresentation lido:type="${type}"><lido:linkResource>${url}</lido:linkResource></lido:resourceRepresentation>`;
    const rights = (inner: string) => `<lido:rightsResource><lido:rightsType>${inner}</lido:rightsType></lido:rightsResource>`;
    const d = record(
      `<lido:lidoRecID>m6</lido:lidoRecID>${titled()}</lido:descriptiveMetadata><lido:administrativeMetadata><lido:resourceWrap><lido:resourceSet>${rep('image_preview', 'https://img.example.org/1/vs_opt.jpg')}${rep('image_master', 'https://img.example.org/1/vs_org.jpg')}${rep('image_thumb', 'https://img.example.org/1/t.jpg')}${rights('<lido:term>copyright</lido:term>')}${rights('<lido:conceptID>https://creativecommons.org/publicdomain/mark/1.0/</lido:conceptID>')}</lido:resourceSet><lido:resourceSet>${rep('image_preview', 'https://img.example.org/2/p.jpg')}${rep(`${T}lido00464`, 'https://img.example.org/2/m.jpg')}</lido:resourceSet></lido:resourceWrap></lido:administrativeMetadata>`,
    ).draft!;
    // (the record gives no rights of the work: its images' are the record's)
    expect(d.rights).toBe('https://creativecommons.org/publicdomain/mark/1.0/');
    expect(d.images).toEqual([
      { url: 'https://img.example.org/1/vs_org.jpg', thumbnail: 'https://img.example.org/1/t.jpg', primary: true },
      { url: 'https://img.example.org/2/m.jpg', thumbnail: 'https://img.example.org/2/p.jpg' },
    ]);
    // the work's rights only the kind of right ("Nutzungsrechte"): the images' licence is the record's
    const kind = record(
      `<lido:lidoRecID>m6b</lido:lidoRecID>${titled()}</lido:descriptiveMetadata><lido:administrativeMetadata><lido:rightsWorkWrap><lido:rightsWorkSet><lido:rightsType><lido:term>Nutzungsrechte</lido:term></lido:rightsType></lido:rightsWorkSet></lido:rightsWorkWrap><lido:resourceWrap><lido:resourceSet>${rep('image_master', 'https://img.example.org/3/m.jpg')}${rights('<lido:conceptID>https://creativecommons.org/licenses/by/4.0/deed.de</lido:conceptID>')}</lido:resourceSet></lido:resourceWrap></lido:administrativeMetadata>`,
    ).draft!;
    expect([kind.rights, kind.images]).toEqual(['https://creativecommons.org/licenses/by/4.0/deed.de', [{ url: 'https://img.example.org/3/m.jpg', primary: true }]]);
    // a claim is the work's, whatever licence its photograph has
    const claim = record(
      `<lido:lidoRecID>m6c</lido:lidoRecID>${titled()}</lido:descriptiveMetadata><lido:administrativeMetadata><lido:rightsWorkWrap><lido:rightsWorkSet><lido:rightsType><lido:term>© Succession Picasso / VG Bild-Kunst</lido:term></lido:rightsType></lido:rightsWorkSet></lido:rightsWorkWrap><lido:resourceWrap><lido:resourceSet>${rep('image_master', 'https://img.example.org/4/m.jpg')}${rights('<lido:conceptID>https://creativecommons.org/licenses/by-sa/4.0/</lido:conceptID>')}</lido:resourceSet></lido:resourceWrap></lido:administrativeMetadata>`,
    ).draft!;
    expect(claim.rights).toBe('© Succession Picasso / VG Bild-Kunst');
  });
});

describe('LIDO: what else exporters put where', () => {
  const T = 'http://terminology.lido-schema.org/';
  it('"Verfasst" (written) is the making of a document; a term given twice, once tagged, is one text', () => {
    const d = record(
      `<lido:lidoRecID>k0</lido:lidoRecID><lido:descriptiveMetadata xml:lang="de"><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>Brief</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap><lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:term>Magistrat</lido:term><lido:term xml:lang="de">Magistrat</lido:term><lido:term xml:lang="ru">магистрат</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap><lido:eventWrap><lido:eventSet><lido:event><lido:eventType><lido:conceptID>https://event-types.museum-digital.org/7</lido:conceptID><lido:term>Verfasst</lido:term></lido:eventType><lido:eventDate><lido:date><lido:earliestDate>1869</lido:earliestDate><lido:latestDate>1869</lido:latestDate></lido:date></lido:eventDate></lido:event></lido:eventSet></lido:eventWrap></lido:descriptiveMetadata>`,
    ).draft!;
    expect(d.production).toMatchObject({ earliest: 1869, latest: 1869 });
    expect(d.objectTypes).toEqual([{ label: { de: 'Magistrat', ru: 'магистрат' } }]);
  });

  it('a field name for a title ("gleicher_Titel") is no title: the alternative one is', () => {
    const d = record(
      `<lido:lidoRecID>k1</lido:lidoRecID><lido:descriptiveMetadata xml:lang="de"><lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>gleicher_Titel</lido:appellationValue></lido:titleSet><lido:titleSet><lido:appellationValue lido:pref="alternative">10 Pfennig, 1922</lido:appellationValue></lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap></lido:descriptiveMetadata>`,
    ).draft!;
    expect(d.title).toEqual({ de: '10 Pfennig, 1922' });
    expect(d.alternativeTitles).toBeUndefined();
  });

  it('display materials given once per language, round after round, are one thing in several languages', () => {
    const shown = (pairs: string) =>
      `<lido:lidoRecID>k3</lido:lidoRecID>${titled()}<lido:eventWrap><lido:eventSet><lido:event><lido:eventType><lido:conceptID>${T}lido00007</lido:conceptID><lido:term>production</lido:term></lido:eventType><lido:eventMaterialsTech>${pairs}</lido:eventMaterialsTech></lido:event></lido:eventSet></lido:eventWrap></lido:descriptiveMetadata>`;
    const dm = (lang: string, text: string) => `<lido:displayMaterialsTech xml:lang="${lang}">${text}</lido:displayMaterialsTech>`;
    const d = record(shown(dm('deu', 'geprägt') + dm('eng', 'struck') + dm('deu', 'Bronze') + dm('eng', 'Bronze'))).draft!;
    expect(d.materials).toEqual([{ label: { de: 'geprägt', en: 'struck' } }, { label: { de: 'Bronze', en: 'Bronze' } }]);
    // not in rounds: one element, one thing
    const odd = record(shown(dm('deu', 'Bronze') + dm('deu', 'Silber') + dm('eng', 'silver'))).draft!;
    expect(odd.materials).toEqual([{ label: { de: 'Bronze' } }, { label: { de: 'Silber' } }, { label: { en: 'silver' } }]);
  });

  it('materials on an untyped-for-us event when the making gives none; a subject actor; the side an image shows', () => {
    const d = record(
      `<lido:lidoRecID>k2</lido:lidoRecID>${titled()}<lido:eventWrap>` +
        `<lido:eventSet><lido:event><lido:eventType><lido:term>Aufgenommen</lido:term></lido:eventType></lido:event></lido:eventSet>` +
        `<lido:eventSet><lido:event><lido:eventType><lido:conceptID>${T}lido00003</lido:conceptID><lido:term>Event (non-specified)</lido:term></lido:eventType><lido:eventMaterialsTech><lido:displayMaterialsTech>SW Negativfilm</lido:displayMaterialsTech></lido:eventMaterialsTech></lido:event></lido:eventSet>` +
        `</lido:eventWrap><lido:objectRelationWrap><lido:subjectWrap><lido:subjectSet><lido:subject><lido:subjectActor><lido:actor><lido:actorID>http://d-nb.info/gnd/118599909</lido:actorID><lido:nameActorSet><lido:appellationValue>Reuter, Fritz</lido:appellationValue></lido:nameActorSet></lido:actor></lido:subjectActor></lido:subject></lido:subjectSet></lido:subjectWrap></lido:objectRelationWrap></lido:descriptiveMetadata>` +
        `<lido:administrativeMetadata><lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation><lido:linkResource>https://img.example.org/v.jpg</lido:linkResource></lido:resourceRepresentation><lido:resourcePerspective><lido:term xml:lang="de">Vorderseite</lido:term></lido:resourcePerspective></lido:resourceSet></lido:resourceWrap></lido:administrativeMetadata>`,
    ).draft!;
    expect(d.materials).toEqual([{ label: { en: 'SW Negativfilm' } }]);
    expect(d.subjects).toEqual([{ label: { en: 'Reuter, Fritz' }, ids: ['http://d-nb.info/gnd/118599909'] }]);
    expect(d.images).toEqual([{ url: 'https://img.example.org/v.jpg', caption: { de: 'Vorderseite' }, primary: true }]);
  });
});
