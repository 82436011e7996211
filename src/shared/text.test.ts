import { describe, expect, it } from 'vitest';
import { foldText, memoText, ownCopy, queryTerms, searchText } from './text.ts';
import { pick } from './langmap.ts';

describe('foldText: one form for records and queries', () => {
  it.each([
    ['Muzeul Național al Bucovinei', 'muzeul national al bucovinei'],
    ['Народни музеј Србије', 'народни музеј србије'],
    ['Ёлка', 'елка'],
    ['متحف البحر الأحمر', 'متحف البحر الاحمر'],
    ['مُتْحَف', 'متحف'],
    ['موزهٔ ملی ایران', 'موزه ملي ايران'],
    ['کتاب', 'كتاب'],
    ['ＩＡＭＳ　２０２５', 'iams 2025'],
    ["Xi'an Tang West Market", 'xian tang west market'],
    ['中国丝绸博物馆', '中国丝绸博物馆'],
    ['Bojana Borić Brešković', 'bojana boric breskovic'],
    // plain ASCII takes a short path: the same result as the full one
    ["Don't PANIC_now: 3rd-century (AD) `x`\t\n", 'dont panic now 3rd century ad x'],
    ['  W.872  ', 'w 872'],
    ["Don't PANIC_now: 3rd-century (AD) `x` é", 'dont panic now 3rd century ad x e'],
  ])('%s -> %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('remembered folds are the folds: a second call, texts cut from a page, and after the memo starts over', () => {
    const page = `<title>Bojana Borić Brešković</title>${'x'.repeat(1000)}<title>  W.872  </title>`;
    const a = page.slice(7, 30);
    expect(foldText(a)).toBe('bojana boric breskovic');
    expect(foldText(a)).toBe('bojana boric breskovic');
    expect(foldText(page.slice(page.lastIndexOf('<title>') + 7, page.lastIndexOf('</title>')))).toBe('w 872');
    // more distinct texts than the memo holds: it starts over and still folds right
    for (let i = 0; i < 20_050; i++) expect(foldText(`Café ${i}`)).toBe(`cafe ${i}`);
    expect(foldText(a)).toBe('bojana boric breskovic');
    expect(foldText('x'.repeat(201) + 'É')).toBe('x'.repeat(201) + 'e');
  });

  it('memoText: each short text computed once (undefined too), long ones every time, and again after the memo starts over', () => {
    const calls: string[] = [];
    const f = memoText((s: string) => (calls.push(s), s === 'none' ? undefined : s.toUpperCase()), 3, 10);
    expect([f('abc'), f('abc'), f('none'), f('none')]).toEqual(['ABC', 'ABC', undefined, undefined]);
    expect(calls).toEqual(['abc', 'none']);
    expect([f('a long text!'), f('a long text!')]).toEqual(['A LONG TEXT!', 'A LONG TEXT!']);
    f('x');
    f('y'); // the fourth kept text: the memo started over
    f('abc');
    expect(calls).toEqual(['abc', 'none', 'a long text!', 'a long text!', 'x', 'y', 'abc']);
  });

  it('ownCopy gives the same text', () => {
    const long = `${'a'.repeat(50)}Ж${'b'.repeat(50)}`;
    for (const s of ['', 'short', long, long.slice(10, 80)]) expect(ownCopy(s)).toBe(s);
  });

  it('splits queries into at most eight folded words', () => {
    expect(queryTerms('  Silk   MUSEUM, Hangzhou ')).toEqual(['silk', 'museum', 'hangzhou']);
    expect(queryTerms('a b c d e f g h i j')).toHaveLength(8);
  });

  it('builds a haystack from language maps without duplicates', () => {
    expect(searchText({ en: 'Silk Museum', fr: 'Silk Museum' }, 'Hangzhou')).toBe(' silk museum | hangzhou ');
  });
});

describe('pick: content in the page language, else the alliance fallback chain', () => {
  const m = { en: 'National Museum of China', 'zh-Hans': '中国国家博物馆' };
  it('matches by primary subtag', () => expect(pick(m, 'zh')).toEqual({ text: '中国国家博物馆', lang: 'zh-Hans', fallback: false }));
  it('falls back along the chain and says so', () =>
    expect(pick(m, 'ar', ['zh-Hans', 'en'])).toEqual({ text: '中国国家博物馆', lang: 'zh-Hans', fallback: true }));
  it('falls back to any language when the chain has none', () => expect(pick({ hy: 'Երևան' }, 'ru', ['en'])).toEqual({ text: 'Երևան', lang: 'hy', fallback: true }));
  it('gives nothing for an empty map', () => expect(pick({}, 'en')).toBeUndefined());
});
