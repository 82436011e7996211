// Named character references: the 252 of HTML 4 (which cover what museum systems emit)
// plus &apos; and the Latin Extended letters of transliteration (ā, ī, ū, š, ć, đ …)
// that HTML 5 added. Code points, from the HTML specification's table.

const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho';
const GREEK_UPPER2 = 'Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';

const OTHERS: Record<string, number> = {
  quot: 34, amp: 38, apos: 39, lt: 60, gt: 62,
  OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  thetasym: 977, upsih: 978, piv: 982,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211, mdash: 8212,
  lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225,
  bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, oline: 8254,
  frasl: 8260, euro: 8364, image: 8465, weierp: 8472, real: 8476, trade: 8482, alefsym: 8501,
  larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, harr: 8596, crarr: 8629, lArr: 8656, uArr: 8657, rArr: 8658,
  dArr: 8659, hArr: 8660, forall: 8704, part: 8706, exist: 8707, empty: 8709, nabla: 8711, isin: 8712, notin: 8713,
  ni: 8715, prod: 8719, sum: 8721, minus: 8722, lowast: 8727, radic: 8730, prop: 8733, infin: 8734, ang: 8736,
  and: 8743, or: 8744, cap: 8745, cup: 8746, int: 8747, there4: 8756, sim: 8764, cong: 8773, asymp: 8776,
  ne: 8800, equiv: 8801, le: 8804, ge: 8805, sub: 8834, sup: 8835, nsub: 8836, sube: 8838, supe: 8839,
  oplus: 8853, otimes: 8855, perp: 8869, sdot: 8901, lceil: 8968, rceil: 8969, lfloor: 8970, rfloor: 8971,
  lang: 10216, rang: 10217, loz: 9674, spades: 9824, clubs: 9827, hearts: 9829, diams: 9830,
  // HTML 5: letters of transliteration (Arabic, Persian, Turkish, Serbian, Armenian romanisation)
  Amacr: 256, amacr: 257, Abreve: 258, abreve: 259, Cacute: 262, cacute: 263, Ccaron: 268, ccaron: 269,
  Dstrok: 272, dstrok: 273, Emacr: 274, emacr: 275, Ecaron: 282, ecaron: 283, Gbreve: 286, gbreve: 287,
  Imacr: 298, imacr: 299, Idot: 304, inodot: 305, imath: 305, Lstrok: 321, lstrok: 322, Nacute: 323, nacute: 324,
  Omacr: 332, omacr: 333, Rcaron: 344, rcaron: 345, Sacute: 346, sacute: 347, Scedil: 350, scedil: 351,
  Umacr: 362, umacr: 363, Zacute: 377, zacute: 378, Zcaron: 381, zcaron: 382, hyphen: 8208, horbar: 8213,
};

function table(): Map<string, string> {
  const t = new Map<string, string>();
  LATIN1.split(' ').forEach((name, i) => t.set(name, String.fromCodePoint(160 + i)));
  GREEK_UPPER.split(' ').forEach((name, i) => t.set(name, String.fromCodePoint(913 + i)));
  GREEK_UPPER2.split(' ').forEach((name, i) => t.set(name, String.fromCodePoint(931 + i)));
  GREEK_LOWER.split(' ').forEach((name, i) => t.set(name, String.fromCodePoint(945 + i)));
  for (const [name, cp] of Object.entries(OTHERS)) t.set(name, String.fromCodePoint(cp));
  return t;
}

export const NAMED_ENTITIES: ReadonlyMap<string, string> = table();

/**
 * Numeric references to 0x80–0x9F mean Windows-1252 in every browser (HTML's "numeric
 * character reference end state"): &#150; is an en dash, not a control character.
 */
export const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
