import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ObjectDraft } from '../record.types.ts';
import { canonicalId, normaliseDraft } from './normalise.ts';
import { tagForScript } from './scripts.ts';

const ctx = { defaultLanguage: 'en' };
const draft = (extra: Partial<ObjectDraft> = {}): ObjectDraft => ({ identifier: 'r1', title: { en: 'Bowl' }, ...extra });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('normaliseDraft: language maps', () => {
  it('re-keys through languageTag and cleans the texts', () => {
    const o = normaliseDraft(draft({ title: { eng: ' <i>Bowl</i> ', 'zh-hant': '碗', chi: '' }, description: { 'zh-hans': '青花&amp;釉里红' } }), ctx);
    expect(o.title).toEqual({ en: 'Bowl', 'zh-Hant': '碗' });
    expect(o.description).toEqual({ 'zh-Hans': '青花&釉里红' });
    expect(o.warnings).toEqual([]);
  });

  it('gives keys that name no language the record language, else the default, else und', () => {
    expect(normaliseDraft(draft({ title: { '@none': 'Bowl' } }), ctx).title).toEqual({ en: 'Bowl' });
    expect(normaliseDraft(draft({ title: { und: 'Bol' }, language: 'fre' }), ctx).title).toEqual({ fr: 'Bol' });
    expect(normaliseDraft(draft({ title: { und: 'Bowl' } }), { defaultLanguage: '' }).title).toEqual({ und: 'Bowl' });
    // beside a text that says it is in the record's language, an untagged one is not: it stays und, and is kept
    const beside = normaliseDraft(draft({ title: { und: 'Coin', de: 'Münze' }, materials: [{ label: { de: 'Stahl', und: 'Steel' } }], language: 'de' }), ctx);
    expect(beside.title).toEqual({ und: 'Coin', de: 'Münze' });
    expect(beside.materials).toEqual([{ label: { de: 'Stahl', und: 'Steel' } }]);
    expect(beside.warnings).toEqual([]);
    const o = normaliseDraft(draft({ title: { true: 'Чаша' } }), { defaultLanguage: 'ru' });
    expect(o.title).toEqual({ ru: 'Чаша' });
    expect(o.warnings).toEqual(['unknown_language: title key "true" taken as ru']);
  });

  it('does not file a text under a language whose script it does not use (an untagged Arabic title in an English source)', () => {
    const o = normaliseDraft(draft({ title: { und: 'مصحف شريف', fr: 'Coran' }, description: { en: '青花瓷盘' } }), ctx);
    expect(o.title).toEqual({ 'und-Arab': 'مصحف شريف', fr: 'Coran' });
    expect(o.description).toEqual({ 'und-Hani': '青花瓷盘' });
    expect(o.warnings).toEqual([
      'script_mismatch: title "مصحف شريف" is not written in a script of en: taken as und-Arab',
      'script_mismatch: description "青花瓷盘" is not written in a script of en: taken as und-Hani',
    ]);
    // a script of the language anywhere in the text, or no letters at all: the tag stands
    const kept = normaliseDraft(draft({ title: { en: 'Mosque lamp مشكاة', ja: '青花', 'zh-Hant': '1723', ru: 'Ваза', 'ar-Latn': 'Qurʾān' } }), ctx);
    expect(kept.title).toEqual({ en: 'Mosque lamp مشكاة', ja: '青花', 'zh-Hant': '1723', ru: 'Ваза', 'ar-Latn': 'Qurʾān' });
    expect(kept.warnings).toEqual([]);
    // the other way round: Latin text under Chinese or Russian; a second one keeps its tag rather than be lost
    expect(normaliseDraft(draft({ title: { zh: 'Bowl', ru: 'Vase' } }), ctx).title).toEqual({ 'und-Latn': 'Bowl', ru: 'Vase' });
  });

  it('keeps the first of two texts that end up under one key, and says so', () => {
    const o = normaliseDraft(draft({ title: { en: 'Bowl', eng: 'Dish', 'en-x-a': 'Bowl' } }), ctx);
    expect(o.title).toEqual({ en: 'Bowl' });
    expect(o.warnings).toEqual(['language_conflict: title has two en texts; kept the first']);
  });

  it('reports a title that cleaning empties', () => {
    const o = normaliseDraft(draft({ title: { en: '<br>  ' } }), ctx);
    expect(o.title).toEqual({});
    expect(o.warnings).toEqual(['empty_title: no title text left after cleaning']);
  });
});

describe('normaliseDraft: production dates', () => {
  it('fills years from the display text when the record has none', () => {
    const o = normaliseDraft(draft({ production: { display: { en: '11th century AH/AD 17th century' }, earliest: null, latest: null } }), ctx);
    expect(o.production).toEqual({
      display: { en: '11th century AH/AD 17th century' },
      earliest: 1600,
      latest: 1699,
      yearsFrom: 'text',
      precision: 'century',
    });
    const zh = normaliseDraft(draft({ production: { display: { 'zh-hans': '清乾隆' }, earliest: null, latest: null } }), ctx);
    expect(zh.production).toMatchObject({ display: { 'zh-Hans': '清乾隆' }, earliest: 1736, latest: 1795, yearsFrom: 'text' });
  });

  it("keeps the record's years", () => {
    const o = normaliseDraft(draft({ production: { display: { en: '19th century' }, earliest: 1800, latest: 1899 } }), ctx);
    expect(o.production).toEqual({ display: { en: '19th century' }, earliest: 1800, latest: 1899, yearsFrom: 'record' });
  });

  it('completes a missing bound from the text', () => {
    const o = normaliseDraft(draft({ production: { display: { en: 'ca. 1750' }, earliest: 1745, latest: null } }), ctx);
    expect(o.production).toEqual({ display: { en: 'ca. 1750' }, earliest: 1745, latest: 1760, yearsFrom: 'record', approximate: true });
  });

  it('keeps the record\'s years as approximate or uncertain as its text says', () => {
    const o = normaliseDraft(draft({ production: { display: { en: 'c. 1550–1650' }, earliest: 1550, latest: 1650 } }), ctx);
    expect(o.production).toEqual({ display: { en: 'c. 1550–1650' }, earliest: 1550, latest: 1650, yearsFrom: 'record', approximate: true });
    const q = normaliseDraft(draft({ production: { display: { en: 'ca. 1740?' }, earliest: 1730, latest: 1750 } }), ctx);
    expect(q.production).toMatchObject({ earliest: 1730, latest: 1750, approximate: true, uncertain: true });
  });

  it('takes the years of the text when the record\'s cannot be them (century numbers typed as years, no overlap)', () => {
    const o = normaliseDraft(draft({ production: { display: { en: '9th-10th century?' }, earliest: 9, latest: 10 } }), ctx);
    expect(o.production).toEqual({ display: { en: '9th-10th century?' }, earliest: 800, latest: 999, yearsFrom: 'text', precision: 'century', uncertain: true });
    expect(o.warnings).toEqual(['years_disagree: the record\'s years 9–10 are not those of "9th-10th century?"; the text\'s are used']);
    const apart = normaliseDraft(draft({ production: { display: { en: 'ca. 1750' }, earliest: 1850, latest: 1860 } }), ctx);
    expect(apart.production).toMatchObject({ earliest: 1740, latest: 1760, yearsFrom: 'text' });
    // the 1st century is years 1–99: record years 1–100 agree with it
    const first = normaliseDraft(draft({ production: { display: { en: 'AD 1st century' }, earliest: 1, latest: 100 } }), ctx);
    expect(first.production).toMatchObject({ earliest: 1, latest: 100, yearsFrom: 'record' });
    expect(first.warnings).toEqual([]);
  });

  it('structured measurements: types and units in the catalogue\'s words, completed from the text when they agree with it', () => {
    const de = normaliseDraft(draft({ measurements: [{ type: 'Breite', value: 12, unit: 'Zentimeter' }, { type: 'Gewicht', value: 8.1, unit: 'gr.' }] }), ctx);
    expect(de.measurements).toEqual([{ type: 'width', value: 12, unit: 'cm' }, { type: 'weight', value: 8.1, unit: 'g' }]);
    const open = normaliseDraft(draft({ measurements: [{ type: 'Breite (geöffnet)', value: 40, unit: 'cm' }] }), ctx);
    expect(open.measurements).toEqual([{ type: 'width', value: 40, unit: 'cm', part: 'geöffnet' }]);
    const partial = normaliseDraft(draft({ dimensionsText: { en: 'overall: 29 × 16.7 x 16.7 cm' }, measurements: [{ type: 'height', value: 29, unit: 'cm' }] }), ctx);
    expect(partial.measurements).toEqual([
      { type: 'height', value: 29, unit: 'cm' },
      { type: 'width', value: 16.7, unit: 'cm' },
      { type: 'depth', value: 16.7, unit: 'cm' },
    ]);
    // the one part the text names is the measurement the record filled in
    const sheet = normaliseDraft(draft({ dimensionsText: { en: 'sheet: 79.8 x 106.6 cm' }, measurements: [{ type: 'height', value: 79.8, unit: 'cm' }] }), ctx);
    expect(sheet.measurements).toEqual([{ type: 'height', value: 79.8, unit: 'cm' }, { type: 'width', value: 106.6, unit: 'cm' }]);
    // a text about another measurement (the case, not the object) adds nothing
    const other = normaliseDraft(draft({ dimensionsText: { en: '40 x 30 cm (case)' }, measurements: [{ type: 'height', value: 29, unit: 'cm' }] }), ctx);
    expect(other.measurements).toEqual([{ type: 'height', value: 29, unit: 'cm' }]);
  });

  it('keeps the provenance as a cleaned language map', () => {
    const o = normaliseDraft(draft({ provenance: { en: '  Henry Walters, Baltimore [date and mode of acquisition unknown];\n Walters Art Museum, 1931, by bequest. ' } }), ctx);
    expect(o.provenance).toEqual({ en: 'Henry Walters, Baltimore [date and mode of acquisition unknown];\nWalters Art Museum, 1931, by bequest.' });
  });

  it('a copy of the English filed under zh-Hant is not kept again as und-Latn', () => {
    const o = normaliseDraft(draft({ materials: [{ label: { en: 'typewriter ink on paper', 'zh-hant': 'typewriter ink on paper' } }], creditLine: { 'zh-hant': 'Gift of M+', en: 'Gift of M+' } }), ctx);
    expect(o.materials).toEqual([{ label: { en: 'typewriter ink on paper' } }]);
    expect(o.creditLine).toEqual({ en: 'Gift of M+' });
  });

  it('leaves out makers that name no one ("Unknown", "[Ανωνύμως]", "Fotograf unbekannt", "佚名"), unless they carry an id', () => {
    const o = normaliseDraft(
      draft({
        makers: [
          { name: { en: 'Unknown' }, role: { en: 'maker' } },
          { name: { el: '[Ανωνύμως]' } },
          { name: { de: 'Fotograf unbekannt' } },
          { name: { zh: '佚名' } },
          { name: { ro: 'Anonim' } },
          { name: { el: 'ΑΝΩΝΥΜΟΣ' } },
          { name: { ru: 'Неизвестный' } },
          { name: { en: 'Anonymous' }, ids: ['http://vocab.getty.edu/ulan/500355043'] },
          { name: { en: 'Unknown Pleasures Studio' } },
        ],
      }),
      ctx,
    );
    expect(o.makers).toEqual([{ name: { en: 'Anonymous' }, ids: ['http://vocab.getty.edu/ulan/500355043'] }, { name: { en: 'Unknown Pleasures Studio' } }]);
    expect(o.warnings.filter((w) => w.startsWith('placeholder_maker')).length).toBe(7);
  });

  it('keeps a maker\'s nationality and dates written into the name beside it, not in it', () => {
    const o = normaliseDraft(
      draft({
        makers: [
          { name: { en: 'Nizami Ganjavi (Azerbaijani, died 605 AH/AD 1209)' } },
          { name: { en: 'Hafiz (Persian, flourished 8th century AH/AD 14th century)' } },
          { name: { zh: '齐白石（1864—1957）' } },
          { name: { en: 'Louis XIV (1638-1715)' }, about: { en: 'French king' } },
          { name: { en: 'Hokusai, Katsushika, 1760-1849' } },
          { name: { en: 'Peter Gaspar Scheemakers, 1691–1781, Flemish, active in Britain (from ca. 1720)' } },
          { name: { en: 'Jalal al-Din Rumi, Maulana (Persian, 1207-1273)' } },
          { name: { en: 'Studio 1950, Milan' } },
          { name: { en: 'Vincent van Gogh, Dutch, 1853 - 1890' } },
          { name: { en: 'Bach, Johann Christian, 1735-1782' } },
          { name: { en: 'Von Kleist, Heinrich, 1777-1811' } },
          { name: { en: 'Le Sidaner, Henri, 1862-1939' } },
          { name: { en: 'Unknown (Chinese, 19th century)' } },
          // no year or century in the brackets: part of the name
          { name: { en: 'Iranian (?)' } },
          { name: { en: 'Master of the Legend of St. Ursula (Bruges)' } },
        ],
      }),
      ctx,
    );
    expect(o.makers).toEqual([
      { name: { en: 'Nizami Ganjavi' }, about: { en: 'Azerbaijani, died 605 AH/AD 1209' } },
      { name: { en: 'Hafiz' }, about: { en: 'Persian, flourished 8th century AH/AD 14th century' } },
      { name: { zh: '齐白石' }, about: { zh: '1864—1957' } },
      { name: { en: 'Louis XIV' }, about: { en: 'French king; 1638-1715' } },
      { name: { en: 'Hokusai, Katsushika' }, about: { en: '1760-1849' } },
      { name: { en: 'Peter Gaspar Scheemakers' }, about: { en: '1691–1781, Flemish, active in Britain (from ca. 1720)' } },
      { name: { en: 'Jalal al-Din Rumi, Maulana' }, about: { en: 'Persian, 1207-1273' } },
      { name: { en: 'Studio 1950, Milan' } },
      { name: { en: 'Vincent van Gogh' }, about: { en: 'Dutch, 1853 - 1890' } },
      { name: { en: 'Bach, Johann Christian' }, about: { en: '1735-1782' } },
      // a particle starts an inverted heading: the forename is no nationality
      { name: { en: 'Von Kleist, Heinrich' }, about: { en: '1777-1811' } },
      { name: { en: 'Le Sidaner, Henri' }, about: { en: '1862-1939' } },
      // an attribution, not a placeholder: kept whole
      { name: { en: 'Unknown (Chinese, 19th century)' } },
      { name: { en: 'Iranian (?)' } },
      { name: { en: 'Master of the Legend of St. Ursula (Bruges)' } },
    ]);
  });

  it('a term known only by its id: an Iconclass notation is its label; any other is kept for its id and said', () => {
    const o = normaliseDraft(
      draft({
        subjects: [{ label: {}, ids: ['http://iconclass.org/48C5'] }],
        objectTypes: [{ label: {}, ids: ['http://vocab.getty.edu/aat/300033799'] }],
        makers: [{ name: {}, ids: ['http://viaf.org/viaf/96089549'] }],
      }),
      ctx,
    );
    expect(o.subjects).toEqual([{ label: { und: '48C5' }, ids: ['http://iconclass.org/48C5'] }]);
    // a stray "%" in the notation does not stop the record
    expect(normaliseDraft(draft({ subjects: [{ label: {}, ids: ['http://iconclass.org/48C5%'] }] }), ctx).subjects).toEqual([{ label: { und: '48C5%' }, ids: ['http://iconclass.org/48C5%'] }]);
    expect(o.objectTypes).toEqual([{ label: {}, ids: ['http://vocab.getty.edu/aat/300033799'] }]);
    expect(o.warnings).toEqual(['unlabelled_term: object type http://vocab.getty.edu/aat/300033799 has no label', 'unnamed_maker: http://viaf.org/viaf/96089549 has no name']);
  });

  it('drops ids on example.org (a template\'s placeholder); zxx (no linguistic content) is und', () => {
    const o = normaliseDraft(
      draft({ makers: [{ name: { en: 'A' }, ids: ['http://lod.example.org/museum/Person/23', 'http://vocab.getty.edu/ulan/500115588'] }], dimensionsText: { zxx: '44,5 x 59,5' } }),
      ctx,
    );
    expect(o.makers).toEqual([{ name: { en: 'A' }, ids: ['http://vocab.getty.edu/ulan/500115588'] }]);
    expect(o.dimensionsText).toEqual({ und: '44,5 x 59,5' });
    expect(o.warnings).toEqual(['placeholder_id: maker http://lod.example.org/museum/Person/23 names nothing; dropped']);
  });

  it('drops an export\'s empty-field marks (";", \'""\') and a separator too many ("Elsene;"); "Necunoscut" names no one', () => {
    const o = normaliseDraft(
      draft({
        places: [{ name: { nl: ';' } }, { name: { nl: 'Elsene;' } }],
        subjects: [{ label: { en: '""' } }, { label: { en: 'maps' } }],
        makers: [{ name: { ro: 'Necunoscut' } }],
      }),
      ctx,
    );
    expect(o.places).toEqual([{ name: { nl: 'Elsene' }, role: 'production' }]);
    // a long run of separators is trimmed at once (the test timeout is the guard)
    expect(normaliseDraft(draft({ description: { en: `x${'; '.repeat(40000)}x` } }), ctx).description?.en).toMatch(/^x; .*x$/);
    // a Greek question mark (";" after NFC) is text; a title "?" is a title
    const greek = normaliseDraft(draft({ title: { el: 'Πού πας;' }, alternativeTitles: [{ en: '?' }] }), ctx);
    expect([greek.title, greek.alternativeTitles]).toEqual([{ el: 'Πού πας;' }, [{ en: '?' }]]);
    expect(o.subjects).toEqual([{ label: { en: 'maps' } }]);
    expect(o.makers).toBeUndefined();
  });

  it('swaps reversed years, and takes year 0 for unknown', () => {
    const o = normaliseDraft(draft({ production: { display: { en: '1750-1700' }, earliest: 1750, latest: 1700 } }), ctx);
    expect(o.production).toMatchObject({ earliest: 1700, latest: 1750 });
    expect(o.warnings).toEqual(['reversed_years: earliest 1750 after latest 1700; swapped']);
    const slip = normaliseDraft(draft({ production: { display: { en: '11th century AH/AD 17th century' }, earliest: 1601, latest: 17000 } }), ctx);
    expect(slip.production).toMatchObject({ earliest: 1601, latest: 1699 });
    expect(slip.warnings).toEqual([`invalid_year: latest 17000 is after ${new Date().getUTCFullYear() + 1}; taken as unknown`]);
    const nd = normaliseDraft(draft({ production: { display: { en: 'n.d.' }, earliest: 0, latest: 0 } }), ctx);
    expect(nd.production).toEqual({ display: { en: 'n.d.' }, earliest: null, latest: null });
    expect(nd.warnings).toEqual(['invalid_year: earliest 0 (there is no year 0) taken as unknown', 'invalid_year: latest 0 (there is no year 0) taken as unknown']);
  });

  it('reports a date text it cannot read', () => {
    const o = normaliseDraft(draft({ production: { display: { en: 'in the time of the old king' }, earliest: null, latest: null } }), ctx);
    expect(o.production).toEqual({ display: { en: 'in the time of the old king' }, earliest: null, latest: null });
    expect(o.warnings).toEqual(['unparsed_date: "in the time of the old king" gave no years']);
  });

  it('leaves a null production null and an absent one absent', () => {
    expect(normaliseDraft(draft({ production: null }), ctx).production).toBeNull();
    expect('production' in normaliseDraft(draft(), ctx)).toBe(false);
  });
});

describe('normaliseDraft: rights', () => {
  it('adds rightsUri and rightsLabel, keeping the text as found', () => {
    expect(normaliseDraft(draft({ rights: 'https://creativecommons.org/publicdomain/zero/1.0/' }), ctx)).toMatchObject({
      rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
      rightsUri: 'http://creativecommons.org/publicdomain/zero/1.0/',
      rightsLabel: 'CC0 1.0',
    });
    expect(normaliseDraft(draft({ rights: '© The museum' }), ctx)).toMatchObject({ rightsUri: null, rightsLabel: '© The museum' });
    const none = normaliseDraft(draft(), ctx);
    expect(none.rightsUri).toBeNull();
    expect('rightsLabel' in none).toBe(false);
  });
});

describe('normaliseDraft: measurements', () => {
  it('from the dimensions text when the record gives none, never over those it gives', () => {
    const fromText = normaliseDraft(draft({ dimensionsText: { de: 'Höhe: 193 cm; Breite: 100 cm' } }), ctx);
    expect(fromText.measurements).toEqual([
      { type: 'height', value: 193, unit: 'cm' },
      { type: 'width', value: 100, unit: 'cm' },
    ]);
    const given = normaliseDraft(draft({ dimensionsText: { en: '36.4 × 28.2 cm' }, measurements: [{ type: 'height', value: 36, unit: 'cm' }] }), ctx);
    expect(given.measurements).toEqual([{ type: 'height', value: 36, unit: 'cm' }]);
    expect(normaliseDraft(draft({ dimensionsText: { en: 'irregular' } }), ctx).measurements).toBeUndefined();
  });
});

describe('normaliseDraft: images and URLs', () => {
  it('a plain link that is an IIIF Image API request names its image service', () => {
    const o = normaliseDraft(
      draft({ images: [{ url: 'https://media.example.org/iiif/2/ab12/full/max/0/default.jpg' }, { url: 'https://media.example.org/img/ab12.jpg' }] }),
      ctx,
    );
    expect(o.images).toEqual([
      { url: 'https://media.example.org/iiif/2/ab12/full/max/0/default.jpg', iiifService: 'https://media.example.org/iiif/2/ab12' },
      { url: 'https://media.example.org/img/ab12.jpg' },
    ]);
  });

  it('drops duplicate images, non-http URLs, and keeps one primary', () => {
    const o = normaliseDraft(
      draft({
        images: [
          { url: ' http://static.thewalters.org/images/a.jpg?width=1000 ', primary: false },
          { url: 'http://static.thewalters.org/images/a.jpg?width=1000', primary: true },
          { iiifService: 'https://iiif.example.org/iiif/2/abc/info.json', width: 2000.4, height: -5, rights: 'CC BY 4.0' },
          { iiifService: 'https://iiif.example.org/iiif/2/abc/' },
          { url: 'file:///C:/images/b.jpg' },
          { url: 'http://static.thewalters.org/images/c.jpg', primary: true, caption: { eng: 'Back' } },
        ],
      }),
      ctx,
    );
    expect(o.images).toEqual([
      { url: 'http://static.thewalters.org/images/a.jpg?width=1000', primary: true },
      { iiifService: 'https://iiif.example.org/iiif/2/abc', width: 2000, rights: 'http://creativecommons.org/licenses/by/4.0/' },
      { url: 'http://static.thewalters.org/images/c.jpg', caption: { en: 'Back' } },
    ]);
    expect(o.warnings).toEqual([
      'duplicate_image: http://static.thewalters.org/images/a.jpg?width=1000 dropped',
      'duplicate_image: https://iiif.example.org/iiif/2/abc dropped',
      'invalid_url: image "file:///C:/images/b.jpg" dropped',
      'several_primary_images: http://static.thewalters.org/images/c.jpg is not primary',
    ]);
  });

  it('trims the homepage and keeps it only when http(s); sameAs ids canonical and unique', () => {
    expect(normaliseDraft(draft({ homepage: '  http://art.thewalters.org/detail/12345  ' }), ctx).homepage).toBe('http://art.thewalters.org/detail/12345');
    const bad = normaliseDraft(draft({ homepage: 'javascript:alert(1)' }), ctx);
    expect('homepage' in bad).toBe(false);
    expect(bad.warnings).toEqual(['invalid_url: homepage "javascript:alert(1)" dropped']);
    const o = normaliseDraft(draft({ sameAs: ['https://www.wikidata.org/wiki/Q12418', 'http://www.wikidata.org/entity/Q12418', 'urn:x', 'ftp://x'] }), ctx);
    expect(o.sameAs).toEqual(['http://www.wikidata.org/entity/Q12418']);
    expect(o.warnings).toEqual(['invalid_url: sameAs "urn:x" dropped', 'invalid_url: sameAs "ftp://x" dropped']);
    // words after a link are no part of it (dLibra's "… sygn. P.10113"); a lone space inside one is
    const cut = normaliseDraft(draft({ homepage: 'http://aleph.example.pl/F?func=direct&doc_number=000156913 sygn. P.10113' }), ctx);
    expect(cut.homepage).toBe('http://aleph.example.pl/F?func=direct&doc_number=000156913');
    expect(normaliseDraft(draft({ homepage: 'https://m.example.net/img/a.jpg (recto)' }), ctx).homepage).toBe('https://m.example.net/img/a.jpg');
    expect(normaliseDraft(draft({ homepage: 'https://m.example.net/img/Plate 12 recto.jpg' }), ctx).homepage).toBe('https://m.example.net/img/Plate%2012%20recto.jpg');
  });
});

describe('normaliseDraft: terms, makers, places', () => {
  it('merges terms that share an id or a label', () => {
    const o = normaliseDraft(
      draft({
        materials: [
          { label: { en: 'silk' }, ids: ['aat:300243428'] },
          { label: { 'zh-hans': '丝' }, ids: ['https://vocab.getty.edu/page/aat/300243428'] },
          { label: { en: 'Silk' } },
          { label: { en: 'gold' } },
          { label: { en: '  ' } },
        ],
      }),
      ctx,
    );
    expect(o.materials).toEqual([
      { label: { en: 'silk', 'zh-Hans': '丝' }, ids: ['http://vocab.getty.edu/aat/300243428'] },
      { label: { en: 'gold' } },
    ]);
    expect(o.warnings).toEqual(['duplicate_term: material "丝" merged', 'duplicate_term: material "Silk" merged']);
  });

  it('drops a maker listed twice and a non-URI id', () => {
    const o = normaliseDraft(
      draft({
        makers: [
          { name: { en: 'Iranian' }, role: { en: 'Artist' } },
          { name: { en: 'Iranian' }, role: { en: 'Artist' } },
          { name: { en: 'Mir Ali' }, ids: ['12345', 'http://vocab.getty.edu/ulan/500012345'] },
        ],
      }),
      ctx,
    );
    expect(o.makers).toEqual([
      { name: { en: 'Iranian' }, role: { en: 'Artist' } },
      { name: { en: 'Mir Ali' }, ids: ['http://vocab.getty.edu/ulan/500012345'] },
    ]);
    expect(o.warnings).toEqual(['duplicate_maker: "Iranian" listed twice; kept once', 'invalid_id: maker "12345" is not a URI; dropped']);
  });

  it('validates coordinates and defaults the role to production', () => {
    const o = normaliseDraft(
      draft({
        places: [
          { name: { en: 'Jaipur' }, lat: 26.883, lon: 75.833, ids: ['http://www.geonames.org/1269515/jaipur.html'] },
          { name: { en: 'Nowhere' }, role: 'findspot', lat: 95, lon: 10 },
          { name: { en: 'Half' }, lat: 40 },
          { name: { en: 'Null Island' }, lat: 0, lon: 0 },
          { name: { en: 'Samarkand' }, lat: 39.65, lon: 266.97 },
        ],
      }),
      ctx,
    );
    expect(o.places).toEqual([
      { name: { en: 'Jaipur' }, role: 'production', lat: 26.883, lon: 75.833, ids: ['https://sws.geonames.org/1269515/'] },
      { name: { en: 'Nowhere' }, role: 'findspot' },
      { name: { en: 'Half' }, role: 'production' },
      { name: { en: 'Null Island' }, role: 'production' },
      { name: { en: 'Samarkand' }, role: 'production' },
    ]);
    expect(o.warnings).toEqual([
      'invalid_coordinates: place "Nowhere" lat 95 lon 10 dropped',
      'invalid_coordinates: place "Half" lat 40 lon undefined dropped',
      'invalid_coordinates: place "Null Island" at 0,0 (an empty value) dropped',
      'invalid_coordinates: place "Samarkand" lat 39.65 lon 266.97 dropped',
    ]);
  });
});

describe('normaliseDraft: the rest', () => {
  it('keeps transcriptions as written (brackets, markup) and tags their language', () => {
    const o = normaliseDraft(
      draft({ inscriptions: [{ text: " wa-<ā>lih wa-sahbih <i>sic</i>\r\n/2/ tis'imi<'>ah ", lang: 'ara', translation: { eng: 'and his family' } }, { text: '  ' }] }),
      ctx,
    );
    expect(o.inscriptions).toEqual([{ text: "wa-<ā>lih wa-sahbih <i>sic</i>\n/2/ tis'imi<'>ah", lang: 'ar', translation: { en: 'and his family' } }]);
  });

  it('drops measurements that cannot be measurements', () => {
    const o = normaliseDraft(draft({ measurements: [{ type: 'height', value: 37.62, unit: 'cm' }, { type: 'width', value: Number.NaN, unit: 'cm' }, { type: 'depth', value: 2, unit: ' ' }] }), ctx);
    expect(o.measurements).toEqual([{ type: 'height', value: 37.62, unit: 'cm' }]);
    expect(o.warnings).toEqual(['invalid_measurement: ["width",null,"cm"] dropped', 'invalid_measurement: ["depth",2," "] dropped']);
  });

  it('omits what is empty, trims numbers and keeps the identifier', () => {
    const o = normaliseDraft(
      draft({ identifier: ' 10000 ', inventoryNumber: ' W.569.4A ', alternativeTitles: [{ en: 'Bowl' }, { en: '' }, { fr: 'Bol' }, { fr: 'Bol' }], description: { en: ' ' }, images: [], language: 'eng' }),
      ctx,
    );
    expect(o).toEqual({ identifier: '10000', inventoryNumber: 'W.569.4A', title: { en: 'Bowl' }, alternativeTitles: [{ fr: 'Bol' }], rightsUri: null, language: 'en', warnings: [] });
  });

  it('is pure: the draft is not changed', () => {
    const d = deepFreeze(
      draft({
        title: { eng: '<b>Bowl</b>' },
        materials: [{ label: { en: 'silk' } }, { label: { en: 'silk' } }],
        production: { display: { en: 'ca. 1700' }, earliest: null, latest: null },
        places: [{ name: { en: 'X' }, lat: 100, lon: 0 }],
        images: [{ url: 'http://a/b.jpg' }, { url: 'http://a/b.jpg' }],
      }),
    );
    const before = JSON.stringify(d);
    expect(() => normaliseDraft(d, ctx)).not.toThrow();
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('canonicalId', () => {
  it.each([
    ['aat:300015050', 'http://vocab.getty.edu/aat/300015050'],
    ['http://vocab.getty.edu/aat/300015050', 'http://vocab.getty.edu/aat/300015050'],
    ['https://vocab.getty.edu/page/aat/300015050', 'http://vocab.getty.edu/aat/300015050'],
    ['http://vocab.getty.edu/tgn/7000874.json', 'http://vocab.getty.edu/tgn/7000874'],
    ['Q12418', 'http://www.wikidata.org/entity/Q12418'],
    ['https://m.wikidata.org/wiki/Q12418#sitelinks', 'http://www.wikidata.org/entity/Q12418'],
    ['https://www.wikidata.org/w/index.php?search=&search=Q45621', 'http://www.wikidata.org/entity/Q45621'],
    ['https://www.wikidata.org/w/index.php?search=Q45621&title=Special:Search', 'http://www.wikidata.org/entity/Q45621'],
    ['https://www.wikidata.org/w/index.php?search=vase', 'https://www.wikidata.org/w/index.php?search=vase'],
    ['https://www.geonames.org/1269515/jaipur.html', 'https://sws.geonames.org/1269515/'],
    ['http://sws.geonames.org/1269515/about.rdf', 'https://sws.geonames.org/1269515/'],
    ['http://nomisma.org/id/samarqand.rdf', 'http://nomisma.org/id/samarqand'],
    ['nm:samarqand', 'http://nomisma.org/id/samarqand'],
    ['https://viaf.org/viaf/100185495/', 'http://viaf.org/viaf/100185495'],
    ['urn:nbn:de:1234', 'urn:nbn:de:1234'],
    ['https://example.org/thing/1 ', 'https://example.org/thing/1'],
    ['12345', undefined],
    ['not a uri', undefined],
  ] as Array<[string, string | undefined]>)('%s', (input, output) => {
    expect(canonicalId(input)).toBe(output);
  });
});

// Real records through a minimal ad-hoc mapping (the shipped mappings are the importers'):
// nothing throws and the warnings are the expected kinds.
const COLLECTIONS = ['../shared/data/collections', '/work/shared/data/collections'].find((d) => existsSync(d));

function waltersDraft(j: Record<string, any>): ObjectDraft {
  return {
    identifier: String(j.ObjectID),
    inventoryNumber: j.ObjectNumber,
    title: { en: j.Title ?? '' },
    description: j.Description ? { en: j.Description } : undefined,
    production: { display: { en: j.DateText ?? '' }, earliest: j.DateBeginYear ?? null, latest: j.DateEndYear ?? null },
    places: (j.Geographies ?? []).map((g: any) => ({ name: { en: g.GeographyTerm }, role: g.GeoType, lat: g.LatitudeNumber ?? undefined, lon: g.LongitudeNumber ?? undefined })),
    images: (j.Images ?? []).map((i: any) => ({ url: i.ImageURLs?.Raw, primary: i.IsPrimary === 1 || i.IsPrimary === true })),
    creditLine: j.CreditLine ? { en: j.CreditLine } : undefined,
    homepage: j.ResourceURL,
    rights: 'CC0',
    inscriptions: j.Inscriptions ? [{ text: j.Inscriptions }] : undefined,
  } as ObjectDraft;
}

function mplusDraft(j: Record<string, any>): ObjectDraft {
  return {
    identifier: String(j.id),
    inventoryNumber: j.objectNumber,
    title: j.title,
    production: { display: j.displayDate, earliest: null, latest: null },
    dimensionsText: j.dimension,
    creditLine: j.creditLine,
    rights: 'CC0 1.0 Universal',
  } as ObjectDraft;
}

describe('normaliseDraft on real records', () => {
  if (!COLLECTIONS) console.log('skipped: ../shared/data/collections is absent');
  it.skipIf(!COLLECTIONS)('normalises every Walters and M+ record', () => {
    const counts = new Map<string, number>();
    let n = 0;
    const run = (d: ObjectDraft, lang: string) => {
      const o = normaliseDraft(d, { defaultLanguage: lang });
      n++;
      expect(o.rightsUri).toMatch(/^http:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/$/);
      for (const w of o.warnings) counts.set(w.split(':')[0]!, (counts.get(w.split(':')[0]!) ?? 0) + 1);
      return o;
    };
    const wdir = `${COLLECTIONS}/walters/objects`;
    for (const f of readdirSync(wdir)) run(waltersDraft(JSON.parse(readFileSync(`${wdir}/${f}`, 'utf8'))), 'en');
    const mdir = `${COLLECTIONS}/mplus/objects_Sigg_Collection_JSON`;
    for (const sub of readdirSync(mdir)) {
      for (const f of readdirSync(`${mdir}/${sub}`)) {
        const o = run(mplusDraft(JSON.parse(readFileSync(`${mdir}/${sub}/${f}`, 'utf8'))), 'en');
        expect(Object.keys(o.title).every((k) => k === 'en' || k === 'zh-Hant')).toBe(true);
        expect(o.production?.earliest).not.toBeNull();
      }
    }
    console.log(`real records: ${n}; warnings by kind: ${JSON.stringify(Object.fromEntries(counts))}`);
    expect(n).toBeGreaterThan(3900);
    expect([...counts.keys()].every((k) => ['invalid_year', 'duplicate_image', 'invalid_coordinates', 'reversed_years', 'years_disagree'].includes(k))).toBe(true);
  });
});

// Throughput: 50,000 synthetic drafts shaped like the real ones. Printed, not asserted
// (a benchmark is not a timed test); the pipeline's budget is 15,000 records/s end to
// end on two cores.
describe('normaliseDraft throughput', () => {
  it('prints records per second over 50,000 synthetic drafts', () => {
    const dates = [
      '11th century AH/AD 17th century', '1121 AH/AD 1717', 'ca. 1700', '19th century', 'late 12th century AH/AD 18th century',
      'Qing dynasty, Qianlong period (1736–1795)', '清代晚期', '唐代', '3rd century BC', '1980s', 'n.d.',
    ];
    const drafts: ObjectDraft[] = [];
    for (let i = 0; i < 50_000; i++) {
      drafts.push({
        identifier: `obj-${i}`,
        inventoryNumber: `W.${i}.${i % 7}`,
        title: i % 3 ? { en: `Leaf ${i} from a <i>Shahnama</i>` } : { 'zh-hans': `青花碗 ${i}`, en: `Bowl ${i}` },
        description: i % 2 ? { en: `The inscription reads: mi<'>atan wa-khams <a>y<a>t &amp; more, object ${i}.\r\n\r\nSecond paragraph.` } : undefined,
        materials: [{ label: { en: 'ink' }, ids: ['aat:300015012'] }, { label: { en: 'paper' } }],
        makers: [{ name: { en: 'Iranian' }, role: { en: 'Artist' } }],
        // a quarter of the dates are unique texts, the rest repeat as in real collections
        production: { display: { en: i % 4 ? dates[i % dates.length]! : `ca. ${1000 + (i % 900)}-${1010 + (i % 900)}` }, earliest: null, latest: null },
        places: [{ name: { en: 'Herat' }, lat: 34.35, lon: 62.2 }],
        images: [{ url: `http://static.thewalters.org/images/W${i}.jpg?width=1000`, primary: true }],
        homepage: `http://art.thewalters.org/detail/${i}`,
        rights: i % 2 ? 'CC0' : 'https://creativecommons.org/licenses/by-nc/4.0/',
        creditLine: { en: 'Acquired by Henry Walters, 1931' },
      });
    }
    const start = performance.now();
    const cpu = process.cpuUsage();
    let kept = 0;
    for (const d of drafts) kept += normaliseDraft(d, ctx).warnings.length >= 0 ? 1 : 0;
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
    const rate = (s: number) => Math.round(drafts.length / s).toLocaleString('en');
    console.log(`normaliseDraft: ${rate(seconds)} records/s wall, ${rate(cpuSeconds)} records/s of CPU time (${drafts.length} drafts, one thread)`);
    expect(kept).toBe(drafts.length);
  });
});

describe('tagForScript', () => {
  it.each<[string, string, string]>([
    ['sr', 'Beograd, Narodni muzej', 'sr'],
    ['sr', 'Народни музеј', 'sr'],
    ['ja-Jpan', 'ひらがな', 'ja-Jpan'],
    ['ko-Kore', '高麗青瓷', 'ko-Kore'],
    ['de-Latf', 'Straße', 'de-Latf'],
    ['zh', 'مصحف Qur', 'und-Arab'],
    ['en', 'مصحف', 'und-Arab'],
    ['en', '1923', 'en'],
    ['pl', 'Ковш', 'und-Cyrl'],
    // nearly all letters decide, not any one: a volume code's "b" does not make a Han title English
    ['en', '大正新脩大藏經図像部第12b02巻', 'und-Hani'],
    ['en', 'Vase with Qianlong mark 乾隆年製', 'en'],
    ['zh', 'Qianlong 乾隆', 'zh'],
    ['ru', 'Москва MS 2', 'ru'],
    ['fr', 'Vénus', 'fr'],
    // a Han character weighs about a word
    ['zh', 'Louis Vuitton 手袋', 'zh'],
    // languages whose script we do not list are not checked (museum-digital ships Tamil labels)
    ['ta', 'சுட்டாங்கல்', 'ta'],
    ['km', 'ប្រាសាទ', 'km'],
  ])('%s %j → %s', (tag, text, want) => {
    expect(tagForScript(tag, text)).toBe(want);
  });
});
