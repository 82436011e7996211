import { describe, expect, it } from 'vitest';
import { cleanBlock, cleanLang, cleanLines, makeDateSpan, mergeParallel, normaliseId, parseDecimal, parseYear, pushTerm, xmlFormats } from './xml-format.ts';
import type { Term } from '../record.types.ts';

describe('the registry', () => {
  it('holds the three XML formats by name', () => {
    expect(Object.keys(xmlFormats)).toEqual(['lido', 'oai_dc', 'edm']);
    for (const [name, f] of Object.entries(xmlFormats)) expect(f.name).toBe(name);
  });
});

describe('cleanLang', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['zh-hans', 'zh-Hans'],
    ['zh_Hant_TW', 'zh-Hant-TW'],
    ['eng', 'en'],
    ['ger', 'de'],
    ['fas', 'fa'],
    ['per', 'fa'],
    ['uzb-Cyrl', 'uz-Cyrl'],
    ['deutsch', 'de'],
    ['English', 'en'],
    ['mul', 'mul'],
    ['und', undefined],
    ['N/A', undefined],
    ['other', undefined],
    ['', undefined],
    ['not a language', undefined],
  ])('%j → %j', (tag, want) => {
    expect(cleanLang(tag)).toBe(want);
  });
});

describe('normaliseId', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['http://vocab.getty.edu/aat/300033618', undefined, 'http://vocab.getty.edu/aat/300033618'],
    ['https://vocab.getty.edu/page/aat/300033618', undefined, 'http://vocab.getty.edu/aat/300033618'],
    ['http://vocab.getty.edu/aat/300033618.json', undefined, 'http://vocab.getty.edu/aat/300033618'],
    [' http://vocab.getty.edu/aat/300019272', undefined, 'http://vocab.getty.edu/aat/300019272'],
    ['300041273', 'AAT', 'http://vocab.getty.edu/aat/300041273'],
    ['300041273', 'Getty Art & Architecture Thesaurus', 'http://vocab.getty.edu/aat/300041273'],
    ['AAT 300041405', undefined, 'http://vocab.getty.edu/aat/300041405'],
    ['aat:300041405', undefined, 'http://vocab.getty.edu/aat/300041405'],
    ['7004334', 'TGN', 'http://vocab.getty.edu/tgn/7004334'],
    ['500015254', 'ULAN', 'http://vocab.getty.edu/ulan/500015254'],
    ['Q2044', 'Wikidata', 'http://www.wikidata.org/entity/Q2044'],
    // the authority files of German, French and American records, named by source
    ['3048171-5', 'gnd', 'https://d-nb.info/gnd/3048171-5'],
    ['127822089', 'GND', 'https://d-nb.info/gnd/127822089'],
    ['11862119X', 'http://d-nb.info/gnd', 'https://d-nb.info/gnd/11862119X'],
    ['96994048', 'VIAF', 'http://viaf.org/viaf/96994048'],
    ['2950159', 'GeoNames', 'https://sws.geonames.org/2950159/'],
    ['n79021164', 'LCNAF', 'http://id.loc.gov/authorities/names/n79021164'],
    ['Horse', 'gnd', undefined],
    // an http URI with spaces (an Iconclass notation with a name in it): encoded, not dropped
    ['http://iconclass.org/61B(Falconet, Camille)11', undefined, 'http://iconclass.org/61B(Falconet,%20Camille)11'],
    // invented or mangled Getty ids link to nothing: dropped
    ['http://vocab.getty.edu/aat/234872903472304570359093572', undefined, undefined],
    ['http://vocab.getty.edu/aat/300005433/XXXXXXXXX', undefined, undefined],
    ['12345', 'AAT', undefined],
    // other URIs as found
    ['http://www.wikidata.org/wiki/Q2044', undefined, 'http://www.wikidata.org/wiki/Q2044'],
    ['https://sws.geonames.org/3172394/', undefined, 'https://sws.geonames.org/3172394/'],
    ['info:isil/DE-Mb112', undefined, 'info:isil/DE-Mb112'],
    ['urn:nbn:de:0001', undefined, 'urn:nbn:de:0001'],
    ['http://www.getty.edu/art/collection/object/103RJP', undefined, 'http://www.getty.edu/art/collection/object/103RJP'],
    // not identifiers we can state
    ['kue 07600032', 'Bildindex-KUE-Datei', undefined],
    ['E22_Man-Made_Object', undefined, undefined],
    ['', undefined, undefined],
  ])('%j (source %j) → %j', (v, source, want) => {
    expect(normaliseId(v, source)).toBe(want);
  });
});

describe('parseYear', () => {
  it.each<[string, number | null]>([
    ['1482', 1482],
    ['-83', -83],
    ['-0083', -83],
    ['1510-05-17', 1510],
    ['2003-04-15T10:18:51Z', 2003],
    ['0014-06-30', 14],
    ['-3180', -3180],
    ['0', null], // Adlib's "no date"
    ['0000', null],
    ['ca. 1500', null],
    ['1500/1510', null],
    ['1482-13-01', null],
    ['12345', null],
    ['', null],
  ])('%j → %j', (t, want) => {
    expect(parseYear(t)).toBe(want);
  });
});

describe('small helpers', () => {
  it('makeDateSpan shows bare years when the record gives no display text, and orders them', () => {
    expect(makeDateSpan({}, 1575, 1576, 'de')).toEqual({ display: { de: '1575–1576' }, earliest: 1575, latest: 1576 });
    expect(makeDateSpan({}, 1498, 1498, 'de')).toEqual({ display: { de: '1498' }, earliest: 1498, latest: 1498 });
    expect(makeDateSpan({ en: 'x' }, 1600, 1500, 'en')).toEqual({ display: { en: 'x' }, earliest: 1500, latest: 1600 });
    expect(makeDateSpan({}, null, null, 'en')).toBeNull();
  });

  it('parseDecimal reads decimal commas and refuses what is not a number', () => {
    expect([parseDecimal('101,1'), parseDecimal(' 26.9 '), parseDecimal('205,0'), parseDecimal('39,8 x 28,1'), parseDecimal('')]).toEqual([101.1, 26.9, 205, undefined, undefined]);
  });

  it('cleanBlock keeps paragraphs and undoes hard wraps; cleanLines keeps lines', () => {
    expect(cleanBlock('  First line\n     wrapped.\n\n   Second   paragraph.\r\n')).toBe('First line wrapped.\n\nSecond paragraph.');
    expect(cleanBlock('<transliteration> stays')).toBe('<transliteration> stays');
    expect(cleanLines('  a  b\n\n   c ')).toBe('a b\nc');
  });

  it('terms merge by a shared id or the same label; parallel language blocks merge by position', () => {
    const list: Term[] = [];
    pushTerm(list, { label: { en: 'bowl' }, ids: ['http://vocab.getty.edu/aat/300024920'] });
    pushTerm(list, { label: { fa: 'کاسه' }, ids: ['http://vocab.getty.edu/aat/300024920'] });
    pushTerm(list, { label: { en: 'bowl' } });
    expect(list).toEqual([{ label: { en: 'bowl', fa: 'کاسه' }, ids: ['http://vocab.getty.edu/aat/300024920'] }]);

    const en: Term[] = [{ label: { en: 'painting' } }, { label: { en: 'panel painting' } }];
    mergeParallel(en, [{ label: { de: 'Bild' } }, { label: { de: 'Tafelmalerei' } }]);
    expect(en).toEqual([{ label: { en: 'painting', de: 'Bild' } }, { label: { en: 'panel painting', de: 'Tafelmalerei' } }]);
  });
});
