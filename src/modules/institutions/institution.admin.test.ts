// The institution admin through its forms, as each role sees it: create, refuse a bad
// country beside the field, edit, change the membership, delete; a member editor edits
// only its own institution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { addUser, Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { formHtml, formValues, optionValue } from '../../../test/support/forms.ts';
import { allInstitutions, getInstitution } from './institution.service.ts';

interface ApiInstitution {
  slug: string;
  name: Record<string, string>;
  kind: string;
  country: string | null;
  city: Record<string, string>;
  website: string | null;
  membership: { category: string; status: string; memberSince: string | null; admittedAt: { slug: string } | null } | null;
}

describe.each(DIALECTS)('institution admin on %s', (dialect) => {
  let t: TestApp;
  let secretariat: Browser;
  let council: Browser;
  let editor: Browser;
  /** the slug of the institution the secretariat creates */
  let created = '';

  beforeAll(async () => {
    t = await testApp(dialect);
    await addUser(t, 'sec@example.org', 'secretariat');
    await addUser(t, 'council@example.org', 'council');
    await addUser(t, 'fujian@example.org', 'member_editor', 'fujian-museum');
    // one address per user: the login rate limit is per address
    secretariat = new Browser(t, '10.0.1.1');
    council = new Browser(t, '10.0.1.2');
    editor = new Browser(t, '10.0.1.3');
    for (const [b, email] of [
      [secretariat, 'sec@example.org'],
      [council, 'council@example.org'],
      [editor, 'fujian@example.org'],
    ] as const)
      expect((await b.login(email)).statusCode).toBe(303);
  });
  afterAll(() => t.close());

  const api = async (slug: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/institutions/${slug}` });
    return { status: res.statusCode, body: res.json<ApiInstitution>() };
  };
  const institutionCount = async () => (await allInstitutions(t.database.db)).length;

  it('lets a council member open the administration but not the new-institution form', async () => {
    const home = await council.get('/en/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Your role: Council');
    expect(home.body).not.toContain('href="/en/admin/institutions"');
    const form = await council.get('/en/admin/institutions/new');
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('You are not allowed to do this.');
    expect((await council.get('/en/admin/institutions')).statusCode).toBe(403);
    // nor by posting directly, with a valid form token
    const before = await institutionCount();
    const _csrf = await council.csrfFrom('/en/admin');
    const post = await council.post('/en/admin/institutions/new', { _csrf, 'name.en': 'Council Museum', kind: 'museum', country: 'FR' });
    expect(post.statusCode).toBe(403);
    expect(await institutionCount()).toBe(before);
  });

  it('lets the secretariat create an institution through the form', async () => {
    const form = await secretariat.get('/en/admin/institutions/new');
    expect(form.statusCode).toBe(200);
    const values = formValues(form.body, '/en/admin/institutions/new');
    expect(values._csrf).toMatch(/\S/);
    const before = await institutionCount();
    const res = await secretariat.post('/en/admin/institutions/new', {
      ...values,
      'name.en': 'Samarkand State Museum-Reserve',
      'name.zh-Hans': '撒马尔罕国家博物馆保护区',
      'city.en': 'Samarkand',
      country: 'UZ',
      kind: 'museum',
      latitude: '39.65',
      longitude: '66.96',
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const m = /^\/en\/admin\/institutions\/([a-z0-9-]+)\?done=saved$/.exec(String(res.headers.location));
    expect(m).not.toBeNull();
    created = m![1]!;
    expect(created).toBe('samarkand-state-museum-reserve');
    expect(await institutionCount()).toBe(before + 1);

    const saved = await secretariat.get(String(res.headers.location));
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('<p class="notice" role="status">Saved.</p>');

    const { status, body } = await api(created);
    expect(status).toBe(200);
    expect(body.name).toEqual({ en: 'Samarkand State Museum-Reserve', 'zh-Hans': '撒马尔罕国家博物馆保护区' });
    expect(body.country).toBe('UZ');
    expect(body.kind).toBe('museum');
    expect(body.city).toEqual({ en: 'Samarkand' });
    expect(body.membership).toBeNull();
  });

  it('refuses an invalid country with 422, the error beside the field, and creates nothing', async () => {
    const form = await secretariat.get('/en/admin/institutions/new');
    const before = await institutionCount();
    const res = await secretariat.post('/en/admin/institutions/new', {
      ...formValues(form.body, '/en/admin/institutions/new'),
      'name.en': 'Museum of Nowhere',
      'name.zh-Hans': '无处博物馆',
      country: 'XX',
      kind: 'museum',
    });
    expect(res.statusCode).toBe(422);
    expect(await institutionCount()).toBe(before);
    // the country field is marked and carries its message; the summary links to it
    const field = /<p class="field invalid"><label for="f-country">[\s\S]*?<\/p>/.exec(res.body)?.[0] ?? '';
    expect(field).toContain('aria-invalid="true" aria-describedby="country-error"');
    expect(field).toContain('<span class="error" id="country-error">&quot;XX&quot; is not an ISO 3166-1 alpha-2 code</span>');
    expect(res.body).toContain('<a href="#f-country">country</a>');
    // what was typed is kept
    expect(res.body).toContain('value="Museum of Nowhere"');
    expect(res.body).toContain('value="无处博物馆"');
    // no other field is marked
    expect(res.body.match(/class="field invalid"/g)).toHaveLength(1);
  });

  it('lets the secretariat edit the institution', async () => {
    const url = `/en/admin/institutions/${created}`;
    const page = await secretariat.get(url);
    expect(page.statusCode).toBe(200);
    const values = formValues(page.body, url);
    expect(values['name.en']).toBe('Samarkand State Museum-Reserve');
    expect(values.country).toBe('UZ');
    expect(values.slug).toBe(created);
    const res = await secretariat.post(url, { ...values, 'name.ru': 'Самаркандский государственный музей-заповедник', 'city.zh-Hans': '撒马尔罕', website: 'https://samarkandmuseum.uz/' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe(`${url}?done=saved`);
    const { body } = await api(created);
    expect(body.name).toEqual({ en: 'Samarkand State Museum-Reserve', 'zh-Hans': '撒马尔罕国家博物馆保护区', ru: 'Самаркандский государственный музей-заповедник' });
    expect(body.city).toEqual({ en: 'Samarkand', 'zh-Hans': '撒马尔罕' });
    expect(body.website).toBe('https://samarkandmuseum.uz/');
    expect(body.country).toBe('UZ');
    const ru = await secretariat.get(`/ru/members/${created}`);
    expect(ru.body).toContain('<span lang="ru">Самаркандский государственный музей-заповедник</span>');
  });

  it('lets the secretariat change the membership, and the counts follow', async () => {
    const url = `/en/admin/institutions/${created}`;
    const action = `${url}/membership`;
    const page = await secretariat.get(url);
    const values = formValues(page.body, action);
    const applicant = await secretariat.post(action, { ...values, category: 'international', status: 'applicant', memberSince: '', memberNumber: '', admittedMeeting: '', endedOn: '' });
    expect(applicant.statusCode, applicant.body.slice(0, 500)).toBe(303);
    expect((await api(created)).body.membership).toEqual({ category: 'international', status: 'applicant', memberSince: null, memberNumber: null, admittedAt: null, endedOn: null });

    const again = await secretariat.get(url);
    const meeting = optionValue(again.body, 'admittedMeeting', 'The 4th Conference of the International Alliance of Museums of the Silk Road');
    const member = await secretariat.post(action, { ...formValues(again.body, action), status: 'member', memberSince: '2025-10-19', admittedMeeting: meeting });
    expect(member.statusCode, member.body.slice(0, 500)).toBe(303);
    const m = (await api(created)).body.membership!;
    expect([m.category, m.status, m.memberSince, m.admittedAt?.slug]).toEqual(['international', 'member', '2025-10-19', 'iams-4th-conference']);
    const counts = (await t.app.inject({ method: 'GET', url: '/api/v1/counts' })).json<{ members: number; countries: number; byCategory: Record<string, number> }>();
    expect([counts.members, counts.countries, counts.byCategory.international]).toEqual([18, 13, 13]);

    // a bad date is shown beside its field, and nothing changes
    const bad = await secretariat.post(action, { ...formValues((await secretariat.get(url)).body, action), status: 'withdrawn', memberSince: 'last spring' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<p class="field invalid"><label for="f-memberSince">[\s\S]*?<span class="error" id="memberSince-error">/);
    expect((await api(created)).body.membership!.status).toBe('member');
  });

  it('lets a member editor edit its own institution', async () => {
    const home = await editor.get('/en/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<a class="button" href="/en/admin/institutions/fujian-museum">');
    const url = '/en/admin/institutions/fujian-museum';
    const page = await editor.get(url);
    expect(page.statusCode).toBe(200);
    // neither the slug nor the membership is the editor's to change
    expect(formHtml(page.body, url)).not.toContain('name="slug"');
    expect(page.body).not.toContain(`action="${url}/membership"`);
    expect(page.body).not.toContain(`action="${url}/delete"`);
    const res = await editor.post(url, { ...formValues(page.body, url), 'name.ru': 'Музей провинции Фуцзянь', slug: 'renamed-by-editor' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe(`${url}?done=saved`);
    const { status, body } = await api('fujian-museum');
    expect(status).toBe(200);
    expect(body.name.ru).toBe('Музей провинции Фуцзянь');
    expect(body.name.en).toBe('Fujian Museum');
    expect((await api('renamed-by-editor')).status).toBe(404);
    const pub = await editor.get('/ru/members/fujian-museum');
    expect(pub.body).toContain('<span lang="ru">Музей провинции Фуцзянь</span>');
    // the public page offers the editor its edit button
    expect(pub.body).toContain('href="/ru/admin/institutions/fujian-museum"');
  });

  it("refuses a member editor another institution's form and changes, and the membership of its own", async () => {
    const nmc = '/en/admin/institutions/national-museum-of-china';
    const before = await getInstitution(t.database.db, 'national-museum-of-china');
    const open = await editor.get(nmc);
    expect(open.statusCode).toBe(403);
    expect(open.body).toContain('You are not allowed to do this.');
    const own = await editor.get('/en/admin/institutions/fujian-museum');
    const values = formValues(own.body, '/en/admin/institutions/fujian-museum');
    const post = await editor.post(nmc, { ...values, 'name.en': 'Taken over', country: 'CN' });
    expect(post.statusCode).toBe(403);
    expect(await getInstitution(t.database.db, 'national-museum-of-china')).toEqual(before);

    const ms = await editor.post('/en/admin/institutions/fujian-museum/membership', { _csrf: values._csrf!, category: 'chinese', status: 'withdrawn' });
    expect(ms.statusCode).toBe(403);
    expect((await api('fujian-museum')).body.membership!.status).toBe('member');
    const del = await editor.post('/en/admin/institutions/fujian-museum/delete', { _csrf: values._csrf!, confirm: 'yes' });
    expect(del.statusCode).toBe(403);
    expect((await api('fujian-museum')).status).toBe(200);
    expect((await editor.get('/en/admin/institutions')).statusCode).toBe(403);
    expect((await editor.get('/en/admin/institutions/new')).statusCode).toBe(403);
  });

  it('lets the secretariat delete the institution after ticking the box', async () => {
    const url = `/en/admin/institutions/${created}`;
    const page = await secretariat.get(url);
    const values = formValues(page.body, `${url}/delete`);
    expect(values.confirm).toBeUndefined(); // unticked
    const unticked = await secretariat.post(`${url}/delete`, values);
    expect(unticked.statusCode).toBe(422);
    expect((await api(created)).status).toBe(200);
    const res = await secretariat.post(`${url}/delete`, { ...values, confirm: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/admin/institutions?done=deleted');
    expect((await api(created)).status).toBe(404);
  });
});
