import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { listAuditEvents } from '../accounts/audit.service.ts';
import { systemActor, type Actor } from '../accounts/permission.policy.ts';
import { createUser } from '../accounts/user.service.ts';
import { allInstitutions, createInstitution, getInstitution, type Institution } from '../institutions/institution.service.ts';
import { createAlliance } from './alliance.service.ts';
import { getMembership, setMembership } from './membership.service.ts';
import { exportRoster, importRoster, previewRoster } from './roster.service.ts';

// setMembership can be made to fail on its n-th call, to prove that an import that
// fails half-way leaves nothing behind.
const hooks = vi.hoisted(() => ({ failOnCall: 0, calls: 0 }));
vi.mock('./membership.service.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./membership.service.ts')>();
  return {
    ...real,
    setMembership: async (...args: Parameters<typeof real.setMembership>) => {
      if (hooks.failOnCall && ++hooks.calls === hooks.failOnCall) throw new Error('disk on fire');
      return real.setMembership(...args);
    },
  };
});

const sys = systemActor('test');
const csv = (text: string, filename = 'roster.csv') => ({ bytes: Buffer.from(text, 'utf8'), filename });
const lines = (...l: string[]) => l.join('\n') + '\n';

/** What a roster row decides about an institution (no ids, no timestamps). */
const view = (i: Institution) => ({
  slug: i.slug,
  name: i.name,
  shortName: i.shortName,
  kind: i.kind,
  country: i.country,
  city: i.city,
  latitude: i.latitude,
  longitude: i.longitude,
  website: i.website,
  wikidata: i.wikidata,
});

describe.each(DIALECTS)('member roster on %s', (dialect) => {
  let database: Database;
  let db: Kysely<DB>;
  let nmc: Institution;

  const auditTotal = async () => (await listAuditEvents(db, sys, { limit: 1 })).total;
  const institutionCount = async () => (await allInstitutions(db)).length;

  beforeEach(async () => {
    hooks.failOnCall = 0;
    hooks.calls = 0;
    database = await testDatabase(dialect);
    db = database.db;
    await createAlliance(db, {
      slug: 'iams',
      name: { en: 'International Alliance of Museums of the Silk Road', 'zh-Hans': '丝绸之路国际博物馆联盟' },
      shortName: { en: 'IAMS' },
      workingLanguages: ['en', 'zh-Hans'],
      categories: [
        { key: 'international', name: { en: 'International members' } },
        { key: 'chinese', name: { en: 'Chinese members' } },
      ],
    });
    nmc = await createInstitution(db, sys, {
      slug: 'national-museum-of-china',
      name: { en: 'National Museum of China', 'zh-Hans': '中国国家博物馆' },
      shortName: { en: 'NMC', 'zh-Hans': '国博' },
      kind: 'museum',
      country: 'CN',
      city: { en: 'Beijing', 'zh-Hans': '北京' },
      latitude: 39.91,
      longitude: 116.4,
      website: 'https://www.chnmuseum.cn/',
    });
    await setMembership(db, sys, nmc.slug, { category: 'chinese', status: 'member', memberSince: '2017-05-18', memberNumber: 1 });
    await createInstitution(db, sys, {
      slug: 'zhejiang-provincial-department-of-culture-radio-television-and-tourism',
      name: { en: 'Zhejiang Provincial Department of Culture, Radio, Television and Tourism', 'zh-Hans': '浙江省文化广电和旅游厅' },
      kind: 'government',
      country: 'CN',
      city: { en: 'Hangzhou', 'zh-Hans': '杭州' },
    });
    await createInstitution(db, sys, { slug: 'demo-museum', name: { en: 'Demo Museum' }, country: 'CN' }, { isDemo: true });
  });
  afterEach(() => database.close());

  it('imports a good CSV with Chinese, Arabic and Armenian names exactly', async () => {
    const file = csv(
      lines(
        'slug,name_en,name_zh-Hans,name_ar,name_hy,city_en,city_ar,city_hy,kind,country,latitude,longitude,website,category,status,member_since,member_number',
        'history-museum-of-armenia,History Museum of Armenia,亚美尼亚历史博物馆,,Հայաստանի պատմության թանգարան,Yerevan,يريفان,Երևան,museum,AM,40.18,44.51,,international,member,2025-10-19,18',
        'red-sea-museum,Red Sea Museum,红海博物馆,متحف البحر الأحمر,,Jeddah,جدة,,museum,SA,21.48,39.18,,International,applicant,,',
        'qatar-museums,Qatar Museums,卡塔尔博物馆管理局,متاحف قطر,,Doha,الدوحة,,agency,qa,25.29,51.54,https://qm.org.qa,,,,',
      ),
    );
    const audits = await auditTotal();
    const preview = await previewRoster(db, sys, file);
    expect(preview).toEqual({
      problems: [],
      counts: { create: 3, update: 0, unchanged: 0 },
      rows: [
        {
          line: 2, slug: 'history-museum-of-armenia', action: 'create', country: 'AM', category: 'international', status: 'member',
          name: { en: 'History Museum of Armenia', 'zh-Hans': '亚美尼亚历史博物馆', hy: 'Հայաստանի պատմության թանգարան' },
        },
        {
          line: 3, slug: 'red-sea-museum', action: 'create', country: 'SA', category: 'international', status: 'applicant',
          name: { en: 'Red Sea Museum', 'zh-Hans': '红海博物馆', ar: 'متحف البحر الأحمر' },
        },
        {
          line: 4, slug: 'qatar-museums', action: 'create', country: 'QA', category: null, status: null,
          name: { en: 'Qatar Museums', 'zh-Hans': '卡塔尔博物馆管理局', ar: 'متاحف قطر' },
        },
      ],
    });
    expect(await auditTotal()).toBe(audits); // a preview writes nothing

    expect(await importRoster(db, sys, file)).toEqual({ create: 3, update: 0, unchanged: 0 });

    const armenia = await getInstitution(db, 'history-museum-of-armenia');
    expect(view(armenia)).toEqual({
      slug: 'history-museum-of-armenia',
      name: { en: 'History Museum of Armenia', 'zh-Hans': '亚美尼亚历史博物馆', hy: 'Հայաստանի պատմության թանգարան' },
      shortName: {},
      kind: 'museum',
      country: 'AM',
      city: { en: 'Yerevan', ar: 'يريفان', hy: 'Երևան' },
      latitude: 40.18,
      longitude: 44.51,
      website: null,
      wikidata: null,
    });
    expect(await getMembership(db, armenia.key)).toEqual({
      institutionKey: armenia.key, category: 'international', status: 'member', memberSince: '2025-10-19', memberNumber: 18,
      admittedMeetingKey: null, endedOn: null,
    });
    const redSea = await getInstitution(db, 'red-sea-museum');
    expect(view(redSea)).toEqual({
      slug: 'red-sea-museum',
      name: { en: 'Red Sea Museum', 'zh-Hans': '红海博物馆', ar: 'متحف البحر الأحمر' },
      shortName: {},
      kind: 'museum',
      country: 'SA',
      city: { en: 'Jeddah', ar: 'جدة' },
      latitude: 21.48,
      longitude: 39.18,
      website: null,
      wikidata: null,
    });
    expect(await getMembership(db, redSea.key)).toEqual({
      institutionKey: redSea.key, category: 'international', status: 'applicant', memberSince: null, memberNumber: null,
      admittedMeetingKey: null, endedOn: null,
    });
    const qatar = await getInstitution(db, 'qatar-museums');
    expect(view(qatar)).toEqual({
      slug: 'qatar-museums',
      name: { en: 'Qatar Museums', 'zh-Hans': '卡塔尔博物馆管理局', ar: 'متاحف قطر' },
      shortName: {},
      kind: 'agency',
      country: 'QA',
      city: { en: 'Doha', ar: 'الدوحة' },
      latitude: 25.29,
      longitude: 51.54,
      website: 'https://qm.org.qa/',
      wikidata: null,
    });
    expect(await getMembership(db, qatar.key)).toBeUndefined();

    const events = (await listAuditEvents(db, sys, { limit: 10 })).events.slice(0, 5);
    expect(await auditTotal()).toBe(audits + 5);
    expect(events.map((e) => e.action).sort()).toEqual([
      'institution.create', 'institution.create', 'institution.create', 'membership.create', 'membership.create',
    ]);
    // importing the same file again changes nothing
    expect(await importRoster(db, sys, file)).toEqual({ create: 0, update: 0, unchanged: 3 });
    expect(await auditTotal()).toBe(audits + 5);
  });

  it('reports exactly the three bad rows and imports nothing', async () => {
    const file = csv(
      lines(
        'slug,name_en,name_zh-Hans,country,category,status',
        'history-museum-of-armenia,History Museum of Armenia,亚美尼亚历史博物馆,AM,international,member',
        'red-sea-museum,Red Sea Museum,红海博物馆,XX,international,member',
        'qatar-museums,Qatar Museums,卡塔尔博物馆管理局,QA,,',
        'semnan-history-museum,,,IR,international,member',
        'national-museum-of-serbia,National Museum of Serbia,塞尔维亚国家博物馆,RS,international,',
      ),
    );
    const problems = [
      { line: 3, field: 'country', message: '"XX" is not an ISO 3166-1 alpha-2 code' },
      { line: 5, field: 'name', message: 'is required in at least one language' },
      { line: 6, field: 'status', message: 'is required when category is given' },
    ];
    const preview = await previewRoster(db, sys, file);
    expect(preview.problems).toEqual(problems);
    expect(preview.rows.map((r) => [r.line, r.slug, r.action])).toEqual([
      [2, 'history-museum-of-armenia', 'create'],
      [4, 'qatar-museums', 'create'],
    ]);
    expect(preview.counts).toEqual({ create: 2, update: 0, unchanged: 0 });

    const [institutions, audits] = [await institutionCount(), await auditTotal()];
    await expect(importRoster(db, sys, file)).rejects.toMatchObject({
      code: 'validation_failed',
      message: 'The roster has 3 problems; nothing was imported',
      fields: [
        { field: 'line 3 country', message: '"XX" is not an ISO 3166-1 alpha-2 code' },
        { field: 'line 5 name', message: 'is required in at least one language' },
        { field: 'line 6 status', message: 'is required when category is given' },
      ],
    });
    expect(await institutionCount()).toBe(institutions);
    expect(await auditTotal()).toBe(audits);
  });

  it('reads a semicolon CSV with a byte order mark, Windows line ends and decimal commas', async () => {
    const bytes = Buffer.from(
      '\uFEFF' +
        'slug;name_en;name_zh-Hans;name_hy;kind;country;city_en;latitude;longitude;category;status\r\n' +
        'history-museum-of-armenia;History Museum of Armenia;亚美尼亚历史博物馆;Հայաստանի պատմության թանգարան;museum;AM;Yerevan;40,18;44,51;international;member\r\n' +
        "hangzhou-municipal-peoples-government;Hangzhou Municipal People's Government;杭州市人民政府;;government;CN;Hangzhou, Zhejiang;;;;\r\n",
      'utf8',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const preview = await previewRoster(db, sys, { bytes, filename: 'Roster (Excel).csv' });
    expect(preview.problems).toEqual([]);
    expect(await importRoster(db, sys, { bytes, filename: 'Roster (Excel).csv' })).toEqual({ create: 2, update: 0, unchanged: 0 });
    expect(view(await getInstitution(db, 'history-museum-of-armenia'))).toMatchObject({
      name: { en: 'History Museum of Armenia', 'zh-Hans': '亚美尼亚历史博物馆', hy: 'Հայաստանի պատմության թանգարան' },
      latitude: 40.18,
      longitude: 44.51,
    });
    expect(view(await getInstitution(db, 'hangzhou-municipal-peoples-government'))).toEqual({
      slug: 'hangzhou-municipal-peoples-government',
      name: { en: "Hangzhou Municipal People's Government", 'zh-Hans': '杭州市人民政府' },
      shortName: {},
      kind: 'government',
      country: 'CN',
      city: { en: 'Hangzhou, Zhejiang' },
      latitude: null,
      longitude: null,
      website: null,
      wikidata: null,
    });
  });

  it('reads the first worksheet of an XLSX, whatever the file is called; lines are row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Roster');
    workbook.addWorksheet('Notes').addRow(['colour', 'this sheet is not read']);
    ws.addRow(['slug', 'Name_EN', 'name_zh-hans', 'NAME_AR', 'kind', 'country', 'latitude', 'longitude', 'website', 'category', 'status', 'member_since', 'member_number']);
    ws.addRow(['red-sea-museum', 'Red Sea Museum', '红海博物馆', 'متحف البحر الأحمر', 'museum', 'SA', 21.48, 39.18, null, 'international', 'member', new Date(Date.UTC(2025, 9, 19)), 19]);
    ws.addRow([]);
    ws.addRow([
      'qatar-museums', { richText: [{ text: 'Qatar ' }, { text: 'Museums', font: { bold: true } }] }, '卡塔尔博物馆管理局', 'متاحف قطر', 'agency', 'QA',
      25.29, 51.54, { text: 'https://qm.org.qa/', hyperlink: 'https://qm.org.qa/' }, null, null, null, null,
    ]);
    ws.addRow(['semnan-history-museum', 'Semnan History Museum', null, null, 'museum', 'XX']);
    const bad = { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), filename: 'upload' };
    expect((await previewRoster(db, sys, bad)).problems).toEqual([{ line: 5, field: 'country', message: '"XX" is not an ISO 3166-1 alpha-2 code' }]);

    ws.spliceRows(5, 1);
    const file = { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), filename: 'roster.bin' };
    const preview = await previewRoster(db, sys, file);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.slug, r.action, r.category])).toEqual([
      [2, 'red-sea-museum', 'create', 'international'],
      [4, 'qatar-museums', 'create', null],
    ]);
    expect(await importRoster(db, sys, file)).toEqual({ create: 2, update: 0, unchanged: 0 });
    const redSea = await getInstitution(db, 'red-sea-museum');
    expect(redSea.name).toEqual({ en: 'Red Sea Museum', 'zh-Hans': '红海博物馆', ar: 'متحف البحر الأحمر' });
    expect([redSea.latitude, redSea.longitude]).toEqual([21.48, 39.18]);
    expect(await getMembership(db, redSea.key)).toMatchObject({ category: 'international', status: 'member', memberSince: '2025-10-19', memberNumber: 19 });
    expect(view(await getInstitution(db, 'qatar-museums'))).toMatchObject({
      name: { en: 'Qatar Museums', 'zh-Hans': '卡塔尔博物馆管理局', ar: 'متاحف قطر' },
      kind: 'agency',
      website: 'https://qm.org.qa/',
    });
  });

  it('reports a slug that appears twice in the file', async () => {
    const file = csv(lines('slug,name_en', 'red-sea-museum,Red Sea Museum', 'national-museum-of-china,National Museum of China', 'Red-Sea-Museum,Red Sea Museum'));
    const preview = await previewRoster(db, sys, file);
    expect(preview.problems).toEqual([{ line: 4, field: 'slug', message: '"red-sea-museum" is also on line 2' }]);
    expect(preview.counts).toEqual({ create: 1, update: 0, unchanged: 1 });
    await expect(importRoster(db, sys, file)).rejects.toMatchObject({ code: 'validation_failed', fields: [{ field: 'line 4 slug' }] });
  });

  it('reports unknown columns on line 1, and malformed numbers once, next to the services\' own checks', async () => {
    const file = csv(
      lines(
        'slug,name_en,Colour,name_english,latitude,longitude,member_number,category,status',
        'national-museum-of-china,National Museum of China,,,39.91°,116.4,,chinese,member',
        'fujian-museum,Fujian Museum,,,26.09,119.29,seven,chinese,member',
        'china-national-silk-museum,China National Silk Museum,,,95,120.16,0,chinese,member',
        'hangzhou-museum,Hangzhou Museum,,,,,,,,surplus',
      ),
    );
    expect((await previewRoster(db, sys, file)).problems).toEqual([
      { line: 1, field: 'name_english', message: '"english" is not a language tag such as en, zh-Hans, ar' },
      { line: 1, message: expect.stringMatching(/^unknown column: Colour \(the columns are slug, name_<lang>, /) },
      { line: 2, field: 'latitude', message: '"39.91°" is not a number' },
      { line: 3, field: 'member_number', message: '"seven" is not a number' },
      { line: 4, field: 'latitude', message: 'must be between -90 and 90' },
      { line: 4, field: 'member_number', message: 'must be a positive whole number' },
      { line: 5, field: 'column 10', message: 'holds a value but the column has no name in the header' },
    ]);
  });

  it('refuses files that are neither CSV nor XLSX, and files over the caps', async () => {
    const refused = (file: { bytes: Buffer; filename: string }) => previewRoster(db, sys, file);
    await expect(refused({ bytes: Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1'), filename: 'roster.pdf' })).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: 'roster.pdf is neither CSV nor XLSX: save the roster as .xlsx or as CSV UTF-8',
    });
    await expect(refused({ bytes: Buffer.from('slug,name_fr\nlouvre,Musée du Louvre\n', 'latin1'), filename: 'roster.csv' })).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: 'roster.csv is neither an XLSX workbook nor CSV text in UTF-8: save it as .xlsx or as CSV UTF-8',
    });
    await expect(refused(csv('slug,name_en\n', 'roster.xlsx'))).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: 'roster.xlsx is named like an XLSX workbook but is not one',
    });
    await expect(refused({ bytes: Buffer.from('PK\x03\x04 not really a zip', 'latin1'), filename: 'roster.xlsx' })).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: 'roster.xlsx is a damaged zip, not a readable XLSX workbook',
    });
    await expect(refused({ bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), filename: 'roster.xls' })).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: 'roster.xls is an old Excel (.xls) workbook: save it as .xlsx or as CSV UTF-8',
    });
    await expect(refused({ bytes: Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), filename: 'roster.csv' })).rejects.toMatchObject({
      code: 'payload_too_large',
      message: 'The roster file is larger than 5 MB, the most an import takes: split it',
    });
    const rows = Array.from({ length: 10_001 }, (_, i) => `museum-${i},Museum ${i}`);
    await expect(refused(csv(lines('slug,name_en', ...rows)))).rejects.toMatchObject({
      code: 'payload_too_large',
      message: 'The roster has 10001 data rows; an import takes at most 10,000: split it',
    });
  });

  it('exports every non-demo institution and its membership; the export imports as all unchanged, with no audit event', async () => {
    const text = await exportRoster(db);
    expect(text).toBe(
      lines(
        'slug,name_en,name_zh-Hans,short_name_en,short_name_zh-Hans,kind,country,city_en,city_zh-Hans,latitude,longitude,website,wikidata,category,status,member_since,member_number',
        'national-museum-of-china,National Museum of China,中国国家博物馆,NMC,国博,museum,CN,Beijing,北京,39.91,116.4,https://www.chnmuseum.cn/,,chinese,member,2017-05-18,1',
        'zhejiang-provincial-department-of-culture-radio-television-and-tourism,"Zhejiang Provincial Department of Culture, Radio, Television and Tourism",浙江省文化广电和旅游厅,,,government,CN,Hangzhou,杭州,,,,,,,,',
      ),
    );
    const [institutions, audits] = [await institutionCount(), await auditTotal()];
    const preview = await previewRoster(db, sys, csv(text));
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.slug, r.action, r.category, r.status])).toEqual([
      [2, 'national-museum-of-china', 'unchanged', 'chinese', 'member'],
      [3, 'zhejiang-provincial-department-of-culture-radio-television-and-tourism', 'unchanged', null, null],
    ]);
    expect(await importRoster(db, sys, csv(text))).toEqual({ create: 0, update: 0, unchanged: 2 });
    expect(await institutionCount()).toBe(institutions);
    expect(await auditTotal()).toBe(audits);
  });

  it('round-trips the whole IAMS seed (Russian, Arabic, Armenian names; admissions kept) without a change', async () => {
    await seedIams(db);
    const text = await exportRoster(db);
    expect(text.split('\n')[0]).toBe(
      'slug,name_en,name_zh-Hans,name_ar,name_az,name_es,name_fr,name_hy,name_kk,name_my,name_ro,name_ru,name_sr-Cyrl,name_sr-Latn,' +
        'short_name_en,short_name_zh-Hans,kind,country,' +
        'city_en,city_zh-Hans,city_ar,city_az,city_es,city_fa,city_fr,city_hy,city_kk,city_my,city_ro,city_ru,city_sr-Cyrl,' +
        'latitude,longitude,website,wikidata,category,status,member_since,member_number',
    );
    expect(text.split('\n').filter(Boolean)).toHaveLength(1 + 27);
    const audits = await auditTotal();
    const admitted = await getMembership(db, (await getInstitution(db, 'history-museum-of-armenia')).key);
    expect(admitted?.admittedMeetingKey).not.toBeNull();
    expect(await importRoster(db, sys, csv(text))).toEqual({ create: 0, update: 0, unchanged: 27 });
    expect(await auditTotal()).toBe(audits);
    expect(await getMembership(db, admitted!.institutionKey)).toEqual(admitted);
  });

  it('re-importing a file with one changed city makes exactly one update, audited', async () => {
    const text = (await exportRoster(db)).replace(',CN,Beijing,北京,', ',CN,Beijing (Dongcheng),北京,');
    const audits = await auditTotal();
    expect(await importRoster(db, sys, csv(text))).toEqual({ create: 0, update: 1, unchanged: 1 });
    expect(await auditTotal()).toBe(audits + 1);
    const [event] = (await listAuditEvents(db, sys, { limit: 1 })).events;
    expect(event).toMatchObject({
      action: 'institution.update',
      entityId: nmc.id,
      before: { city: { en: 'Beijing', 'zh-Hans': '北京' } },
      after: { city: { en: 'Beijing (Dongcheng)', 'zh-Hans': '北京' } },
    });
    expect(view(await getInstitution(db, nmc.id))).toEqual({ ...view(nmc), city: { en: 'Beijing (Dongcheng)', 'zh-Hans': '北京' } });
  });

  it('takes the file\'s columns as authoritative for what they cover and keeps the rest', async () => {
    const file = csv(lines('slug,name_en,name_ar,kind,city_en', 'national-museum-of-china,National Museum of China,المتحف الوطني الصيني,,', 'fujian-museum,Fujian Museum,,,Fuzhou'));
    expect(await importRoster(db, sys, file)).toEqual({ create: 1, update: 1, unchanged: 0 });
    expect(view(await getInstitution(db, nmc.id))).toEqual({
      ...view(nmc),
      // zh-Hans has no column: kept; en and ar have columns: taken
      name: { en: 'National Museum of China', 'zh-Hans': '中国国家博物馆', ar: 'المتحف الوطني الصيني' },
      // an empty city_en cell removes the English city; zh-Hans has no column: kept
      city: { 'zh-Hans': '北京' },
    });
    // empty category and status: the membership is left as it is
    expect(await getMembership(db, nmc.key)).toMatchObject({ category: 'chinese', status: 'member', memberSince: '2017-05-18', memberNumber: 1 });
    expect(view(await getInstitution(db, 'fujian-museum'))).toMatchObject({ kind: 'museum', name: { en: 'Fujian Museum' }, city: { en: 'Fuzhou' } });
  });

  it('refuses a member editor and lets the secretariat import, audited under its name', async () => {
    const userActor = async (role: 'secretariat' | 'member_editor', email: string, institutionId: number | null): Promise<Actor> => {
      const u = await createUser(db, sys, { email, password: 'correct horse battery staple', role, institutionId });
      return { kind: 'user', userId: u.id, role: u.role, institutionId: u.institutionId, label: u.email };
    };
    const editor = await userActor('member_editor', 'editor@chnmuseum.example', nmc.key);
    const secretariat = await userActor('secretariat', 'secretariat@iams.example', null);
    const file = csv(lines('slug,name_en,country,category,status', 'fujian-museum,Fujian Museum,CN,chinese,member'));
    const [institutions, audits] = [await institutionCount(), await auditTotal()];
    await expect(previewRoster(db, editor, file)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(importRoster(db, editor, file)).rejects.toMatchObject({ code: 'forbidden' });
    expect([await institutionCount(), await auditTotal()]).toEqual([institutions, audits]);

    expect(await importRoster(db, secretariat, file)).toEqual({ create: 1, update: 0, unchanged: 0 });
    const mine = await listAuditEvents(db, sys, { userId: secretariat.kind === 'user' ? secretariat.userId : -1 });
    expect(mine.events.map((e) => [e.action, e.actor])).toEqual([
      ['membership.create', 'secretariat@iams.example'],
      ['institution.create', 'secretariat@iams.example'],
    ]);
  });

  it('rolls back every row when a write fails half-way', async () => {
    const file = csv(
      lines(
        'slug,name_en,country,city_en,category,status',
        'history-museum-of-armenia,History Museum of Armenia,AM,Yerevan,international,member',
        'national-museum-of-china,National Museum of China,CN,Beijing (Dongcheng),chinese,member',
        'red-sea-museum,Red Sea Museum,SA,Jeddah,international,member',
      ),
    );
    const [institutions, audits] = [await institutionCount(), await auditTotal()];
    hooks.failOnCall = 2; // the membership of the third row, after two institutions were written
    await expect(importRoster(db, sys, file)).rejects.toThrow('disk on fire');
    hooks.failOnCall = 0;
    expect(await institutionCount()).toBe(institutions);
    expect(await auditTotal()).toBe(audits);
    expect(view(await getInstitution(db, nmc.id))).toEqual(view(nmc));
    // the same file then goes through
    expect(await importRoster(db, sys, file)).toEqual({ create: 2, update: 1, unchanged: 0 });
  });
});
