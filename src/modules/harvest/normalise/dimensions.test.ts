import { describe, expect, it } from 'vitest';
import { measurementsFromText, measurementType, measurementUnit } from './dimensions.ts';

describe('measurementsFromText', () => {
  it.each<[string, Array<[string, number, string]>]>([
    ['36.4 × 28.2 cm (14 5/16 × 11 1/8 in.)', [['height', 36.4, 'cm'], ['width', 28.2, 'cm']]],
    ['152 x 279 x 338 mm', [['height', 152, 'mm'], ['width', 279, 'mm'], ['depth', 338, 'mm']]],
    ['L38,5xB24 cm', [['length', 38.5, 'cm'], ['width', 24, 'cm']]],
    ['Gesamt: Höhe: 193 cm; Breite: 100 cm; Tiefe: 93 cm', [['height', 193, 'cm'], ['width', 100, 'cm'], ['depth', 93, 'cm']]],
    ['H. 25.4 cm, Diam. 12 cm', [['height', 25.4, 'cm'], ['diameter', 12, 'cm']]],
    ['10,95 kg', [['weight', 10.95, 'kg']]],
    // the Walters: inches, then the metric in brackets
    ['H: 21 3/4 in. (55.25 cm)', [['height', 55.25, 'cm']]],
    ['Diam: 5 1/2 in. (14 cm)', [['diameter', 14, 'cm']]],
    ['H: 9 5/16 x W: 11 7/8 in. (23.6 x 30.2 cm)', [['height', 23.6, 'cm'], ['width', 30.2, 'cm']]],
    ['Weight: 1,200 g', [['weight', 1200, 'g']]],
    ['Gewicht: 1,250 kg', [['weight', 1.25, 'kg']]],
    // a fraction's denominator is no number of its own
    ['5 1/4 x 2 in.', []],
    ['Blatt: 1/2 x 3 cm', []],
    ['高 25 cm', [['height', 25, 'cm']]],
    ['5 1/4 x 2 1/2 inches (13.3 × 6.4 cm)', [['height', 13.3, 'cm'], ['width', 6.4, 'cm']]],
    // the labels are on the inches only: the metric product takes them
    ['H: 4 1/16 x Diam: 10 1/16 in. (10.3 x 25.5 cm)', [['height', 10.3, 'cm'], ['diameter', 25.5, 'cm']]],
    ['H: 1/2 x W: 1 1/2 x L: 11 1/4 in. (1.65 x 3.9 x 28.5 cm)', [['height', 1.65, 'cm'], ['width', 3.9, 'cm'], ['length', 28.5, 'cm']]],
    // a product in inches gives way to the metric one in brackets, fractions or not (YCBA)
    ['Overall: 27 x 18 x 9 inches (68.6 x 45.7 x 22.9 cm)', [['height', 68.6, 'cm'], ['width', 45.7, 'cm'], ['depth', 22.9, 'cm']]],
    ['10 x 8 in. (25.4 x 20.3 cm)', [['height', 25.4, 'cm'], ['width', 20.3, 'cm']]],
    // the unit before the numbers (museum-digital)
    ['H x B in cm: 44,5 x 59,5', [['height', 44.5, 'cm'], ['width', 59.5, 'cm']]],
    ['Maße (cm): 30 x 20', [['height', 30, 'cm'], ['width', 20, 'cm']]],
    // units written out or in another script, and a Cyrillic х as the times sign
    ['4 volumes : illustrations ; 49 x 37 centimeters', [['height', 49, 'cm'], ['width', 37, 'cm']]],
    ['Höhe 30 Zentimeter', [['height', 30, 'cm']]],
    ['25 х 30 см', [['height', 25, 'cm'], ['width', 30, 'cm']]],
    ['высота 25 см', [['height', 25, 'cm']]],
    ['高 25 厘米', [['height', 25, 'cm']]],
    // labels in Romanian, Turkish, Polish, Czech and Persian; a dash before the value (CIMEC); Persian digits and units
    ['diametrul - 5 cm', [['diameter', 5, 'cm']]],
    ['înălțime: 149 cm; lățime: 55 cm', [['height', 149, 'cm'], ['width', 55, 'cm']]],
    ['Yükseklik: 30 cm', [['height', 30, 'cm']]],
    ['wysokość 25 cm', [['height', 25, 'cm']]],
    ['ارتفاع ۲۵ سانتیمتر', [['height', 25, 'cm']]],
    ['الارتفاع ٣٠ سم', [['height', 30, 'cm']]],
    // "г." after a year is the year, not grams
    ['Размер 25 х 30 см; 1890 г.', [['height', 25, 'cm'], ['width', 30, 'cm']]],
    // the metric product takes over only with as many factors
    ['27 x 18 x 9 inches (68.6 x 45.7 cm)', [['height', 27, 'in'], ['width', 18, 'in'], ['depth', 9, 'in']]],
    // four factors: which is which is not said by place
    ['(36 x 9 x 0.71 x 17.9 cm) (h. x w. x d. x l.)', []],
    // nothing stated plainly: nothing
    ['irregular', []],
    ['sheet', []],
    ['made in 1923 in Paris', []],
  ])('%j', (text, want) => {
    expect(measurementsFromText(text).map((m) => [m.type, m.value, m.unit])).toEqual(want);
  });

  it('reads each part a text names on its own line or segment, with its part', () => {
    expect(measurementsFromText('support: 651 x 489 mm\nframe: 916 x 758 x 103 mm')).toEqual([
      { type: 'height', value: 651, unit: 'mm', part: 'support' },
      { type: 'width', value: 489, unit: 'mm', part: 'support' },
      { type: 'height', value: 916, unit: 'mm', part: 'frame' },
      { type: 'width', value: 758, unit: 'mm', part: 'frame' },
      { type: 'depth', value: 103, unit: 'mm', part: 'frame' },
    ]);
    expect(measurementsFromText('Image/plate: 19.3 × 27.8 cm; Sheet: 25.2 × 32.3 cm').map((m) => [m.part, m.type, m.value])).toEqual([
      ['image/plate', 'height', 19.3],
      ['image/plate', 'width', 27.8],
      ['sheet', 'height', 25.2],
      ['sheet', 'width', 32.3],
    ]);
    // the object's own measurements, then one part (the Walters' framed paintings)
    expect(measurementsFromText('H: 11 1/4 x W: 20 7/8 in. (28.5 x 53.1 cm); Framed H: 32 1/2 x W: 32 7/8 x D: 5 3/8 in. (82.55 x 83.5 x 13.65 cm)').map((m) => [m.part, m.type, m.value])).toEqual([
      [undefined, 'height', 28.5],
      [undefined, 'width', 53.1],
      ['framed', 'height', 82.55],
      ['framed', 'width', 83.5],
      ['framed', 'depth', 13.65],
    ]);
    // one part named is the object as the record measures it (a leaf's folio, a sight size)
    expect(measurementsFromText('Folio H: 9 13/16 x W: 6 1/8 in. (25 x 15.5 cm)')).toEqual([{ type: 'height', value: 25, unit: 'cm' }, { type: 'width', value: 15.5, unit: 'cm' }]);
    // "Folio H:", "Framed H:": the part, then the measurement's own label
    expect(measurementsFromText('Folio H: 9 13/16 x W: 6 1/8 in. (25 x 15.5 cm); Framed H: 20 x W: 15 in. (50.8 x 38.1 cm)').map((m) => [m.part, m.type, m.value])).toEqual([
      ['folio', 'height', 25],
      ['folio', 'width', 15.5],
      ['framed', 'height', 50.8],
      ['framed', 'width', 38.1],
    ]);
    // "H of image:", "W closed:": the label first, then the part
    expect(measurementsFromText('H of image: 25 1/2 x W: 15 in. (64.8 x 38.1 cm); Framed H: 46 3/8 x W: 25 3/8 in. (117.8 x 64.5 cm)').map((m) => [m.part, m.type, m.value])).toEqual([
      ['image', 'height', 64.8],
      ['image', 'width', 38.1],
      ['framed', 'height', 117.8],
      ['framed', 'width', 64.5],
    ]);
    // a bare product after a part is the object's, not the part's
    expect(measurementsFromText('frame: 40 x 30 cm; 20 x 10 cm; Sheet: 25 x 32 cm').map((m) => [m.part, m.type, m.value])).toEqual([
      ['frame', 'height', 40],
      ['frame', 'width', 30],
      [undefined, 'height', 20],
      [undefined, 'width', 10],
      ['sheet', 'height', 25],
      ['sheet', 'width', 32],
    ]);
    // a heading of measurement labels is no part
    expect(measurementsFromText('H x W: 30 x 40 cm; Frame: 40 x 50 cm; Sheet: 28 x 38 cm').map((m) => [m.part, m.type, m.value])).toEqual([
      [undefined, 'height', 30],
      [undefined, 'width', 40],
      ['frame', 'height', 40],
      ['frame', 'width', 50],
      ['sheet', 'height', 28],
      ['sheet', 'width', 38],
    ]);
    // "overall", "Gesamt": the object itself; a label that is a measurement type is no part
    expect(measurementsFromText('overall: 29 × 16.7 cm')).toEqual([{ type: 'height', value: 29, unit: 'cm' }, { type: 'width', value: 16.7, unit: 'cm' }]);
    expect(measurementsFromText('Diam: 5 1/2 in. (14 cm)')).toEqual([{ type: 'diameter', value: 14, unit: 'cm' }]);
  });

  it('reads only the start of a long text, and a run of digits once (these took seconds to minutes before; the test timeout is the guard)', () => {
    expect(measurementsFromText(`H: 25 cm; ${'9'.repeat(40_000)}`)).toEqual([{ type: 'height', value: 25, unit: 'cm' }]);
    expect(measurementsFromText(`${'1 x '.repeat(20_000)}`)).toEqual([]);
    expect(measurementsFromText(`${'5'.repeat(250)} x 3 cm`)).toEqual([{ type: 'height', value: Number('5'.repeat(250)), unit: 'cm' }, { type: 'width', value: 3, unit: 'cm' }]);
  });
});

describe('measurementType and measurementUnit', () => {
  it.each([
    ['Breite', 'width'],
    ['Höhe', 'height'],
    ['Durchmesser', 'diameter'],
    ['Gewicht', 'weight'],
    ['H.', 'height'],
    ['height', 'height'],
    ['Rahmenmaß', 'Rahmenmaß'],
  ])('type %j → %j', (given, want) => expect(measurementType(given)).toEqual({ type: want }));
  it('a type with what was measured in brackets: the type, and that as the part', () => {
    expect(measurementType('Breite (geöffnet)')).toEqual({ type: 'width', part: 'geöffnet' });
  });
  it.each([
    ['gr.', 'g'],
    ['Gramm', 'g'],
    ['centimetres', 'cm'],
    ['CM', 'cm'],
    ['厘米', 'cm'],
    ['pixels', 'pixels'],
  ])('unit %j → %j', (given, want) => expect(measurementUnit(given)).toBe(want));
});
