// A text's writing system against its language tag. Records often leave the language
// unsaid, and then the source's default stands for it: an Arabic-script title in an
// English-language source comes out as "en". A tag whose script the text does not use
// at all is not the text's: it becomes und with the script the text is written in
// ("und-Arab"), which says what is known and no more.

/**
 * Unicode scripts a language is written in, by primary subtag. A language not listed
 * is not checked: Tamil, Khmer or Sinhala text is not in Latin script, and a tag we
 * know nothing about is better kept than replaced.
 */
const SCRIPTS_OF: Record<string, readonly string[]> = {};
const set = (langs: string, scripts: readonly string[]) => {
  for (const l of langs.split(' ')) SCRIPTS_OF[l] = scripts;
};
set('ar fa ur ps ug ckb sd ks ota', ['Arab']);
set('ru uk be bg mk kk ky tg tt ba cv ce os ab', ['Cyrl']);
set('sr bs', ['Cyrl', 'Latn']);
set('zh yue wuu lzh', ['Hani']);
set('ja', ['Hani', 'Hira', 'Kana']);
set('ko', ['Hang', 'Hani']);
set('el grc', ['Grek']);
set('he yi', ['Hebr']);
set('hy', ['Armn']);
set('ka', ['Geor']);
set('hi mr ne sa', ['Deva']);
set('bn', ['Beng']);
set('th', ['Thai']);
set('bo dz', ['Tibt']);
set('am ti', ['Ethi']);
set('syr', ['Syrc']);
set('mn', ['Cyrl', 'Mong']);
set('uz az tk', ['Latn', 'Cyrl', 'Arab']);
// Latin-script languages of the members' records and of the aggregators they feed
set(
  'en fr de es it pt nl da sv no nb nn fi is et lv lt pl cs sk sl hr hu ro sq tr ca eu gl ga gd cy br oc la mt id ms vi tl fil sw ha yo ig zu xh so af rm lb fo fy eo lij vec fur sc co wa',
  ['Latn'],
);

/** script subtags that stand for Unicode scripts by other codes (Japanese and Korean writing mix several) */
const SUBTAG_SCRIPTS: Record<string, readonly string[]> = { Hans: ['Hani'], Hant: ['Hani'], Jpan: ['Hani', 'Hira', 'Kana'], Kore: ['Hang', 'Hani'] };

const LETTER = /\p{L}/u;
const PATTERNS: Record<string, RegExp> = {
  Latn: /\p{Script=Latin}/u,
  Arab: /\p{Script=Arabic}/u,
  Cyrl: /\p{Script=Cyrillic}/u,
  Hani: /\p{Script=Han}/u,
  Hira: /\p{Script=Hiragana}/u,
  Kana: /\p{Script=Katakana}/u,
  Hang: /\p{Script=Hangul}/u,
  Grek: /\p{Script=Greek}/u,
  Hebr: /\p{Script=Hebrew}/u,
  Armn: /\p{Script=Armenian}/u,
  Geor: /\p{Script=Georgian}/u,
  Deva: /\p{Script=Devanagari}/u,
  Beng: /\p{Script=Bengali}/u,
  Thai: /\p{Script=Thai}/u,
  Tibt: /\p{Script=Tibetan}/u,
  Ethi: /\p{Script=Ethiopic}/u,
  Syrc: /\p{Script=Syriac}/u,
  Mong: /\p{Script=Mongolian}/u,
};

const LATIN = SCRIPTS_OF.en!;
// most texts of a Latin-script language have an ASCII letter: found without Unicode tables
const ASCII_LETTER = /[A-Za-z]/;

function expected(tag: string): readonly string[] | undefined {
  const [lang, second] = tag.split('-');
  if (!lang || lang === 'und') return undefined;
  if (second && second.length === 4) {
    const scripts = SUBTAG_SCRIPTS[second] ?? [second];
    // a script we cannot recognise (Latf, Fraktur Latin): nothing to check against
    return scripts.every((x) => PATTERNS[x]) ? scripts : undefined;
  }
  return SCRIPTS_OF[lang];
}

// a record has a few tags and dozens of texts: each tag's scripts are worked out once
const EXPECTED = new Map<string, readonly string[] | undefined>();
function expectedOf(tag: string): readonly string[] | undefined {
  if (EXPECTED.has(tag)) return EXPECTED.get(tag);
  const e = expected(tag);
  if (EXPECTED.size > 1000) EXPECTED.clear();
  EXPECTED.set(tag, e);
  return e;
}

/**
 * The tag for `text`: `tag` itself unless the text has letters and none of them is in a
 * script of the tag's language; then und with the script of the text's first letter
 * ("und-Arab", "und-Hani"), or und when we do not know that script.
 */
export function tagForScript(tag: string, text: string): string {
  const scripts = expectedOf(tag);
  if (!scripts) return tag;
  if (scripts === LATIN && ASCII_LETTER.test(text)) return tag;
  for (const s of scripts) if (PATTERNS[s]?.test(text)) return tag;
  const letter = LETTER.exec(text)?.[0];
  if (!letter) return tag; // "1923", "—": nothing to go by
  for (const [code, re] of Object.entries(PATTERNS)) if (re.test(letter)) return `und-${code}`;
  return 'und';
}
