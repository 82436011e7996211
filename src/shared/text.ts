// Text normalisation for matching, the same for stored records and for queries:
// NFKC, case folding, Latin diacritics removed, Arabic and Persian letter forms and
// harakat unified, Cyrillic ё folded to е.

const ARABIC_FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ئ': 'ي',
  'ك': 'ك', 'ک': 'ك',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه',
  'ؤ': 'و',
};
// harakat, tanwin, shadda, sukun, superscript alef, tatweel
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
const COMBINING = /\p{M}/gu;
const ARABIC_LETTERS = /[أإآٱىیئکةۀہؤ]/g;

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A copy of a string that shares no memory with the one it was cut from. V8 keeps a
 * substring as a view of its parent, so a short text cut from a harvested page and kept
 * in a long-lived map (a memo) would keep the whole page (megabytes) alive with it.
 */
export function ownCopy(s: string): string {
  // the concatenation is flattened into a new string by slice: s's parent is not referenced
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * fn, remembered for short texts: they repeat across a collection's records (materials,
 * types, cultures, places, roles, language tags). At most `max` are kept, then the memo
 * starts over. What it keeps are own copies (ownCopy), never views of a page.
 */
export function memoText<T extends string | undefined>(fn: (s: string) => T, max = 20_000, maxLength = 200): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    if (s.length > maxLength) return fn(s);
    const hit = memo.get(s);
    if (hit !== undefined || memo.has(s)) return hit as T;
    const out = fn(s);
    const kept = (typeof out === 'string' ? ownCopy(out) : out) as T;
    if (memo.size >= max) memo.clear();
    memo.set(ownCopy(s), kept);
    return kept;
  };
}

const folded = memoText(fold);

export function foldText(input: string): string {
  return folded(input);
}

function fold(input: string): string {
  // most catalogue text is plain ASCII: no normalisation form, mark or letter fold changes it
  if (!NON_ASCII.test(input)) return input.toLowerCase().replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  let s = input.normalize('NFKC').toLowerCase();
  s = s.replace(ARABIC_MARKS, '').replace(ARABIC_LETTERS, (c) => ARABIC_FOLD[c] ?? c);
  s = s.replace(/ё/g, 'е');
  // strip Latin (and other) combining marks after canonical decomposition; CJK and
  // Arabic letters have no decomposition, so they survive intact.
  s = s.normalize('NFD').replace(COMBINING, '').normalize('NFC');
  s = s.replace(/[ʼ’'`‘]/g, '');
  return s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Words of a folded query: all must occur in the folded text. */
export function queryTerms(q: string): string[] {
  return foldText(q).split(' ').filter(Boolean).slice(0, 8);
}

/** Build the folded haystack stored next to a record, from any number of texts. */
export function searchText(...parts: Array<string | null | undefined | Record<string, string>>): string {
  const texts: string[] = [];
  for (const p of parts) {
    if (!p) continue;
    if (typeof p === 'string') texts.push(p);
    else texts.push(...Object.values(p));
  }
  return ` ${[...new Set(texts.map(foldText).filter(Boolean))].join(' | ')} `;
}
