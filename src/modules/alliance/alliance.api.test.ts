// GET /api/v1/counts, /api/v1/offices and /api/v1/memberships, in process, on the IAMS seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { getMembership, setMembership } from './membership.service.ts';
import { getInstitution } from '../institutions/institution.service.ts';

interface Counts {
  members: number;
  countries: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byCountry: Array<{ country: string; n: number }>;
}

const SEED_BY_COUNTRY = [
  { country: 'CN', n: 5 },
  { country: 'CU', n: 2 },
  { country: 'AM', n: 1 },
  { country: 'AZ', n: 1 },
  { country: 'IR', n: 1 },
  { country: 'KZ', n: 1 },
  { country: 'MM', n: 1 },
  { country: 'QA', n: 1 },
  { country: 'RO', n: 1 },
  { country: 'RS', n: 1 },
  { country: 'SA', n: 1 },
  { country: 'TN', n: 1 },
];

describe.each(DIALECTS)('alliance API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const counts = async () => {
    const res = await get('/api/v1/counts');
    expect(res.statusCode).toBe(200);
    return res.json<Counts>();
  };

  it('counts the seed exactly', async () => {
    expect(await counts()).toEqual({
      members: 17,
      countries: 12,
      byCategory: { international: 12, chinese: 5 },
      byStatus: { applicant: 0, member: 17, suspended: 0, withdrawn: 0 },
      byCountry: SEED_BY_COUNTRY,
    });
  });

  it('lists the 10 offices: president, secretary-general, then the vice-presidents in order', async () => {
    const res = await get('/api/v1/offices');
    expect(res.statusCode).toBe(200);
    const b = res.json<{ items: Array<{ kind: string; title: Record<string, string>; person: { slug: string } | null; institution: { slug: string } | null }> }>();
    expect(b.items.map((o) => [o.kind, o.person?.slug ?? null, o.institution?.slug ?? null])).toEqual([
      ['president', 'luo-wenli', 'national-museum-of-china'],
      ['secretary_general', 'ding-pengbo', 'national-museum-of-china'],
      ['vice_president', null, 'chinese-museums-association'],
      ['vice_president', 'ji-xiaofen', 'china-national-silk-museum'],
      ['vice_president', 'lou-jianlong', 'fujian-museum'],
      ['vice_president', null, 'xian-tang-west-market-museum'],
      ['vice_president', 'nang-lao-ngin', 'national-museum-of-myanmar-yangon'],
      ['vice_president', 'akmaral-ibraeva', 'national-museum-of-kazakhstan'],
      ['vice_president', null, 'national-museum-of-history-of-azerbaijan'],
      ['vice_president', 'bojana-boric-breskovic', 'national-museum-of-serbia'],
    ]);
  });

  it('lists the 17 memberships with their institutions', async () => {
    const res = await get('/api/v1/memberships');
    expect(res.statusCode).toBe(200);
    const b = res.json<{ total: number; items: Array<{ category: string; status: string; memberSince: string | null; admittedAt: { slug: string } | null; institution: { id: string; slug: string; name: Record<string, string> } }> }>();
    expect(b.total).toBe(17);
    expect(b.items).toHaveLength(17);
    expect(b.items.every((m) => m.status === 'member')).toBe(true);
    expect(b.items.filter((m) => m.category === 'chinese')).toHaveLength(5);
    // the eight admitted at the 4th conference
    expect(b.items.filter((m) => m.admittedAt?.slug === 'iams-4th-conference').map((m) => m.institution.slug).sort()).toEqual([
      'ark-puppet-theater-museum',
      'history-museum-of-armenia',
      'national-heritage-institute-tunisia',
      'national-museum-of-bukovina',
      'national-museum-of-decorative-arts-cuba',
      'qatar-museums',
      'red-sea-museum',
      'semnan-history-museum',
    ]);
    const cuba = await get('/api/v1/memberships?country=cu&category=international');
    expect(cuba.json<{ total: number }>().total).toBe(2);
  });

  it('recomputes the counts after a membership is suspended through the service', async () => {
    const armenia = await getInstitution(t.database.db, 'history-museum-of-armenia');
    const m = (await getMembership(t.database.db, armenia.key))!;
    await setMembership(t.database.db, systemActor('test'), 'history-museum-of-armenia', {
      category: m.category,
      status: 'suspended',
      memberSince: m.memberSince,
      memberNumber: m.memberNumber,
      admittedMeetingKey: m.admittedMeetingKey,
      endedOn: m.endedOn,
    });
    expect(await counts()).toEqual({
      members: 16,
      countries: 11,
      byCategory: { international: 11, chinese: 5 },
      byStatus: { applicant: 0, member: 16, suspended: 1, withdrawn: 0 },
      byCountry: SEED_BY_COUNTRY.filter((c) => c.country !== 'AM'),
    });
    // the directory and the memberships follow
    expect((await get('/api/v1/institutions')).json<{ total: number }>().total).toBe(16);
    expect((await get('/api/v1/memberships')).json<{ total: number }>().total).toBe(16);
    const suspended = (await get('/api/v1/memberships?status=suspended')).json<{ total: number; items: Array<{ institution: { slug: string } }> }>();
    expect(suspended.total).toBe(1);
    expect(suspended.items.map((i) => i.institution.slug)).toEqual(['history-museum-of-armenia']);
  });
});
