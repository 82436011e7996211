// GET /api/v1/institutions and /api/v1/institutions/{id}, in process, on the IAMS seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { testApp, type TestApp } from '../../../test/support/app.ts';

interface Item {
  id: string;
  slug: string;
  name: Record<string, string>;
  country: string | null;
  membership: { category: string; status: string; memberSince: string | null; admittedAt: { id: string; slug: string; title: Record<string, string>; startsOn: string | null } | null } | null;
}
interface ListBody {
  total: number;
  limit: number;
  offset: number;
  items: Item[];
}

const SEED_MEMBERS = [
  'ark-puppet-theater-museum',
  'china-national-silk-museum',
  'chinese-museums-association',
  'fujian-museum',
  'history-museum-of-armenia',
  'national-heritage-institute-tunisia',
  'national-museum-of-bukovina',
  'national-museum-of-china',
  'national-museum-of-decorative-arts-cuba',
  'national-museum-of-history-of-azerbaijan',
  'national-museum-of-kazakhstan',
  'national-museum-of-myanmar-yangon',
  'national-museum-of-serbia',
  'qatar-museums',
  'red-sea-museum',
  'semnan-history-museum',
  'xian-tang-west-market-museum',
];

describe.each(DIALECTS)('institutions API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const list = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.json<ListBody>();
  };
  const slugs = (b: ListBody) => b.items.map((i) => i.slug).sort();

  it('lists the 17 seed members by default, with total, limit and offset', async () => {
    const b = await list('/api/v1/institutions');
    expect(b.total).toBe(17);
    expect(b.limit).toBe(50);
    expect(b.offset).toBe(0);
    expect(b.items).toHaveLength(17);
    expect(slugs(b)).toEqual(SEED_MEMBERS);
    for (const i of b.items) {
      expect(i.id).toMatch(/\S/);
      expect(i.id).not.toBe(i.slug);
      expect(typeof i.name.en).toBe('string');
      expect(i.membership).not.toBeNull();
      expect(['international', 'chinese']).toContain(i.membership!.category);
      expect(i.membership!.status).toBe('member');
    }
    const nmc = b.items.find((i) => i.slug === 'national-museum-of-china')!;
    expect(nmc.name).toEqual({ en: 'National Museum of China', 'zh-Hans': '中国国家博物馆' });
    expect(nmc.country).toBe('CN');
    expect(nmc.membership!.category).toBe('chinese');
    // ids are unique
    expect(new Set(b.items.map((i) => i.id)).size).toBe(17);
  });

  it('status=any lists all 27 institutions, members or not', async () => {
    const b = await list('/api/v1/institutions?status=any&limit=500');
    expect(b.total).toBe(27);
    expect(b.items).toHaveLength(27);
    const ministry = b.items.find((i) => i.slug === 'ministry-of-culture-and-tourism-prc')!;
    expect(ministry.membership).toBeNull();
    expect(b.items.filter((i) => i.membership === null)).toHaveLength(10);
  });

  it('country=cu gives exactly the two Cuban members', async () => {
    const b = await list('/api/v1/institutions?country=cu');
    expect(b.total).toBe(2);
    expect(slugs(b)).toEqual(['ark-puppet-theater-museum', 'national-museum-of-decorative-arts-cuba']);
    expect(b.items.every((i) => i.country === 'CU')).toBe(true);
  });

  it('q finds the silk museum by its Chinese and its English name', async () => {
    const zh = await list(`/api/v1/institutions?q=${encodeURIComponent('中国丝绸博物馆')}`);
    expect(zh.total).toBe(1);
    expect(slugs(zh)).toEqual(['china-national-silk-museum']);
    const en = await list('/api/v1/institutions?q=silk%20museum');
    expect(en.total).toBe(1);
    expect(slugs(en)).toEqual(['china-national-silk-museum']);
  });

  it('category=chinese gives the 5 Chinese members', async () => {
    const b = await list('/api/v1/institutions?category=chinese');
    expect(b.total).toBe(5);
    expect(slugs(b)).toEqual(['china-national-silk-museum', 'chinese-museums-association', 'fujian-museum', 'national-museum-of-china', 'xian-tang-west-market-museum']);
    expect(b.items.every((i) => i.membership!.category === 'chinese')).toBe(true);
  });

  it('limit=0 answers the total only', async () => {
    const b = await list('/api/v1/institutions?limit=0');
    expect(b).toEqual({ total: 17, limit: 0, offset: 0, items: [] });
  });

  it('pages with limit and offset', async () => {
    const all = await list('/api/v1/institutions');
    const p2 = await list('/api/v1/institutions?limit=5&offset=5');
    expect(p2.total).toBe(17);
    expect(p2.limit).toBe(5);
    expect(p2.offset).toBe(5);
    expect(p2.items.map((i) => i.slug)).toEqual(all.items.slice(5, 10).map((i) => i.slug));
  });

  it('limit=9999 is refused with 400 and a bad_request error naming the parameter', async () => {
    const res = await get('/api/v1/institutions?limit=9999');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json<{ error: { code: string; message: string; fields?: Array<{ field: string; message: string }> } }>();
    expect(body.error.code).toBe('bad_request');
    expect(typeof body.error.message).toBe('string');
    expect(body.error.fields?.map((f) => f.field)).toEqual(['limit']);
    expect(res.statusCode).toBe(400);
  });

  it('answers one institution by slug and by public id with the same body', async () => {
    const bySlug = await get('/api/v1/institutions/national-museum-of-china');
    expect(bySlug.statusCode).toBe(200);
    const b = bySlug.json<Item & { posts: unknown[]; offices: unknown[] }>();
    expect(b.slug).toBe('national-museum-of-china');
    const byId = await get(`/api/v1/institutions/${encodeURIComponent(b.id)}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(b);
  });

  it('shows the History Museum of Armenia admitted at the 4th conference', async () => {
    const res = await get('/api/v1/institutions/history-museum-of-armenia');
    expect(res.statusCode).toBe(200);
    const b = res.json<Item>();
    expect(b.country).toBe('AM');
    expect(b.membership!.category).toBe('international');
    expect(b.membership!.status).toBe('member');
    expect(b.membership!.memberSince).toBe('2025-10-19');
    expect(b.membership!.admittedAt!.slug).toBe('iams-4th-conference');
    expect(b.membership!.admittedAt!.startsOn).toBe('2025-10-19');
    expect(b.membership!.admittedAt!.title['zh-Hans']).toBe('丝绸之路国际博物馆联盟第四届大会');
  });

  it('lists the posts and offices of the National Museum of China', async () => {
    const res = await get('/api/v1/institutions/national-museum-of-china');
    const b = res.json<{
      posts: Array<{ title: Record<string, string>; startedOn: string | null; endedOn: string | null; person: { slug: string; name: Record<string, string> } }>;
      offices: Array<{ kind: string; person: { slug: string } | null; institution: { slug: string } | null }>;
    }>();
    const posts = b.posts.map((p) => [p.person.slug, p.title.en, p.title['zh-Hans']]).sort();
    expect(posts).toEqual([
      ['ding-pengbo', 'Deputy Director', '副馆长'],
      ['luo-wenli', 'Director', '馆长'],
    ]);
    expect(b.posts.find((p) => p.person.slug === 'luo-wenli')!.person.name).toEqual({ en: 'Luo Wenli', 'zh-Hans': '罗文利' });
    expect(b.offices.map((o) => [o.kind, o.person?.slug, o.institution?.slug])).toEqual([
      ['president', 'luo-wenli', 'national-museum-of-china'],
      ['secretary_general', 'ding-pengbo', 'national-museum-of-china'],
    ]);
  });

  it('answers an unknown slug with a 404 JSON error not_found', async () => {
    const res = await get('/api/v1/institutions/no-such-museum');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });

  it('answers a malformed or over-long id with the JSON error shape of the API', async () => {
    const bad = await get('/api/v1/institutions/%zz');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('bad_request');

    const long = await get(`/api/v1/institutions/${'x'.repeat(250)}`);
    expect(long.statusCode).toBeGreaterThanOrEqual(400);
    expect(long.statusCode).toBeLessThan(500);
    const body = long.json<{ error: { code: string; message: string } }>();
    expect(typeof body.error).toBe('object');
    expect(['bad_request', 'not_found']).toContain(body.error.code);
  });
});
