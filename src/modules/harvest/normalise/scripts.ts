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
 * The tag for `text`: `tag` itself unless nearly all of the text's letters (four in five)
 * are in no script of the tag's language; then und with the script of the first such letter ("und-Arab",
 * "und-Hani"), or und when we do not know that script. Nearly all, not all: a Han title with a
 * volume code ("大正新脩大藏經図像部第12b02巻") is not English for its "b", while an
 * English title with a mark in Chinese ("Vase with Qianlong mark 乾隆年製") stays English.
 */
export function tagForScript(tag: string, text: string): string {
  const scripts = expectedOf(tag);
  if (!scripts) return tag;
  if (scripts === LATIN && !NON_ASCII.test(text)) return tag;
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const { mine, other } = patternsOf(scripts);
  other.lastIndex = 0;
  const first = other.exec(sample)?.[0];
  if (!first) return tag; // no letter outside the tag's scripts ("1923", "Ünye")
  let others = 1 + (sample.slice(other.lastIndex).match(other)?.length ?? 0);
  let own = sample.match(mine)?.length ?? 0;
  // a Han, kana or Hangul character is about a word: it counts three letters ("Louis Vuitton
  // 手袋" under zh is Chinese, "大正新脩大藏經図像部第12b02巻" under en is not English)
  const dense = 2 * (sample.match(DENSE)?.length ?? 0);
  if (scripts.some((x) => DENSE_SCRIPTS.has(x))) own += dense;
  else others += dense;
  if (own * 4 >= others) return tag;
  for (const [code, re] of Object.entries(PATTERNS)) if (re.test(first)) return `und-${code}`;
  return 'und';
}

const NON_ASCII = /[^\x00-\x7f]/;
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const DENSE_SCRIPTS = new Set(['Hani', 'Hira', 'Kana', 'Hang']);
/** the opening of a long text tells its script */
const SAMPLE_CHARS = 400;

// per set of scripts: its letters, and the letters of any other script (global, for counting)
const COUNTERS = new Map<string, { mine: RegExp; other: RegExp }>();
function patternsOf(scripts: readonly string[]): { mine: RegExp; other: RegExp } {
  const key = scripts.join(' ');
  let c = COUNTERS.get(key);
  if (!c) {
    const props = scripts.map((x) => PATTERNS[x]!.source).join('');
    c = { mine: new RegExp(`[${props}]`, 'gu'), other: new RegExp(`(?![${props}])\\p{L}`, 'gu') };
    COUNTERS.set(key, c);
  }
  return c;
}
