// GET /api/v1/people and /api/v1/people/{id}, in process, on the IAMS seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { testApp, type TestApp } from '../../../test/support/app.ts';

interface PersonBody {
  id: string;
  slug: string;
  name: Record<string, string>;
  honorific: Record<string, string>;
}

describe.each(DIALECTS)('people API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('lists the 10 seed people', async () => {
    const res = await get('/api/v1/people');
    expect(res.statusCode).toBe(200);
    const b = res.json<{ total: number; items: PersonBody[] }>();
    expect(b.total).toBe(10);
    expect(b.items.map((p) => p.slug).sort()).toEqual([
      'akmaral-ibraeva',
      'bojana-boric-breskovic',
      'ding-pengbo',
      'gao-zheng',
      'hu-wei',
      'ji-xiaofen',
      'lou-jianlong',
      'luo-wenli',
      'nang-lao-ngin',
      'shahbaz-khan',
    ]);
    for (const p of b.items) {
      expect(p.id).toMatch(/\S/);
      expect(Object.keys(p).sort()).toEqual(['honorific', 'id', 'name', 'slug']);
    }
    const luo = b.items.find((p) => p.slug === 'luo-wenli')!;
    expect(luo.name).toEqual({ en: 'Luo Wenli', 'zh-Hans': '罗文利' });
    expect(luo.honorific).toEqual({ en: 'Mr.' });
  });

  it('finds Luo Wenli by his Chinese name', async () => {
    const res = await get(`/api/v1/people?q=${encodeURIComponent('罗文利')}`);
    expect(res.statusCode).toBe(200);
    const b = res.json<{ total: number; items: PersonBody[] }>();
    expect(b.total).toBe(1);
    expect(b.items.map((p) => p.slug)).toEqual(['luo-wenli']);
  });

  it('shows one person with posts and offices, by slug and by public id', async () => {
    const res = await get('/api/v1/people/luo-wenli');
    expect(res.statusCode).toBe(200);
    const b = res.json<
      PersonBody & {
        posts: Array<{ title: Record<string, string>; startedOn: string | null; endedOn: string | null; institution: { id: string; slug: string; name: Record<string, string> } }>;
        offices: Array<{ kind: string; title: Record<string, string>; person: { slug: string } | null; institution: { slug: string } | null; startedOn: string | null; endedOn: string | null }>;
      }
    >();
    expect(b.slug).toBe('luo-wenli');
    expect(b.name).toEqual({ en: 'Luo Wenli', 'zh-Hans': '罗文利' });
    expect(b.posts).toHaveLength(1);
    expect(b.posts[0]!.title).toEqual({ en: 'Director', 'zh-Hans': '馆长' });
    expect(b.posts[0]!.institution.slug).toBe('national-museum-of-china');
    expect(b.posts[0]!.institution.name).toEqual({ en: 'National Museum of China', 'zh-Hans': '中国国家博物馆' });
    expect(b.offices.map((o) => [o.kind, o.person?.slug, o.institution?.slug])).toEqual([['president', 'luo-wenli', 'national-museum-of-china']]);

    const byId = await get(`/api/v1/people/${encodeURIComponent(b.id)}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(b);
  });

  it('answers an unknown person with a 404 JSON error not_found', async () => {
    const res = await get('/api/v1/people/nobody-at-all');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json<{ error: { code: string; message: string } }>().error.code).toBe('not_found');
  });
});
