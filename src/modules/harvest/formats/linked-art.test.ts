import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObjectDraft, ParseContext, ParsedRecord } from '../record.types.ts';
import { canonicalId, linkedArtToDraft, parseLinkedArt, yearOf } from './linked-art.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const LA = path.resolve(ROOT, '../shared/fixtures/linked-art');
const HAVE = existsSync(LA);
if (!HAVE) console.warn(`skipped: ${LA} is absent (third-party Linked Art fixtures)`);

const ctx: ParseContext = { defaultLanguage: 'en', maxRecordBytes: 2 * 1024 * 1024, maxDepth: 64 };

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) out.push(...files(path.join(dir, e.name)));
    else if (/\.json(ld)?$/.test(e.name)) out.push(path.join(dir, e.name));
  return out.sort();
}
const one = (rel: string): ParsedRecord => {
  const rs = parseLinkedArt(readFileSync(path.join(LA, rel)), ctx);
  expect(rs).toHaveLength(1);
  return rs[0]!;
};
const draft = (rel: string): ObjectDraft => {
  const r = one(rel);
  expect(r.problem).toBeUndefined();
  return r.draft!;
};
const tally = (rs: ParsedRecord[]) => {
  const t: Record<string, number> = {};
  for (const r of rs) t[r.problem?.reason ?? 'draft'] = (t[r.problem?.reason ?? 'draft'] ?? 0) + 1;
  return t;
};

describe('readers', () => {
  it('ids: CURIEs expanded, Getty page and https forms made the concept URI, others untouched', () => {
    expect(canonicalId('aat:300011021')).toBe('http://vocab.getty.edu/aat/300011021');
    expect(canonicalId('nm:stater')).toBe('http://nomisma.org/id/stater');
    expect(canonicalId('https://vocab.getty.edu/page/aat/300041340')).toBe('http://vocab.getty.edu/aat/300041340');
    expect(canonicalId('https://linked.art/example/object/spring/1')).toBe('https://linked.art/example/object/spring/1');
    // Getty concepts are numbered: a producer's own word behind the prefix is no AAT id
    expect(canonicalId('aat:artist')).toBe('aat:artist');
    expect(canonicalId('tgn:Paris')).toBe('tgn:Paris');
  });

  it('years from ISO dates, BCE with a minus sign', () => {
    expect(yearOf('1642-01-01T00:00:00Z')).toBe(1642);
    // ISO 8601 years are astronomical (0000 is 1 BCE): the Linked Art ANS coin "323 BCE - 317 BCE" is -0322/-0316
    expect(yearOf('-0322-01-01T00:00:00Z')).toBe(-323);
    expect(yearOf('-0316-12-31T23:59:59Z')).toBe(-317);
    expect(yearOf('0000-06-01')).toBe(-1);
    expect(yearOf('0001-01-01')).toBe(1);
    expect(yearOf('1923-07-20')).toBe(1923);
    expect(yearOf('1882-08-21T23:59:59')).toBe(1882);
    expect(yearOf('around 1500')).toBeNull();
  });

  it('an array or NDJSON of objects; not an object; not JSON', () => {
    const nd = Buffer.from('{"id":"urn:a","type":"HumanMadeObject","_label":"A"}\n{"id":"urn:b","type":"Person","_label":"B"}\n');
    expect(parseLinkedArt(nd, ctx).map((r) => r.draft?.title ?? r.problem?.message)).toEqual([{ en: 'A' }, 'line 2: a Linked Art Person, not a HumanMadeObject']);
    expect(parseLinkedArt(Buffer.from('[1]'), ctx)[0]!.problem!.reason).toBe('wrong_format');
    expect(parseLinkedArt(Buffer.from('{"id":'), ctx)[0]!.problem!.reason).toBe('unparseable');
    expect(linkedArtToDraft({ '@context': 'http://iiif.io/api/presentation/3/context.json', type: 'Manifest' }, ctx).problem!.message).toBe('a IIIF Presentation document, not Linked Art (import it as iiif)');
  });

  it('languages of names from AAT concepts, ISO vocabularies or the concept label; the default otherwise', () => {
    const d = linkedArtToDraft(
      {
        id: 'urn:x',
        type: 'HumanMadeObject',
        identified_by: [
          { type: 'Name', content: 'Kāse', language: [{ id: 'http://vocab.getty.edu/aat/300389087' }], classified_as: [{ id: 'aat:300404670' }] },
          { type: 'Name', content: '碗', language: [{ id: 'http://id.loc.gov/vocabulary/iso639-1/zh' }], classified_as: [{ id: 'aat:300404670' }] },
          { type: 'Name', content: 'Чаша', language: [{ _label: 'Russian' }], classified_as: [{ id: 'aat:300404670' }] },
          { type: 'Name', content: 'Bowl', classified_as: [{ id: 'aat:300404670' }] },
        ],
      },
      ctx,
    ).draft!;
    expect(d.title).toEqual({ fa: 'Kāse', zh: '碗', ru: 'Чаша', en: 'Bowl' });
  });
});

describe.skipIf(!HAVE)('examples-official-1.0 (the current linked.art examples)', () => {
  it('every object example gives a draft but the one with neither Name nor _label; other classes are wrong_format', () => {
    const objects = files(path.join(LA, 'examples-official-1.0/object')).flatMap((f) => parseLinkedArt(readFileSync(f), ctx));
    expect(tally(objects)).toEqual({ draft: 61, no_title: 1 });
    expect(one('examples-official-1.0/object/nightwatch/18.json').problem).toEqual({ reason: 'no_title', message: 'no identified_by Name and no _label (or label)' });
    const others = files(path.join(LA, 'examples-official-1.0')).filter((f) => !f.includes('/object/')).flatMap((f) => parseLinkedArt(readFileSync(f), ctx));
    expect(tally(others)).toEqual({ wrong_format: 56 });
  });

  it('Night Watch: titles in two languages, accession number, production, dimensions, materials, statements', () => {
    expect(draft('examples-official-1.0/object/nightwatch/1.json').title).toEqual({ en: 'The Night Watch', nl: 'De Nachtwacht' });
    const two = draft('examples-official-1.0/object/nightwatch/2.json');
    expect(two.identifier).toBe('https://linked.art/example/object/nightwatch/2');
    expect(two.inventoryNumber).toBe('SK-C-5');
    expect(draft('examples-official-1.0/object/nightwatch/5.json')).toEqual({
      identifier: 'https://linked.art/example/object/nightwatch/5',
      title: { en: 'Night Watch by Rembrandt' },
      makers: [{ name: { en: 'Rembrandt' }, ids: ['https://linked.art/example/person/rembrandt'] }],
      production: { display: { en: '1642' }, earliest: 1642, latest: 1642 },
      places: [{ name: { en: 'Amsterdam' }, role: 'production', ids: ['https://linked.art/example/place/amsterdam'] }],
    } satisfies ObjectDraft);
    const six = draft('examples-official-1.0/object/nightwatch/6.json');
    expect(six.objectTypes).toEqual([{ label: { en: 'Painting' }, ids: ['http://vocab.getty.edu/aat/300033618'] }]);
    expect(six.measurements).toEqual([{ type: 'width', value: 453.5, unit: 'cm' }, { type: 'height', value: 379.5, unit: 'cm' }]);
    expect(draft('examples-official-1.0/object/nightwatch/7.json').dimensionsText).toEqual({ en: 'height 379.5 cm × width 453.5 cm × weight 337 kg' });
    expect(draft('examples-official-1.0/object/nightwatch/10.json').measurements).toBeUndefined(); // a colour, not a measurement
    expect(draft('examples-official-1.0/object/nightwatch/11.json').classification).toEqual([{ label: { en: 'Oblong' }, ids: ['http://vocab.getty.edu/aat/300311843'] }]);
    expect(draft('examples-official-1.0/object/nightwatch/12.json').materials).toEqual([
      { label: { en: 'oil' }, ids: ['http://vocab.getty.edu/aat/300015050'] },
      { label: { en: 'canvas' }, ids: ['http://vocab.getty.edu/aat/300014078'] },
    ]);
    expect(draft('examples-official-1.0/object/nightwatch/4.json').materials).toEqual([{ label: { en: 'Oil on Canvas' } }]);
    expect(draft('examples-official-1.0/object/nightwatch/15.json').creditLine).toEqual({ en: 'On loan from the City of Amsterdam' });
    expect(draft('examples-official-1.0/object/nightwatch/3.json').sameAs).toEqual(['https://www.wikidata.org/entity/Q219831']);
  });

  it('Spring: description, homepage, IIIF manifest, image with its IIIF service, inscription on a part', () => {
    expect(draft('examples-official-1.0/object/spring/4.json').production).toEqual({ display: { en: '1881' }, earliest: 1881, latest: 1881 });
    expect(draft('examples-official-1.0/object/spring/5.json').description).toEqual({
      en: 'A chic young woman in a day dress with floral accents holds a parasol against a background of exuberant foliage.',
    });
    expect(draft('examples-official-1.0/object/spring/9.json').homepage).toBe('https://www.getty.edu/art/collection/object/103QTZ');
    expect(draft('examples-official-1.0/object/spring/10.json').images).toEqual([{ manifest: 'https://media.getty.edu/iiif/manifest/db379bba-801c-4650-bc31-3ff2f712eb21', primary: true }]);
    expect(draft('examples-official-1.0/object/spring/11.json').images).toEqual([
      {
        url: 'https://media.getty.edu/iiif/image/8094f61e-e458-42bd-90cf-a0ed0dcc90b9/full/full/0/default.jpg',
        iiifService: 'https://media.getty.edu/iiif/image/8094f61e-e458-42bd-90cf-a0ed0dcc90b9',
        primary: true,
      },
    ]);
    expect(draft('examples-official-1.0/object/spring/back.json').inscriptions).toEqual([{ text: '11505F', kind: 'inscription' }]);
  });

  it('production parts, attributions and groups', () => {
    const run = draft('examples-official-1.0/object/run/1.json');
    expect(run.makers).toEqual([
      { name: { en: 'Mark Barrow' }, ids: ['https://linked.art/example/person/barrow'] },
      { name: { en: 'Sarah Parke' }, ids: ['https://linked.art/example/person/parke'] },
    ]);
    expect(run.techniques!.map((t) => t.label.en)).toEqual(['Painting', 'hand weaving']);
    expect(draft('examples-official-1.0/object/forum/1.json').makers).toEqual([
      { name: { en: 'Salomon Corrodi' }, role: { en: 'Possibly By' }, ids: ['https://linked.art/example/person/corrodi'] },
    ]);
    expect(draft('examples-official-1.0/object/yiadom-boakye/1.json').inventoryNumber).toBe('2021.25.1');
  });
});

describe.skipIf(!HAVE)('examples-official-2021 (pre-1.0)', () => {
  it('69 objects: drafts for all but four fragments without a name; every other class is wrong_format', () => {
    const all = files(path.join(LA, 'examples-official-2021')).map((f) => [path.basename(f), parseLinkedArt(readFileSync(f), ctx)[0]!] as const);
    const objects = all.filter(([f]) => f.startsWith('object.')).map(([, r]) => r);
    expect(tally(objects)).toEqual({ draft: 65, no_title: 4 });
    expect(tally(all.filter(([f]) => !f.startsWith('object.')).map(([, r]) => r))).toEqual({ wrong_format: 88 });
  });

  it('Mona Lisa (object/0): three titles, accession number, production with ULAN and TGN ids, dimensions in metres', () => {
    const d = draft('examples-official-2021/object.0.json');
    expect(d.title).toEqual({ en: 'Mona Lisa', fr: 'La Joconde', it: 'La Gioconda' });
    expect(d.inventoryNumber).toBe('INV. 779');
    expect(d.objectTypes).toEqual([{ label: { en: 'Painting' }, ids: ['http://vocab.getty.edu/aat/300033618'] }]);
    expect(d.makers).toEqual([{ name: { en: 'Leonardo da Vinci' }, ids: ['http://vocab.getty.edu/ulan/500010879'] }]);
    expect(d.production).toEqual({ display: { en: '1503-1506' }, earliest: 1503, latest: 1506 });
    expect(d.places).toEqual([{ name: { en: 'Florence, Italy' }, role: 'production', ids: ['http://vocab.getty.edu/tgn/7000457'] }]);
    expect(d.measurements).toEqual([{ type: 'height', value: 0.77, unit: 'm' }, { type: 'width', value: 0.53, unit: 'm' }]);
    expect(d.sameAs).toEqual(['http://wikidata.org/entity/Q12418']);
  });

  it('a name in two languages takes the first; homepage and manifest by subject_of; a rights statement URI', () => {
    expect(draft('examples-official-2021/object.7.json').title).toEqual({ es: 'Hacha (Ceremonial Axe)' });
    expect(draft('examples-official-2021/object.28.json').homepage).toBe('http://example.org/collection/1/painting/index.html');
    expect(draft('examples-official-2021/object.29.json').homepage).toBeUndefined(); // a web page about it, not its homepage
    expect(draft('examples-official-2021/object.31.json').images).toEqual([{ manifest: 'http://iiif.example.org/presentation/1/manifest.json', primary: true }]);
    expect(draft('examples-official-2021/object.68.json').rights).toBe('http://rightsstatements.org/vocab/NKC/1.0/');
    expect(draft('examples-official-2021/object.53.json').inscriptions).toEqual([
      { text: 'Photograph of Example Painting, taken 1932', kind: 'inscription', position: 'Back of Photograph' },
    ]);
  });
});

describe.skipIf(!HAVE)('legacy 0.x producers (ANS, IMA)', () => {
  it('the ANS coin: ManMadeObject, label, value, CURIEs, parts with images and a legend', () => {
    const d = draft('real-world/legacy-0.x-cookbook/ans/coin-la.json');
    expect(d.identifier).toBe('http://numismatics.org/collection/1944.100.51606');
    expect(d.title).toEqual({ en: 'Gold Stater of Philip III Arrhidaeus, Abydus, 323 B.C. - 317 B.C.. 1944.100.51606' });
    expect(d.inventoryNumber).toBe('1944.100.51606');
    expect(d.materials).toEqual([{ label: { en: 'Gold' }, ids: ['http://vocab.getty.edu/aat/300011021'] }]);
    expect(d.techniques).toEqual([{ label: { en: 'Struck' }, ids: ['http://vocab.getty.edu/aat/300206846'] }]);
    expect(d.makers).toEqual([{ name: { en: 'Philip III Arrhidaeus' }, ids: ['http://nomisma.org/id/philip_iii_arrhidaeus'] }]);
    expect(d.places).toEqual([{ name: { en: 'Abydus' }, role: 'production', ids: ['http://vocab.getty.edu/tgn/6000030'] }]);
    expect(d.measurements).toEqual([{ type: 'die axis', value: 12, unit: '' }, { type: 'weight', value: 8.61, unit: 'g' }]);
    expect(d.inscriptions).toEqual([{ text: 'ΦΙΛΙΠΠΟΥ', kind: 'inscription', position: 'Reverse' }]);
    expect(d.description!.en).toBe('Obverse: Head of Athena right wearing Corinthian helmet with crest\n\nReverse: Nike standing left holding wreath in right hand, and stylis in her left hand');
    // each side is one image: its service and its JPEG, given as two VisualItems, together
    expect(d.images![0]).toEqual({
      iiifService: 'http://images.numismatics.org/collectionimages%2F19001949%2F1944%2F1944.100.51606.obv.noscale.jpg',
      url: 'http://numismatics.org/collectionimages/19001949/1944/1944.100.51606.obv.width350.jpg',
      caption: { en: 'Obverse' },
      manifest: 'http://numismatics.org/search/manifest/1944.100.51606',
      primary: true,
    });
    expect(d.images!.map((i) => i.caption)).toEqual([{ en: 'Obverse' }, { en: 'Reverse' }]);
  });

  it('IMA: created_by, /page/ AAT ids; the IMA\'s own JSON beside it is not Linked Art', () => {
    const d = draft('real-world/legacy-0.x-cookbook/ima/ima-turner.json');
    expect(d.production).toEqual({ display: { und: '1806' }, earliest: 1806, latest: 1806 });
    expect(d.makers).toEqual([{ name: { en: 'Joseph Mallord William Turner' }, ids: ['http://vocab.getty.edu/ulan/500026846'] }]);
    expect(d.objectTypes).toEqual([{ label: { en: 'Engraving' }, ids: ['http://vocab.getty.edu/aat/300041340'] }]);
    expect(d.subjects).toEqual([{ label: { en: 'Oxford' }, ids: ['http://vocab.getty.edu/tgn/7011931'] }]);
    expect(one('real-world/legacy-0.x-cookbook/ima/turner.json').problem).toEqual({ reason: 'wrong_format', message: 'no "type": not a Linked Art HumanMadeObject' });
  });
});

describe.skipIf(!HAVE)('Van Gogh Worldwide fragments (no _label)', () => {
  const dir = 'real-world/vangoghworldwide-profile';
  const facts = (f: string) => linkedArtToDraft(JSON.parse(readFileSync(path.join(LA, dir, f), 'utf8')), ctx, { requireTitle: false });

  it('alone, a fragment without a title is quarantined (no_title) — only titles.jsonld is a record; provenance activities are not objects', () => {
    const rs = files(path.join(LA, dir)).map((f) => [path.basename(f), parseLinkedArt(readFileSync(f), ctx)[0]!] as const);
    expect(tally(rs.map(([, r]) => r))).toEqual({ no_title: 24, wrong_format: 5, draft: 1 });
    expect(rs.find(([f]) => f === 'titles.jsonld')![1].draft).toEqual({ identifier: 'http://vangoghmuseum.nl/data/artwork/s0416M1990', title: { nl: 'Zeezicht in Scheveningen' } });
    // each quarantined fragment still says which object it is about
    expect(rs.filter(([, r]) => r.problem?.reason === 'no_title').every(([, r]) => /^https?:\/\//.test(r.identifier ?? ''))).toBe(true);
  });

  it('what the fragments carry', () => {
    expect(facts('production.jsonld').draft).toEqual({
      identifier: 'http://vangoghmuseum.nl/data/artwork/s0416M1990',
      title: {},
      techniques: [{ label: { en: 'painting' }, ids: ['http://vocab.getty.edu/aat/300054216'] }],
      makers: [{ name: { en: 'Gogh, Vincent van' }, ids: ['http://vocab.getty.edu/ulan/500115588'] }],
      // the producer wrote begin and end the wrong way round: the span is put right
      production: { display: { en: 'Probably on August 21 1882' }, earliest: 1882, latest: 1882 },
      places: [{ name: { en: "'s-Gravenhage" }, role: 'production', ids: ['http://vocab.getty.edu/tgn/7006810'] }],
    });
    expect(facts('identifiers.jsonld').draft!.inventoryNumber).toBe('s0416M1990');
    expect(facts('dimensions.jsonld').draft!.measurements).toEqual([{ type: 'width', value: 51.9, unit: 'cm' }, { type: 'height', value: 36.4, unit: 'cm' }]);
    expect(facts('inscription.jsonld').draft!.inscriptions).toEqual([{ text: 'Vincent', kind: 'signature' }]);
    expect(facts('credit.jsonld').draft!.creditLine).toEqual({ en: 'Van Gogh Museum, Amsterdam (Vincent van Gogh Foundation' });
    expect(facts('subject_type.jsonld').draft!.subjects).toEqual([{ label: { en: 'Seascape' }, ids: ['http://vocab.getty.edu/aat/300117546'] }]);
    // template placeholders ({BASE_URL_TO_IMAGE_ON_IIIF_SERVER}) are not URLs: no image
    expect(facts('digital_representation_iiif.jsonld').draft!.images).toBeUndefined();
  });
});

describe.skipIf(!HAVE)('validator-tests: hand-made valid and invalid objects', () => {
  it('none crashes; what each gives', () => {
    const out = Object.fromEntries(
      files(path.join(LA, 'validator-tests')).map((f) => {
        const r = parseLinkedArt(readFileSync(f), ctx)[0]!;
        return [path.relative(path.join(LA, 'validator-tests'), f), r.problem?.reason ?? 'draft'];
      }),
    );
    expect(out).toEqual({
      'invalid/artwork_material_type.json': 'draft',
      'invalid/bad_destruction.json': 'draft',
      'invalid/bad_location.json': 'draft',
      'invalid/bad_partremoval.json': 'draft',
      'invalid/bad_production.json': 'draft',
      'invalid/basic_reference_too_many_properties.json': 'draft',
      'invalid/current_owner.json': 'draft',
      'invalid/destruction_wrong_type.json': 'draft',
      'invalid/dimension_wrong_class.json': 'draft',
      'invalid/equivalent_object_wrong_type.json': 'draft',
      'invalid/id_not_resolvable.json': 'no_title',
      'invalid/id_not_resolvable_basic_ref.json': 'wrong_format',
      'invalid/improper_attribute_assignment.json': 'draft',
      'invalid/improper_timespan.json': 'draft',
      'invalid/linguistic_object_badly_formed.json': 'draft',
      'invalid/made_of_concept.json': 'draft',
      'invalid/multiple_types_for_entity.json': 'wrong_format',
      'invalid/part_of_object.json': 'draft',
      'invalid/part_removal_wrong_type.json': 'draft',
      'invalid/parts_of_object.json': 'draft',
      'invalid/production_wrong_type.json': 'draft',
      'invalid/recommended_timespans_for_production.json': 'draft',
      'invalid/refer_to_nonlinguistic.json': 'draft',
      'invalid/representation_wrong_type.json': 'draft',
      'invalid/subject_of_wrong_type.json': 'draft',
      'invalid/value_numerical.json': 'no_title',
      'valid/basic_valid_object_0.json': 'draft',
      'warning/warning_object_0.json': 'draft',
    });
  });

  it('wrong classes are ignored rather than trusted', () => {
    expect(draft('validator-tests/invalid/dimension_wrong_class.json').measurements).toBeUndefined();
    expect(draft('validator-tests/invalid/production_wrong_type.json').makers).toBeUndefined();
    expect(draft('validator-tests/invalid/linguistic_object_badly_formed.json').description).toBeUndefined();
    const value = linkedArtToDraft(JSON.parse(readFileSync(path.join(LA, 'validator-tests/invalid/value_numerical.json'), 'utf8')), ctx, { requireTitle: false });
    expect(value.draft!.measurements).toBeUndefined(); // "I am not a number"
    expect(draft('validator-tests/invalid/recommended_timespans_for_production.json').production).toEqual({ display: { und: '1500–1503' }, earliest: 1500, latest: 1503 });
  });
});

/** An object written here: the Linked Art context and these fields, as a draft. */
const written = (fields: Record<string, unknown>) => linkedArtToDraft({ '@context': 'https://linked.art/ns/v1/linked-art.json', ...fields }, ctx).draft!;

describe('Linked Art from an aggregator (LUX-style)', () => {
  const lang = (label: string) => [{ id: `https://lux.example.org/concept/${label}`, type: 'Language', _label: label }];
  const name = (content: string, language: string) => ({ type: 'Name', content, language: lang(language) });
  it('periods in every language their Names give, the place it was found, a catalogue number by the name of its type', () => {
    const d = written({
        id: 'https://lux.example.org/object/1',
        type: 'HumanMadeObject',
        _label: 'Torosaurus latus',
        identified_by: [
          { type: 'Name', content: 'Torosaurus latus' },
          { type: 'Identifier', content: 'YPM VP 001830', classified_as: [{ id: 'https://lux.example.org/concept/c', type: 'Type', _label: 'YPM External Catalog Number' }] },
          { type: 'Identifier', content: 'ypm:835577', classified_as: [{ id: 'https://lux.example.org/concept/d', type: 'Type', _label: 'EMu IRN' }] },
        ],
        produced_by: {
          type: 'Production',
          occurred_during: [{ id: 'https://lux.example.org/period/k', type: 'Period', _label: 'Cretaceous', identified_by: [name('Cretaceous', 'English'), name('Kreide', 'German'), name('白垩纪', 'Chinese'), name('العصر الطباشيري', 'Arabic')] }],
        },
        encountered_by: [{ type: 'Encounter', took_place_at: [{ id: 'https://lux.example.org/place/w', type: 'Place', _label: 'Converse County, Wyoming' }] }],
      });
    expect(d.inventoryNumber).toBe('YPM VP 001830');
    expect(d.periods).toEqual([{ label: { en: 'Cretaceous', de: 'Kreide', zh: '白垩纪', ar: 'العصر الطباشيري' }, ids: ['https://lux.example.org/period/k'] }]);
    expect(d.places).toEqual([{ name: { en: 'Converse County, Wyoming' }, role: 'findspot', ids: ['https://lux.example.org/place/w'] }]);
  });
});

describe('Linked Art 0.x as museums published it', () => {
  it('a production in consists_of parts, labels as lists, a bare image service, crm:P104 rights', () => {
    const d = written({
        id: 'http://data.example-museum.org/object/6401',
        type: 'ManMadeObject',
        label: 'Pedernal',
        classified_as: [{ id: 'aat:300047090', label: [{ '@language': 'en', '@value': 'sculpture' }, 'sculpture (visual works)'] }],
        produced_by: { consists_of: [{ carried_out_by: [{ id: 'http://data.example-museum.org/person/2', label: "Georgia O'Keeffe" }] }] },
        representation: [{ id: 'https://iiif.example-museum.org/image/iiif/2/732891', type: 'VisualItem' }],
        'crm:P104_is_subject_to': { id: 'http://rightsstatements.org/vocab/InC/1.0/' },
      });
    expect(d.makers).toEqual([{ name: { en: "Georgia O'Keeffe" }, ids: ['http://data.example-museum.org/person/2'] }]);
    expect(d.objectTypes).toEqual([{ label: { en: 'sculpture' }, ids: ['http://vocab.getty.edu/aat/300047090'] }]);
    expect(d.images).toEqual([{ iiifService: 'https://iiif.example-museum.org/image/iiif/2/732891', primary: true }]);
    expect(d.rights).toBe('http://rightsstatements.org/vocab/InC/1.0/');
  });
});

describe('Linked Art as the Rijksmuseum publishes it: labels only as notations, references as bare id strings', () => {
  const aat = (n: string) => `http://vocab.getty.edu/aat/${n}`;
  const notation = (nl: string, en: string) => [{ '@language': 'nl', '@value': nl }, { '@language': 'en', '@value': en }];
  const dutch = [{ id: aat('300388256'), type: 'Language' }];
  const drawing = (production: Record<string, unknown>) =>
    written({
      id: 'https://id.rijksmuseum.nl/200117708',
      type: 'HumanMadeObject',
      identified_by: [{ type: 'Name', content: 'Three Scribes', classified_as: [{ id: aat('300404670'), type: 'Type' }] }],
      classified_as: [{ id: 'https://id.rijksmuseum.nl/220363', type: 'Type', classified_as: [{ id: aat('300435443'), type: 'Type' }], notation: notation('tekening', 'drawing'), equivalent: [aat('300033973')] }],
      made_of: [{ id: 'https://id.rijksmuseum.nl/22020', type: 'Material', notation: notation('papier', 'paper'), equivalent: ['http://www.wikidata.org/entity/Q11472', aat('300014109')] }],
      produced_by: production,
      dimension: [
        { type: 'Dimension', classified_as: [{ id: 'https://id.rijksmuseum.nl/22012', type: 'Type', notation: notation('breedte', 'width'), equivalent: [aat('300055647')] }], value: '176', unit: { id: aat('300379097') } },
        { type: 'Dimension', classified_as: [aat('300055644')], value: '226', unit: aat('300379097') },
      ],
      referred_to_by: [{ type: 'LinguisticObject', content: 'hoogte 226 mm x breedte 176 mm', classified_as: [aat('300435430')], language: dutch }],
      subject_of: [{ id: 'https://data.rijksmuseum.nl/200117708', type: 'LinguisticObject', subject_to: [{ type: 'Right', classified_as: [{ id: 'https://creativecommons.org/publicdomain/zero/1.0/', type: 'Type' }] }] }],
    });
  const rembrandt = { id: 'https://id.rijksmuseum.nl/2103429', type: 'Person', notation: notation('Rembrandt van Rijn', 'Rembrandt van Rijn'), equivalent: ['http://www.wikidata.org/entity/Q5598', 'http://vocab.getty.edu/ulan/500011051'] };
  const draftsman = { id: 'https://id.rijksmuseum.nl/2202371', type: 'Type', notation: notation('tekenaar', 'draftsman (artist)'), equivalent: [aat('300112172')] };
  const leiden = { id: 'https://id.rijksmuseum.nl/230105', type: 'Place', notation: notation('Leiden', 'Leiden'), equivalent: ['http://vocab.getty.edu/tgn/7006809'] };

  it('names, ids, the maker\'s role from the technique of their part, typed dimensions, the licence of the record', () => {
    const brush = { id: 'https://id.rijksmuseum.nl/2202953', type: 'Type', notation: notation('penseel', 'brush'), equivalent: [aat('300054216')] };
    expect(drawing({ type: 'Production', technique: [brush], part: [{ type: 'Production', carried_out_by: [rembrandt], technique: [draftsman], took_place_at: [leiden] }] })).toEqual({
      identifier: 'https://id.rijksmuseum.nl/200117708',
      title: { en: 'Three Scribes' },
      objectTypes: [{ label: { nl: 'tekening', en: 'drawing' }, ids: ['https://id.rijksmuseum.nl/220363', aat('300033973')] }],
      materials: [{ label: { nl: 'papier', en: 'paper' }, ids: ['https://id.rijksmuseum.nl/22020', 'http://www.wikidata.org/entity/Q11472', aat('300014109')] }],
      techniques: [{ label: { nl: 'penseel', en: 'brush' }, ids: ['https://id.rijksmuseum.nl/2202953', aat('300054216')] }],
      makers: [
        {
          name: { nl: 'Rembrandt van Rijn', en: 'Rembrandt van Rijn' },
          role: { nl: 'tekenaar', en: 'draftsman (artist)' },
          ids: ['https://id.rijksmuseum.nl/2103429', 'http://www.wikidata.org/entity/Q5598', 'http://vocab.getty.edu/ulan/500011051'],
        },
      ],
      places: [{ name: { nl: 'Leiden', en: 'Leiden' }, role: 'production', ids: ['https://id.rijksmuseum.nl/230105', 'http://vocab.getty.edu/tgn/7006809'] }],
      dimensionsText: { nl: 'hoogte 226 mm x breedte 176 mm' },
      measurements: [{ type: 'width', value: 176, unit: 'mm' }, { type: 'height', value: 226, unit: 'mm' }],
      rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
    } satisfies ObjectDraft);
  });

  it('a production that names no techniques of its own: the technique of a part is a technique (Linked Art\'s examples)', () => {
    const d = drawing({ type: 'Production', part: [{ type: 'Production', carried_out_by: [rembrandt], technique: [{ id: aat('300054216'), type: 'Type', _label: 'painting' }] }] });
    expect(d.techniques).toEqual([{ label: { en: 'painting' }, ids: [aat('300054216')] }]);
    expect(d.makers).toEqual([{ name: { nl: 'Rembrandt van Rijn', en: 'Rembrandt van Rijn' }, ids: ['https://id.rijksmuseum.nl/2103429', 'http://www.wikidata.org/entity/Q5598', 'http://vocab.getty.edu/ulan/500011051'] }]);
  });

  it('the record\'s own rights, a licence or a statement, come before the licence of the record about it', () => {
    const about = { subject_of: [{ type: 'LinguisticObject', subject_to: [{ type: 'Right', classified_as: ['https://creativecommons.org/publicdomain/zero/1.0/'] }] }] };
    const licensed = written({ id: 'urn:x', type: 'HumanMadeObject', _label: 'X', subject_to: [{ type: 'Right', classified_as: [{ id: 'http://rightsstatements.org/vocab/InC/1.0/' }] }], ...about });
    expect(licensed.rights).toBe('http://rightsstatements.org/vocab/InC/1.0/');
    const stated = written({ id: 'urn:x', type: 'HumanMadeObject', _label: 'X', referred_to_by: [{ type: 'LinguisticObject', content: '© The Artist', classified_as: ['http://vocab.getty.edu/aat/300435434'] }], ...about });
    expect(stated.rights).toBe('© The Artist');
  });
});

describe('Linked Art as the Getty Museum publishes it: statements typed by AAT, labels that say "Description"', () => {
  const aat = (n: string, _label: string, meta?: string) => ({ id: `http://vocab.getty.edu/aat/${n}`, type: 'Type', _label, ...(meta ? { classified_as: [{ id: `http://vocab.getty.edu/aat/${meta}`, type: 'Type' }] } : {}) });
  const brief = aat('300418049', 'Brief Text');
  const statement = (content: string, ...classified_as: unknown[]) => ({ type: 'LinguisticObject', content, classified_as: [...classified_as, brief] });

  it('dimensions, materials, culture and the object type by their AAT ids; the rights URI a statement is; the maker\'s role statement', () => {
    const d = written({
      id: 'https://data.getty.edu/museum/collection/object/1cd16038',
      type: 'HumanMadeObject',
      _label: 'Construct XIV',
      classified_as: [aat('300133025', 'Artwork'), aat('300046300', 'Photographs (Visual Works)', '300435444')],
      referred_to_by: [
        statement('An abstract construction.', aat('300080091', 'Description')),
        statement('24.1 × 19 cm', aat('300435430', 'Dimensions Description')),
        statement('Polaroid dye diffusion print', aat('300435429', 'Materials Description')),
        statement('American', aat('300055768', 'Culture')),
        statement('Print', aat('300435443', 'Object/Work Type (Category)')),
        statement('© Barbara Kasten', aat('300435434', 'Copyright/Licensing Statement')),
        { id: 'https://rightsstatements.org/vocab/InC/1.0/', type: 'LinguisticObject', content: 'In Copyright', classified_as: [aat('300417696', 'Rights (Legal Concept)')] },
      ],
      produced_by: {
        type: 'Production',
        carried_out_by: [
          {
            id: 'https://data.getty.edu/museum/collection/person/686e6b6a',
            type: 'Person',
            _label: 'Barbara Kasten',
            referred_to_by: [{ type: 'LinguisticObject', content: 'Photographers', classified_as: [{ id: 'https://data.getty.edu/local/thesaurus/producer-role-statement', type: 'Type', _label: 'Artist/Maker (Producer) Role Statement' }] }],
          },
        ],
      },
    });
    expect(d).toEqual({
      identifier: 'https://data.getty.edu/museum/collection/object/1cd16038',
      title: { en: 'Construct XIV' },
      // the generic "Artwork" gives way to the record's own object type, and stays a classification
      objectTypes: [{ label: { en: 'Print' } }],
      classification: [
        { label: { en: 'Artwork' }, ids: ['http://vocab.getty.edu/aat/300133025'] },
        { label: { en: 'Photographs (Visual Works)' }, ids: ['http://vocab.getty.edu/aat/300046300'] },
      ],
      description: { en: 'An abstract construction.' },
      dimensionsText: { en: '24.1 × 19 cm' },
      materials: [{ label: { en: 'Polaroid dye diffusion print' } }],
      cultures: [{ label: { en: 'American' } }],
      makers: [{ name: { en: 'Barbara Kasten' }, role: { en: 'Photographers' }, ids: ['https://data.getty.edu/museum/collection/person/686e6b6a'] }],
      rights: 'https://rightsstatements.org/vocab/InC/1.0/',
    } satisfies ObjectDraft);
  });

  it('a statement no AAT class explains is still read by the words of its label, "description" last', () => {
    const local = (content: string, _label: string) => ({ type: 'LinguisticObject', content, classified_as: [{ id: `https://museum.example.org/thesaurus/${_label}`, type: 'Type', _label }] });
    const d = written({
      id: 'urn:x', type: 'HumanMadeObject', _label: 'X',
      referred_to_by: [local('Gift of A. Donor', 'Credit Line Description'), local('10 × 12 cm', 'Dimensions Description'), local('A bowl.', 'Object Description')],
    });
    expect([d.creditLine, d.dimensionsText, d.description]).toEqual([{ en: 'Gift of A. Donor' }, { en: '10 × 12 cm' }, { en: 'A bowl.' }]);
  });

  it('a provenance statement is the provenance, by its AAT id or by the words of its label', () => {
    const d = written({
      id: 'urn:p', type: 'HumanMadeObject', _label: 'P',
      referred_to_by: [
        statement('Sold by X to Y, 1921.', aat('300055863', 'Provenance Statement')),
        { type: 'LinguisticObject', content: 'A bowl.', classified_as: [aat('300080091', 'Description')] },
      ],
    });
    expect([d.provenance, d.description]).toEqual([{ en: 'Sold by X to Y, 1921.' }, { en: 'A bowl.' }]);
    const byWords = written({
      id: 'urn:q', type: 'HumanMadeObject', _label: 'Q',
      referred_to_by: [{ type: 'LinguisticObject', content: 'Ex coll. Z.', classified_as: [{ id: 'https://museum.example.org/t/prov', type: 'Type', _label: 'Provenance' }] }],
    });
    expect(byWords.provenance).toEqual({ en: 'Ex coll. Z.' });
    // a bare AAT id (Rijksmuseum style), with no label to fall back on
    const bare = written({
      id: 'urn:r', type: 'HumanMadeObject', _label: 'R',
      referred_to_by: [{ type: 'LinguisticObject', content: 'Bought in 1808.', classified_as: ['http://vocab.getty.edu/aat/300444174'] }],
    });
    expect(bare.provenance).toEqual({ en: 'Bought in 1808.' });
    // told acquisition by acquisition (Getty), each statement once, the places left out
    const local = (content: string, _label: string) => ({ type: 'LinguisticObject', content, classified_as: [{ id: `https://data.getty.edu/local/thesaurus/${_label}`, type: 'Type', _label }] });
    const note = local('Possibly through Gallery L.', 'Provenance Statement');
    const told = written({
      id: 'urn:g', type: 'HumanMadeObject', _label: 'G',
      changed_ownership_through: [
        { type: 'Acquisition', part_of: [{ type: 'Activity', referred_to_by: [local('in the artist\'s collection; sold to J. and L. Knaus, 2001.', 'Provenance Statement'), local('Chicago, Illinois', 'Provenance Location'), note] }] },
        { type: 'Acquisition', part_of: [{ type: 'Activity', referred_to_by: [local('donated to the Museum, 2005.', 'Provenance Statement'), note] }] },
      ],
    });
    expect(told.provenance).toEqual({ en: "in the artist's collection; sold to J. and L. Knaus, 2001.\n\nPossibly through Gallery L.\n\ndonated to the Museum, 2005." });
  });
});

describe('Linked Art: what aggregators and older APIs add', () => {
  const aat = (no: string, label: string, extra: Record<string, unknown> = {}) => ({ id: `http://vocab.getty.edu/aat/${no}`, type: 'Type', _label: label, ...extra });
  it('collection flags are no types; a count is no measurement; a manifest known by its format list (Getty)', () => {
    const d = written({
      id: 'urn:lux:1',
      type: 'HumanMadeObject',
      _label: 'Meteorite',
      classified_as: [aat('300266159', 'Meteorites'), aat('300404024', 'Collection Item'), aat('300010331', 'three-dimensional')],
      dimension: [
        { type: 'Dimension', value: 30.26, unit: aat('300379225', 'grams'), classified_as: [aat('300056240', 'weight')] },
        { type: 'Dimension', value: 1, unit: aat('300055665', 'numbers'), classified_as: [aat('300241583', 'Number of Parts')] },
      ],
      subject_of: [
        {
          id: 'https://data.getty.example/iiif/1/manifest.json',
          type: 'InformationObject',
          format: ['application/ld+json;profile="http://iiif.io/api/presentation/2/context.json"'],
        },
      ],
    });
    expect(d.objectTypes).toEqual([{ label: { en: 'Meteorites' }, ids: ['http://vocab.getty.edu/aat/300266159'] }]);
    expect(d.measurements).toEqual([{ type: 'weight', value: 30.26, unit: 'g' }]);
    expect(d.images).toEqual([{ manifest: 'https://data.getty.example/iiif/1/manifest.json', primary: true }]);
  });
});

describe('Linked Art from archives', () => {
  it('the owner-assigned number is the inventory number when no accession number is given (SGV Basel)', () => {
    const num = (content: string, aatNo: string) => ({ type: 'Identifier', content, classified_as: [{ id: `http://vocab.getty.edu/aat/${aatNo}`, type: 'Type' }] });
    const d = written({ id: 'urn:pia:1', type: 'HumanMadeObject', _label: 'Photo', identified_by: [num('BC 27', '300417447'), num('SGV_12N_02727', '300404621')] });
    expect(d.inventoryNumber).toBe('SGV_12N_02727');
  });
});

describe('Linked Art 0.x as the Duchamp archives published it', () => {
  it('a label list honours its languages; "aat:artist" is a role, not an AAT technique; a transcription keeps its lines and spacing', () => {
    const transcription = 'Transcription :\n1 l’intention\t  3 désir\n2 la crainte\n\nCentres désir au nombre de 3.';
    const d = written({
      id: 'http://data.duchamparchives.org/cp/object/150000000076631',
      type: 'ManMadeObject',
      label: null,
      identified_by: [{ type: 'Name', value: "1 l'intention/2 la crainte/3 désir" }],
      classified_as: [
        { id: 'http://data.duchamparchives.org/cp/object/thesaurus/dessin', type: 'Type', label: [{ '@language': 'fr', '@value': 'dessins' }, 'Dessin'] },
        { id: 'aat:300133025', type: 'Type', label: [{ '@language': 'en', '@value': 'works of art' }, 'works of art'] },
      ],
      produced_by: {
        carried_out_by: ['http://data.duchamparchives.org/pma/archive/actor/LCNAF/n80057220'],
        consists_of: [
          {
            type: 'Production',
            carried_out_by: [{ id: 'http://data.duchamparchives.org/pma/archive/actor/LCNAF/n80057220', type: 'Actor', label: 'Duchamp, Marcel, 1887-1968' }],
            technique: [{ id: 'aat:artist', type: 'Type', label: 'artist' }],
          },
        ],
      },
      referred_to_by: [{ type: 'LinguisticObject', value: transcription, classified_as: [{ id: 'aat:300028702', type: 'Type', label: ['inscriptions', { '@language': 'en', '@value': 'inscriptions' }] }] }],
    });
    expect(d).toEqual({
      identifier: 'http://data.duchamparchives.org/cp/object/150000000076631',
      title: { en: "1 l'intention/2 la crainte/3 désir" },
      objectTypes: [{ label: { fr: 'dessins' }, ids: ['http://data.duchamparchives.org/cp/object/thesaurus/dessin'] }],
      classification: [{ label: { en: 'works of art' }, ids: ['http://vocab.getty.edu/aat/300133025'] }],
      makers: [{ name: { en: 'Duchamp, Marcel, 1887-1968' }, role: { en: 'artist' }, ids: ['http://data.duchamparchives.org/pma/archive/actor/LCNAF/n80057220'] }],
      inscriptions: [{ text: transcription, kind: 'inscription' }],
    } satisfies ObjectDraft);
  });
});

describe('Linked Art remodelled from a museum\'s own data (Cleveland)', () => {
  const made = (timespan: Record<string, unknown>, maker: string) =>
    written({ id: 'https://clevelandart.org/art/74540', type: 'HumanMadeObject', _label: 'Leda and the Swan', produced_by: { type: 'Production', timespan, carried_out_by: [{ type: 'Actor', _label: maker }] } });

  it('a timespan that says only "date unknown" gives no date; a role word after the bracket of a maker\'s name is the role', () => {
    expect(made({ type: 'TimeSpan', _label: 'date unknown' }, 'Adolphe Yvon (French, 1817-1893), artist')).toEqual({
      identifier: 'https://clevelandart.org/art/74540',
      title: { en: 'Leda and the Swan' },
      makers: [{ name: { en: 'Adolphe Yvon (French, 1817-1893)' }, role: { en: 'artist' } }],
    } satisfies ObjectDraft);
    expect(made({ type: 'TimeSpan', identified_by: [{ type: 'Name', content: 'n.d.' }] }, 'A. Maker').production).toBeUndefined();
  });

  it('a date with words keeps its text; a name with a comma but no bracket before it is left whole', () => {
    const d = made({ type: 'TimeSpan', _label: 'about 1850' }, 'Potter, Beatrix');
    expect(d.production).toEqual({ display: { en: 'about 1850' }, earliest: null, latest: null });
    expect(d.makers).toEqual([{ name: { en: 'Potter, Beatrix' } }]);
  });
});
