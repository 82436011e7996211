import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObjectDraft, ParseContext, ParsedRecord } from '../record.types.ts';
import { metaField } from './iiif.labels.ts';
import { htmlToText, labelPairs, manifestToDraft, parseIiif } from './iiif.ts';
import { parseJsonFile } from './json-file.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const IIIF = path.resolve(ROOT, '../shared/fixtures/iiif');
const HAVE = existsSync(IIIF);
if (!HAVE) console.warn(`skipped: ${IIIF} is absent (third-party IIIF fixtures)`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) out.push(...files(path.join(dir, e.name)));
    else if (e.name.endsWith('.json')) out.push(path.join(dir, e.name));
  return out.sort();
}
const parse = (rel: string, c = ctx) => parseIiif(readFileSync(path.join(IIIF, rel)), c);
const draft = (rel: string, c = ctx): ObjectDraft => {
  const { records } = parse(rel, c);
  expect(records).toHaveLength(1);
  expect(records[0]!.problem).toBeUndefined();
  return records[0]!.draft!;
};
const tally = (rs: ParsedRecord[]) => {
  const t: Record<string, number> = {};
  for (const r of rs) t[r.problem?.reason ?? 'draft'] = (t[r.problem?.reason ?? 'draft'] ?? 0) + 1;
  return t;
};

describe('texts', () => {
  it('v2 strings and @value lists, v3 language maps, invalid keys to the source default (und when taken)', () => {
    expect(labelPairs('Plain', ctx, true)).toEqual([['en', 'Plain']]);
    expect(labelPairs([{ '@value': 'Titre', '@language': 'fr' }, { '@value': 'Ohne Sprache' }], ctx, true)).toEqual([['fr', 'Titre'], ['en', 'Ohne Sprache']]);
    expect(labelPairs({ 'zh-hant': ['碗'], none: ['x'], '@none': ['y'], true: ['z'] }, ctx, false)).toEqual([['zh-Hant', '碗'], ['en', 'x'], ['en', 'y'], ['en', 'z']]);
    expect(labelPairs({ true: ['Brief'] }, { ...ctx, defaultLanguage: 'de' }, false)).toEqual([['de', 'Brief']]);
  });

  it('HTML: v3 only when the whole value is markup, v2 when it holds tags or entities', () => {
    expect(labelPairs('<p>A <b>bold</b><br/>move &amp; more</p>', ctx, false)).toEqual([['en', 'A bold\nmove & more']]);
    expect(labelPairs('mi<\'>atan wa-khams <a>y<a>t', ctx, false)).toEqual([['en', "mi<'>atan wa-khams <a>y<a>t"]]);
    expect(labelPairs('Al-Dīn &amp; <cite>Filasṭīn</cite>', ctx, true)).toEqual([['en', 'Al-Dīn & Filasṭīn']]);
    expect(htmlToText('x&#x4E2D;&#25991;')).toBe('x中文');
  });
});

describe('collections', () => {
  const col = {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: 'https://ex.org/c',
    type: 'Collection',
    label: { en: ['C'] },
    items: [
      { id: 'https://ex.org/m1', type: 'Manifest', label: { en: ['Referenced'] } },
      {
        id: 'https://ex.org/m2',
        type: 'Manifest',
        label: { en: ['Embedded'] },
        items: [{ id: 'https://ex.org/m2/c1', type: 'Canvas', items: [] }],
      },
      { id: 'https://ex.org/m3', type: 'Manifest', metadata: [], items: [] },
      { id: 'https://ex.org/c2', type: 'Collection', label: { en: ['Sub'] }, items: [{ id: 'https://ex.org/m4', type: 'Manifest', label: { en: ['Deep'] }, summary: { en: ['s'] } }] },
      { id: 'https://ex.org/c3', type: 'Collection', label: { en: ['Elsewhere'] } },
    ],
  };

  it('records for embedded manifests with a label; references listed for the caller', () => {
    const r = parseIiif(Buffer.from(JSON.stringify(col)), ctx);
    expect(r.records.map((x) => [x.identifier, x.draft?.title])).toEqual([
      ['https://ex.org/m2', { en: 'Embedded' }],
      ['https://ex.org/m4', { en: 'Deep' }],
    ]);
    expect(r.references).toEqual([
      { id: 'https://ex.org/m1', type: 'Manifest', label: { en: 'Referenced' }, reason: 'referenced' },
      { id: 'https://ex.org/m3', type: 'Manifest', reason: 'no-label' },
      { id: 'https://ex.org/c3', type: 'Collection', label: { en: 'Elsewhere' }, reason: 'referenced' },
    ]);
    // an embedded manifest's raw is its own JSON: it parses again alone to the same draft
    const m2 = r.records[0]!;
    expect(parseJsonFile(m2.raw, 'iiif', ctx)[0]!.draft).toEqual(m2.draft);
    // parseJsonFile gives the records only
    expect(parseJsonFile(Buffer.from(JSON.stringify(col)), 'iiif', ctx)).toHaveLength(2);
  });
});

describe.skipIf(!HAVE)('every IIIF fixture: a record, a reason or references — never a crash', () => {
  it('by group', () => {
    const groups: Record<string, Record<string, number>> = {};
    for (const g of ['cookbook-rendered', 'presentation-validator-fixtures', 'real-world/mirador', 'real-world/manifesto']) {
      const rs: ParsedRecord[] = [];
      let refs = 0;
      for (const f of files(path.join(IIIF, g))) {
        const r = parseIiif(readFileSync(f), ctx);
        rs.push(...r.records);
        refs += r.references.length;
      }
      groups[g] = { ...tally(rs), references: refs };
    }
    console.log(`IIIF fixtures: ${JSON.stringify(groups)}`);
    expect(groups).toEqual({
      'cookbook-rendered': { draft: 64, wrong_format: 5, references: 11 },
      'presentation-validator-fixtures': { draft: 26, wrong_format: 6, references: 7 },
      'real-world/mirador': { draft: 28, wrong_format: 3, no_title: 4, references: 56 },
      'real-world/manifesto': { draft: 22, wrong_format: 1, references: 48 },
    });
  });
});

describe.skipIf(!HAVE)('cookbook (rendered Presentation 3)', () => {
  it('label languages, summary, metadata pairs, required statement', () => {
    const d = draft('cookbook-rendered/0006-text-language.json');
    expect(d.title).toEqual({ en: "Whistler's Mother", fr: 'La Mère de Whistler' });
    expect(d.description).toEqual({
      en: "Arrangement in Grey and Black No. 1, also called Portrait of the Artist's Mother.",
      fr: "Arrangement en gris et noir n°1, also called Portrait de la mère de l'artiste.",
    });
    expect(d.makers).toEqual([{ name: { en: 'Whistler, James Abbott McNeill' } }]);
    expect(d.creditLine).toEqual({ en: "Musée d'Orsay, Paris, France" });
    const dee = draft('cookbook-rendered/0029-metadata-anywhere.json');
    expect(dee.production).toEqual({ display: { en: '1800-1899' }, earliest: null, latest: null });
    expect(dee.makers).toEqual([{ name: { en: 'Glindoni, Henry Gillard, 1852-1913' } }]);
  });

  it('the image service of the first canvas, the manifest, rights, homepage, navPlace', () => {
    expect(draft('cookbook-rendered/0005-image-service.json').images).toEqual([
      {
        url: 'https://iiif.io/api/image/3.0/example/reference/918ecd18c2592080851777620de9bcb5-gottingen/full/max/0/default.jpg',
        iiifService: 'https://iiif.io/api/image/3.0/example/reference/918ecd18c2592080851777620de9bcb5-gottingen',
        width: 4032,
        height: 3024,
        manifest: 'https://iiif.io/api/cookbook/recipe/0005-image-service/manifest.json',
        primary: true,
      },
    ]);
    expect(draft('cookbook-rendered/0008-rights.json').rights).toBe('http://creativecommons.org/licenses/by-sa/3.0/');
    expect(draft('cookbook-rendered/0047-homepage.json').homepage).toBe('https://www.getty.edu/art/collection/object/103RQQ');
    expect(draft('cookbook-rendered/0154-geo-extension.json').places).toEqual([
      { name: { en: 'The Laocoön Bronze', it: 'Bronzo Laocoonte e i suoi figli' }, role: 'location', lat: 34.0776376, lon: -118.4745559 },
    ]);
    expect(draft('cookbook-rendered/0011-book-3-behavior-manifest-continuous.json').title).toEqual({ gez: 'Ms. 21 Māzemurā Dāwit, Asmat [መዝሙረ ዳዊት]' });
    expect(draft('cookbook-rendered/0003-mvm-video.json').images).toEqual([{ manifest: 'https://iiif.io/api/cookbook/recipe/0003-mvm-video/manifest.json', primary: true }]);
  });

  it('a collection of referenced manifests gives no records and lists them', () => {
    const r = parse('cookbook-rendered/0030-multi-volume-collection.json');
    expect(r.records).toEqual([]);
    expect(r.references.map((x) => [x.id, x.label])).toEqual([
      ['https://iiif.io/api/cookbook/recipe/0030-multi-volume/manifest_v1.json', { ja: '巻 1 [Vol. 1]' }],
      ['https://iiif.io/api/cookbook/recipe/0030-multi-volume/manifest_v2.json', { ja: '巻 2 [Vol. 2]' }],
    ]);
  });
});

describe.skipIf(!HAVE)('presentation-validator fixtures', () => {
  it('v2.1 minimum; v3 mistakes read best-effort', () => {
    expect(draft('presentation-validator-fixtures/1/manifest.json').title).toEqual({ en: 'Test 1 Manifest: Minimum Required Fields' });
    // a label that is not a language map
    expect(draft('presentation-validator-fixtures/3/old_format_label.json').title).toEqual({ en: "Old table label which doesn't have a language" });
    // "@none" keys and an https CC URI, kept as found for normalise
    const rl = draft('presentation-validator-fixtures/3/rights_lang_issues.json');
    expect(rl.title).toEqual({ en: 'Map of Brighthelmston' });
    expect(rl.inventoryNumber).toBe('FATMP000096');
    expect(rl.materials).toEqual([{ label: { en: 'Paper' } }]);
    expect(rl.rights).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    // a service that is an object, not a list
    expect(draft('presentation-validator-fixtures/3/broken_service.json').images![0]!.iiifService).toBe('https://example.org/iiif/book1/page1');
    // bad language keys and extra values: the first per language is the title
    const bsi = draft('presentation-validator-fixtures/3/broken_simple_image.json');
    expect(bsi.title).toEqual({ en: 'Image 1', 'zh-Hant-CN': 'test2', cy: 'test' });
    expect(bsi.alternativeTitles).toEqual([{ 'zh-Hant-CN': 'Test3' }, { en: 'test3' }]);
    const broken = parse('presentation-validator-fixtures/3/broken_collection.json');
    expect(broken.records).toEqual([]);
    expect(broken.references).toHaveLength(2);
    expect(parse('presentation-validator-fixtures/3/annoPage.json').records[0]!.problem).toEqual({ reason: 'wrong_format', message: 'a IIIF AnnotationPage, not a Manifest or Collection' });
  });
});

describe.skipIf(!HAVE)('Mirador real-world manifests', () => {
  it('hamilton v3: the label key "true" takes the source default language', () => {
    expect(draft('real-world/mirador/version-3/hamilton.json').title).toEqual({ en: 'Letter from Alexander Hamilton Papers (September 6, 1780)' });
    const de = draft('real-world/mirador/version-3/hamilton.json', { ...ctx, defaultLanguage: 'de' });
    expect(de.title).toEqual({ de: 'Letter from Alexander Hamilton Papers (September 6, 1780)' });
    expect(de.description!.de).toMatch(/^When the Library of Congress recently digitized the Alexander Hamilton Papers, this letter/);
    expect(de.images![0]!.iiifService).toBe('https://images.prtd.app/iiif/2/hamilton%2fHL_524_1r_00_PSC');
  });

  it('Osbornfa1: no @context, an Image API 1.1 service with a trailing slash', () => {
    const d = draft('real-world/mirador/version-2/Osbornfa1.json');
    expect(d.identifier).toBe('https://manifests.britishart.yale.edu/Osbornfa1');
    expect(d.images).toEqual([
      {
        url: 'https://images.britishart.yale.edu/iiif/b38081da-8991-4464-a71e-d9891226a35f/full/full/0/native.jpg',
        iiifService: 'https://images.britishart.yale.edu/iiif/b38081da-8991-4464-a71e-d9891226a35f',
        width: 3603,
        height: 4438,
        manifest: 'https://manifests.britishart.yale.edu/Osbornfa1',
        primary: true,
      },
    ]);
  });

  it('zeroWidthCanvas: no label is no_title (with the id); its 0×0 canvas gives no size', () => {
    const r = parse('real-world/mirador/version-2/zeroWidthCanvas.json').records[0]!;
    expect(r).toMatchObject({
      identifier: 'https://iiif.bodleian.ox.ac.uk/iiif/manifest/e32a277e-91e2-4a6d-8ba6-cc4bad230410.json',
      problem: { reason: 'no_title', message: 'the manifest has no label (and no Title in its metadata)' },
    });
    const doc = JSON.parse(readFileSync(path.join(IIIF, 'real-world/mirador/version-2/zeroWidthCanvas.json'), 'utf8'));
    const d = manifestToDraft({ ...doc, label: 'Annapurna' }, ctx).draft!;
    expect(d.images).toEqual([
      {
        url: 'https://iiif.bodleian.ox.ac.uk/iiif/image/03472cb2-32d3-4c65-b9b6-51119609baac',
        iiifService: 'https://iiif.bodleian.ox.ac.uk/iiif/image/03472cb2-32d3-4c65-b9b6-51119609baac',
        manifest: 'https://iiif.bodleian.ox.ac.uk/iiif/manifest/e32a277e-91e2-4a6d-8ba6-cc4bad230410.json',
        primary: true,
      },
    ]);
  });

  it('Harvard: metadata pairs by their labels; broken.json is not IIIF', () => {
    const d = draft('real-world/mirador/version-2/299843.json');
    expect(d.inventoryNumber).toBe('1951.65');
    expect(d.materials).toEqual([{ label: { en: 'Oil on canvas' } }]);
    expect(d.production!.display).toEqual({ en: '1888' });
    expect(d.creditLine).toEqual({ en: 'Harvard Art Museums/Fogg Museum, Bequest from the Collection of Maurice Wertheim, Class of 1906' });
    expect(d.dimensionsText!.en).toMatch(/^61\.5 x 50\.3 cm/);
    expect(parse('real-world/mirador/version-2/broken.json').records[0]!.problem).toEqual({ reason: 'wrong_format', message: 'a JSON object with no IIIF type, not a Manifest or Collection' });
  });
});

describe.skipIf(!HAVE)('manifesto real-world manifests', () => {
  it('Qatar Digital Library: Arabic label and metadata labels, right-to-left, ids with spaces', () => {
    const d = draft('real-world/manifesto/qatar-right-to-left.json', { ...ctx, defaultLanguage: 'ar' });
    expect(d.identifier).toBe('http://www.qdl.qa/العربية/iiif/81055/vdc_100000004987.0x000001/manifest');
    expect(d.title).toEqual({ ar: 'كتاب بطلميوس في التعليم المعروف بالمجسطي، نقل إسحق بن حنين بطلميوس' });
    expect(d.inventoryNumber).toBe('Add MS 7475'); // رقم الاستدعاء
    expect(d.production).toEqual({ display: { ar: '٦١٥' }, earliest: null, latest: null }); // التاريخ
    expect(d.objectTypes).toEqual([{ label: { ar: 'مخطوطة' } }]); // نوع الوثيقة
    expect(d.description!.ar).toMatch(/^الكتب من السابع إلى الثالث عشر من\n\s+\(كتاب المجسطي\)/);
    expect(d.images![0]!.iiifService).toBe('http://images.qdl.qa/iiif/images/81055/vdc_100000004987.0x000001/Add%20MS%207475_0001.jp2');
  });

  it('potterselectric: a Windows-1252 byte still parses; a collection of referenced collections', () => {
    const r = parse('real-world/manifesto/potterselectric.json');
    expect(r.repairs).toEqual(['1 byte that are not UTF-8 read as Windows-1252']);
    expect(r.records).toEqual([]);
    expect(r.references).toHaveLength(8);
    expect(r.references[0]).toEqual({ id: 'http://showcase.iiif.io/shims/wales/potter/1859.json', type: 'Collection', label: { en: "Potter's electric news (1859-01-05)" }, reason: 'referenced' });
  });

  it('early v3 drafts with plain-string labels; a v3 manifest whose label is under "@none"', () => {
    expect(draft('real-world/manifesto/pres3-pdf.json').title).toEqual({ en: 'Annotating a pdf on a canvas with a static image of the PDF cover as placeholder.' });
    expect(draft('real-world/manifesto/default-label.json').title).toEqual({ en: 'Cats' });
  });
});

describe('IIIF metadata as large museums label it', () => {
  const pair = (label: string, value: string) => ({ label: { none: [label] }, value: { none: [value] } });
  const canvas = (n: number) => ({
    id: `https://iiif.example.org/c/${n}`,
    type: 'Canvas',
    width: 100,
    height: 80,
    items: [{ type: 'AnnotationPage', items: [{ type: 'Annotation', motivation: 'painting', body: { id: `https://iiif.example.org/i/${n}/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg' } }] }],
  });
  const manifest = (metadata: unknown[], extra: Record<string, unknown> = {}) => ({
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: 'https://iiif.example.org/m/1',
    type: 'Manifest',
    label: { en: ['La surprise'] },
    metadata,
    items: [canvas(1), canvas(2), canvas(1)],
    ...extra,
  });

  it('compound labels ("Artist / Maker", "Culture & Date", "Rights/License") by their parts; the museum number, not a URI; lists; a place and what happened there', () => {
    const d = manifestToDraft(
      manifest([
        pair('Artist / Maker', 'Jean-Antoine Watteau (French, 1684 - 1721)'),
        pair('Artist', 'Georges Seurat\nFrench, 1859-1891'),
        pair('Culture & Date', 'French, 1718–1719'),
        pair('Rights Statement', '<div>Texts here are licensed under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></div>'),
        pair('Rights/License', 'http://www.getty.edu/legal/copyright.html#oc'),
        pair('Museum number', 'E.1829-2004'),
        pair('Identifier', 'https://iiif.example.org/m/1'),
        pair('Categories', 'Posters;Boats and ships;Tourism & Travel'),
        pair('Place', 'Nottingham (printed)'),
        pair('Subjects', '<a href="https://s.example.org/q=geology">geology</a>,<a href="https://s.example.org/q=fossil">fossil</a>'),
        pair('Subject', 'Washington, George, 1732-1799'),
      ]),
      ctx,
    ).draft!;
    expect(d.makers).toEqual([{ name: { en: 'Jean-Antoine Watteau (French, 1684 - 1721)' } }, { name: { en: 'Georges Seurat' }, role: { en: 'Artist' }, about: { en: 'French, 1859-1891' } }]);
    expect(d.production).toEqual({ display: { en: 'French, 1718–1719' }, earliest: null, latest: null });
    // the pair whose whole value is a URL, not a licence named inside a sentence about something else
    expect(d.rights).toBe('http://www.getty.edu/legal/copyright.html#oc');
    expect(d.inventoryNumber).toBe('E.1829-2004');
    expect(manifestToDraft(manifest([pair('Identifier', 'GE1049')]), ctx).draft!.inventoryNumber).toBe('GE1049');
    expect(d.subjects).toEqual([{ label: { en: 'geology' } }, { label: { en: 'fossil' } }, { label: { en: 'Washington, George, 1732-1799' } }]);
    expect(d.classification?.map((c) => c.label.en)).toEqual(['Posters', 'Boats and ships', 'Tourism & Travel']);
    expect(d.places).toEqual([{ name: { en: 'Nottingham' }, role: 'production' }]);
  });

  it('"Conditions of use" is the rights; the page of the record from a text/html rendering, else a Record URL pair', () => {
    const rendered = manifestToDraft(
      manifest([pair('Conditions of use', 'CC BY-NC 4.0')], { rendering: [{ id: 'https://www.example.org/artworks/27992', type: 'Text', format: 'text/html', label: { en: ['Full record'] } }] }),
      ctx,
    ).draft!;
    expect(rendered.rights).toBe('CC BY-NC 4.0');
    expect(rendered.homepage).toBe('https://www.example.org/artworks/27992');
    const paired = manifestToDraft(manifest([pair('Record URL', "<a href='https://c.example.org/item/1'>https://c.example.org/item/1</a>")]), ctx).draft!;
    expect(paired.homepage).toBe('https://c.example.org/item/1');
  });

  it('every view of the object (each image once), the first carrying the manifest', () => {
    const d = manifestToDraft(manifest([]), ctx).draft!;
    expect(d.images).toEqual([
      { url: 'https://iiif.example.org/i/1/full/max/0/default.jpg', width: 100, height: 80, manifest: 'https://iiif.example.org/m/1', primary: true },
      { url: 'https://iiif.example.org/i/2/full/max/0/default.jpg', width: 100, height: 80 },
    ]);
  });
});

describe('IIIF labels read by their words', () => {
  it('a label known whole, by its parts, by its words without the ones that add nothing, or naming a shelfmark', () => {
    const cases: Array<[string, string | undefined]> = [
      ['Date Statement', 'date'],
      ['dateCreated', 'date'], // schema.org names, camelCase
      ['Date of creation', 'date'],
      ['Display Date', 'date'],
      ['Culture & Date', 'date'],
      ['Full title', 'title'],
      ['Other Titles', 'alternativeTitle'],
      ['Titles', 'title'], // YCBA's title pair
      ['Physical Description', 'dimensions'], // MARC 300, MODS physicalDescription
      ['Additional Subjects', 'subject'],
      ['Type of Item', 'type'],
      ['Available Online', 'homepage'], // Stanford PURL
      ['Complete shelfmark', 'inventory'],
      ['Current call number', 'inventory'],
      ['Signatur (aktuell)', 'inventory'],
      ['identificatie', 'inventory'],
      ['Datering', 'date'],
      ['Objektkategorie', 'type'],
      ['Датировка', 'date'],
      ['款识', 'inscription'],
      ['الترخيص', 'rights'],
      ['说明', 'description'],
      // when the record, the acquisition or an earlier number is meant: nothing
      ['Datum gemaakt', undefined],
      ['Datum gewijzigd', undefined],
      ['Record Created', undefined],
      ['PublishDate', undefined],
      ['Date Added', undefined],
      ['Accession Date', undefined],
      ['Accession Type', undefined],
      ['Former shelfmark', undefined],
      ['Ancienne cote', undefined],
      ['itemLocatie', undefined],
    ];
    expect(cases.map(([l]) => [l, metaField([l])])).toEqual(cases);
  });
});

describe('IIIF manifests as libraries and aggregators write them', () => {
  const v3 = (extra: Record<string, unknown>) => ({ '@context': 'http://iiif.io/api/presentation/3/context.json', id: 'https://iiif.example.org/m/2', type: 'Manifest', ...extra });
  const pair = (label: string, value: string, lang = 'en') => ({ label: { [lang]: [label] }, value: { [lang]: [value] } });

  it('a Title pair other than the label is the title, the label (a shelfmark) an alternative; the summary and the Description pair both', () => {
    const d = manifestToDraft(
      v3({
        label: { en: ['Library LP 4'] },
        summary: { en: ['Portrait of a woman'] },
        metadata: [
          pair('Title', 'Portrait of a woman'),
          pair('Shelfmark', 'Library LP 4'),
          pair('Date Statement', '1838'),
          pair('Accession Date', 'by 1838'),
          pair('Record Created', '2019-06-17T15:37:01Z'),
          pair('Description', 'A copy of the portrait overpainted on LP 6.'),
        ],
      }),
      ctx,
    ).draft!;
    expect(d.title).toEqual({ en: 'Portrait of a woman' });
    expect(d.alternativeTitles).toEqual([{ en: 'Library LP 4' }]);
    expect(d.inventoryNumber).toBe('Library LP 4');
    // the summary only repeated the title
    expect(d.description).toEqual({ en: 'A copy of the portrait overpainted on LP 6.' });
    expect(d.production).toEqual({ display: { en: '1838' }, earliest: null, latest: null });

    // both texts when they differ; one when it holds the other (the longer, where the first stood)
    const both = manifestToDraft(v3({ label: { en: ['LP 4'] }, summary: { en: ['A portrait.'] }, metadata: [pair('Description', 'Overpainted on LP 6.')] }), ctx).draft!;
    expect(both.description).toEqual({ en: 'A portrait.\n\nOverpainted on LP 6.' });
    const held = manifestToDraft(v3({ label: { en: ['LP 4'] }, summary: { en: ['A portrait.'] }, metadata: [pair('Description', 'A portrait.  Overpainted on LP 6.'), pair('Summary', 'overpainted on LP 6.')] }), ctx).draft!;
    expect(held.description).toEqual({ en: 'A portrait.  Overpainted on LP 6.' });
  });

  it('a Provenance pair is the provenance; "Herkunft" (as often a place of origin) is not', () => {
    const d = manifestToDraft(v3({ label: { en: ['Bowl'] }, metadata: [pair('Provenance', 'Ex coll. A; sold 1921.'), pair('Herkunft', 'China')] }), ctx).draft!;
    expect(d.provenance).toEqual({ en: 'Ex coll. A; sold 1921.' });
  });

  it('a maker\'s role in every language of its label, without "(s)"', () => {
    const d = manifestToDraft(v3({ label: { zh: ['蜀續大文'] }, metadata: [{ label: { en: ['Author(s)'], zh: ['作者'] }, value: { zh: ['淸王詠霓'] } }] }), ctx).draft!;
    expect(d.makers).toEqual([{ name: { zh: '淸王詠霓' }, role: { en: 'Author', zh: '作者' } }]);
    // under a label that names no role, the value may say it (Harvard's "People")
    const people = manifestToDraft(v3({ label: { en: ['x'] }, metadata: [pair('People', 'Artist: Vincent van Gogh, Dutch, 1853 - 1890')] }), ctx).draft!;
    expect(people.makers).toEqual([{ name: { en: 'Vincent van Gogh, Dutch, 1853 - 1890' }, role: { en: 'Artist' } }]);
    // only a role word we know: "Anonymous: Chinese" names no role and no one
    const anon = manifestToDraft(v3({ label: { en: ['x'] }, metadata: [pair('People', 'Anonymous: Chinese')] }), ctx).draft!;
    expect(anon.makers).toEqual([{ name: { en: 'Anonymous: Chinese' } }]);
    // a label with a long run of spaces is read at once (the test timeout is the guard)
    const spaced = manifestToDraft(v3({ label: { en: ['x'] }, metadata: [{ label: { en: ['Artist'], fr: [`a${' '.repeat(5000)}b`] }, value: { en: ['A'] } }] }), ctx).draft!;
    expect(spaced.makers?.[0]?.role?.en).toBe('Artist');
  });

  it('a label in a language the Title pair does not give stays the title in that language; a Title equal to the label changes nothing', () => {
    const d = manifestToDraft(v3({ label: { 'zh-Hans': ['碗'] }, metadata: [pair('Title', 'Bowl')] }), ctx).draft!;
    expect(d.title).toEqual({ en: 'Bowl', 'zh-Hans': '碗' });
    expect(d.alternativeTitles).toBeUndefined();
    const same = manifestToDraft(v3({ label: { en: ['Yr ardd'] }, metadata: [pair('Title', 'Yr  ardd')] }), ctx).draft!;
    expect(same.title).toEqual({ en: 'Yr ardd' });
    expect(same.alternativeTitles).toBeUndefined();
  });

  it('a "Terms of Use" required statement linking a licence gives the rights, not a credit line; an "Attribution" stays the credit line', () => {
    const terms = {
      label: { en: ['Terms of Use'] },
      value: { en: ['<span>Terms of use: <a href="https://creativecommons.org/licenses/by-nc/4.0/">CC-BY-NC 4.0</a>. See <a href="https://library.example.org/terms/">https://library.example.org/terms/</a></span>'] },
    };
    const d = manifestToDraft(v3({ label: { en: ['x'] }, requiredStatement: terms }), ctx).draft!;
    expect(d.rights).toBe('https://creativecommons.org/licenses/by-nc/4.0/');
    expect(d.creditLine).toBeUndefined();
    // the manifest's own rights come first: the statement is then printed as given
    const own = manifestToDraft(v3({ label: { en: ['x'] }, rights: 'http://rightsstatements.org/vocab/InC/1.0/', requiredStatement: terms }), ctx).draft!;
    expect(own.rights).toBe('http://rightsstatements.org/vocab/InC/1.0/');
    expect(own.creditLine).toEqual({ en: 'Terms of use: CC-BY-NC 4.0. See https://library.example.org/terms/' });
    // a rights statement without a licence link leaves the rights to the rest of the record
    const bare = manifestToDraft(v3({ label: { en: ['x'] }, requiredStatement: { label: { en: ['License'] }, value: { en: ['None'] } } }), ctx).draft!;
    expect([bare.rights, bare.creditLine]).toEqual([undefined, { en: 'None' }]);
    const attribution = manifestToDraft(
      v3({ label: { en: ['x'] }, requiredStatement: { label: { en: ['Attribution'], nl: ['Naamsvermelding'] }, value: { en: ['Provided by Museum K'], nl: ['Aangeboden door Museum K'] } } }),
      ctx,
    ).draft!;
    expect(attribution.creditLine).toEqual({ en: 'Provided by Museum K', nl: 'Aangeboden door Museum K' });
    expect(attribution.rights).toBeUndefined();
  });

  it('schema.org labels in Dutch: dateCreated is the date, identificatie the number, the record timestamps nothing', () => {
    const d = manifestToDraft(
      v3({
        label: { nl: ['De familie'] },
        metadata: [pair('Datum gemaakt', '2025-06-05T15:01:51', 'nl'), pair('Datum gewijzigd', '2025-06-05T15:14:31', 'nl'), pair('dateCreated', '1938', 'nl'), pair('identificatie', '00002', 'nl'), pair('itemLocatie', 'KO.rek06.40', 'nl')],
      }),
      ctx,
    ).draft!;
    expect(d.production).toEqual({ display: { nl: '1938' }, earliest: null, latest: null });
    expect(d.inventoryNumber).toBe('00002');
  });

  it('a body whose id is a fragment of the manifest is no image URL: its image service serves it; no .json path is an image', () => {
    const body = (n: number, service: boolean) => ({
      id: `https://ark.example.org/a1/iiif.json#/canvas/${n}/body`,
      type: 'Image',
      format: 'image/jpeg',
      ...(service ? { service: [{ id: `https://img.example.org/iiif/3/Q${n}`, type: 'ImageService3', profile: 'level2' }] } : {}),
    });
    const canvas = (n: number, service: boolean) => ({
      id: `https://ark.example.org/a1/iiif.json#/canvas/${n}`,
      type: 'Canvas',
      width: 750,
      height: 1000,
      items: [{ type: 'AnnotationPage', items: [{ type: 'Annotation', motivation: 'painting', body: body(n, service) }] }],
    });
    const d = manifestToDraft(
      v3({ id: 'https://ark.example.org/a1/iiif.json', label: { nl: ['x'] }, thumbnail: [{ id: 'https://ark.example.org/a1/thumb.json', type: 'Image' }], items: [canvas(1, true), canvas(2, false)] }),
      ctx,
    ).draft!;
    expect(d.images).toEqual([{ iiifService: 'https://img.example.org/iiif/3/Q1', width: 750, height: 1000, manifest: 'https://ark.example.org/a1/iiif.json', primary: true }]);
    // a JSON API's answer with a query may be an image (Europeana's thumbnail-by-url.json?uri=…)
    const api = manifestToDraft(v3({ label: { en: ['x'] }, thumbnail: [{ id: 'https://api.example.org/v2/thumbnail-by-url.json?uri=x', type: 'Image' }] }), ctx).draft!;
    expect(api.images).toEqual([{ manifest: 'https://iiif.example.org/m/2', thumbnail: 'https://api.example.org/v2/thumbnail-by-url.json?uri=x', primary: true }]);
  });

  it('beside a place of publication, a bare "Place" is what the object shows; a hierarchy path is its last step', () => {
    const d = manifestToDraft(v3({ label: { en: ['x'] }, metadata: [pair('Place of Publication', 'London'), pair('Place', 'East Asia > China')] }), ctx).draft!;
    expect(d.places).toEqual([{ name: { en: 'London' }, role: 'production' }, { name: { en: 'China' }, role: 'depicted' }]);
    const alone = manifestToDraft(v3({ label: { en: ['x'] }, metadata: [pair('Place', 'Bukhara')] }), ctx).draft!;
    expect(alone.places).toEqual([{ name: { en: 'Bukhara' }, role: 'production' }]);
  });

  it('a paged manifest (a book) is its first page: its pages are no views of the object', () => {
    const page = (n: number) => ({
      id: `https://iiif.example.org/c/${n}`,
      type: 'Canvas',
      items: [{ type: 'AnnotationPage', items: [{ type: 'Annotation', motivation: 'painting', body: { id: `https://img.example.org/p${n}.jpg`, type: 'Image', format: 'image/jpeg' } }] }],
    });
    const images = (extra: Record<string, unknown>) => manifestToDraft(v3({ label: { en: ['Book'] }, items: [page(1), page(2), page(3)], ...extra }), ctx).draft!.images!.map((i) => i.url);
    expect(images({ behavior: ['paged'] })).toEqual(['https://img.example.org/p1.jpg']);
    expect(images({})).toEqual(['https://img.example.org/p1.jpg', 'https://img.example.org/p2.jpg', 'https://img.example.org/p3.jpg']);
  });

  it('a navPlace feature whose id is a GeoNames, Wikidata or TGN record: the place id, in its canonical form', () => {
    const feature = (id: string, name: string) => ({ type: 'Feature', id, properties: { label: { en: [name] } }, geometry: { type: 'Point', coordinates: [-117.61775, 49.00381] } });
    const d = manifestToDraft(
      v3({
        label: { en: ['x'] },
        navPlace: {
          type: 'FeatureCollection',
          features: [
            feature('https://www.geonames.org/7315798/pend-oreille-river.html', 'Pend Oreille River'),
            feature('https://www.wikidata.org/wiki/Q1297', 'Chicago'),
            feature('http://vocab.getty.edu/page/tgn/7013596', 'Evanston'),
            feature('https://iiif.example.org/m/2/feature/1', 'Here'),
          ],
        },
      }),
      ctx,
    ).draft!;
    expect(d.places!.map((p) => [p.name.en, p.ids])).toEqual([
      ['Pend Oreille River', ['https://sws.geonames.org/7315798/']],
      ['Chicago', ['http://www.wikidata.org/entity/Q1297']],
      ['Evanston', ['http://vocab.getty.edu/tgn/7013596']],
      ['Here', undefined],
    ]);
  });

  it('v2: a "Complete shelfmark" is the number; a licence written as a link is stored as its URI, no markup', () => {
    const d = manifestToDraft(
      {
        '@context': 'http://iiif.io/api/presentation/2/context.json',
        '@id': 'https://gallica.example.org/iiif/ark:/1/manifest.json',
        '@type': 'sc:Manifest',
        label: 'BnF, Manuscrits, Allemand 305',
        license: '<a href="https://creativecommons.org/publicdomain/mark/1.0/">https://creativecommons.org/publicdomain/mark/1.0/</a>',
        metadata: [
          { label: 'Repository', value: 'Bibliothèque nationale de France' },
          { label: 'Complete shelfmark', value: 'France, Paris, Bibliothèque nationale de France, Allemand 305' },
        ],
      },
      ctx,
    ).draft!;
    expect(d.inventoryNumber).toBe('France, Paris, Bibliothèque nationale de France, Allemand 305');
    expect(d.rights).toBe('https://creativecommons.org/publicdomain/mark/1.0/');
    const text = manifestToDraft({ '@id': 'https://x.example.org/m', '@type': 'sc:Manifest', label: 'x', license: '<span>All rights <b>reserved</b></span>' }, ctx).draft!;
    expect(text.rights).toBe('All rights reserved');
  });
});
