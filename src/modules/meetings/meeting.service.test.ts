// Meetings, programmes and registrations through the real services on both databases:
// validation by field, versions and changelog, clash warnings, capacity and waitlist,
// and who may do what (a member editor only for its own institution's delegates).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { listAuditEvents } from '../accounts/audit.service.ts';
import { systemActor, type Actor, type Role } from '../accounts/permission.policy.ts';
import { createUser } from '../accounts/user.service.ts';
import { getInstitution } from '../institutions/institution.service.ts';
import { getPerson, postsOfPerson } from '../people/person.service.ts';
import { addOrganisation, addRoom, addTopic, createMeeting, getMeeting, setMeetingStatus, updateMeeting } from './meeting.service.ts';
import { createContribution, createSession, draftState, programmeHistory, publishedProgramme, publishProgramme, updateSession } from './programme.service.ts';
import {
  attendeeListCsv, badgeListCsv, CapacityReached, cancelRegistration, decideRegistration, listRegistrations, registerDelegate, registrationStats, setAttendance,
} from './registration.service.ts';

type Who = 'administrator' | 'secretariat' | 'council' | 'editor' | 'other editor';

async function problemsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation_failed') return e.fields.map((f) => f.field).sort();
    throw e;
  }
  throw new Error('expected a validation error');
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

describe.each(DIALECTS)('meetings services on %s', (dialect) => {
  let database: Database;
  let db: Database['db'];
  const as = {} as Record<Who, Actor>;
  const sys = systemActor('test');
  let n = 0;
  const slug = () => `council-${dialect}-${++n}`;

  beforeAll(async () => {
    database = await testDatabase(dialect);
    db = database.db;
    await seedIams(db);
    const silk = (await getInstitution(db, 'china-national-silk-museum')).key;
    const nmc = (await getInstitution(db, 'national-museum-of-china')).key;
    const make = async (who: Who, role: Role, institutionId: number | null) => {
      const u = await createUser(db, sys, { email: `${who.replace(' ', '-')}@example.org`, role, password: 'a long enough password', institutionId });
      as[who] = { kind: 'user', userId: u.id, role, institutionId, label: who, ip: '127.0.0.1' };
    };
    await make('administrator', 'administrator', null);
    await make('secretariat', 'secretariat', null);
    await make('council', 'council', null);
    await make('editor', 'member_editor', silk);
    await make('other editor', 'member_editor', nmc);
  });
  afterAll(() => database.close());

  describe('meetings', () => {
    it('names every bad field', async () => {
      expect(
        await problemsOf(
          createMeeting(db, as.secretariat, {
            slug: 'm0123456789',
            kind: 'party',
            title: {},
            startsOn: '2026-05-20',
            endsOn: '2026-05-18',
            timeZone: 'Mars/Olympus',
            country: 'XX',
            capacity: -1,
            mode: 'telepathy',
          }),
        ),
      ).toEqual(['capacity', 'country', 'endsOn', 'kind', 'mode', 'slug', 'timeZone', 'title']);
    });

    it('refuses a meeting inside itself and a taken slug', async () => {
      const forum = await getMeeting(db, 'liangzhu-forum-3');
      expect(await problemsOf(updateMeeting(db, as.secretariat, forum.id, { ...forum, parent: 'iams-4th-conference' }))).toEqual(['parent']);
      expect(await codeOf(createMeeting(db, as.secretariat, { slug: 'iams-4th-conference', kind: 'conference', title: { en: 'Again' } }))).toBe('conflict');
    });

    it('lets only the secretariat and administrators write meetings', async () => {
      for (const who of ['council', 'editor', 'other editor'] as const)
        expect(await codeOf(createMeeting(db, as[who], { slug: slug(), kind: 'council', title: { en: 'Council' } }))).toBe('forbidden');
      const m = await createMeeting(db, as.administrator, { slug: slug(), kind: 'council', title: { en: 'Council', ru: 'Совет' }, startsOn: '2026-05-18', timeZone: 'Europe/Belgrade', country: 'rs' });
      expect([m.country, m.endsOn, m.status, m.mode]).toEqual(['RS', '2026-05-18', 'planned', 'in_person']);
      expect(await codeOf(addOrganisation(db, as.secretariat, m.id, { institution: 'national-museum-of-serbia', role: 'host' }))).toBe('ok');
      expect(await codeOf(addOrganisation(db, as.secretariat, m.id, { institution: 'national-museum-of-serbia', role: 'host' }))).toBe('conflict');
      expect(await problemsOf(addOrganisation(db, as.secretariat, m.id, { institution: 'national-museum-of-serbia', role: 'sponsor' }))).toEqual(['role']);
    });
  });

  describe('programme', () => {
    it('checks sessions against the meeting: its dates, its zone, its topics and rooms', async () => {
      const m = await createMeeting(db, as.secretariat, { slug: slug(), kind: 'workshop', title: { en: 'Workshop' }, startsOn: '2026-05-18', endsOn: '2026-05-19' });
      expect(await problemsOf(createSession(db, as.secretariat, m.id, { kind: 'plenary', date: '2026-05-20' }))).toEqual(['date']);
      expect(await problemsOf(createSession(db, as.secretariat, m.id, { kind: 'plenary', date: '2026-05-18', startTime: '09:00' }))).toEqual(['startTime']);
      expect(await problemsOf(createSession(db, as.secretariat, m.id, { kind: 'plenary', date: '2026-05-18', topic: 'nothing', startTime: '10:00', endTime: '09:00' }))).toEqual(['endTime', 'startTime', 'topic']);
      expect(await problemsOf(createSession(db, as.secretariat, m.id, { kind: 'nap' }))).toEqual(['kind']);
      expect(await codeOf(createSession(db, as.editor, m.id, { kind: 'plenary' }))).toBe('forbidden');
    });

    it('takes a speaker’s post and institution from the registry unless the organisers give them', async () => {
      const m = await createMeeting(db, as.secretariat, { slug: slug(), kind: 'council', title: { en: 'Council' }, startsOn: '2026-05-18' });
      const s = await createSession(db, as.secretariat, m.id, { kind: 'plenary', date: '2026-05-18' });
      const c1 = await createContribution(db, as.secretariat, m.id, { session: s.id, kind: 'speech', person: 'ji-xiaofen' });
      expect([(await getInstitution(db, 'china-national-silk-museum')).key, c1.post]).toEqual([c1.institutionKey, { en: 'Director', 'zh-Hans': '馆长' }]);
      const c2 = await createContribution(db, as.secretariat, m.id, { session: s.id, kind: 'presiding', person: 'luo-wenli', post: { en: 'President of the IAMS' } });
      expect(c2.post).toEqual({ en: 'President of the IAMS' });
      expect(await problemsOf(createContribution(db, as.secretariat, m.id, { session: s.id, kind: 'speech' }))).toEqual(['person']);
      expect(await problemsOf(createContribution(db, as.secretariat, m.id, { session: null, kind: 'speech', person: 'hu-wei', startTime: '09:00' }))).toEqual(['startTime']);
    });

    it('publishes versions with their changes; the public programme moves only when published', async () => {
      const m = await createMeeting(db, as.secretariat, { slug: slug(), kind: 'forum', title: { en: 'Forum' }, startsOn: '2026-05-18', timeZone: 'Asia/Shanghai' });
      const hall = await addRoom(db, as.secretariat, m.id, { name: { en: 'Hall A' } });
      await addTopic(db, as.secretariat, m.id, { slug: 'digital', title: { en: 'Digital' } });
      expect(await codeOf(publishProgramme(db, as.secretariat, m.id))).toBe('conflict'); // empty
      const a = await createSession(db, as.secretariat, m.id, { kind: 'plenary', date: '2026-05-18', startTime: '09:00', endTime: '10:30', room: hall.key });
      const b = await createSession(db, as.secretariat, m.id, { kind: 'parallel_session', topic: 'digital', date: '2026-05-18', startTime: '10:00', endTime: '11:00', room: hall.key });
      await createContribution(db, as.secretariat, m.id, { session: a.id, kind: 'keynote', person: 'luo-wenli' });
      await createContribution(db, as.secretariat, m.id, { session: b.id, kind: 'presentation', person: 'luo-wenli' });
      const st = await draftState(db, as.secretariat, m.id);
      expect(st.warnings.map((w) => [w.kind, w.sessions])).toEqual([
        ['room_double_booked', [a.id, b.id]],
        ['speaker_double_booked', [a.id, b.id]],
      ]);
      expect(st.published).toBeNull();
      const v1 = await publishProgramme(db, as.secretariat, m.id, { en: 'First programme' });
      expect([v1.version, v1.changes.length, v1.warnings.length]).toEqual([1, 4, 2]);
      expect(await codeOf(publishProgramme(db, as.secretariat, m.id))).toBe('conflict'); // nothing changed

      await updateSession(db, as.secretariat, m.id, b.id, { kind: 'parallel_session', topic: 'digital', date: '2026-05-18', startTime: '10:30', endTime: '11:30' });
      expect((await publishedProgramme(db, m.key))!.programme.sessions.find((s) => s.id === b.id)!.startTime).toBe('10:00');
      expect((await draftState(db, as.secretariat, m.id)).warnings).toEqual([]);
      const v2 = await publishProgramme(db, as.secretariat, m.id, { en: 'Parallel session moved', ru: 'Секция перенесена' });
      expect(v2.changes.map((c) => [c.what, c.id, c.change, c.fields])).toEqual([['session', b.id, 'changed', ['startTime', 'endTime', 'room']]]);
      const published = (await publishedProgramme(db, m.key))!;
      expect([published.version, published.programme.sessions.map((s) => s.startTime)]).toEqual([2, ['09:00', '10:30']]);
      expect((await programmeHistory(db, m.key)).map((h) => [h.version, h.note.en, h.changes.length])).toEqual([
        [2, 'Parallel session moved', 1],
        [1, 'First programme', 4],
      ]);
      expect(await codeOf(publishProgramme(db, as.editor, m.id))).toBe('forbidden');
    });
  });

  describe('registrations', () => {
    const openMeeting = async (capacity: number | null) => {
      const m = await createMeeting(db, as.secretariat, { slug: slug(), kind: 'council', title: { en: 'Council' }, startsOn: '2026-06-01', capacity, status: 'registration_open' });
      return m.id;
    };

    it('a member editor registers its own people and new delegates, and no one else', async () => {
      const m = await openMeeting(null);
      const ji = await registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen', email: 'ji@example.org' });
      expect([ji.status, ji.post, ji.institution.slug, ji.registeredBy]).toEqual(['pending', { en: 'Director', 'zh-Hans': '馆长' }, 'china-national-silk-museum', 'editor']);
      const fresh = await registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', newPerson: { name: { en: 'Wang Curator', 'zh-Hans': '王策展' }, post: { en: 'Curator' } } });
      expect((await postsOfPerson(db, fresh.person.key)).map((p) => p.title)).toEqual([{ en: 'Curator' }]);
      // another museum's director, another museum, a second registration
      expect(await problemsOf(registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', person: 'luo-wenli' }))).toEqual(['person']);
      expect(await codeOf(registerDelegate(db, as.editor, m, { institution: 'national-museum-of-china', person: 'luo-wenli' }))).toBe('forbidden');
      expect(await codeOf(registerDelegate(db, as.editor, m, { institution: 'national-museum-of-china', newPerson: { name: { en: 'X' }, post: { en: 'Y' } } }))).toBe('forbidden');
      expect(await problemsOf(registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' }))).toEqual(['person']);
      expect(await problemsOf(registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', email: 'not-an-address', newPerson: { name: { en: 'Z' }, post: {} } }))).toEqual(['email', 'newPerson.post']);
      expect(await codeOf(registerDelegate(db, as.council, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' }))).toBe('forbidden');
      // each sees what it may: the other editor nothing of the silk museum, the council nothing at all
      expect((await listRegistrations(db, as.editor, m)).map((r) => r.person.slug)).toEqual(['ji-xiaofen', fresh.person.slug]);
      expect(await listRegistrations(db, as['other editor'], m)).toEqual([]);
      expect(await codeOf(listRegistrations(db, as.council, m))).toBe('forbidden');
      expect((await listRegistrations(db, as.secretariat, m)).length).toBe(2);
      // the editor withdraws its own; may not decide; the other editor may not withdraw it
      expect(await codeOf(decideRegistration(db, as.editor, ji.id, 'approve'))).toBe('forbidden');
      expect(await codeOf(cancelRegistration(db, as['other editor'], ji.id))).toBe('forbidden');
      expect((await cancelRegistration(db, as.editor, fresh.id)).status).toBe('cancelled');
    });

    it('refuses a member editor while registration is closed; the secretariat may still record delegates', async () => {
      const m = await createMeeting(db, as.secretariat, { slug: slug(), kind: 'council', title: { en: 'Council' }, status: 'planned' });
      expect(await codeOf(registerDelegate(db, as.editor, m.id, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' }))).toBe('conflict');
      expect((await registerDelegate(db, as.secretariat, m.id, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' })).status).toBe('pending');
      await setMeetingStatus(db, as.secretariat, m.id, 'cancelled');
      expect(await codeOf(registerDelegate(db, as.secretariat, m.id, { institution: 'fujian-museum', person: 'lou-jianlong' }))).toBe('conflict');
    });

    it('keeps to the capacity: approvals stop at the limit, later registrations wait on the list', async () => {
      const m = await openMeeting(2);
      const a = await registerDelegate(db, as.secretariat, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' });
      const b = await registerDelegate(db, as.secretariat, m, { institution: 'fujian-museum', person: 'lou-jianlong' });
      const c = await registerDelegate(db, as.secretariat, m, { institution: 'national-museum-of-serbia', person: 'bojana-boric-breskovic' });
      expect([a.status, b.status, c.status]).toEqual(['pending', 'pending', 'pending']);
      await decideRegistration(db, as.secretariat, a.id, 'approve');
      await decideRegistration(db, as.secretariat, b.id, 'approve');
      const refused = await decideRegistration(db, as.secretariat, c.id, 'approve').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CapacityReached);
      expect([(refused as CapacityReached).approved, (refused as CapacityReached).capacity]).toEqual([2, 2]);
      expect((await decideRegistration(db, as.secretariat, c.id, 'waitlist')).status).toBe('waitlisted');
      // full: a new registration goes straight to the waitlist
      const d = await registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', newPerson: { name: { en: 'Late Delegate' }, post: { en: 'Educator' } } });
      expect(d.status).toBe('waitlisted');
      // a place frees up: the waitlisted delegate can be approved
      await cancelRegistration(db, as.secretariat, b.id);
      expect((await decideRegistration(db, as.secretariat, c.id, 'approve')).status).toBe('approved');
      expect(await codeOf(decideRegistration(db, as.secretariat, b.id, 'approve'))).toBe('conflict'); // a cancelled one stays cancelled
      const stats = await registrationStats(db, (await getMeeting(db, m)).key);
      expect([stats.byStatus, stats.placesLeft]).toEqual([{ pending: 0, approved: 2, waitlisted: 1, declined: 0, cancelled: 1 }, 0]);
    });

    it('approves no more than the capacity when two approvals race', async () => {
      const m = await openMeeting(1);
      const a = await registerDelegate(db, as.secretariat, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' });
      const b = await registerDelegate(db, as.secretariat, m, { institution: 'fujian-museum', person: 'lou-jianlong' });
      const results = await Promise.allSettled([decideRegistration(db, as.secretariat, a.id, 'approve'), decideRegistration(db, as.secretariat, b.id, 'approve')]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(CapacityReached);
      expect((await listRegistrations(db, as.secretariat, m, { status: 'approved' })).length).toBe(1);
    });

    it('takes attendance and computes the statistics by country and membership category', async () => {
      const m = await openMeeting(null);
      const regs = [];
      for (const [institution, person] of [
        ['china-national-silk-museum', 'ji-xiaofen'],
        ['fujian-museum', 'lou-jianlong'],
        ['national-museum-of-serbia', 'bojana-boric-breskovic'],
        ['national-museum-of-kazakhstan', 'akmaral-ibraeva'],
        ['unesco-regional-office-for-east-asia', 'shahbaz-khan'],
      ] as const)
        regs.push(await registerDelegate(db, as.secretariat, m, { institution, person }));
      for (const r of regs) await decideRegistration(db, as.secretariat, r.id, 'approve');
      const key = (await getMeeting(db, m)).key;
      let s = await registrationStats(db, key);
      expect([s.basis, s.approved, s.attended]).toEqual(['approved', { delegates: 5, institutions: 5, countries: 3 }, null]);
      expect(s.byCountry).toEqual([
        { country: 'CN', delegates: 3, institutions: 3 },
        { country: 'KZ', delegates: 1, institutions: 1 },
        { country: 'RS', delegates: 1, institutions: 1 },
      ]);
      expect(s.byCategory).toEqual([
        { category: 'chinese', delegates: 2, institutions: 2 },
        { category: 'international', delegates: 2, institutions: 2 },
        { category: null, delegates: 1, institutions: 1 },
      ]);
      await setAttendance(db, as.secretariat, regs[0]!.id, 'present');
      await setAttendance(db, as.secretariat, regs[2]!.id, 'present');
      await setAttendance(db, as.secretariat, regs[1]!.id, 'absent');
      s = await registrationStats(db, key);
      expect([s.basis, s.attended, s.byCountry.map((c) => c.country)]).toEqual(['attended', { delegates: 2, institutions: 2, countries: 2 }, ['CN', 'RS']]);
      expect(await codeOf(setAttendance(db, as.editor, regs[0]!.id, 'absent'))).toBe('forbidden');
      await decideRegistration(db, as.secretariat, regs[3]!.id, 'waitlist');
      expect(await codeOf(setAttendance(db, as.secretariat, regs[3]!.id, 'present'))).toBe('conflict');
    });

    it('writes the badge and attendee lists for the secretariat only, formulas defused', async () => {
      const m = await openMeeting(null);
      const evil = await registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', newPerson: { name: { en: '=HYPERLINK("x")', 'zh-Hans': '等号' }, post: { en: 'Guide' } } });
      const ji = await registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' });
      await decideRegistration(db, as.secretariat, evil.id, 'approve');
      await decideRegistration(db, as.secretariat, ji.id, 'approve');
      expect(await codeOf(badgeListCsv(db, as.editor, m))).toBe('forbidden');
      const badges = parse(await badgeListCsv(db, as.secretariat, m, 'zh')) as string[][];
      expect(badges[0]).toEqual(['registration', 'honorific', 'name', 'name_other_scripts', 'post', 'institution', 'institution_other_scripts', 'country']);
      expect(badges.slice(1).map((r) => [r[2], r[3], r[4], r[5], r[7]]).sort()).toEqual([
        ['季晓芬', 'Ji Xiaofen', '馆长', '中国丝绸博物馆', '中国'],
        ['等号', '\'=HYPERLINK("x")', 'Guide', '中国丝绸博物馆', '中国'],
      ]);
      const attendees = parse(await attendeeListCsv(db, as.secretariat, m), { columns: true }) as Array<Record<string, string>>;
      expect(attendees.map((r) => [r.person, r.institution_slug, r.category, r.attendance, r.approved_by]).sort()).toEqual([
        ['ji-xiaofen', 'china-national-silk-museum', 'chinese', 'unknown', 'secretariat'],
        [evil.person.slug, 'china-national-silk-museum', 'chinese', 'unknown', 'secretariat'],
      ].sort());
    });

    it('audits every registration and decision under the actor’s name', async () => {
      const m = await openMeeting(null);
      const r = await registerDelegate(db, as.editor, m, { institution: 'china-national-silk-museum', person: 'ji-xiaofen' });
      await decideRegistration(db, as.secretariat, r.id, 'decline');
      const events = (await listAuditEvents(db, as.administrator, { limit: 500 })).events.filter((e) => e.entityId === r.id);
      expect(events.map((e) => [e.action, e.actor]).reverse()).toEqual([
        ['registration.create', 'editor'],
        ['registration.decline', 'secretariat'],
      ]);
      expect((await getPerson(db, 'ji-xiaofen')).slug).toBe('ji-xiaofen');
    });
  });
});
