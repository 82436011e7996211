// Measurements read from a dimensions text, for records that give only the text
// ("36.4 × 28.2 cm (14 5/16 × 11 1/8 in.)", "Höhe: 193 cm; Breite: 100 cm", "10,95 kg",
// "L38,5xB24 cm"). Only what the text states without doubt: labelled values, and one
// product of two or three numbers (height × width × depth, the museum convention),
// with its unit; the first unit wins, so a conversion in brackets is not read twice.
import type { Measurement } from '../record.types.ts';
import { westernDigits } from './text.ts';

// labels in the languages members catalogue in, by the type they name
// (with Romanian, Turkish, Polish, Czech, Croatian/Serbian, Hungarian and Persian: the
// members' languages; a label is at most 14 letters)
const LABELS: Array<[RegExp, string]> = [
  [/^(?:h|height|höhe|hoehe|hauteur|altezza|alto|altura|hoogte|высота|الارتفاع|ارتفاع|高|înălțime|inaltime|înălțimea|yükseklik|wysokość|výška|visina|magasság)$/i, 'height'],
  [/^(?:w|b|width|breite|largeur|larghezza|ancho|anchura|breedte|ширина|العرض|عرض|宽|寬|lățime|latime|lățimea|genişlik|szerokość|šířka|širina|szélesség)$/i, 'width'],
  [/^(?:d|t|depth|tiefe|profondeur|profondità|profundidad|diepte|глубина|العمق|عمق|深|adâncime|adancime|derinlik|głębokość|hloubka|dubina|mélység)$/i, 'depth'],
  [/^(?:l|length|länge|laenge|longueur|lunghezza|largo|longitud|lengte|длина|الطول|طول|长|長|lungime|lungimea|uzunluk|długość|délka|dužina|duljina|hosszúság)$/i, 'length'],
  [/^(?:diam|dia|ø|diameter|durchmesser|diamètre|diametro|diámetro|диаметр|القطر|قطر|径|直径|直徑|diametru|diametrul|çap|średnica|průměr|promjer|prečnik|átmérő)$/i, 'diameter'],
  [/^(?:weight|gewicht|poids|peso|вес|الوزن|وزن|重|greutate|ağırlık|waga|hmotnost|težina|súly)$/i, 'weight'],
  [/^(?:thickness|dicke|stärke|épaisseur|spessore|grosor|dikte|толщина|厚|grosime|kalınlık|grubość|tloušťka|debljina|vastagság)$/i, 'thickness'],
];
const UNITS: Record<string, string> = { mm: 'mm', cm: 'cm', m: 'm', in: 'in', inch: 'in', inches: 'in', g: 'g', kg: 'kg', gr: 'g' };
const WEIGHT_UNITS = new Set(['g', 'kg']);

// a number starts where no digit, separator or fraction bar is before it: "1/4" is not 4,
// and a long run of digits is read once, not from each of its digits (no quadratic backtracking)
const NUMBER = String.raw`(?<![\d.,/])\d+(?:[.,]\d+)?`;
/** texts longer than this are prose, not dimensions: only their start is read */
const MAX_TEXT = 300;
const UNIT = String.raw`(mm|cm|m|in|inch|inches|kg|gr|g)(?![a-zà-ÿ])`;
// "Höhe: 193 cm", "H. 25 cm", "Diam. 12,5 cm", "10,95 kg" (a weight needs no label)
// ("diametrul - 5 cm": a dash between the label and its value, CIMEC)
const LABELLED = new RegExp(String.raw`(?:^|[\s;,(/])([\p{L}ø]{1,14})\.?\s*(?:[:=]|-(?=\s))?\s*(${NUMBER})\s*${UNIT}`, 'giu');
// "152 x 279 x 338 mm", "L38,5xB24 cm", "36.4 × 28.2 cm"
// a factor may carry its letter ("L38,5"): the first not inside a word, the others right after the "x"
const FIRST = String.raw`(?:(?<![a-z])([a-z])\.?\s*)?(${NUMBER})`;
const FACTOR = String.raw`(?:([a-z])\.?\s*)?(${NUMBER})`;
// (a Cyrillic х in Russian records)
const TIMES = String.raw`\s*(?:cm|mm)?\s*[x×X*хХ]\s*`;
const PRODUCT = new RegExp(String.raw`${FIRST}${TIMES}${FACTOR}(?:${TIMES}${FACTOR})?\s*${UNIT}`, 'iu');
// "H: 21 3/4 in. (55.25 cm)", "Diam: 5 1/2 in. (14 cm)": a label, inches, and the metric in brackets
const IMPERIAL_THEN_METRIC = new RegExp(String.raw`(?:^|[\s;,])([\p{L}ø]{1,14})\.?\s*:?\s*\d+(?:\s+\d+/\d+|/\d+)?\s*in\.?\s*\((${NUMBER})\s*(cm|mm)\)`, 'giu');
const IMPERIAL = new Set(['in', 'inch', 'inches']);
const METRIC_IN_BRACKETS = /^\s*\.?\s*\(\s*\d/;
const UNIT_ALONE = new RegExp(String.raw`(${NUMBER})\s*${UNIT}`, 'giu');

/**
 * "38,5" and "38.5" are 38.5. "1,200 g" and "1,200 mm" are 1200 (nobody weighs to the
 * milligram in grams); with any other unit the comma is a decimal one ("1,250 kg").
 */
function number(s: string, unit: string): number {
  return Number(/,\d{3}$/.test(s) && (unit === 'g' || unit === 'mm') ? s.replace(',', '') : s.replace(',', '.'));
}

/** The type a label names ("Breite", "H.", "Diam"), with or without its full stop. */
function typeOf(label: string): string | undefined {
  const bare = label.endsWith('.') ? label.slice(0, -1) : label;
  for (const [re, type] of LABELS) if (re.test(bare)) return type;
  return undefined;
}

// units as records spell them out ("gr.", "Zentimeter", "centimetres")
const UNIT_NAMES: Record<string, string> = {
  ...UNITS, millimeter: 'mm', millimeters: 'mm', millimetre: 'mm', millimetres: 'mm',
  centimeter: 'cm', centimeters: 'cm', centimetre: 'cm', centimetres: 'cm', zentimeter: 'cm',
  meter: 'm', meters: 'm', metre: 'm', metres: 'm', gram: 'g', grams: 'g', gramm: 'g', gramme: 'g', grammes: 'g',
  kilogram: 'kg', kilograms: 'kg', kilogramm: 'kg', kilogramme: 'kg', 'мм': 'mm', 'см': 'cm', 'м': 'm', 'г': 'g', 'гр': 'g', 'кг': 'kg',
  '毫米': 'mm', '厘米': 'cm', '公分': 'cm', '米': 'm', '克': 'g', '公斤': 'kg', '千克': 'kg',
  'سانتیمتر': 'cm', 'سانتی‌متر': 'cm', 'سم': 'cm', 'مم': 'mm', 'میلیمتر': 'mm', 'کیلوگرم': 'kg', 'گرم': 'g', 'كغ': 'kg', 'غ': 'g',
};

const QUALIFIED_TYPE = /^([^()]{1,40}?)\s*\(([^()]{1,60})\)$/;

/**
 * A structured measurement's type in the words the catalogue facets on ("Breite" →
 * width, "Durchmesser" → diameter, "H." → height); a type we do not know stays as written.
 * What a type says was measured in brackets is the part: "Breite (geöffnet)".
 */
export function measurementType(given: string): { type: string; part?: string } {
  const said = QUALIFIED_TYPE.exec(given.trim());
  const type = (said ? said[1]! : given).trim();
  const named = typeOf(type) ?? type;
  return said ? { type: named, part: said[2]!.trim() } : { type: named };
}

/** A unit as the catalogue writes it ("gr." → g, "Zentimeter" → cm); unknown units stay as written. */
export function measurementUnit(unit: string): string {
  const u = unit.trim();
  return UNIT_NAMES[u.toLowerCase().replace(/\.$/, '')] ?? u;
}

// "H: 4 1/16 x Diam: 10 1/16 in. (10.3 x 25.5 cm)": the labels are on the inches only
const LABEL_BEFORE = /(?:^|[\s;,x×(])([\p{L}ø]{1,14})\.?\s*:/gu;
function labelsBefore(text: string, end: number): string[] {
  const from = Math.max(text.lastIndexOf(';', end), text.lastIndexOf(')', end), 0);
  return [...text.slice(from, end).matchAll(LABEL_BEFORE)].map((m) => m[1]!);
}

/** The measurements a dimensions text states (none when it states none plainly). */
export function measurementsFromText(whole: string): Measurement[] {
  const text = westernDigits(whole.length > MAX_TEXT ? whole.slice(0, MAX_TEXT) : whole)
    .replace(UNIT_WORD, unitSymbol)
    .replace(UNIT_FIRST, ': $2 $1');
  // one segment can name one part at most: read as a whole
  if (!SEGMENT_BREAK.test(text)) return readMeasurements(text);
  const segments = text.split(SEGMENT_BREAK).map(partOf);
  // one part named ("Folio H: …", "sight: …") is the object as the record measures it; parts
  // are kept apart when the text names two or more (support and frame, image and sheet), or
  // one after the object's own ("H: 11 1/4 x W: 20 7/8 in. (…); Framed H: …", Walters)
  const isPart = (p: string | undefined): p is string => !!p && !WHOLE_OBJECT.test(p);
  const named = new Set(segments.map((s) => s.part).filter(isPart));
  const firstPart = segments.findIndex((s) => isPart(s.part));
  // (each segment read once: those before the first part are read to decide, and kept)
  const readings: Array<Measurement[] | undefined> = [];
  const readAt = (i: number) => (readings[i] ??= readMeasurements(segments[i]!.rest));
  const objectFirst = firstPart > 0 && segments.slice(0, firstPart).some((s, i) => s.part === undefined && readAt(i).length > 0);
  if (named.size < 2 && !objectFirst) return readMeasurements(text);
  const out: Measurement[] = [];
  let part: string | undefined;
  for (const [i, seg] of segments.entries()) {
    // a segment with its own part label starts that part; one that goes on with labelled
    // values ("Breite: 100 cm") stays in the part before it; a bare product is the object's
    if (seg.part !== undefined) part = WHOLE_OBJECT.test(seg.part) ? undefined : seg.part;
    else if (!TYPE_LABEL_FIRST.test(seg.rest)) part = undefined;
    for (const m of readAt(i)) {
      if (out.some((x) => x.type === m.type && x.part === part)) continue;
      out.push(part ? { ...m, part } : m);
    }
  }
  return out;
}

// a unit written out or in another script after a number ("49 x 37 centimeters", "25 см",
// "高 25 厘米"): its symbol, so that one set of patterns reads them all
const UNIT_WORD = /(?<=\d\s*)(millimet(?:er|re)s?|centimet(?:er|re)s?|zentimetern?|kilogram(?:me)?s?|kilogramm|grammes?|grams?|gramm|meters?|metres?|мм|см|кг|гр|м|毫米|厘米|公分|公斤|千克|克|米|سانتی‌متر|سانتیمتر|میلیمتر|کیلوگرم|گرم|كغ|سم|مم|غ)(?![\p{L}])/giu;
const unitSymbol = (w: string) => UNIT_NAMES[w.toLowerCase()] ?? w;

// the unit said before the numbers: "H x B in cm: 44,5 x 59,5" (museum-digital), "(cm): 30 x 20"
const UNIT_FIRST = /(?:\bin\s+|\()(cm|mm)\)?\s*:\s*(\d+(?:[.,]\d+)?(?:\s*[x×]\s*\d+(?:[.,]\d+)?){1,2})(?![\d.,x×]|\s*(?:cm|mm|[x×]))/giu;

// a part's label at the start of a line or of a ";" segment: "Sheet:", "Image/plate:",
// "Folio H:" (the part, then the measurement's own label, which stays with the values)
const SEGMENT_BREAK = /\n|;/;
const PART_LABEL = /^\s*([\p{L}][\p{L} /'-]{0,29}):\s*/u;
const LAST_WORD = /^(.*?)\s+([\p{L}ø]{1,14})\.?$/u;
const FIRST_WORD = /^([\p{L}ø]{1,14})\.?\s+(?:of\s+(?:the\s+)?)?(\S.*)$/u;
const TYPE_LABEL_FIRST = /^\s*[\p{L}ø]{1,14}\.?\s*[:=]/u;
// labels that name the object itself, or the dimensions as such
const WHOLE_OBJECT = /^(?:overall|whole|object|objekt|objektmaß|gesamt|total|size|größe|format|dimensions?|measurements?|maße|masse|afmetingen|dimensioni|dimensiones|размеры|尺寸|المقاسات)$/i;
// "H x W:", "Höhe x Breite:": a heading of measurement labels, not a part
const LABELS_ONLY = /^[\p{L}ø.]{1,14}(?:\s*[x×]\s*[\p{L}ø.]{1,14}){1,3}$/u;

function partOf(seg: string): { part?: string; rest: string } {
  const m = PART_LABEL.exec(seg);
  if (!m) return { rest: seg };
  const label = m[1]!.trim();
  if (typeOf(label) || (LABELS_ONLY.test(label) && label.split(/\s*[x×]\s*/).every((l) => typeOf(l)))) return { rest: seg };
  const last = LAST_WORD.exec(label);
  if (last && typeOf(last[2]!)) return { part: last[1]!.toLowerCase(), rest: `${last[2]}: ${seg.slice(m[0].length)}` };
  // "H of image:", "W closed:", "Height of scroll:": the label, then the part
  const first = FIRST_WORD.exec(label);
  if (first && typeOf(first[1]!)) return { part: first[2]!.toLowerCase(), rest: `${first[1]}: ${seg.slice(m[0].length)}` };
  return { part: label.toLowerCase(), rest: seg.slice(m[0].length) };
}

function readMeasurements(text: string): Measurement[] {
  const out: Measurement[] = [];
  const push = (type: string, raw: string, unit: string) => {
    const u = UNITS[unit.toLowerCase()]!;
    const value = number(raw, u);
    if (value > 0 && Number.isFinite(value) && !out.some((m) => m.type === type)) out.push({ type, value, unit: u });
  };
  // a product first: its unit is the text's first, and its numbers are not labels' values;
  // but a product in inches gives way to the metric one in brackets after it, as one with
  // fractions does ("27 x 18 x 9 inches (68.6 x 45.7 x 22.9 cm)")
  let product = PRODUCT.exec(text);
  if (product && IMPERIAL.has(product[7]!.toLowerCase())) {
    const after = product.index + product[0].length;
    const metric = METRIC_IN_BRACKETS.exec(text.slice(after));
    if (metric) {
      const next = PRODUCT.exec(text.slice(after + metric[0].length - 1));
      // (as many factors: "27 x 18 x 9 inches (68.6 x 45.7 cm)" is not one product twice)
      if (next && next.index === 0 && !IMPERIAL.has(next[7]!.toLowerCase()) && (next[6] === undefined) === (product[6] === undefined)) {
        next.index = after + metric[0].length - 1;
        product = next;
      }
    }
  }
  const rest = product ? text.slice(0, product.index) + ' '.repeat(product[0].length) + text.slice(product.index + product[0].length) : text;
  // the end of a product of four or more ("36 x 9 x 0.71 x 17.9 cm"): which is which is unsaid
  const firstNumber = product ? product.index + product[0].indexOf(product[2]!) : 0;
  const longer = product !== null && /\d\s*(?:cm|mm)?\s*[x×X*хХ]\s*$/.test(text.slice(Math.max(0, firstNumber - 12), firstNumber));
  if (product && !longer && !WEIGHT_UNITS.has(UNITS[product[7]!.toLowerCase()]!)) {
    // each factor by its letter when it has one ("L38,5xB24 cm"), else by the labels of the
    // same product in inches before its brackets, else by its place
    let [, l1, a, l2, b, l3, c, unit] = product;
    if (!l1 && !l2 && !l3 && text[product.index - 1] === '(') {
      const labels = labelsBefore(text, product.index - 1);
      if (labels.length === (c ? 3 : 2) && labels.every((l) => typeOf(l))) [l1, l2, l3] = labels;
    }
    const at = (letter: string | undefined, fallback: string) => (letter && typeOf(letter)) || fallback;
    push(at(l1, 'height'), a!, unit!);
    push(at(l2, 'width'), b!, unit!);
    if (c) push(at(l3, 'depth'), c, unit!);
  }
  for (const m of rest.matchAll(IMPERIAL_THEN_METRIC)) {
    const type = typeOf(m[1]!);
    if (type && type !== 'weight') push(type, m[2]!, m[3]!);
  }
  for (const m of rest.matchAll(LABELLED)) {
    const type = typeOf(m[1]!);
    const unit = UNITS[m[3]!.toLowerCase()]!;
    if (type && (type === 'weight') === WEIGHT_UNITS.has(unit)) push(type, m[2]!, m[3]!);
  }
  // a weight said without a label ("10,95 kg")
  if (!out.some((m) => m.type === 'weight'))
    for (const m of rest.matchAll(UNIT_ALONE)) if (WEIGHT_UNITS.has(UNITS[m[2]!.toLowerCase()]!)) push('weight', m[1]!, m[2]!);
  return out;
}
