// The administration's doors and its accounts, through the forms: who may enter, an
// administrator adding a member editor, the audit trail, and the CSRF check on every POST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { addUser, Browser, testApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { formValues, optionValue } from '../../../test/support/forms.ts';
import { listOffices } from '../alliance/office.service.ts';
import { allInstitutions, getInstitution } from '../institutions/institution.service.ts';
import { getPerson, postsOfPerson } from '../people/person.service.ts';
import { listAuditEvents } from './audit.service.ts';
import { systemActor } from './permission.policy.ts';
import { listUsers } from './user.service.ts';

const sys = systemActor('test');

describe.each(DIALECTS)('account admin on %s', (dialect) => {
  let t: TestApp;
  let admin: Browser;
  let secretariat: Browser;
  let ip = 0;
  /** one address per browser: the login rate limit counts per address */
  const browser = () => new Browser(t, `10.0.2.${++ip}`);

  beforeAll(async () => {
    t = await testApp(dialect);
    await addUser(t, 'admin@example.org', 'administrator');
    await addUser(t, 'sec@example.org', 'secretariat');
    await addUser(t, 'council@example.org', 'council');
    admin = browser();
    secretariat = browser();
    expect((await admin.login('admin@example.org')).statusCode).toBe(303);
    expect((await secretariat.login('sec@example.org')).statusCode).toBe(303);
  });
  afterAll(() => t.close());

  const auditTotal = async () => (await listAuditEvents(t.database.db, sys, { limit: 1 })).total;
  const users = () => listUsers(t.database.db, sys);

  it('answers an anonymous visitor with a 401 page that links to the login', async () => {
    const anon = browser();
    const en = await anon.get('/en/admin');
    expect(en.statusCode).toBe(401);
    expect(en.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(en.body).toContain('<p>Please log in first.</p>');
    expect(en.body).toContain('<a href="/en/login?next=%2Fen%2Fadmin">Log in</a>');
    const ru = await anon.get('/ru/admin/users');
    expect(ru.statusCode).toBe(401);
    expect(ru.body).toContain('<html lang="ru" dir="ltr">');
    expect(ru.body).toContain('href="/ru/login?next=%2Fru%2Fadmin%2Fusers"');
    for (const url of ['/en/admin/institutions', '/en/admin/institutions/new', '/en/admin/audit', '/en/admin/members/import', '/en/admin/members/export.csv'])
      expect((await anon.get(url)).statusCode, url).toBe(401);
    // a POST with a good form token is still refused
    const before = (await users()).length;
    const _csrf = await anon.csrfFrom('/en/login');
    const post = await anon.post('/en/admin/users', { _csrf, email: 'intruder@example.org', role: 'administrator', institution: '', password: TEST_PASSWORD });
    expect(post.statusCode).toBe(401);
    expect((await users()).length).toBe(before);
  });

  it('lets a council member in, without the staff pages', async () => {
    const council = browser();
    expect((await council.login('council@example.org')).statusCode).toBe(303);
    const home = await council.get('/en/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Welcome, council@example.org. Your role: Council member.');
    for (const url of ['/en/admin/institutions/new', '/en/admin/users', '/en/admin/audit', '/en/admin/members/import', '/en/admin/offices'])
      expect((await council.get(url)).statusCode, url).toBe(403);
  });

  it('lets an administrator create a member editor through the users form', async () => {
    const form = await admin.get('/en/admin/users');
    expect(form.statusCode).toBe(200);
    const values = formValues(form.body, '/en/admin/users');
    expect(values.role).toBe('member_editor');
    const fujian = optionValue(form.body, 'institution', 'Fujian Museum');
    expect(fujian).toBe(String((await getInstitution(t.database.db, 'fujian-museum')).key));

    // a member editor without an institution: the error is beside the field, nobody is created
    const before = (await users()).length;
    const bad = await admin.post('/en/admin/users', { ...values, email: 'editor@fujian.example.org', displayName: 'Fujian editor', institution: '', password: TEST_PASSWORD });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<p class="field invalid"><label for="f-institution">[\s\S]*?<span class="error" id="institution-error">a member editor must be bound to one institution<\/span>/);
    expect(bad.body).toContain('value="editor@fujian.example.org"');
    expect((await users()).length).toBe(before);

    const res = await admin.post('/en/admin/users', { ...values, email: 'Editor@Fujian.example.org', displayName: 'Fujian editor', institution: fujian, password: TEST_PASSWORD });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe('/en/admin/users?done=saved');
    const list = await admin.get('/en/admin/users?done=saved');
    expect(list.body).toContain('<p class="notice" role="status">Saved.</p>');
    expect(list.body).toMatch(/<a href="\/en\/admin\/users\/\d+">editor@fujian\.example\.org<\/a><\/td><td>Member editor<\/td>/);
    const created = (await users()).find((u) => u.email === 'editor@fujian.example.org')!;
    expect([created.role, created.institutionId, created.displayName]).toEqual(['member_editor', Number(fujian), 'Fujian editor']);

    // the same email again is a conflict shown at the email field
    const dup = await admin.post('/en/admin/users', { ...formValues((await admin.get('/en/admin/users')).body, '/en/admin/users'), email: 'editor@fujian.example.org', institution: fujian, password: TEST_PASSWORD });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('<span class="error" id="email-error">');
    expect((await users()).length).toBe(before + 1);

    // the new editor logs in and is shown its institution
    const editor = browser();
    expect((await editor.login('editor@fujian.example.org')).statusCode).toBe(303);
    const home = await editor.get('/en/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<a class="button" href="/en/admin/institutions/fujian-museum"><span lang="en">Fujian Museum</span></a>');
    // and edits it
    const url = '/en/admin/institutions/fujian-museum';
    const edit = await editor.post(url, { ...formValues((await editor.get(url)).body, url), 'name.ru': 'Музей Фуцзянь' });
    expect(edit.statusCode).toBe(303);
    expect((await getInstitution(t.database.db, 'fujian-museum')).name.ru).toBe('Музей Фуцзянь');
    // but may not manage users
    expect((await editor.get('/en/admin/users')).statusCode).toBe(403);
  });

  it('shows the audit trail with before and after to the administrator only', async () => {
    const res = await admin.get('/en/admin/audit');
    expect(res.statusCode).toBe(200);
    // the newest first: the editor's change of its institution's names
    const rows = [...res.body.matchAll(/<tr><td><time[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows.length).toBeGreaterThan(0);
    const update = rows[0]!;
    expect(update).toContain('editor@fujian.example.org');
    expect(update).toContain('institution.update<br><small>updated institution fujian-museum</small>');
    const [before, after] = [...update.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
    expect(before).toContain('&quot;en&quot;: &quot;Fujian Museum&quot;');
    expect(before).not.toContain('Музей Фуцзянь');
    expect(after).toContain('&quot;ru&quot;: &quot;Музей Фуцзянь&quot;');
    const created = rows.find((r) => r.includes('user.create'))!;
    expect(created).toContain('created user editor@fujian.example.org (member_editor)');
    // filtered by entity
    const fujian = await getInstitution(t.database.db, 'fujian-museum');
    const one = await admin.get(`/en/admin/audit?type=institution&id=${fujian.id}`);
    expect(one.statusCode).toBe(200);
    // its creation by the seed and the editor's change, newest first
    expect(one.body).toContain('<p>2 found</p>');
    expect([...one.body.matchAll(/<td>(institution\.\w+)<br>/g)].map((m) => m[1])).toEqual(['institution.update', 'institution.create']);

    const sec = await secretariat.get('/en/admin/audit');
    expect(sec.statusCode).toBe(403);
    expect(sec.body).toContain('You are not allowed to do this.');
  });

  it('refuses every POST without the CSRF token, and changes nothing', async () => {
    const db = t.database.db;
    const editorId = (await users()).find((u) => u.email === 'editor@fujian.example.org')!.id;
    const officeId = (await listOffices(db))[0]!.id;
    const postId = (await postsOfPerson(db, (await getPerson(db, 'luo-wenli')).key))[0]!.id;
    const fujian = String((await getInstitution(db, 'fujian-museum')).key);
    // the admin's browser holds the CSRF cookie: only the token is missing
    await admin.get('/en/admin/users');
    const posts: Array<[string, Record<string, string>]> = [
      ['/en/admin/institutions/new', { 'name.en': 'Forged Museum', kind: 'museum', country: 'FR' }],
      ['/en/admin/institutions/fujian-museum', { 'name.en': 'Forged', kind: 'museum', country: 'CN' }],
      ['/en/admin/institutions/fujian-museum/membership', { category: 'chinese', status: 'withdrawn' }],
      ['/en/admin/institutions/fujian-museum/delete', { confirm: 'yes' }],
      ['/en/admin/users', { email: 'forged@example.org', role: 'administrator', institution: '', password: TEST_PASSWORD }],
      [`/en/admin/users/${editorId}`, { role: 'administrator', institution: '', displayName: 'forged' }],
      ['/en/admin/offices/new', { kind: 'other', 'title.en': 'Forged', person: 'luo-wenli', institution: '', position: '0' }],
      [`/en/admin/offices/${officeId}`, { kind: 'president', person: 'hu-wei', institution: '', position: '0' }],
      [`/en/admin/offices/${officeId}/delete`, {}],
      ['/en/admin/people/new', { 'name.en': 'Forged Person' }],
      ['/en/admin/people/luo-wenli', { 'name.en': 'Forged' }],
      ['/en/admin/people/luo-wenli/posts', { institution: fujian, 'title.en': 'Forged' }],
      [`/en/admin/people/luo-wenli/posts/${postId}/delete`, {}],
      ['/en/admin/members/import/confirm', { token: '1-00000000000000000000000000000000.csv' }],
      ['/en/logout', {}],
    ];
    const audit = await auditTotal();
    const userCount = (await users()).length;
    const institutions = JSON.stringify(await allInstitutions(db));
    for (const [url, form] of posts) {
      const res = await admin.post(url, form);
      expect(res.statusCode, url).toBe(403);
      expect(res.body, url).toContain('The form expired');
      const forged = await admin.post(url, { ...form, _csrf: 'forged-token' });
      expect(forged.statusCode, url).toBe(403);
    }
    // a multipart upload without the token in its query string
    const boundary = '----nocsrf';
    const upload = await t.app.inject({
      method: 'POST',
      url: '/en/admin/members/import',
      remoteAddress: '10.0.2.1',
      headers: { cookie: admin.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\nslug,name_en\r\nforged,Forged\r\n--${boundary}--\r\n`,
    });
    expect(upload.statusCode).toBe(403);

    expect(await auditTotal()).toBe(audit);
    expect((await users()).length).toBe(userCount);
    expect(JSON.stringify(await allInstitutions(db))).toBe(institutions);
    // still logged in: the logout without a token did nothing
    expect((await admin.get('/en/admin')).statusCode).toBe(200);
  });
});
