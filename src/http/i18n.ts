// Interface languages and their messages. Every key exists in every language (a test
// checks); content (language maps) is picked with the alliance's fallback chain.
import en from './i18n/en.json' with { type: 'json' };
import zh from './i18n/zh.json' with { type: 'json' };
import ru from './i18n/ru.json' with { type: 'json' };
import ar from './i18n/ar.json' with { type: 'json' };

export const UI_LANGS = ['zh', 'en', 'ru', 'ar'] as const;
export type UiLang = (typeof UI_LANGS)[number];

/** URL segment -> BCP 47 tag used in content language maps and lang attributes */
export const BCP47: Record<UiLang, string> = { zh: 'zh-Hans', en: 'en', ru: 'ru', ar: 'ar' };
export const NATIVE_NAME: Record<UiLang, string> = { zh: '中文', en: 'English', ru: 'Русский', ar: 'العربية' };
export const DIR: Record<UiLang, 'ltr' | 'rtl'> = { zh: 'ltr', en: 'ltr', ru: 'ltr', ar: 'rtl' };

export type MessageKey = keyof typeof en;
export const MESSAGES: Record<UiLang, Record<MessageKey, string>> = { en, zh, ru, ar };

export function isUiLang(s: string): s is UiLang {
  return (UI_LANGS as readonly string[]).includes(s);
}

/** Translate, with {name} placeholders. */
export function t(lang: UiLang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const msg = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** Pick the interface language from an Accept-Language header (q-values honoured). */
export function negotiate(header: string | undefined): UiLang {
  if (!header) return 'en';
  const prefs = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const p of prefs) {
    const primary = p.tag.split('-')[0]!;
    if (isUiLang(primary)) return primary;
  }
  return 'en';
}

/** Number formatting per interface language (Arabic keeps Western digits, as most Arab museum sites do). */
// Intl formatters are costly to build (≈0.2 ms and memory outside the JS heap): one per language and style
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
const localeOf = (lang: UiLang) => (lang === 'ar' ? 'ar-u-nu-latn' : BCP47[lang]);

export function formatNumber(lang: UiLang, n: number): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(localeOf(lang))).format(n);
}

/** A date known to the day, month or year, written the local way. */
export function formatPartialDate(lang: UiLang, d: string | null): string {
  if (!d) return '';
  const [y, m, day] = d.split('-').map(Number);
  const locale = localeOf(lang);
  if (day) return cached(`d:${lang}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })).format(Date.UTC(y!, m! - 1, day));
  if (m) return cached(`m:${lang}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' })).format(Date.UTC(y!, m - 1, 1));
  return String(y);
}

/**
 * A module's own interface messages (src/modules/<m>/i18n/{en,zh,ru,ar}.json), so modules
 * add strings without touching the shared files. Returns a translator typed by the keys
 * of the English file. The i18n test checks every messages folder for complete keys.
 */
export function moduleMessages<K extends string>(m: Record<UiLang, Record<K, string>>) {
  return (lang: UiLang, key: K, vars: Record<string, string | number> = {}): string => {
    const msg = m[lang][key] ?? m.en[key] ?? key;
    return msg.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
  };
}

const languageNames = new Map<string, Intl.DisplayNames>();
/** The name of a content language (e.g. "zh-Hans") in the page's language. */
export function languageName(pageTag: string, tag: string): string {
  let dn = languageNames.get(pageTag);
  if (!dn) languageNames.set(pageTag, (dn = new Intl.DisplayNames([pageTag], { type: 'language' })));
  try {
    return dn.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
