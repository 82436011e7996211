import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanLangMap, cleanText, languageTag } from './text.ts';

const CASES: Array<[string, string, string]> = [
  // [what, input, output]
  ['plain text is returned as is', 'Bowl with a Sogdian inscription', 'Bowl with a Sogdian inscription'],
  ['named references', 'Caf&eacute; &amp; Co &lt;b&gt; &mdash; &hellip;', 'Café & Co <b> — …'],
  ['numeric references, decimal and hex', '&#1575;&#x644;&#1604;&#1607; &#x4E2D;&#25991;', 'الله 中文'],
  ['&#150; is the Windows-1252 en dash, as in browsers', '1750&#150;1760', '1750–1760'],
  ['transliteration letters of HTML 5', 'Sh&amacr;h N&amacr;ma, &Scaron;ahr, &dstrok;', 'Shāh Nāma, Šahr, đ'],
  ['an unknown reference stays text', 'AT&T &foo; S&P', 'AT&T &foo; S&P'],
  ['a bare & stays', 'Manuscripts & Rare Books', 'Manuscripts & Rare Books'],
  ['decoded once: an escaped tag is text', '&lt;i&gt;Shahnama&lt;/i&gt; and &amp;lt;', '<i>Shahnama</i> and &lt;'],
  ['inline tags go, their text stays', 'The <i>Shahnama</i> of <em>Firdawsi</em>, <span class="x">folio</span> 3', 'The Shahnama of Firdawsi, folio 3'],
  ['tags in any case, with attributes', '<P CLASS="a">One</P><p style=\'x\'>Two</p>', 'One\n\nTwo'],
  ['links keep their text', 'See <a href="http://example.org/a?b=1&amp;c=2" target=_blank>the record</a>.', 'See the record.'],
  ['br is a line break, p a paragraph', 'Line one<br>line two<br/>line three<BR />end<p>New paragraph', 'Line one\nline two\nline three\nend\n\nNew paragraph'],
  ['list items are lines', '<ul><li>silk</li><li>gold</li></ul>', 'silk\ngold'],
  ['table cells are spaced', '<table><tr><td>H</td><td>10 cm</td></tr></table>', 'H 10 cm'],
  ['comments, scripts and styles go with their content', 'a<!-- note -->b<script>alert(1)</script>c<style>p{}</style>d', 'abcd'],
  ['Word markup', 'Text<o:p></o:p> more', 'Text more'],
  ['CDATA keeps its text', '<![CDATA[Tang & Song]]>', 'Tang & Song'],
  // angle brackets that are not HTML
  ['a transliteration bracket', 'the word <Ali> in the text', 'the word <Ali> in the text'],
  ['an empty editorial bracket', 'a gap < > here', 'a gap < > here'],
  ['<a> without </a> is editorial', "al-a'raf mi<'>atan wa-khams <a>y<a>t.", "al-a'raf mi<'>atan wa-khams <a>y<a>t."],
  ['<i> without </i> is editorial', 'Sal<i>m and ta<i>', 'Sal<i>m and ta<i>'],
  ['<th> without </th> is editorial', 'wi<th>out', 'wi<th>out'],
  ['<p> without </p> in plain text is editorial', 'sal<p>', 'sal<p>'],
  ['<p> without </p> in HTML is a paragraph', 'One<p>Two<br>three', 'One\n\nTwo\nthree'],
  ['an editorial bracket inside real HTML', '<p>reads h<a>dh<a> al-kitab</p>', 'reads h<a>dh<a> al-kitab'],
  ['Greek editorial letters', 'ἣ<ν> ἔτεκεν, <ν>ίκην', 'ἣ<ν> ἔτεκεν, <ν>ίκην'],
  ['comparison signs', 'height < 10 cm and > 5 cm; a<b', 'height < 10 cm and > 5 cm; a<b'],
  // whitespace, controls, Unicode
  ['CRLF paragraphs', 'First.\r\n\r\nSecond.\r\nSame paragraph.', 'First.\n\nSecond.\nSame paragraph.'],
  ['spaces collapse, lines are trimmed', '  a \t b  \n   c   \n\n\n\n d  ', 'a b\nc\n\nd'],
  ['no-break and ideographic spaces', 'a\u00a0\u00a0b\u3000c', 'a b c'],
  ['control characters go', 'a\u0000b\u0003c\u001ad\u007fe\ufeff', 'abcde'],
  ['C1 controls read as Windows-1252', 'It\u0092s 1750\u00961760', 'It’s 1750–1760'],
  ['a lone surrogate becomes U+FFFD', 'a\ud800b', 'a\ufffdb'],
  ['NFC', 'Cafe\u0301 Ha\u0304fiz', 'Café Hāfiz'],
  ['Persian keeps its zero-width non-joiner', 'می\u200cخواهم', 'می\u200cخواهم'],
  ['empty', '   \n  ', ''],
];

describe('cleanText', () => {
  it.each(CASES)('%s', (_what, input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  it('keeps markup in transcriptions when asked (html: false)', () => {
    expect(cleanText('  <i>ταδούλωσον</i>  &amp; ', { html: false })).toBe('<i>ταδούλωσον</i> &');
    // an ideographic space between the lines of a seal is part of the transcription; elsewhere it is spacing
    expect(cleanText('大清\u3000乾隆年製', { html: false })).toBe('大清\u3000乾隆年製');
    expect(cleanText('大清\u3000乾隆年製')).toBe('大清 乾隆年製');
  });

  it('is idempotent, except on escaped markup (decoded once, then it is text)', () => {
    for (const [, input] of CASES) if (!input.includes('&lt;')) expect(cleanText(cleanText(input))).toBe(cleanText(input));
  });
});

// Real descriptions and inscriptions of the Walters Art Museum that contain "<": every
// bracket is an editorial one inside a transliteration and must survive, letter for letter.
const WALTERS = ['../shared/data/collections/walters/objects', '/work/shared/data/collections/walters/objects'].find((d) => existsSync(d));
const letters = (s: string) => s.normalize('NFC').replace(/[^\p{L}\p{N}<>'ʾ]/gu, '');

describe('cleanText on real Walters texts with angle brackets', () => {
  if (!WALTERS) console.log('skipped: the Walters records (../shared/data/collections/walters) are absent');
  const read = (id: string) => JSON.parse(readFileSync(`${WALTERS}/${id}.json`, 'utf8')) as Record<string, string | null>;

  it.skipIf(!WALTERS).each([
    ['80023', 'Description', ["al-a'raf mi<'>atan wa-khams <a>y<a>t."]],
    ['80048', 'Description', ['wa-al-sal<a>h wa-al-salam']],
    ['81152', 'Description', ["fi al-tafa<'>ul min kalam Allah"]],
    ['82834', 'Description', ["wa-li-man qara<'>ahu /2/ wa-nazara", "tas'imi<'>ah /3/."]],
    ['82840', 'Description', ['qad faragha min taswid h<a>dh<a> al-kitab', "'an sayyia<'>atih fi shuhur", "thamanimi<'>ah /3/ bi-baldat Harat"]],
    ['20316', 'Inscriptions', ['Σαλουίνην, ἣ<ν> ἔτεκεν Εὔα', 'δύν/αμιν, <ν>ίκην, χάριν', 'ἀντιβουλεύσητα<ι> / ἐν μηδενὶ']],
    ['77632', 'Inscriptions', ["wa-thamānmi<'>ah /3/ al-hilāl"]],
    ['79634', 'Inscriptions', ['wa-<ā>lih wa-sahbih']],
    ['79994', 'Inscriptions', ['wa--<ā>khiran wa-al-s', "fī <ā>akhir Sha'bān /", "tis'imi<'>ah al-hijrīyah"]],
    ['82638', 'Inscriptions', ['tal<ā>th wa-thamānīn', 'wa-<ā>alih amīn amīn']],
    ['84866', 'Inscriptions', ['wa-<ā>lih afdal al-sa', 'thal<ā>th /5/ wa-thala', "wa-mi<'>ah wa-alf min /"]],
  ] as Array<[string, string, string[]]>)('object %s, %s', (id, field, survivors) => {
    const raw = read(id)[field]!;
    const clean = cleanText(raw);
    for (const s of survivors) expect(clean).toContain(s);
    expect(letters(clean)).toBe(letters(raw));
    expect(clean).not.toContain('\r');
  });

  it.skipIf(!WALTERS)('loses no letter of any Walters description or inscription (they hold no HTML)', () => {
    let texts = 0;
    for (const f of readdirSync(WALTERS!)) {
      const j = JSON.parse(readFileSync(`${WALTERS}/${f}`, 'utf8')) as Record<string, unknown>;
      for (const field of ['Description', 'Inscriptions', 'Title', 'Provenance', 'CreditLine']) {
        const v = j[field];
        if (typeof v !== 'string') continue;
        texts++;
        expect(letters(cleanText(v)), `${f} ${field}`).toBe(letters(v));
      }
    }
    expect(texts).toBeGreaterThan(5000);
  });
});

describe('cleanLangMap', () => {
  it('cleans every value and drops the empty ones, keys untouched', () => {
    expect(cleanLangMap({ en: ' <b>Bowl</b> ', 'zh-hant': '碗', fr: '   ', de: null, ru: undefined } as Record<string, string | null | undefined>)).toEqual({
      en: 'Bowl',
      'zh-hant': '碗',
    });
    expect(cleanLangMap(undefined)).toEqual({});
  });
});

describe('languageTag', () => {
  it.each([
    ['en', 'en'], ['EN', 'en'], ['eng', 'en'], ['en-us', 'en-US'], ['en_GB', 'en-GB'],
    ['zh', 'zh'], ['chi', 'zh'], ['zho', 'zh'], ['zh-hans', 'zh-Hans'], ['zh-hant', 'zh-Hant'], ['ZH-HANT', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'], ['zh_TW', 'zh-Hant'], ['zh-HK', 'zh-Hant'], ['zh-Hant-TW', 'zh-Hant'], ['cmn', 'zh'], ['yue', 'yue'],
    ['ara', 'ar'], ['ar', 'ar'], ['per', 'fa'], ['fas', 'fa'], ['fa-Arab', 'fa-Arab'], ['rus', 'ru'], ['tur', 'tr'],
    ['arm', 'hy'], ['hye', 'hy'], ['geo', 'ka'], ['kat', 'ka'], ['srp', 'sr'], ['sr-latn', 'sr-Latn'], ['sr-Cyrl-RS', 'sr-Cyrl-RS'],
    ['uzb', 'uz'], ['gre', 'el'], ['grc', 'grc'], ['ota', 'ota'], ['es-419', 'es-419'], ['de-DE-1996', 'de-DE'],
    ['en-x-private', 'en'], ['iw', 'he'], ['English', 'en'], ['中文', 'zh'], ['Traditional Chinese', 'zh-Hant'], ['فارسی', 'fa'],
    ['@none', undefined], ['', undefined], ['true', undefined], ['und', undefined], ['zxx', undefined], ['none', undefined], ['x-default', undefined],
    ['i-klingon', undefined], ['english-ish', undefined], ['12', undefined], [' ', undefined],
  ] as Array<[string, string | undefined]>)('%j → %j', (input, output) => {
    expect(languageTag(input)).toBe(output);
  });

  it('answers undefined for a missing value', () => {
    expect(languageTag(undefined)).toBeUndefined();
    expect(languageTag(null)).toBeUndefined();
  });
});
