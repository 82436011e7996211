// The meetings module in process, on both databases: the programme page in four
// languages (by day and room, filter by sub-topic), speakers, changelog, the REST API and
// OpenAPI, the iCalendar feeds read by ical.js, and the administration through its forms:
// a programme built and published, delegates registered by a member editor (own
// institution only) and approved or waitlisted by the secretariat within the capacity.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { addUser, Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { formValues } from '../../../test/support/forms.ts';
import { getMeeting } from './meeting.service.ts';
import { listRegistrations } from './registration.service.ts';
import { systemActor } from '../accounts/permission.policy.ts';

const M4 = 'iams-4th-conference';

interface SessionJ {
  id: string;
  kind: string;
  topic: string | null;
  date: string | null;
  startTime: string | null;
  startsAt: string | null;
  endsAt: string | null;
  allDay: boolean;
  timeNote: Record<string, string>;
  calendarUrl: string;
  place: { slug: string } | null;
  contributions: Array<{ kind: string; mode: string | null; person: { slug: string } | null; institution: { slug: string } | null; post: Record<string, string> }>;
}

interface MeetingJ {
  id: string;
  slug: string;
  kind: string;
  timeZone: string | null;
  calendarUrl: string;
  url: string;
  parent: { slug: string } | null;
  theme: Record<string, string>;
  organisations: Array<{ role: string; institution: { slug: string } }>;
  programme: { version: number; topics: Array<{ slug: string }> } | null;
  sessions: SessionJ[];
  contributions: SessionJ['contributions'];
  agenda: Array<{ kind: string; institutions: Array<{ slug: string }> }>;
  reportedFigures: Array<{ measure: string; qualifier: string; value: number; reportedOn: string | null }>;
  statistics: { approved: { delegates: number; countries: number }; byCountry: Array<{ country: string | null; delegates: number }> };
}

const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));

describe.each(DIALECTS)('meetings in process on %s', (dialect) => {
  let t: TestApp;
  let secretariat: Browser;
  let editor: Browser;
  let otherEditor: Browser;

  beforeAll(async () => {
    t = await testApp(dialect);
    await addUser(t, 'sec@example.org', 'secretariat');
    await addUser(t, 'silk@example.org', 'member_editor', 'china-national-silk-museum');
    await addUser(t, 'nmc@example.org', 'member_editor', 'national-museum-of-china');
    secretariat = new Browser(t, '10.0.4.1');
    editor = new Browser(t, '10.0.4.2');
    otherEditor = new Browser(t, '10.0.4.3');
    for (const [b, email] of [
      [secretariat, 'sec@example.org'],
      [editor, 'silk@example.org'],
      [otherEditor, 'nmc@example.org'],
    ] as const)
      expect((await b.login(email)).statusCode).toBe(303);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  const page = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.body;
  };
  const api = async <T>(url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.json<T>();
  };
  const sessionKinds = (body: string) => [...body.matchAll(/<li class="session" id="s-[^"]+" data-kind="([^"]+)"/g)].map((m) => m[1]);

  describe('public pages', () => {
    it.each([
      ['zh', 'zh-Hans', 'ltr', '开幕式', '主旨演讲环节', '平行论坛', '晚间'],
      ['en', 'en', 'ltr', 'Opening ceremony', 'Keynote session', 'Parallel session', 'in the evening'],
      ['ru', 'ru', 'ltr', 'Церемония открытия', 'Пленарные доклады', 'Параллельная секция', 'вечером'],
      ['ar', 'ar', 'rtl', 'حفل الافتتاح', 'جلسة الكلمات الرئيسية', 'جلسة موازية', 'في المساء'],
    ])('shows the programme of the 4th conference in %s', async (lang, tag, dir, opening, keynote, parallel, evening) => {
      const body = await page(`/${lang}/meetings/${M4}`);
      expect(body).toContain(`<html lang="${tag}" dir="${dir}">`);
      expect(sessionKinds(body)).toEqual(['opening_ceremony', 'keynote_session', 'parallel_session', 'parallel_session', 'parallel_session', 'visit', 'evening_event']);
      for (const word of [opening, keynote, parallel]) expect(body).toContain(`<h4 class="session-name">${word}</h4>`);
      expect(body).toContain(`<p class="when"><span lang="${tag}">${evening}</span></p>`);
      expect(body).toContain('Bringing Cultural Relics to Life: Better Fulfilling the Role of Museums');
      expect(body).toContain(`href="/api/v1/meetings/${(await getMeeting(t.database.db, M4)).id}/calendar.ics?lang=${lang}"`);
      expect(body).toContain('<link rel="stylesheet" href="/assets/meetings.css">');
      // the 3rd Liangzhu Forum as the parent event
      expect(body).toContain(`<a href="/${lang}/meetings/liangzhu-forum-3">`);
    });

    it('filters the programme by sub-topic and keeps the filter in every language switch', async () => {
      const body = await page(`/ru/meetings/${M4}?topic=social-collaboration`);
      expect(sessionKinds(body)).toEqual(['parallel_session']);
      expect(body).toContain('data-topic="social-collaboration" aria-current="true"');
      expect(body).toContain('<a href="/zh/meetings/iams-4th-conference?topic=social-collaboration"');
      expect(body).not.toContain('class="unplaced"');
      // an unknown sub-topic shows everything rather than nothing
      expect(sessionKinds(await page(`/en/meetings/${M4}?topic=nope`)).length).toBe(7);
    });

    it('groups a day by room', async () => {
      const body = await page(`/en/meetings/${M4}?view=rooms`);
      expect(body).toContain('<h4 class="room-name">Room not stated</h4>');
      expect(sessionKinds(body).length).toBe(7);
    });

    it('lists the contributions the text places at the meeting without a session', async () => {
      const body = await page(`/en/meetings/${M4}`);
      const unplaced = body.slice(body.indexOf('class="unplaced"'));
      expect([...unplaced.matchAll(/speakers\/([a-z-]+)"/g)].map((m) => m[1])).toEqual(['ding-pengbo', 'nang-lao-ngin', 'lou-jianlong', 'akmaral-ibraeva', 'ji-xiaofen', 'bojana-boric-breskovic']);
      expect(body).toContain('<span class="badge mode">by video</span>');
      expect(body).toContain('<strong>more than 100</strong> <span lang="en">representatives from IAMS member institutions</span>');
      expect(body).toContain('Institutions admitted at this meeting (from the registry): 8');
      expect(body).toContain('No delegates are recorded for this meeting on this platform.');
    });

    it('redirects a public id to the slug', async () => {
      const m = await getMeeting(t.database.db, M4);
      const res = await get(`/en/meetings/${m.id}?view=rooms`);
      expect([res.statusCode, res.headers.location]).toEqual([301, `/en/meetings/${M4}?view=rooms`]);
      expect((await get('/en/meetings/no-such-meeting')).statusCode).toBe(404);
    });

    it('lists the meetings, newest first', async () => {
      const body = await page('/zh/meetings');
      expect([...body.matchAll(/data-slug="([^"]+)"/g)].map((m) => m[1])).toEqual(['iams-4th-conference', 'iams-3rd-conference', 'iams-2nd-conference', 'iams-1st-conference', 'liangzhu-forum-3']);
      expect(body).toContain('第4届');
    });

    it('has speaker pages', async () => {
      const list = await page(`/en/meetings/${M4}/speakers`);
      expect([...list.matchAll(/<li data-person="([^"]+)">/g)].length).toBe(10);
      const luo = await page(`/zh/meetings/${M4}/speakers/luo-wenli`);
      expect(luo).toContain('<h1><small><span lang="en" dir="auto">Mr.</span></small> <span lang="zh-Hans">罗文利</span></h1>');
      expect([...luo.matchAll(/data-kind="(presiding|keynote)"/g)].map((m) => m[1])).toEqual(['presiding', 'keynote']);
      expect((await get(`/en/meetings/${M4}/speakers/ding-pengbo-nobody`)).statusCode).toBe(404);
      expect((await get(`/en/meetings/${M4}/speakers/gao-zheng`)).statusCode).toBe(200);
    });

    it('publishes the changelog', async () => {
      const body = await page(`/en/meetings/${M4}/changelog`);
      expect(body).toContain('<h2>Version 1</h2>');
      expect([...body.matchAll(/class="change change-added"/g)].length).toBe(18);
    });
  });

  describe('API and calendars', () => {
    it('answers /api/v1/meetings and /api/v1/meetings/{id} with sessions and contributions', async () => {
      const list = await api<{ total: number; items: MeetingJ[] }>('/api/v1/meetings?kind=conference');
      expect([list.total, list.items.map((m) => m.slug)]).toEqual([4, ['iams-4th-conference', 'iams-3rd-conference', 'iams-2nd-conference', 'iams-1st-conference']]);
      const m = await api<MeetingJ>(`/api/v1/meetings/${M4}`);
      expect([m.timeZone, m.parent?.slug, m.programme?.version, m.programme?.topics.length]).toEqual(['Asia/Shanghai', 'liangzhu-forum-3', 1, 3]);
      expect(m.calendarUrl).toBe(`http://127.0.0.1:3000/api/v1/meetings/${m.id}/calendar.ics`);
      expect(m.organisations.filter((o) => o.role === 'host').length).toBe(3);
      expect(m.sessions.map((s) => [s.kind, s.date, s.startTime, s.startsAt, s.allDay])).toEqual(
        ['opening_ceremony', 'keynote_session', 'parallel_session', 'parallel_session', 'parallel_session', 'visit', 'evening_event'].map((k) => [k, '2025-10-19', null, null, true]),
      );
      expect(m.sessions[0]!.contributions.map((c) => [c.kind, c.person?.slug, c.mode])).toEqual([
        ['presiding', 'luo-wenli', 'in_person'],
        ['speech', 'gao-zheng', 'in_person'],
        ['speech', 'hu-wei', 'in_person'],
        ['video_address', 'shahbaz-khan', 'video'],
      ]);
      expect(m.sessions[0]!.calendarUrl).toBe(`http://127.0.0.1:3000/api/v1/meetings/${m.id}/sessions/${m.sessions[0]!.id}/calendar.ics`);
      expect(m.sessions[5]!.place?.slug).toBe('china-national-silk-museum');
      expect(m.contributions.length).toBe(6);
      expect(m.agenda.map((a) => [a.kind, a.institutions.length])).toEqual([['admission', 8], ['declaration', 0]]);
      expect(m.reportedFigures.find((f) => f.measure === 'participants')).toEqual({ measure: 'participants', qualifier: 'more_than', value: 100, label: { en: 'representatives from IAMS member institutions' }, reportedOn: '2025-10-19', source: { en: 'China National Silk Museum, report of the 4th IAMS Conference' }, sourceUrl: null });
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/meetings/nothing' });
      expect([missing.statusCode, missing.json<{ error: { code: string } }>().error.code]).toEqual([404, 'not_found']);
    });

    it('documents the meetings API and its calendars in the OpenAPI document', async () => {
      const doc = await api<{ paths: Record<string, Record<string, { tags: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>> }>('/api/v1/openapi.json');
      for (const p of ['/api/v1/meetings', '/api/v1/meetings/{id}', '/api/v1/meetings/{id}/changelog', '/api/v1/meetings/{id}/calendar.ics', '/api/v1/meetings/{id}/sessions/{sessionId}/calendar.ics'])
        expect(doc.paths[p]?.get?.tags, p).toEqual(['meetings']);
      expect(Object.keys(doc.paths['/api/v1/meetings/{id}/calendar.ics']!.get!.responses['200']!.content!)).toEqual(['text/calendar']);
    });

    it('serves the meeting’s calendar, which ical.js reads: all-day sessions, the evening kept as text', async () => {
      const m = await getMeeting(t.database.db, M4);
      const res = await get(`/api/v1/meetings/${m.id}/calendar.ics?lang=ru`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const evs = events(res.body);
      expect(evs.length).toBe(8);
      expect(evs.map((e) => [e.startDate.isDate, e.startDate.toString(), e.endDate.toString()])).toEqual(Array(8).fill([true, '2025-10-19', '2025-10-20']));
      expect(evs.map((e) => e.summary)).toEqual([
        'The 4th Conference of the International Alliance of Museums of the Silk Road',
        'Церемония открытия',
        'Пленарные доклады',
        'Параллельная секция: Museums and Diverse Civilizations: Interpreting Exchanges and Mutual Learning of Silk Road Civilizations through Museum Treasures',
        'Параллельная секция: Museums and Social Collaboration: Building an Integrated Cultural Service Network Engaging the Public, Communities, and the City',
        'Параллельная секция: Museums and Sustainable Development: Pioneering Multiple Pathways toward Green Operations, Social Responsibility, and Cultural Sustainability',
        'Посещение',
        'Silk Road Night',
      ]);
      expect(evs[6]!.description.split('\n')[0]).toBe('вечером');
      expect(evs[6]!.location).toBe('China National Silk Museum, Ханчжоу, Китай');
      expect(evs[1]!.description).toContain('Видеообращение: Shahbaz Khan');
      expect(new Set(evs.map((e) => e.uid)).size).toBe(8);
      expect(evs.every((e) => e.sequence === 1)).toBe(true);
      const en = events((await get(`/api/v1/meetings/${M4}/calendar.ics`)).body);
      expect(en[7]!.description.split('\n')[0]).toBe('in the evening');
    });

    it('serves one session’s calendar, and 404 for a session of another meeting', async () => {
      const m = await api<MeetingJ>(`/api/v1/meetings/${M4}`);
      const res = await t.app.inject({ method: 'GET', url: new URL(m.sessions[1]!.calendarUrl).pathname + '?lang=zh' });
      const evs = events(res.body);
      expect(evs.map((e) => [e.summary, e.startDate.toString(), e.uid])).toEqual([['主旨演讲环节', '2025-10-19', `${m.sessions[1]!.id}@127.0.0.1`]]);
      const other = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/iams-1st-conference/sessions/${m.sessions[1]!.id}/calendar.ics` });
      expect(other.statusCode).toBe(404);
    });
  });

  describe('administration', () => {
    let slug = '';

    it('keeps visitors, editors and the council out of the programme administration', async () => {
      expect((await get('/en/admin/meetings/new')).statusCode).toBe(401);
      expect((await editor.get('/en/admin/meetings/new')).statusCode).toBe(403);
      expect((await editor.get(`/en/admin/meetings/${M4}/programme`)).statusCode).toBe(403);
      const csrf = await editor.csrfFrom('/en/admin/meetings');
      expect((await editor.post('/en/admin/meetings/new', { _csrf: csrf, 'title.en': 'Mine', kind: 'council' })).statusCode).toBe(403);
      expect((await secretariat.post('/en/admin/meetings/new', { 'title.en': 'No token', kind: 'council' })).statusCode).toBe(403);
    });

    it('lets the secretariat create a meeting, build a programme with a clash warning, and publish it', async () => {
      const form = await secretariat.get('/en/admin/meetings/new');
      const values = formValues(form.body, '/en/admin/meetings/new');
      const bad = await secretariat.post('/en/admin/meetings/new', { ...values, 'title.en': 'Council of 2026', kind: 'council', startsOn: '2026-05-18', timeZone: 'Asia/Beijing' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('<span class="error" id="timeZone-error">');
      const ok = await secretariat.post('/en/admin/meetings/new', {
        ...values, 'title.en': 'Council of 2026', 'title.ru': 'Совет 2026 года', slug: `council-2026-${dialect}`, kind: 'council', startsOn: '2026-05-18', timeZone: 'Europe/Belgrade', country: 'RS', status: 'registration_open', capacity: '1',
      });
      expect(ok.statusCode).toBe(303);
      slug = `council-2026-${dialect}`;
      expect(ok.headers.location).toBe(`/en/admin/meetings/${slug}?done=saved`);
      const base = `/en/admin/meetings/${slug}`;
      const csrf = await secretariat.csrfFrom(base);
      expect((await secretariat.post(`${base}/rooms`, { _csrf: csrf, 'name.en': 'Great Hall', 'name.ru': 'Большой зал' })).statusCode).toBe(303);
      expect((await secretariat.post(`${base}/topics`, { _csrf: csrf, 'title.en': 'Digital heritage', slug: 'digital' })).statusCode).toBe(303);
      const withRoom = await secretariat.get(`${base}/sessions/new`);
      const room = /<option value="(\d+)">Great Hall<\/option>/.exec(withRoom.body)![1]!;
      const sv = formValues(withRoom.body, `${base}/sessions/new`);
      const s1 = await secretariat.post(`${base}/sessions/new`, { ...sv, kind: 'opening_ceremony', startTime: '09:00', endTime: '10:00', room });
      expect(s1.statusCode).toBe(303);
      const s2 = await secretariat.post(`${base}/sessions/new`, { ...sv, kind: 'parallel_session', topic: 'digital', startTime: '09:30', endTime: '11:00', room });
      expect(s2.statusCode).toBe(303);
      const s1id = /sessions\/(s[0-9a-z]{10})/.exec(s1.headers.location as string)![1]!;
      const sessionPage = await secretariat.get(`${base}/sessions/${s1id}`);
      const cv = formValues(sessionPage.body, `${base}/contributions/new`);
      expect((await secretariat.post(`${base}/contributions/new`, { ...cv, kind: 'presiding', person: 'bojana-boric-breskovic' })).statusCode).toBe(303);
      const prog = await secretariat.get(`${base}/programme`);
      expect(prog.body).toContain('<li data-warning="room_double_booked">Great Hall is booked for two sessions at once: Opening ceremony 09:00 and Parallel session 09:30');
      // not public until published
      expect(await page(`/en/meetings/${slug}`)).toContain('The programme has not been published yet.');
      const pv = formValues(prog.body, `${base}/programme/publish`);
      expect((await secretariat.post(`${base}/programme/publish`, { ...pv, 'note.en': 'First programme' })).statusCode).toBe(303);
      const pub = await page(`/ru/meetings/${slug}`);
      expect(sessionKinds(pub)).toEqual(['opening_ceremony', 'parallel_session']);
      expect(pub).toContain('<time>09:00</time>–<time>10:00</time> · <span class="room"><span lang="ru">Большой зал</span></span>');
      expect(pub).toContain('Время местное: Europe/Belgrade (UTC+02:00).');
      // the calendar has UTC times from the Belgrade local times
      const m = await api<MeetingJ>(`/api/v1/meetings/${slug}`);
      expect(m.sessions.map((s) => [s.startsAt, s.endsAt, s.allDay])).toEqual([
        ['2026-05-18T07:00:00Z', '2026-05-18T08:00:00Z', false],
        ['2026-05-18T07:30:00Z', '2026-05-18T09:00:00Z', false],
      ]);
      const evs = events((await get(`/api/v1/meetings/${slug}/calendar.ics`)).body);
      expect(evs.slice(1).map((e) => [e.startDate.isDate, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString(), e.location])).toEqual([
        [false, '2026-05-18T07:00:00.000Z', '2026-05-18T08:00:00.000Z', 'Great Hall, Serbia'],
        [false, '2026-05-18T07:30:00.000Z', '2026-05-18T09:00:00.000Z', 'Great Hall, Serbia'],
      ]);
    });

    it('lets a member editor register two delegates of its own museum, and refuses another museum’s', async () => {
      const base = `/en/admin/meetings/${slug}/registrations`;
      // the public page shows the way in while registration is open
      expect(await page(`/en/meetings/${slug}`)).toContain(`<a class="button" href="/en/admin/meetings/${slug}/registrations">Register delegates</a>`);
      const regPage = await editor.get(base);
      expect(regPage.statusCode).toBe(200);
      expect(regPage.body).toContain('Delegates of China National Silk Museum');
      const v = formValues(regPage.body, base);
      expect(v.institution).toBe('china-national-silk-museum');
      expect((await editor.post(base, { ...v, person: 'ji-xiaofen', email: 'ji@example.org' })).statusCode).toBe(303);
      expect((await editor.post(base, { ...v, person: '', 'name.en': 'Zhao Guide', 'name.zh-Hans': '赵导览', 'post.en': 'Guide' })).statusCode).toBe(303);
      // forged: another museum, another museum's director
      expect((await editor.post(base, { ...v, institution: 'national-museum-of-china', person: 'luo-wenli' })).statusCode).toBe(403);
      const wrong = await editor.post(base, { ...v, person: 'luo-wenli' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain('does not hold a post at china-national-silk-museum');
      // the other museum's editor sees none of them
      expect((await otherEditor.get(base)).body).toContain('No delegates registered yet.');
      const regs = await listRegistrations(t.database.db, systemActor('t'), slug);
      expect(regs.map((r) => [r.person.slug, r.status])).toEqual([['ji-xiaofen', 'pending'], ['zhao-guide', 'pending']]);
    });

    it('lets the secretariat approve one and waitlist the other once the capacity is reached', async () => {
      const base = `/en/admin/meetings/${slug}/registrations`;
      const regs = await listRegistrations(t.database.db, systemActor('t'), slug);
      const [ji, zhao] = regs as [(typeof regs)[0], (typeof regs)[0]];
      const csrf = await secretariat.csrfFrom(base);
      // the editor may not decide
      expect((await editor.post(`${base}/${ji.id}/decide`, { _csrf: await editor.csrfFrom(base), decision: 'approve' })).statusCode).toBe(403);
      expect((await secretariat.post(`${base}/${ji.id}/decide`, { _csrf: csrf, decision: 'approve' })).statusCode).toBe(303);
      const full = await secretariat.post(`${base}/${zhao.id}/decide`, { _csrf: csrf, decision: 'approve' });
      expect(full.statusCode).toBe(409);
      expect(full.body).toContain('The places are all taken (1 of 1): put the delegate on the waitlist, or raise the capacity.');
      expect((await secretariat.post(`${base}/${zhao.id}/decide`, { _csrf: csrf, decision: 'waitlist' })).statusCode).toBe(303);
      const after = await secretariat.get(base);
      expect(after.body).toMatch(new RegExp(`id="r-${ji.id}"[^>]*data-status="approved"`));
      expect(after.body).toMatch(new RegExp(`id="r-${zhao.id}"[^>]*data-status="waitlisted"`));
      expect(after.body).toContain('Places: 1 approved of 1; 0 waiting for approval; 1 on the waitlist.');
      // statistics on the public page and in the API, computed
      const m = await api<MeetingJ>(`/api/v1/meetings/${slug}`);
      expect([m.statistics.approved.delegates, m.statistics.approved.countries, m.statistics.byCountry]).toEqual([1, 1, [{ country: 'CN', delegates: 1, institutions: 1 }]]);
      expect(await page(`/en/meetings/${slug}`)).toContain('Delegates registered and approved: 1; their institutions: 1; countries: 1.');
    });

    it('gives every element of its pages a unique id (labels and error links need it)', async () => {
      const dup = (body: string) => {
        const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
        return ids.filter((x, i) => ids.indexOf(x) !== i);
      };
      const m = await api<MeetingJ>(`/api/v1/meetings/${slug}`);
      for (const url of [`/en/admin/meetings/${slug}`, `/en/admin/meetings/${slug}/programme`, `/en/admin/meetings/${slug}/sessions/${m.sessions[0]!.id}`, `/en/admin/meetings/${slug}/registrations`, '/en/admin/meetings/new'])
        expect(dup((await secretariat.get(url)).body), url).toEqual([]);
      expect(dup((await editor.get(`/en/admin/meetings/${slug}/registrations`)).body)).toEqual([]);
      expect(dup(await page(`/en/meetings/${M4}`))).toEqual([]);
    });

    it('gives the secretariat the badge and attendee lists as CSV, and no one else', async () => {
      const base = `/en/admin/meetings/${slug}/registrations`;
      const badges = await secretariat.get(`${base}/badges.csv`);
      expect([badges.statusCode, badges.headers['content-type'], badges.headers['content-disposition']]).toEqual([200, 'text/csv; charset=utf-8', `attachment; filename="${slug}-badges.csv"`]);
      expect(badges.body.startsWith('\uFEFFregistration,honorific,name,')).toBe(true);
      expect(badges.body).toContain(',Ji Xiaofen,季晓芬,Director,China National Silk Museum,中国丝绸博物馆,China');
      expect(badges.body).not.toContain('Zhao Guide');
      const zh = await secretariat.get(`/zh/admin/meetings/${slug}/registrations/badges.csv`);
      expect(zh.body).toContain(',季晓芬,Ji Xiaofen,馆长,中国丝绸博物馆,China National Silk Museum,中国');
      expect((await secretariat.get(`${base}/attendees.csv`)).body).toContain('ji@example.org');
      expect((await editor.get(`${base}/badges.csv`)).statusCode).toBe(403);
      expect((await editor.get(`${base}/attendees.csv`)).statusCode).toBe(403);
    });
  });
});
