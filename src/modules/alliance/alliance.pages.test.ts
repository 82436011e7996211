// The public pages, in process, on the IAMS seed: language choice, directory, officers,
// an institution's page, errors, security headers and escaping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { escapeHtml } from '../../http/html.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { createInstitution } from '../institutions/institution.service.ts';

const LANGS = [
  ['zh', 'zh-Hans'],
  ['en', 'en'],
  ['ru', 'ru'],
  ['ar', 'ar'],
] as const;

/** The data-slug of each directory entry, in page order. */
const entries = (body: string) => [...body.matchAll(/<li class="entry" data-slug="([^"]+)"/g)].map((m) => m[1]);

describe.each(DIALECTS)('public pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  const page = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    return res.body;
  };

  it.each([
    ['ar', '/ar/'],
    ['zh-CN,zh;q=0.9,en;q=0.8', '/zh/'],
    ['de', '/en/'],
    ['de-DE,de;q=0.9,ru;q=0.5', '/ru/'],
  ])('redirects / with Accept-Language %s to %s', async (acceptLanguage, location) => {
    const res = await get('/', { 'accept-language': acceptLanguage });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(location);
    expect(res.headers.vary).toMatch(/Accept-Language/i);
  });

  it('redirects / without Accept-Language to English', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/en/');
  });

  it('shows the Arabic home page right to left, with the live counts', async () => {
    const body = await page('/ar/');
    expect(body).toContain('<html lang="ar" dir="rtl">');
    expect(body).toContain('عدد المؤسسات الأعضاء: 17');
    expect(body).toContain('عدد الدول والمناطق: 12');
    expect(body).toContain('<a href="/ar/members?category=international">الأعضاء الدوليون</a>: <strong>12</strong>');
    expect(body).toContain('<a href="/ar/members?category=chinese">الأعضاء الصينيون</a>: <strong>5</strong>');
    // the largest country first: China with 5
    expect(body).toMatch(/<table class="bars"><tbody>\s*<tr><th scope="row"><a href="\/ar\/members\?country=CN">الصين<\/a><\/th>\s*<td>[^\n]*5<\/td>/);
  });

  it('lists exactly the two Cuban members on /zh/members?country=CU, in Chinese', async () => {
    const body = await page('/zh/members?country=CU');
    expect(body).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(entries(body)).toEqual(['ark-puppet-theater-museum', 'national-museum-of-decorative-arts-cuba']);
    expect(body).toContain('古巴方舟木偶剧院博物馆');
    expect(body).toContain('古巴国家装饰艺术博物馆');
    expect(body).toContain('<option value="CU" selected>');
  });

  it('finds the silk museum on /en/members?q=silk+museum', async () => {
    const body = await page('/en/members?q=silk+museum');
    expect(entries(body)).toEqual(['china-national-silk-museum']);
    expect(body).toContain('<p role="status" class="results-count">1 found</p>');
    expect(body).toContain('value="silk museum"');
    // the other script's name is shown beside the English one
    expect(body).toContain('<span lang="zh-Hans" dir="auto">中国丝绸博物馆</span>');
  });

  it('lists the officers in the Russian interface', async () => {
    const body = await page('/ru/officers');
    expect(body).toContain('<html lang="ru" dir="ltr">');
    expect(body).toContain('<h1>Руководство альянса</h1>');
    expect(body).toContain('<p class="office-title">Президент</p>');
    expect(body).toContain('<p class="office-title">Генеральный секретарь</p>');
    expect(body).toContain('<h2>Вице-президенты</h2>');
    expect(body.match(/<p class="office-title">Вице-президент<\/p>/g)).toHaveLength(8);
    // a name without a Russian form falls back to English and says so; a Russian one does not
    expect(body).toContain('<span lang="en" dir="auto">Luo Wenli</span> <small class="fallback"');
    expect(body).toContain('<span lang="ru">Акмарал Ибраева</span>');
    expect(body.indexOf('Президент')).toBeLessThan(body.indexOf('Генеральный секретарь'));
    expect(body.indexOf('Генеральный секретарь')).toBeLessThan(body.indexOf('Вице-президенты'));
  });

  it.each(['/', '/members', '/members?q=silk+museum&country=CN', '/officers', '/members/national-museum-of-china', '/login'])(
    'links %s to the same path in the four languages',
    async (path) => {
      for (const [lang] of LANGS) {
        const body = await page(`/${lang}${path}`);
        for (const [other, tag] of LANGS) {
          const target = escapeHtml(`/${other}${path}`);
          expect(body).toContain(`<link rel="alternate" hreflang="${tag}" href="${target}">`);
          if (other === lang) expect(body).toContain(`<span aria-current="true" lang="${tag}">`);
          else expect(body).toContain(`<a href="${target}" lang="${tag}" hreflang="${tag}">`);
        }
      }
    },
  );

  it('shows the National Museum of China with both names, a map and its people', async () => {
    const body = await page('/en/members/national-museum-of-china');
    expect(body).toContain('<h1 itemprop="name"><span lang="en">National Museum of China</span></h1>');
    expect(body).toContain('<dd lang="zh-Hans" dir="auto">中国国家博物馆</dd>');
    expect(body).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" aria-label="Location of National Museum of China"');
    expect(body).toContain('<li><span lang="en">Luo Wenli</span>, <span lang="en">Director</span></li>');
    expect(body).toContain('<li><span lang="en">Ding Pengbo</span>, <span lang="en">Deputy Director</span></li>');
    expect(body).toContain('<li>President — <span lang="en">Luo Wenli</span></li>');
    expect(body).toContain('<li>Secretary-General — <span lang="en">Ding Pengbo</span></li>');
    // no edit button for a visitor
    expect(body).not.toContain('/en/admin/institutions/national-museum-of-china');
  });

  it('redirects an institution page by public id to its slug URL with 301', async () => {
    const id = (await t.app.inject({ method: 'GET', url: '/api/v1/institutions/national-museum-of-china' })).json<{ id: string }>().id;
    const res = await get(`/en/members/${encodeURIComponent(id)}`);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/en/members/national-museum-of-china');
    const zh = await get(`/zh/members/${encodeURIComponent(id)}`);
    expect(zh.statusCode).toBe(301);
    expect(zh.headers.location).toBe('/zh/members/national-museum-of-china');
  });

  it('answers an unknown page with a 404 page in its language', async () => {
    const ru = await get('/ru/nope');
    expect(ru.statusCode).toBe(404);
    expect(ru.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(ru.body).toContain('<html lang="ru" dir="ltr">');
    expect(ru.body).toContain('<p>Такой страницы не существует.</p>');
    expect(ru.body).toContain('<a href="/ru/">Вернуться на главную</a>');

    const ar = await get('/ar/members/no-such-museum');
    expect(ar.statusCode).toBe(404);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('هذه الصفحة غير موجودة.');

    const en = await get('/en/members/no-such-museum');
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('<p>This page does not exist.</p>');
  });

  it('answers a malformed or over-long page URL with an error page in its language, with the security headers', async () => {
    for (const url of ['/ru/members/%zz', `/ru/members/${'x'.repeat(250)}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('<html lang="ru" dir="ltr">');
      expect(res.body, url).toContain('<h1>Что-то пошло не так</h1>');
      expect(String(res.headers['content-security-policy']), url).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('sends the security headers on pages', async () => {
    for (const url of ['/en/', '/ar/members', '/ru/nope']) {
      const res = await get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await get('/en/')).headers['cache-control']).toBe('private, no-cache');
  });

  it('escapes a hostile institution name everywhere it is shown', async () => {
    const evil = '<script>alert(1)</script> Museum';
    await createInstitution(t.database.db, systemActor('test'), {
      slug: 'hostile-name-museum',
      name: { en: evil, 'zh-Hans': '"引号" & <b>粗体</b>' },
      city: { en: 'Paris <img src=x onerror=alert(2)>' },
      country: 'FR',
      latitude: 48.86,
      longitude: 2.35,
    });
    const body = await page('/en/members/hostile-name-museum');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Museum');
    expect(body).toContain(`<title>${escapeHtml(evil)} · `);
    expect(body).toContain('&quot;引号&quot; &amp; &lt;b&gt;粗体&lt;/b&gt;');
    expect(body).toContain('Paris &lt;img src=x onerror=alert(2)&gt;');
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<b>');
    // the map's label too
    expect(body).toContain('aria-label="Location of &lt;script&gt;alert(1)&lt;/script&gt; Museum"');

    const list = await page('/en/members?status=any&q=hostile');
    expect(entries(list)).toEqual(['hostile-name-museum']);
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Museum');
    expect(list).not.toContain('<script>');
  });
});
