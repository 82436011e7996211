// The member roster pages: a multipart upload (built by hand, the CSRF token in the
// query string as the import form sends it), the preview, the confirmation that imports
// once, and the CSV export.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { addUser, Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { formValues } from '../../../test/support/forms.ts';
import { listAuditEvents } from '../accounts/audit.service.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { allInstitutions } from '../institutions/institution.service.ts';

const IMPORT = '/en/admin/members/import';
const CONFIRM = '/en/admin/members/import/confirm';

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(filename: string, content: string, type = 'text/csv') {
  const boundary = `----CaravanseraiTest${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8'),
    Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const HEADER = 'slug,name_en,name_zh-Hans,country,kind,category,status';

describe.each(DIALECTS)('member roster admin on %s', (dialect) => {
  let t: TestApp;
  let secretariat: Browser;
  let editor: Browser;
  const SEC_IP = '10.0.3.1';
  /** the confirmation form of the imported preview */
  let confirmed: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    await addUser(t, 'sec@example.org', 'secretariat');
    await addUser(t, 'sec2@example.org', 'secretariat');
    await addUser(t, 'fujian@example.org', 'member_editor', 'fujian-museum');
    secretariat = new Browser(t, SEC_IP);
    editor = new Browser(t, '10.0.3.2');
    expect((await secretariat.login('sec@example.org')).statusCode).toBe(303);
    expect((await editor.login('fujian@example.org')).statusCode).toBe(303);
  });
  afterAll(() => t.close());

  const institutionCount = async () => (await allInstitutions(t.database.db)).length;
  const auditTotal = async () => (await listAuditEvents(t.database.db, systemActor('test'), { limit: 1 })).total;

  /** Open the import page and take the upload URL, CSRF token included, from its form. */
  async function uploadAction(b: Browser): Promise<string> {
    const page = await b.get(IMPORT);
    expect(page.statusCode).toBe(200);
    const m = /<form method="post" enctype="multipart\/form-data" action="([^"]+)"/.exec(page.body);
    expect(m).not.toBeNull();
    const action = m![1]!.replace(/&amp;/g, '&');
    expect(action).toMatch(/^\/en\/admin\/members\/import\?_csrf=[^&]+$/);
    return action;
  }

  async function upload(b: Browser, ip: string, filename: string, content: string) {
    const url = await uploadAction(b);
    const { payload, contentType } = multipart(filename, content);
    return t.app.inject({ method: 'POST', url, remoteAddress: ip, payload, headers: { cookie: b.cookieHeader, 'content-type': contentType, accept: 'text/html' } });
  }

  it('previews a file with a bad row as 422, naming the line and the reason, and imports nothing', async () => {
    const before = await institutionCount();
    const res = await upload(
      secretariat,
      SEC_IP,
      'members.csv',
      csv(HEADER, 'uzbekistan-state-history-museum,State Museum of History of Uzbekistan,乌兹别克斯坦国家历史博物馆,UZ,museum,international,member', 'nowhere-museum,Museum of Nowhere,,XX,museum,international,member'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<code>members.csv</code>');
    expect(res.body).toContain('Problems found: 1. Nothing will be imported until they are fixed.');
    expect(res.body).toContain('<tr><td>3</td><td><code>country</code>: &quot;XX&quot; is not an ISO 3166-1 alpha-2 code</td></tr>');
    // no way to confirm
    expect(res.body).not.toContain(`action="${CONFIRM}"`);
    expect(res.body).not.toContain('name="token"');
    expect(await institutionCount()).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/institutions/uzbekistan-state-history-museum' })).statusCode).toBe(404);
  });

  it('previews a good file with its new rows and a confirm form, and imports it on confirmation', async () => {
    const before = await institutionCount();
    const res = await upload(
      secretariat,
      SEC_IP,
      'members.csv',
      csv(
        HEADER,
        'uzbekistan-state-history-museum,State Museum of History of Uzbekistan,乌兹别克斯坦国家历史博物馆,UZ,museum,international,member',
        'tajikistan-national-museum,National Museum of Tajikistan,塔吉克斯坦国家博物馆,TJ,museum,international,applicant',
        'national-museum-of-china,National Museum of China,中国国家博物馆,CN,museum,chinese,member',
      ),
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.body).toContain('<p role="status">2 new, 0 updated, 1 unchanged.</p>');
    expect(res.body).toMatch(/<tr class="action-create"><td>2<\/td><td>new<\/td><td><code>uzbekistan-state-history-museum<\/code><\/td>/);
    expect(res.body).toMatch(/<tr class="action-create"><td>3<\/td><td>new<\/td><td><code>tajikistan-national-museum<\/code><\/td>/);
    expect(res.body).toMatch(/<tr class="action-unchanged"><td>4<\/td><td>unchanged<\/td><td><code>national-museum-of-china<\/code><\/td>/);
    // the preview wrote nothing
    expect(await institutionCount()).toBe(before);

    const confirm = formValues(res.body, CONFIRM);
    expect(confirm.token).toMatch(/^\d+-[a-f0-9]{32}\.csv$/);
    expect(confirm._csrf).toMatch(/\S/);

    // another user cannot confirm this upload
    const other = new Browser(t, '10.0.3.3');
    expect((await other.login('sec2@example.org')).statusCode).toBe(303);
    const stolen = await other.post(CONFIRM, { _csrf: await other.csrfFrom(IMPORT), token: confirm.token! });
    expect(stolen.statusCode).toBe(404);
    expect(await institutionCount()).toBe(before);

    const done = await secretariat.post(CONFIRM, confirm);
    expect(done.statusCode, done.body.slice(0, 500)).toBe(200);
    expect(done.body).toContain('<p class="notice" role="status">Imported: 2 new, 0 updated, 1 unchanged.</p>');
    expect(await institutionCount()).toBe(before + 2);
    const uz = (await t.app.inject({ method: 'GET', url: '/api/v1/institutions/uzbekistan-state-history-museum' })).json<{
      name: Record<string, string>;
      country: string;
      membership: { category: string; status: string };
    }>();
    expect(uz.name).toEqual({ en: 'State Museum of History of Uzbekistan', 'zh-Hans': '乌兹别克斯坦国家历史博物馆' });
    expect(uz.country).toBe('UZ');
    expect([uz.membership.category, uz.membership.status]).toEqual(['international', 'member']);
    const tj = (await t.app.inject({ method: 'GET', url: '/api/v1/institutions/tajikistan-national-museum' })).json<{ membership: { status: string } }>();
    expect(tj.membership.status).toBe('applicant');
    const counts = (await t.app.inject({ method: 'GET', url: '/api/v1/counts' })).json<{ members: number; byStatus: Record<string, number> }>();
    expect([counts.members, counts.byStatus.applicant]).toEqual([18, 1]);
    confirmed = confirm;
  });

  it('refuses the same confirmation again: the upload is consumed', async () => {
    expect(confirmed.token).toBeDefined();
    const before = await institutionCount();
    const audit = await auditTotal();
    const replay = await secretariat.post(CONFIRM, confirmed);
    expect(replay.statusCode).toBe(404);
    expect(replay.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await institutionCount()).toBe(before);
    expect(await auditTotal()).toBe(audit);
  });

  it('says why a replayed confirmation is refused', async () => {
    const replay = await secretariat.post(CONFIRM, confirmed);
    expect(replay.statusCode).toBe(404);
    // the interface's words for it (import.expired), not the generic "This page does not exist."
    expect(replay.body).toContain('This preview has expired. Upload the file again.');
  });

  it('keeps a member editor out of the import', async () => {
    const page = await editor.get(IMPORT);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    // nor can it post a file, even with a valid token
    const _csrf = await editor.csrfFrom('/en/admin');
    const { payload, contentType } = multipart('members.csv', csv(HEADER, 'editor-museum,Editor Museum,,CN,museum,chinese,member'));
    const before = await institutionCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `${IMPORT}?_csrf=${encodeURIComponent(_csrf)}`,
      remoteAddress: '10.0.3.2',
      payload,
      headers: { cookie: editor.cookieHeader, 'content-type': contentType, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(403);
    expect(await institutionCount()).toBe(before);
    expect((await editor.get('/en/admin/members/export.csv')).statusCode).toBe(403);
  });

  it('exports the roster as CSV with a BOM and a header row starting with slug', async () => {
    const res = await secretariat.get('/en/admin/members/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.body.replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toMatch(/^slug,name_en,name_zh-Hans,/);
    expect(lines[0]!.split(',').slice(-4)).toEqual(['category', 'status', 'member_since', 'member_number']);
    // every institution, one row each, the imported ones included
    expect(lines).toHaveLength(1 + (await institutionCount()));
    expect(lines.some((l) => l.startsWith('uzbekistan-state-history-museum,State Museum of History of Uzbekistan,乌兹别克斯坦国家历史博物馆,'))).toBe(true);
  });
});
