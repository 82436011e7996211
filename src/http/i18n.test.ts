import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { MESSAGES, UI_LANGS, negotiate, t, type UiLang } from './i18n.ts';

const en = MESSAGES.en as Record<string, string>;
const enKeys = Object.keys(en);

/** Keys whose value may legitimately be the same as in English (brand name, technical token). */
const SAME_AS_ENGLISH = new Set(['site.platform', 'site.apiLink']);

/** A letter of the language's own script must appear in every translated value. */
const SCRIPT: Record<Exclude<UiLang, 'en'>, RegExp> = {
  zh: /\p{Script=Han}/u,
  ru: /\p{Script=Cyrillic}/u,
  ar: /\p{Script=Arabic}/u,
};

function placeholders(s: string): string[] {
  return [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

function messages(lang: UiLang): Record<string, string> {
  return MESSAGES[lang] as Record<string, string>;
}

describe('interface messages', () => {
  it('English has messages', () => {
    expect(enKeys.length).toBeGreaterThan(100);
  });

  for (const lang of UI_LANGS) {
    describe(lang, () => {
      const msgs = messages(lang);

      it('has exactly the English keys, in the same order', () => {
        const keys = Object.keys(msgs);
        const missing = enKeys.filter((k) => !(k in msgs));
        const extra = keys.filter((k) => !(k in en));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        expect(keys).toEqual(enKeys);
      });

      it('has no empty value', () => {
        const empty = Object.entries(msgs)
          .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
          .map(([k]) => k);
        expect(empty).toEqual([]);
      });

      it('keeps exactly the English placeholders', () => {
        const wrong = enKeys
          .filter((k) => k in msgs)
          .map((k) => ({ key: k, expected: placeholders(en[k]!), actual: placeholders(msgs[k]!) }))
          .filter((r) => r.expected.join(',') !== r.actual.join(','));
        expect(wrong).toEqual([]);
      });

      if (lang !== 'en') {
        it('translates every value (allow-list aside)', () => {
          const same = enKeys.filter((k) => !SAME_AS_ENGLISH.has(k) && msgs[k] === en[k]);
          expect(same).toEqual([]);
        });

        it('writes every translated value in the language’s script', () => {
          const script = SCRIPT[lang];
          const foreign = enKeys.filter((k) => !SAME_AS_ENGLISH.has(k) && k in msgs && !script.test(msgs[k]!));
          expect(foreign).toEqual([]);
        });
      }
    });
  }

  it('keeps the platform name in Latin letters everywhere', () => {
    for (const lang of UI_LANGS) expect(messages(lang)['site.platform']).toBe('Caravanserai');
  });
});

describe('negotiate()', () => {
  it.each([
    ['ar-SA,ar;q=0.9,en;q=0.8', 'ar'],
    ['zh-CN', 'zh'],
    ['zh-TW,zh;q=0.9', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['fr-FR,ru;q=0.5', 'ru'],
    ['de', 'en'],
    ['', 'en'],
    ['en;q=0,ru', 'ru'],
    ['RU-ru', 'ru'],
    ['en;q=0.5, ar;q=0.8', 'ar'],
    ['*', 'en'],
  ] as const)('%j -> %s', (header, lang) => {
    expect(negotiate(header)).toBe(lang);
  });

  it('falls back to English without a header', () => {
    expect(negotiate(undefined)).toBe('en');
  });
});

describe('t()', () => {
  it('substitutes placeholders', () => {
    expect(t('en', 'directory.page', { page: 2, pages: 7 })).toBe('Page 2 of 7');
    expect(t('ru', 'directory.page', { page: 2, pages: 7 })).toBe('Страница 2 из 7');
    expect(t('zh', 'home.membersCount', { n: 42 })).toBe('42家成员单位');
    expect(t('en', 'admin.welcome', { name: 'Li Wei', role: 'Secretariat' })).toBe('Welcome, Li Wei. Your role: Secretariat.');
    expect(t('ar', 'directory.results', { n: 5 })).toContain('5');
  });

  it('substitutes every occurrence and every placeholder', () => {
    const out = t('zh', 'import.done', { create: 1, update: 2, unchanged: 3 });
    expect(out).toContain('1');
    expect(out).toContain('2');
    expect(out).toContain('3');
    expect(out).not.toMatch(/\{\w+\}/);
  });

  it('leaves unknown placeholders visible', () => {
    expect(t('en', 'directory.page', { page: 1 })).toBe('Page 1 of {pages}');
  });

  it('returns plain messages unchanged', () => {
    expect(t('ar', 'office.secretary_general')).toBe('الأمين العام');
    expect(t('zh', 'office.vice_president')).toBe('副主席');
  });
});

// Modules keep their own messages (src/modules/<m>/i18n/*.json): the same rules hold.

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');
const folders = fs
  .readdirSync(modulesDir)
  .map((m) => path.join(modulesDir, m, 'i18n'))
  .filter((d) => fs.existsSync(path.join(d, 'en.json')));

describe.each(folders.map((f) => [path.relative(modulesDir, f), f]))('module messages %s', (_name, folder) => {
  const load = (l: string) => JSON.parse(fs.readFileSync(path.join(folder, `${l}.json`), 'utf8')) as Record<string, string>;
  const base = load('en');
  it.each(['zh', 'ru', 'ar'])('%s has the English keys, no empty value, the same placeholders, and its own script', (lang) => {
    const msgs = load(lang);
    expect(Object.keys(msgs)).toEqual(Object.keys(base));
    const bad = Object.keys(base).filter(
      (k) => !msgs[k]?.trim() || placeholders(msgs[k]!).join() !== placeholders(base[k]!).join() || !SCRIPT[lang as 'zh' | 'ru' | 'ar'].test(msgs[k]!),
    );
    expect(bad).toEqual([]);
  });
});
