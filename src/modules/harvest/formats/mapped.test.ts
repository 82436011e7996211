import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObjectDraft, ParseContext, ParsedRecord } from '../record.types.ts';
import { iterateJsonFile, parseJsonFile } from './json-file.ts';
import {
  checkMapping, compileMapping, loadMappingLookups, mappingCoverage, MappingError, normaliseLangTag, parseMappingText, validateMapping,
  type Mapping,
} from './mapped.ts';
import { parsePath } from './mapping.schema.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SHARED = path.resolve(ROOT, '../shared');
const COLLECTIONS = path.join(SHARED, 'data/collections');
const HAVE_DATA = existsSync(COLLECTIONS);
if (!HAVE_DATA) console.warn(`skipped: ${COLLECTIONS} is absent (the Walters and M+ open data)`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };
const apply = (m: Mapping, rec: unknown) => compileMapping(m).apply(rec, ctx);
const base = { identifier: 'id', title: { path: 'title', lang: 'en' } };

describe('paths', () => {
  it('parses dotted keys, array steps, quoted keys, the root and the current value', () => {
    expect(parsePath('Images[*].ImageURLs.Large')).toEqual({
      fromRoot: false,
      steps: [{ kind: 'key', key: 'Images' }, { kind: 'all' }, { kind: 'key', key: 'ImageURLs' }, { kind: 'key', key: 'Large' }],
    });
    expect(parsePath('$.title.zh-hant')).toEqual({ fromRoot: true, steps: [{ kind: 'key', key: 'title' }, { kind: 'key', key: 'zh-hant' }] });
    expect(parsePath('a["b.c"][0]').steps).toEqual([{ kind: 'key', key: 'a' }, { kind: 'key', key: 'b.c' }, { kind: 'index', index: 0 }]);
    expect(parsePath('.')).toEqual({ fromRoot: false, steps: [] });
    expect(() => parsePath('Images[*.Large')).toThrow('missing "]" for the "[" at character 7');
    expect(() => parsePath('a..b')).toThrow('empty key at character 3');
    expect(() => parsePath('a[x]')).toThrow('"[x]" at character 2: expected [*], [#], [number] or ["key"]');
    expect(parsePath('$.ids[#]').steps).toEqual([{ kind: 'key', key: 'ids' }, { kind: 'position' }]);
  });

  it('walks arrays explicitly or implicitly, drops nulls and blanks', () => {
    const rec = { id: 1, title: 'T', Images: [{ u: { L: 'a' } }, { u: { L: null } }, { u: { L: ' ' } }, { u: { L: 'b' } }], tags: ['x', null, 'y'] };
    const m: Mapping = { fields: { ...base, sameAs: ['Images[*].u.L', 'Images.u.L', 'tags'] } };
    expect(apply(m, rec).draft!.sameAs).toEqual(['a', 'b', 'x', 'y']);
  });
});

describe('the mapping language', () => {
  const rec = {
    id: 42,
    title: 'Bowl',
    lang: 'fa',
    names: { en: ['Bowl', 'Dish'], 'zh-hant': ['碗', '盤'], none: ['x'] },
    medium: 'stoneware; glaze ;',
    rights: 'CC0',
    year: '618',
    end: 0,
    images: [
      { id: 'a 1', primary: false },
      { id: 'b2', primary: true },
    ],
    makers: [{ who: 7, as: 'potter' }, { who: 9 }],
    geo: [{ name: 'Chang\'an', lat: '34.26', lon: 108.94 }, { name: 'Nowhere', lat: null, lon: 0 }],
  };

  it('languages: fixed, from another field, a language map (keys normalised, lists zipped), the default', () => {
    const m: Mapping = {
      fields: {
        identifier: 'id',
        title: { path: 'names', langKeys: true },
        description: { path: 'title', langPath: 'lang' },
        creditLine: 'title',
      },
    };
    const d = apply(m, rec).draft!;
    // "none" takes the default language; that is taken by "en", so it is kept as und
    expect(d.title).toEqual({ en: 'Bowl', 'zh-Hant': '碗', und: 'x' });
    expect(d.alternativeTitles).toEqual([{ en: 'Dish', 'zh-Hant': '盤' }]);
    expect(apply(m, { ...rec, names: { '@none': 'Bowl' } }).draft!.title).toEqual({ en: 'Bowl' });
    expect(d.description).toEqual({ fa: 'Bowl' });
    expect(d.creditLine).toEqual({ en: 'Bowl' });
    expect(normaliseLangTag('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(normaliseLangTag('@none')).toBeUndefined();
    expect(normaliseLangTag('true')).toBeUndefined();
  });

  it('transforms: split, trim, map, template, number, where, get, first, prefix, lookup', () => {
    const m: Mapping = {
      lookups: { people: { key: 'id', table: { '7': { id: 7, name: { en: 'Potter A' } }, '9': { id: 9, name: { en: 'Painter B' } } } } },
      fields: {
        ...base,
        identifier: { path: 'id', transforms: ['string', { prefix: 'obj-' }] },
        materials: { path: 'medium', lang: 'en', transforms: [{ split: ';' }] },
        rights: { path: 'rights', transforms: [{ map: { CC0: 'http://creativecommons.org/publicdomain/zero/1.0/' }, unmatched: 'drop' }] },
        homepage: { template: 'https://museum.example/o/{id}' },
        production: { earliest: { path: 'year', transforms: ['number'] }, latest: { path: 'end', transforms: [{ map: { '0': null } }] } },
        images: {
          each: 'images[*]',
          fields: { url: { path: 'id', transforms: [{ template: 'https://img.example/{}.jpg' }] }, primary: 'primary' },
        },
        inventoryNumber: { path: 'images', transforms: [{ where: { path: 'primary', equals: true } }, { get: 'id' }, 'first'] },
        makers: {
          each: 'makers[*]',
          fields: {
            name: { path: 'who', transforms: [{ lookup: 'people' }, { get: 'name' }], langKeys: true },
            role: { path: 'as', lang: 'en', default: 'maker' },
          },
        },
      },
    };
    const r = apply(m, rec);
    expect(r.identifier).toBe('obj-42');
    expect(r.draft).toEqual({
      identifier: 'obj-42',
      title: { en: 'Bowl' },
      inventoryNumber: 'b2',
      materials: [{ label: { en: 'stoneware' } }, { label: { en: 'glaze' } }],
      makers: [
        { name: { en: 'Potter A' }, role: { en: 'potter' } },
        { name: { en: 'Painter B' }, role: { en: 'maker' } },
      ],
      production: { display: { und: '618' }, earliest: 618, latest: null },
      rights: 'http://creativecommons.org/publicdomain/zero/1.0/',
      images: [{ url: 'https://img.example/a%201.jpg', primary: false }, { url: 'https://img.example/b2.jpg', primary: true }],
      homepage: 'https://museum.example/o/42',
    } satisfies ObjectDraft);
  });

  it('[#] pairs parallel arrays by the position of the current item (the Art Institute\'s titles and ids)', () => {
    const aic = { id: 7, title: 'Print', material_titles: ['ink', 'wove paper', 'graphite'], material_ids: ['aat:1', 'aat:2', 'aat:3'], artist_titles: ['A', 'B'], artist_roles: ['printer'] };
    const m: Mapping = {
      fields: {
        ...base,
        materials: { each: 'material_titles[*]', fields: { label: { path: '.', lang: 'en' }, ids: { path: '$.material_ids[#]', transforms: [{ template: 'http://vocab.getty.edu/{}' }] } } },
        makers: { each: 'artist_titles', fields: { name: { path: '.', lang: 'en' }, role: { path: '$.artist_roles[#]', lang: 'en' } } },
      },
    };
    const d = apply(m, aic).draft!;
    expect(d.materials).toEqual([
      { label: { en: 'ink' }, ids: ['http://vocab.getty.edu/aat:1'] },
      { label: { en: 'wove paper' }, ids: ['http://vocab.getty.edu/aat:2'] },
      { label: { en: 'graphite' }, ids: ['http://vocab.getty.edu/aat:3'] },
    ]);
    // a parallel array shorter than the list: the missing position gives nothing
    expect(d.makers).toEqual([{ name: { en: 'A' }, role: { en: 'printer' } }, { name: { en: 'B' } }]);
    // outside an "each", [#] reads nothing, in a plain field or a structured one without "each"
    expect(apply({ fields: { ...base, sameAs: '$.material_ids[#]' } }, aic).draft!.sameAs).toBeUndefined();
    expect(apply({ fields: { ...base, inscriptions: { fields: { text: 'material_ids[#]' } } } }, aic).draft!.inscriptions).toBeUndefined();
    // a blank item keeps its place: the next one still pairs with the next id
    const holes = { id: 8, title: 'Prints', artist_titles: ['Hokusai', '', null, 'Hiroshige'], artist_ids: [100, 200, 300, 400] };
    const hm: Mapping = { fields: { ...base, makers: { each: 'artist_titles[*]', fields: { name: { path: '.', lang: 'ja' }, ids: { path: '$.artist_ids[#]', transforms: ['string', { prefix: 'urn:a:' }] } } } } };
    expect(apply(hm, holes).draft!.makers).toEqual([
      { name: { ja: 'Hokusai' }, ids: ['urn:a:100'] },
      { name: { ja: 'Hiroshige' }, ids: ['urn:a:400'] },
    ]);
  });

  it('{?path} in a template: an empty piece when the record has nothing there', () => {
    const m: Mapping = { fields: { ...base, creditLine: { template: '{?prefix} {credit}', lang: 'en' } } };
    expect(apply(m, { id: 1, title: 'T', credit: 'Gift of A' }).draft!.creditLine).toEqual({ en: 'Gift of A' });
    expect(apply(m, { id: 1, title: 'T', prefix: 'Museum purchase:', credit: 'Fund B' }).draft!.creditLine).toEqual({ en: 'Museum purchase: Fund B' });
    // a required placeholder still drops the value
    expect(apply(m, { id: 1, title: 'T', prefix: 'Museum purchase:' }).draft!.creditLine).toBeUndefined();
  });

  it('one list of names for a field and a condition: a lookup of strings, {"lookup"} in notIn, unmatched drop is silent', () => {
    const m: Mapping = {
      lookups: { cultures: { key: 'name', table: { Chinese: 'Chinese', 'Iranian (?)': 'Iranian (?)', 'Iranian ()': 'Iranian' } } },
      fields: {
        ...base,
        cultures: { path: 'creators[*]', lang: 'en', transforms: [{ lookup: 'cultures', unmatched: 'drop' }] },
        makers: { each: 'creators[*]', where: { path: '.', notIn: [{ lookup: 'cultures' }, 'Anonymous'] }, fields: { name: { path: '.', lang: 'en' } } },
      },
    };
    const c = compileMapping(m);
    const r = c.apply({ id: 1, title: 'T', creators: ['Iranian ()', 'Mirza Ali', 'Anonymous', 'Chinese'] }, ctx);
    expect(r.draft!.cultures).toEqual([{ label: { en: 'Iranian' } }, { label: { en: 'Chinese' } }]);
    expect(r.draft!.makers).toEqual([{ name: { en: 'Mirza Ali' } }]);
    expect(c.notes()).toEqual([]);
    // without "unmatched": "drop" a name that is no culture is noted
    const loud = compileMapping({ ...m, fields: { ...m.fields, cultures: { path: 'creators[*]', lang: 'en', transforms: [{ lookup: 'cultures' }] } } });
    loud.apply({ id: 1, title: 'T', creators: ['Mirza Ali'] }, ctx);
    expect(loud.notes()).toEqual(['lookup "cultures": no record with name Mirza Ali']);
    expect(checkMapping({ fields: { ...base, makers: { fields: { name: 'n' }, where: { path: 'n', in: [{ lookup: 'nations' }, ['x']] } } } }).errors).toEqual([
      'fields.makers.where.in[0].lookup: no lookup named "nations" in "lookups"',
      'fields.makers.where.in[1]: must be a string, number, boolean, null or {"lookup": name}, not ["x"]',
    ]);
  });

  it('places: coordinates only where a condition holds; out of range is invalid_value', () => {
    const m: Mapping = {
      fields: {
        ...base,
        places: { each: 'geo[*]', fields: { name: { path: 'name', lang: 'und' }, lat: { path: 'lat', where: { path: 'lat', exists: true } }, lon: 'lon' } },
      },
    };
    expect(apply(m, rec).draft!.places).toEqual([
      { name: { und: "Chang'an" }, role: 'production', lat: 34.26, lon: 108.94 },
      { name: { und: 'Nowhere' }, role: 'production' },
    ]);
    expect(apply(m, { ...rec, geo: [{ name: 'Off', lat: 95, lon: 10 }] }).problem).toEqual({
      reason: 'invalid_value',
      message: 'fields.places: place 1 (Off) has coordinates out of range: lat 95, lon 10',
    });
  });

  it('a record without identifier or title: the reason names the path', () => {
    expect(apply({ fields: base }, { title: 'x' }).problem).toEqual({ reason: 'no_identifier', message: 'fields.identifier: path "id" yields no value' });
    expect(apply({ fields: base }, { id: 'A', title: '  ' })).toEqual({ identifier: 'A', problem: { reason: 'no_title', message: 'fields.title: path "title" yields no text' } });
    expect(apply({ fields: base }, { id: { x: 1 }, title: 'T' }).problem).toEqual({ reason: 'mapping_error', message: 'fields.identifier: path "id" yields an object, not a text or number' });
  });

  it('coverage: a path that never matched any record is visible after the run', () => {
    const m: Mapping = { fields: { ...base, description: { path: 'Descripton', lang: 'en' } } };
    parseJsonFile(Buffer.from('{"id":1,"title":"A","Description":"d"}\n{"id":2,"title":"B"}\n'), 'json', ctx, m);
    expect(mappingCoverage(m).filter((c) => c.hits === 0)).toEqual([{ where: 'fields.description', path: 'Descripton', hits: 0 }]);
  });
});

describe('a bad mapping file', () => {
  it('lists every error with its place', () => {
    const bad = {
      mappingVersion: 2,
      format: 'xml',
      fields: {
        title: { path: 'Title', lang: 'zh_Hant!' },
        materials: { path: 'Medium', transforms: ['splt', { split: '' }, { map: { a: ['x'] } }, { lookup: 'people' }, 'join'] },
        images: { each: 'Images[*', fields: { ur: 'x', url: { path: 'a', value: 'b' } } },
        makers: { each: 'Creators[*]', fields: { name: { path: 'n', lang: 'en', langKeys: true } } },
        homepage: { template: 'https://x/{id' },
        places: { fields: { lat: { path: 'lat', where: { path: 'x', equals: 1, exists: true } } } },
        inventoryNumber: { path: 'n', lang: 'en' },
        colour: 'x',
      },
    };
    const { errors } = checkMapping(bad);
    expect(errors).toEqual([
      'mappingVersion: must be 1, not 2',
      'format: must be "json" or "csv", not "xml"',
      'fields: unknown key "colour"; expected one of title, description, dimensionsText, creditLine, provenance, alternativeTitles, identifier, inventoryNumber, rights, homepage, language, objectTypes, classification, materials, techniques, cultures, periods, subjects, makers, places, measurements, inscriptions, images, production, sameAs',
      "fields.identifier: is required (the record's own identifier)",
      'fields.title.lang: "zh_Hant!" is not a BCP 47 language tag (e.g. "en", "zh-Hant", "fa-Arab")',
      'fields.materials.transforms[0]: unknown transform "splt" (did you mean "split"?); expected one of trim, lowercase, uppercase, number, string, first, last, unique, split, join, prefix, suffix, template, map, where, get, lookup',
      'fields.materials.transforms[1].split: the separator must not be empty',
      'fields.materials.transforms[2].map["a"]: must map to a string, number, boolean or null',
      'fields.materials.transforms[3].lookup: no lookup named "people" in "lookups"',
      'fields.materials.transforms[4]: unknown transform "join" ("join" takes an argument: {"join": …}); expected one of trim, lowercase, uppercase, number, string, first, last, unique, split, join, prefix, suffix, template, map, where, get, lookup',
      'fields.images.each: bad path "Images[*": missing "]" for the "[" at character 7',
      'fields.images.fields: unknown key "ur" (did you mean "url"?); expected one of url, iiifService, manifest, thumbnail, width, height, rights, primary, caption',
      'fields.images.fields.url: has path and value: use only one',
      'fields.makers.fields.name: has lang and langKeys: use only one',
      'fields.homepage.template: unbalanced braces in "https://x/{id" (write {{ and }} for literal braces)',
      'fields.places.fields.lat.where: needs exactly one of equals, notEquals, in, notIn, exists (found 2)',
      'fields.inventoryNumber: lang applies only to text fields (title, description, labels, names …)',
    ]);
    expect(() => validateMapping(bad)).toThrow(MappingError);
    expect(() => validateMapping(bad)).toThrow(/^the mapping has 17 errors:\n {2}mappingVersion: must be 1, not 2\n/);
  });

  it('a mapping file that is not JSON: line and column', () => {
    expect(() => parseMappingText('{\n  "fields": {\n    "identifier": "id",\n  }\n}')).toThrow(/not valid JSON at line 4, column 3/);
  });

  it('records under a bad mapping are kept, each a mapping_error', () => {
    const rs = parseJsonFile(Buffer.from('{"id":1}'), 'json', ctx, { fields: { identifier: 'id' } } as unknown as Mapping);
    expect(rs[0]!.problem!.reason).toBe('mapping_error');
    expect(rs[0]!.problem!.message).toContain('fields.title: is required');
  });
});

// ---- the shipped mappings on the real open data ------------------------------------------------

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) out.push(...files(path.join(dir, e.name)));
    else if (e.name.endsWith('.json')) out.push(path.join(dir, e.name));
  return out.sort();
}
const loadMapping = (name: string) => validateMapping(JSON.parse(readFileSync(path.join(ROOT, 'mappings', name), 'utf8')));

const empty = () => ({ byId: new Map<string, ParsedRecord>(), counts: {} as Record<string, number>, problems: [] as string[] });

function run(mapping: Mapping, list: string[]) {
  const byId = new Map<string, ParsedRecord>();
  const counts: Record<string, number> = {};
  const problems: string[] = [];
  for (const f of list)
    for (const r of parseJsonFile(readFileSync(f), 'json', ctx, mapping)) {
      if (r.problem) problems.push(`${path.basename(f)}: ${r.problem.message}`);
      else {
        byId.set(r.identifier!, r);
        for (const k of Object.keys(r.draft!)) counts[k] = (counts[k] ?? 0) + 1;
      }
    }
  return { byId, counts, problems };
}

describe.skipIf(!HAVE_DATA)('mappings/walters.json on the 3,797 Walters records', () => {
  const walters = loadMapping('walters.json');
  const { byId, counts, problems } = HAVE_DATA ? run(walters, files(path.join(COLLECTIONS, 'walters/objects'))) : empty();
  const d = (id: string) => byId.get(id)!.draft!;

  it('every record parses', () => {
    expect(problems).toEqual([]);
    expect(byId.size).toBe(3797);
  });

  it('how many records have each field', () => {
    console.log(`Walters fields: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      identifier: 3797, title: 3797, inventoryNumber: 3797, objectTypes: 3797, classification: 3797, materials: 3797, makers: 2322,
      production: 3797, creditLine: 3797, provenance: 3797, rights: 3797, homepage: 3797, language: 3797,
      images: 3790, dimensionsText: 3739, places: 3720, description: 3067, periods: 3164, cultures: 3592, subjects: 2563, inscriptions: 467,
    });
    const all = [...byId.values()].map((r) => r.draft!);
    expect(all.filter((x) => x.places?.some((p) => p.lat !== undefined)).length).toBe(3640);
    expect(all.filter((x) => x.images?.some((i) => i.primary)).length).toBe(3778);
    expect(all.filter((x) => (x.production?.earliest ?? 0) < 0).length).toBe(47);
    expect(all.filter((x) => x.production?.earliest === null).length).toBe(17);
  });

  it('W.872, Parvati Nursing Ganesha: place with coordinates, years, the primary image, CC0', () => {
    const x = d('10000');
    expect(x.title).toEqual({ en: 'Parvati Nursing Ganesha' });
    expect(x.inventoryNumber).toBe('W.872');
    expect(x.production).toEqual({ display: { en: '19th century' }, earliest: 1800, latest: 1899 });
    expect(x.places).toEqual([{ name: { und: 'Jaipur' }, role: 'production', lat: 26.883, lon: 75.833 }]);
    // the API names the culture as the artist: a culture, and no maker
    expect(x.makers).toBeUndefined();
    expect(x.cultures).toEqual([{ label: { en: 'Indian' } }]);
    expect(x.materials).toEqual([{ label: { en: 'pigments on paper' } }]);
    expect(x.images).toEqual([
      { url: 'http://static.thewalters.org/images/ARG_W.872_Fnt_UK.jpg', thumbnail: 'http://static.thewalters.org/images/ARG_W.872_Fnt_UK.jpg?width=250', primary: true },
    ]);
    expect(x.rights).toBe('http://creativecommons.org/publicdomain/zero/1.0/');
    expect(x.homepage).toBe('http://art.thewalters.org/detail/10000');
    expect(x.description!.en).toMatch(/^The technique used in this charming formal portrait/);
  });

  it('a culture named as an uncertain artist stays uncertain ("Syrian (?)")', () => {
    expect(d('11417').cultures).toEqual([{ label: { en: 'Syrian (?)' } }, { label: { en: 'Egyptian (?)' } }]);
    expect(d('11417').makers).toBeUndefined();
  });

  it('a Neo-Assyrian plaque: BC years, a findspot whose text coordinates are null keeps no 0,0', () => {
    const x = d('10770');
    expect(x.production).toEqual({ display: { en: '8th-7th century BC' }, earliest: -800, latest: -601 });
    expect(x.places).toEqual([{ name: { und: 'Calah' }, role: 'findspot' }]);
    expect(x.cultures).toEqual([{ label: { en: 'Assyrian' } }, { label: { en: 'Levantine' } }]);
    expect(x.periods).toEqual([{ label: { en: 'Neo-Assyrian' } }]);
  });

  it('n.d. gives no years; a Qing vase has dynasty and reign as periods', () => {
    expect(d('10415').production).toEqual({ display: { en: 'n.d.' }, earliest: null, latest: null });
    expect(d('14771').periods).toEqual([{ label: { en: 'Qing Dynasty' } }, { label: { en: 'Kangxi (1662-1722)' } }]);
  });

  it('a Russian icon keeps its Church Slavonic inscription untouched; 44 images, one primary', () => {
    expect(d('10612').inscriptions![0]!.text).toMatch(/^\[Transcription\] Возношение на кре\(ст\)\./);
    const imgs = d('22655').images!;
    expect(imgs).toHaveLength(44);
    expect(imgs.filter((i) => i.primary).map((i) => i.url)).toEqual(['http://static.thewalters.org/images/PS1_51.84_SideA_DD_T14.jpg']);
    // a file name with spaces becomes a usable URL
    expect(imgs.some((i) => i.url!.includes('_with%2051.76-51.78-51.87.jpg'))).toBe(true);
  });

  it('no path of the mapping is dead on this data', () => {
    expect(mappingCoverage(walters).filter((c) => c.hits === 0)).toEqual([]);
  });
});

describe.skipIf(!HAVE_DATA)('mappings/mplus.json on the 197 M+ records', () => {
  const mplus = loadMapping('mplus.json');
  const list = HAVE_DATA ? files(path.join(COLLECTIONS, 'mplus/objects_Sigg_Collection_JSON')) : [];
  const { byId, counts, problems } = HAVE_DATA ? run(mplus, list) : empty();

  it('every record parses, bilingual', () => {
    expect(problems).toEqual([]);
    expect(byId.size).toBe(197);
    for (const r of byId.values()) expect(Object.keys(r.draft!.title).sort()).toEqual(['en', 'zh-Hant']);
  });

  it('how many records have each field', () => {
    console.log(`M+ fields: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      identifier: 197, title: 197, inventoryNumber: 197, classification: 197, materials: 197, makers: 197, production: 197,
      dimensionsText: 197, creditLine: 197, rights: 197, measurements: 187, subjects: 4,
    });
  });

  it('2012.1037: both titles, the maker by constituent id, years, measurements, CC0', () => {
    expect(byId.get('2508')!.draft).toEqual({
      identifier: '2508',
      title: { en: 'Untitled (White Chinese blouse)', 'zh-Hant': '無題（唐裝）' },
      inventoryNumber: '2012.1037',
      classification: [
        { label: { en: 'Visual Art', 'zh-Hant': '視覺藝術' } },
        { label: { en: 'Costume', 'zh-Hant': '服飾' } },
        { label: { en: 'Painting', 'zh-Hant': '繪畫' } },
      ],
      materials: [{ label: { en: 'oil on textile', 'zh-Hant': '油彩布本' } }],
      makers: [{ name: { en: 'Wang Qiang', 'zh-Hant': '王強' }, role: { en: 'Artist', 'zh-Hant': '藝術家' } }],
      production: { display: { en: '1997', 'zh-Hant': '1997' }, earliest: 1997, latest: 1997 },
      dimensionsText: { en: 'overall: 81 × 85 × 2 cm', 'zh-Hant': '整體︰81 × 85 × 2 厘米' },
      measurements: [
        { type: 'height', value: 81, unit: 'cm', part: 'overall' },
        { type: 'width', value: 85, unit: 'cm', part: 'overall' },
        { type: 'depth', value: 2, unit: 'cm', part: 'overall' },
      ],
      creditLine: { en: 'M+ Sigg Collection, Hong Kong. By donation', 'zh-Hant': 'M+ 希克藏品（捐贈），香港' },
      rights: 'http://creativecommons.org/publicdomain/zero/1.0/',
    } satisfies ObjectDraft);
    expect(byId.get('2168')!.draft!.subjects).toEqual([{ label: { en: 'Gaudy Art', 'zh-Hant': '艷俗藝術' } }]);
  });

  it('constituents loaded from the files beside the data give the same makers as the shipped table', () => {
    const bare: Mapping = { ...mplus, lookups: { constituent: { key: 'id', files: 'constituents_JSON' } } };
    const withoutTable = parseJsonFile(readFileSync(list[0]!), 'json', ctx, bare)[0]!;
    expect(withoutTable.draft!.makers).toBeUndefined();
    expect(compileMapping(bare).notes()[0]).toMatch(/^lookup "constituent" has no records loaded/);
    const { mapping: loaded, notes } = loadMappingLookups(bare, path.join(COLLECTIONS, 'mplus/objects_Sigg_Collection_JSON'));
    expect(notes).toEqual([]);
    expect(Object.keys(loaded.lookups!.constituent!.table!)).toHaveLength(241);
    for (const f of list.slice(0, 40)) {
      const a = parseJsonFile(readFileSync(f), 'json', ctx, loaded)[0]!.draft!;
      expect(a.makers).toEqual(byId.get(a.identifier)!.draft!.makers);
    }
  });
});

describe.skipIf(!HAVE_DATA)('throughput (printed, not asserted)', () => {
  it('parse + map: the Walters files, then 50,000 Walters-like NDJSON records', () => {
    const walters = loadMapping('walters.json');
    const bufs = files(path.join(COLLECTIONS, 'walters/objects')).map((f) => readFileSync(f));
    const measure = (label: string, n: number, f: () => number, warm = true) => {
      if (warm) f(); // warm-up: the JIT, the compiled mapping
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const ok = f();
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      expect(ok).toBe(n);
      console.log(`${label}: ${n} records in ${Math.round(wall)} ms wall = ${Math.round((n / wall) * 1000)} records/s; ${Math.round(cpuMs)} ms CPU = ${Math.round((n / cpuMs) * 1000)} records/s per CPU-second`);
    };
    measure('Walters files, parse+map', bufs.length, () => {
      let ok = 0;
      for (const b of bufs) for (const r of parseJsonFile(b, 'json', ctx, walters)) if (r.draft) ok++;
      return ok;
    });
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const o = JSON.parse(bufs[i % bufs.length]!.toString('utf8')) as Record<string, unknown>;
      o.ObjectID = 1_000_000 + i;
      lines.push(JSON.stringify(o));
    }
    const nd = Buffer.from(lines.join('\n'), 'utf8');
    lines.length = 0;
    // one record at a time, as a run stores them in batches
    measure(`NDJSON ${Math.round(nd.length / 1e6)} MB, parse+map`, 50_000, () => {
      let ok = 0;
      for (const r of iterateJsonFile(nd, 'json', ctx, walters)) if (r.draft) ok++;
      return ok;
    }, false);
  }, 300_000);
});
