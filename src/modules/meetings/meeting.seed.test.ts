// The 4th IAMS conference as the seed text describes it, and the earlier conferences
// from the public facts: loaded through the services, on both databases, idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import { listAuditEvents } from '../accounts/audit.service.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { getMeeting, getMeetingByKey, listAgendaItems, listFigures, listMeetings, listOrganisations, listTopics } from './meeting.service.ts';
import { programmeHistory, publishedProgramme } from './programme.service.ts';
import { meetingDetail } from './meeting.read.ts';

describe.each(DIALECTS)('meetings seed on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(dialect);
    await seedIams(database.db);
  });
  afterAll(() => database.close());

  it('holds the four conferences and the forum the 4th was part of', async () => {
    const all = await listMeetings(database.db);
    expect(all.map((m) => [m.slug, m.number, m.kind, m.startsOn, m.status, m.mode])).toEqual([
      ['iams-4th-conference', 4, 'conference', '2025-10-19', 'held', 'in_person'],
      ['iams-3rd-conference', 3, 'conference', '2023-11-01', 'held', 'in_person'],
      ['iams-2nd-conference', 2, 'conference', '2021-11-17', 'held', 'online'],
      ['iams-1st-conference', 1, 'conference', '2018-11-24', 'held', 'in_person'],
      ['liangzhu-forum-3', 3, 'event', null, 'held', 'in_person'],
    ]);
  });

  it('describes the 4th conference: Hangzhou, 2025-10-19, Asia/Shanghai, its theme, a sub-forum of the 3rd Liangzhu Forum', async () => {
    const m = await getMeeting(database.db, 'iams-4th-conference');
    expect(m.city.en).toBe('Hangzhou');
    expect([m.startsOn, m.endsOn, m.timeZone, m.country]).toEqual(['2025-10-19', '2025-10-19', 'Asia/Shanghai', 'CN']);
    expect(m.theme).toEqual({ en: 'Passing the Torch: Expansion of Museums Functions and Revitalization of Cultural Heritage' });
    expect((await getMeetingByKey(database.db, m.parentKey!)).title.en).toBe('The 3rd Liangzhu Forum');
    // the text names no venue: none is invented
    expect(m.venue).toEqual({});
  });

  it('lists every organisation with its role, as the text orders them', async () => {
    const m = await getMeeting(database.db, 'iams-4th-conference');
    const orgs = (await listOrganisations(database.db, m.key)).map((o) => [o.role, o.institution.slug]);
    expect(orgs).toEqual([
      ['host', 'ministry-of-culture-and-tourism-prc'],
      ['host', 'national-cultural-heritage-administration'],
      ['host', 'peoples-government-of-zhejiang-province'],
      ['organiser', 'national-museum-of-china'],
      ['organiser', 'mct-bureau-of-international-exchanges-and-cooperation'],
      ['organiser', 'ncha-department-of-museums-and-social-relics'],
      ['organiser', 'publicity-department-zhejiang-provincial-committee-cpc'],
      ['organiser', 'zhejiang-provincial-department-of-culture-radio-television-and-tourism'],
      ['organiser', 'zhejiang-provincial-cultural-heritage-administration'],
      ['organiser', 'hangzhou-municipal-peoples-government'],
      ['presenter', 'china-national-silk-museum'],
    ]);
  });

  it('publishes the programme as version 1: the sessions in order, with no time or room the text does not give', async () => {
    const m = await getMeeting(database.db, 'iams-4th-conference');
    const p = (await publishedProgramme(database.db, m.key))!;
    expect(p.version).toBe(1);
    const s = p.programme.sessions;
    expect(s.map((x) => [x.kind, x.topic, x.date, x.startTime, x.endTime, x.room])).toEqual([
      ['opening_ceremony', null, '2025-10-19', null, null, null],
      ['keynote_session', null, '2025-10-19', null, null, null],
      ['parallel_session', 'diverse-civilizations', '2025-10-19', null, null, null],
      ['parallel_session', 'social-collaboration', '2025-10-19', null, null, null],
      ['parallel_session', 'sustainable-development', '2025-10-19', null, null, null],
      ['visit', null, '2025-10-19', null, null, null],
      ['evening_event', null, '2025-10-19', null, null, null],
    ]);
    // the opening ceremony: Luo Wenli presiding, the two speeches, the video address
    expect(s[0]!.contributions.map((c) => [c.kind, c.person?.slug, c.institution?.slug, c.mode])).toEqual([
      ['presiding', 'luo-wenli', 'national-museum-of-china', 'in_person'],
      ['speech', 'gao-zheng', 'ministry-of-culture-and-tourism-prc', 'in_person'],
      ['speech', 'hu-wei', 'peoples-government-of-zhejiang-province', 'in_person'],
      ['video_address', 'shahbaz-khan', 'unesco-regional-office-for-east-asia', 'video'],
    ]);
    expect(s[0]!.contributions[3]!.post.en).toBe('Director of UNESCO Regional Office for East Asia and Representative to China, DPRK, Japan, Mongolia and ROK');
    // the keynote session has its own theme, and Luo Wenli's keynote
    expect(s[1]!.theme.en).toBe('Bringing Cultural Relics to Life: Better Fulfilling the Role of Museums');
    expect(s[1]!.contributions.map((c) => [c.kind, c.person?.slug])).toEqual([['keynote', 'luo-wenli']]);
    // the visit to the silk museum and the Silk Road Night: "in the evening", as text
    expect(s[5]!.place?.slug).toBe('china-national-silk-museum');
    expect(s[5]!.timeNote).toMatchObject({ en: 'in the evening' });
    expect([s[6]!.title.en, s[6]!.timeNote.en]).toEqual(['Silk Road Night', 'in the evening']);
    // the work review and the five vice-presidents' speeches: the text names no session
    expect(p.programme.contributions.map((c) => [c.kind, c.person?.slug, c.institution?.slug])).toEqual([
      ['work_review', 'ding-pengbo', 'national-museum-of-china'],
      ['speech', 'nang-lao-ngin', 'national-museum-of-myanmar-yangon'],
      ['speech', 'lou-jianlong', 'fujian-museum'],
      ['speech', 'akmaral-ibraeva', 'national-museum-of-kazakhstan'],
      ['speech', 'ji-xiaofen', 'china-national-silk-museum'],
      ['speech', 'bojana-boric-breskovic', 'national-museum-of-serbia'],
    ]);
    expect(p.programme.topics.map((t) => t.title.en)).toEqual([
      'Museums and Diverse Civilizations: Interpreting Exchanges and Mutual Learning of Silk Road Civilizations through Museum Treasures',
      'Museums and Social Collaboration: Building an Integrated Cultural Service Network Engaging the Public, Communities, and the City',
      'Museums and Sustainable Development: Pioneering Multiple Pathways toward Green Operations, Social Responsibility, and Cultural Sustainability',
    ]);
    const history = await programmeHistory(database.db, m.key);
    expect(history.map((h) => [h.version, h.changes.filter((c) => c.change === 'added').length])).toEqual([[1, 18]]);
  });

  it('records the admission of the eight members (computed from the registry) and the declaration as agenda items', async () => {
    const m = await getMeeting(database.db, 'iams-4th-conference');
    const agenda = await listAgendaItems(database.db, m.key);
    expect(agenda.map((a) => [a.kind, a.person?.slug ?? null, a.reference])).toEqual([
      ['admission', null, null],
      ['declaration', 'luo-wenli', 'iams-hangzhou-declaration'],
    ]);
    const d = await meetingDetail(database.db, 'iams-4th-conference');
    expect(d.admitted.map((i) => i.slug).sort()).toEqual([
      'ark-puppet-theater-museum', 'history-museum-of-armenia', 'national-heritage-institute-tunisia', 'national-museum-of-bukovina',
      'national-museum-of-decorative-arts-cuba', 'qatar-museums', 'red-sea-museum', 'semnan-history-museum',
    ]);
  });

  it('keeps the reported figures as figures of that meeting, with date and source', async () => {
    const m = await getMeeting(database.db, 'iams-4th-conference');
    const f = await listFigures(database.db, m.key);
    expect(f.map((x) => [x.measure, x.qualifier, x.value, x.reportedOn])).toEqual([
      ['participants', 'more_than', 100, '2025-10-19'],
      ['parallel_session_speakers', 'exactly', 37, '2025-10-19'],
      ['member_institutions', 'exactly', 180, '2025-10-19'],
      ['international_members', 'exactly', 65, '2025-10-19'],
      ['chinese_members', 'exactly', 115, '2025-10-19'],
    ]);
    expect(new Set(f.map((x) => x.source.en))).toEqual(new Set(['China National Silk Museum, report of the 4th IAMS Conference']));
    // computed counts are separate and start from the records: no registration, no delegate
    const d = await meetingDetail(database.db, 'iams-4th-conference');
    expect(d.stats.approved).toEqual({ delegates: 0, institutions: 0, countries: 0 });
  });

  it('seeds the earlier conferences with facts only', async () => {
    const first = await getMeeting(database.db, 'iams-1st-conference');
    expect([first.city.en, first.timeZone]).toEqual(['Fuzhou', 'Asia/Shanghai']);
    expect((await listFigures(database.db, first.key)).map((f) => [f.measure, f.qualifier, f.value])).toEqual([
      ['museums', 'more_than', 30],
      ['countries', 'exactly', 21],
      ['agreement_signatories', 'exactly', 17],
      ['agreement_countries', 'exactly', 12],
    ]);
    const second = await getMeeting(database.db, 'iams-2nd-conference');
    expect([second.mode, second.city, second.timeZone]).toEqual(['online', {}, null]);
    expect(await publishedProgramme(database.db, second.key)).toBeNull();
    expect(await listTopics(database.db, second.key)).toEqual([]);
  });

  it('loading twice changes nothing and writes no audit line', async () => {
    const before = (await listAuditEvents(database.db, systemActor('t'), { limit: 1 })).total;
    await seedIams(database.db);
    expect((await listAuditEvents(database.db, systemActor('t'), { limit: 1 })).total).toBe(before);
    const m = await getMeeting(database.db, 'iams-4th-conference');
    expect((await programmeHistory(database.db, m.key)).length).toBe(1);
    expect((await listOrganisations(database.db, m.key)).length).toBe(11);
  });
});
