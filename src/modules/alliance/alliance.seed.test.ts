import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import { listAuditEvents } from '../accounts/audit.service.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import { getMeeting } from '../meetings/meeting.service.ts';
import { getCounts, listDirectory } from './directory.service.ts';
import { getMembership } from './membership.service.ts';
import { listOffices } from './office.service.ts';

describe.each(DIALECTS)('IAMS seed on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(dialect);
  });
  afterAll(() => database.close());

  it('loads the alliance as the seed text describes it', async () => {
    const report = await seedIams(database.db);
    expect(report).toEqual({ alliance: true, meetings: 1, institutions: 27, memberships: 17, people: 10, posts: 10, offices: 10 });
    const counts = await getCounts(database.db);
    expect(counts.members).toBe(17);
    expect(counts.byCategory).toEqual({ international: 12, chinese: 5 });
    expect(counts.byStatus).toEqual({ applicant: 0, member: 17, suspended: 0, withdrawn: 0 });
    expect(counts.byCountry[0]).toEqual({ country: 'CN', n: 5 });
    expect(counts.byCountry.find((c) => c.country === 'CU')).toEqual({ country: 'CU', n: 2 });
    expect(counts.countries).toBe(12);
  });

  it('records the eight members admitted at the 4th conference on 2025-10-19', async () => {
    const conf = await getMeeting(database.db, 'iams-4th-conference');
    const admitted = [];
    for (const e of (await listDirectory(database.db, { limit: 500 })).items) {
      const m = await getMembership(database.db, e.institution.key);
      if (m?.admittedMeetingKey === conf.key) admitted.push([e.institution.slug, m.memberSince]);
    }
    expect(admitted.map((a) => a[0]).sort()).toEqual([
      'ark-puppet-theater-museum', 'history-museum-of-armenia', 'national-heritage-institute-tunisia', 'national-museum-of-bukovina',
      'national-museum-of-decorative-arts-cuba', 'qatar-museums', 'red-sea-museum', 'semnan-history-museum',
    ]);
    expect(new Set(admitted.map((a) => a[1]))).toEqual(new Set(['2025-10-19']));
  });

  it('seats the officers: president, secretary-general and vice-presidents with their units', async () => {
    const offices = await listOffices(database.db);
    expect(offices.map((o) => [o.kind, o.person?.slug ?? null, o.institution?.slug ?? null])).toEqual([
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

  it('loading twice changes nothing and writes no audit line', async () => {
    const before = (await listAuditEvents(database.db, systemActor('t'), { limit: 1 })).total;
    const report = await seedIams(database.db);
    expect(report).toEqual({ alliance: false, meetings: 0, institutions: 0, memberships: 0, people: 0, posts: 0, offices: 0 });
    expect((await listAuditEvents(database.db, systemActor('t'), { limit: 1 })).total).toBe(before);
  });

  it.each([
    ['中国丝绸博物馆', ['china-national-silk-museum']],
    ['silk museum', ['china-national-silk-museum']],
    ['SILK   Museum', ['china-national-silk-museum']],
    ['丝绸', ['china-national-silk-museum']],
    ['متحف البحر الاحمر', ['red-sea-museum']],
    ['Народни музеј', ['national-museum-of-serbia']],
    ['muzeul national', ['national-museum-of-bukovina']],
    ['Ереван', ['history-museum-of-armenia']],
    ['national museum havana', ['national-museum-of-decorative-arts-cuba']],
  ])('finds %s in any script', async (q, slugs) => {
    const r = await listDirectory(database.db, { q });
    expect(r.items.map((e) => e.institution.slug)).toEqual(slugs);
    expect(r.total).toBe(slugs.length);
  });

  it('filters by country, category and status; "any" includes partners that are not members', async () => {
    const cu = await listDirectory(database.db, { country: 'cu' });
    expect(cu.items.map((e) => e.institution.slug)).toEqual(['ark-puppet-theater-museum', 'national-museum-of-decorative-arts-cuba']);
    expect((await listDirectory(database.db, { category: 'chinese' })).total).toBe(5);
    expect((await listDirectory(database.db, { status: 'any' })).total).toBe(27);
    expect((await listDirectory(database.db, { status: 'withdrawn' })).total).toBe(0);
    const nmc = await getInstitution(database.db, 'national-museum-of-china');
    expect(nmc.name).toEqual({ en: 'National Museum of China', 'zh-Hans': '中国国家博物馆' });
  });
});
