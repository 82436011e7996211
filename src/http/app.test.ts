import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/database.ts';
import { addUser, Browser, testApp, type TestApp } from '../../test/support/app.ts';

describe.each(DIALECTS)('login and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
    await addUser(t, 'sec@example.org', 'secretariat');
  });
  afterAll(() => t.close());

  it('logs in with a CSRF token, sets a HttpOnly SameSite cookie, and opens the admin', async () => {
    const b = new Browser(t);
    const res = await b.login('sec@example.org');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/admin');
    const cookie = res.cookies.find((c) => c.name === 'cs_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const admin = await b.get('/en/admin');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('Secretariat');
  });

  it('refuses a form without a valid CSRF token', async () => {
    const b = new Browser(t);
    await b.get('/en/login');
    const res = await b.post('/en/login', { email: 'sec@example.org', password: 'x', _csrf: 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('The form expired');
  });

  it('answers a wrong password with 401 and the same message as an unknown email', async () => {
    const b = new Browser(t);
    const wrong = await b.login('sec@example.org', 'wrong password!!');
    const unknown = await b.login('nobody@example.org', 'wrong password!!');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.body).toContain('Wrong email or password.');
    expect(unknown.body).toContain('Wrong email or password.');
  });

  it('rate-limits login attempts with 429', async () => {
    const b = new Browser(t, '10.9.9.9');
    const _csrf = await b.csrfFrom('/en/login');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await b.post('/en/login', { _csrf, email: 'x@example.org', password: 'nope nope nope' }, { 'x-forwarded-for': '10.1.1.1' })).statusCode);
    // ten tries a minute per address, then 429 (X-Forwarded-For is not trusted)
    expect(codes).toEqual([...Array(10).fill(401), 429, 429]);
    const other = new Browser(t, '10.9.9.10');
    expect((await other.login('sec@example.org')).statusCode).toBe(303);
  });

  it('logs out: the session no longer opens the admin', async () => {
    const b = new Browser(t);
    await b.login('sec@example.org');
    const _csrf = await b.csrfFrom('/en/admin');
    expect((await b.post('/en/logout', { _csrf })).statusCode).toBe(303);
    const after = await b.get('/en/admin');
    expect(after.statusCode).toBe(401);
  });
});
