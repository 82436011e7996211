// The meetings journey: the secretariat opens registration for a council meeting with
// one place; the silk museum's member editor finds it on the public page and registers
// two delegates (one of her staff, one new); the secretariat approves the first, is told
// the place is taken when approving the second, and waitlists it. Then a visitor reads
// the programme of the 4th IAMS conference in Russian, filters it by sub-topic and
// follows its calendar feed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { t as msg } from '../src/http/i18n.ts';
import { mtLang } from '../src/modules/meetings/meeting.i18n.ts';
import { env, launch, newPage, screenshot, squash, steps } from './support.ts';

const SLUG = 'e2e-council-2026';
const M4 = 'iams-4th-conference';

let browser: Browser;
before(
  async () => {
    browser = await launch();
  },
  { timeout: 30_000 },
);
after(async () => {
  await browser?.close();
});

async function clickAndWait(page: Page, target: Locator, until: (u: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(until, { waitUntil: 'load' }), target.click()]);
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/en/login');
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await clickAndWait(page, page.locator('form:has(#password) button[type=submit]'), (u) => u.pathname !== '/en/login');
  assert.equal(new URL(page.url()).pathname, '/en/admin', `${who.email} is logged in`);
}

const rowOf = (page: Page, person: string) => page.locator(`table.registrations tr[data-person="${person}"]`);

const JOURNEY = { timeout: 180_000 };

test('meetings: registration with capacity and waitlist, then the programme in Russian', JOURNEY, async (t) => {
  const sec = await newPage(browser);
  const ed = await newPage(browser);
  let current: Page = sec.page;
  const step = steps(t, 'meetings', () => current);
  let newDelegate = '';
  try {
    await step('the secretariat opens registration for a council meeting with one place', async () => {
      current = sec.page;
      const page = sec.page;
      await logIn(page, env.secretariat);
      await page.goto('/en/admin/meetings/new');
      const form = page.locator('form.record');
      await form.locator('#title-en').fill('Council of the alliance, 2026');
      await form.locator('#title-ru').fill('Совет альянса, 2026');
      await form.locator('#f-slug').fill(SLUG);
      await form.locator('#f-kind').selectOption('council');
      await form.locator('#f-startsOn').fill('2026-05-18');
      await form.locator('#f-timeZone').fill('Asia/Shanghai');
      await form.locator('#f-status').selectOption('registration_open');
      await form.locator('#f-capacity').fill('1');
      await clickAndWait(page, form.locator('button[type=submit]'), (u) => u.searchParams.get('done') === 'saved');
      assert.equal(new URL(page.url()).pathname, `/en/admin/meetings/${SLUG}`);
      assert.equal(await page.locator('#f-capacity').inputValue(), '1');
    });

    await step('the member editor finds the meeting and its registration button on the public page', async () => {
      current = ed.page;
      const page = ed.page;
      await logIn(page, env.editor);
      await page.goto('/en/meetings');
      await clickAndWait(page, page.locator(`li.meeting-entry[data-slug="${SLUG}"] h2 a`), (u) => u.pathname === `/en/meetings/${SLUG}`);
      await clickAndWait(page, page.locator('a.button', { hasText: mtLang('en', 'meeting.register') }), (u) => u.pathname === `/en/admin/meetings/${SLUG}/registrations`);
      assert.equal(squash(await page.locator('main h3').first().textContent()), mtLang('en', 'registrations.yours', { institution: 'China National Silk Museum' }));
    });

    await step('she registers one of her staff, then a new delegate', async () => {
      const page = ed.page;
      const form = page.locator('#register-form');
      await form.locator('#f-person').selectOption('ji-xiaofen');
      await form.locator('#f-email').fill('ji.xiaofen@example.org');
      await clickAndWait(page, form.locator('button[type=submit]'), (u) => u.searchParams.get('done') === 'saved');
      const form2 = page.locator('#register-form');
      await form2.locator('#name-en').fill('Chen Conservator');
      await form2.locator('#name-zh-Hans').fill('陈修复师');
      await form2.locator('#post-en').fill('Textile conservator');
      await clickAndWait(page, form2.locator('button[type=submit]'), (u) => u.searchParams.get('done') === 'saved');
      const rows = page.locator('table.registrations tbody tr');
      assert.equal(await rows.count(), 2, 'two delegates listed');
      newDelegate = (await rows.nth(1).getAttribute('data-person')) ?? '';
      assert.equal(newDelegate, 'chen-conservator');
      for (const person of ['ji-xiaofen', newDelegate])
        assert.equal(squash(await rowOf(page, person).locator('td.status').textContent()), mtLang('en', 'regstatus.pending'), `${person} waits for approval`);
      // she has no approval buttons: the secretariat decides
      assert.equal(await page.locator('button[data-action="approve"]').count(), 0);
      await screenshot(page, 'meetings-1-registered');
    });

    await step('the secretariat approves the first delegate', async () => {
      current = sec.page;
      const page = sec.page;
      await page.goto(`/en/admin/meetings/${SLUG}/registrations`);
      await clickAndWait(page, rowOf(page, 'ji-xiaofen').locator('button[data-action="approve"]'), (u) => u.searchParams.get('done') === 'saved');
      assert.equal(await rowOf(page, 'ji-xiaofen').getAttribute('data-status'), 'approved');
      assert.equal(squash(await page.locator('p.capacity').textContent()), mtLang('en', 'registrations.capacity', { approved: 1, capacity: 1, pending: 1, waitlisted: 0 }));
    });

    await step('approving the second is refused: the capacity is reached; she waitlists it', async () => {
      const page = sec.page;
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/decide')), rowOf(page, newDelegate).locator('button[data-action="approve"]').click()]);
      assert.equal(res.status(), 409, 'approval over capacity');
      await page.waitForLoadState('load');
      assert.equal(squash(await page.locator('#capacity-alert').textContent()), mtLang('en', 'registrations.capacityReached', { approved: 1, capacity: 1 }));
      await screenshot(page, 'meetings-2-capacity-reached');
      await clickAndWait(page, rowOf(page, newDelegate).locator('button[data-action="waitlist"]'), (u) => u.searchParams.get('done') === 'saved');
      assert.equal(await rowOf(page, newDelegate).getAttribute('data-status'), 'waitlisted');
      assert.match(squash(await rowOf(page, newDelegate).locator('td.status').textContent()), new RegExp(`^${mtLang('en', 'regstatus.waitlisted')} \\(${mtLang('en', 'registrations.waitlistPosition', { n: 1 })}\\)$`));
      assert.equal(await rowOf(page, 'ji-xiaofen').getAttribute('data-status'), 'approved');
      await screenshot(page, 'meetings-3-waitlisted');
    });

    await step('the member editor sees the decisions on her delegates', async () => {
      current = ed.page;
      const page = ed.page;
      await page.reload();
      assert.equal(await rowOf(page, 'ji-xiaofen').getAttribute('data-status'), 'approved');
      assert.equal(await rowOf(page, newDelegate).getAttribute('data-status'), 'waitlisted');
    });

    await step('a visitor reads the programme of the 4th conference in Russian', async () => {
      current = sec.page;
      const visitor = await newPage(browser);
      current = visitor.page;
      const page = visitor.page;
      try {
        const res = await page.goto(`/ru/meetings/${M4}`);
        assert.equal(res?.status(), 200);
        assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
        const names = (await page.locator('li.session h4.session-name').allTextContents()).map(squash);
        assert.deepEqual(names.slice(0, 6), [
          mtLang('ru', 'session.opening_ceremony'),
          mtLang('ru', 'session.keynote_session'),
          mtLang('ru', 'session.parallel_session'),
          mtLang('ru', 'session.parallel_session'),
          mtLang('ru', 'session.parallel_session'),
          mtLang('ru', 'session.visit'),
        ]);
        assert.equal(names[6], 'Silk Road Night [en]', 'the evening event keeps its only (English) name, marked');
        assert.equal(squash(await page.locator('#programme-h').textContent()), mtLang('ru', 'programme.title'));
        const evening = (await page.locator('li.session[data-kind="evening_event"] .when').textContent()) ?? '';
        assert.equal(squash(evening), 'вечером');
        const opening = page.locator('li.session[data-kind="opening_ceremony"]');
        assert.equal(squash(await opening.locator('.contribution[data-kind="video_address"] .ckind').textContent()), mtLang('ru', 'contribution.video_address'));
        assert.match(squash(await opening.locator('.contribution[data-kind="video_address"]').textContent()), /Shahbaz Khan/);
        await screenshot(page, 'meetings-4-programme-ru');

        await clickAndWait(page, page.locator('nav.programme-filters a[data-topic="sustainable-development"]'), (u) => u.searchParams.get('topic') === 'sustainable-development');
        assert.equal(await page.locator('li.session').count(), 1, 'one session on the sub-topic');
        assert.equal(await page.locator('li.session').getAttribute('data-topic'), 'sustainable-development');
        assert.equal(squash(await page.locator('p[role=status]').textContent()), mtLang('ru', 'programme.shown', { n: 1 }));
        await screenshot(page, 'meetings-5-topic-ru');

        const href = await page.locator('a.button[type="text/calendar"]').getAttribute('href');
        assert.ok(href?.endsWith('/calendar.ics?lang=ru'), `calendar link ${href}`);
        const ics = await page.request.get(href!);
        assert.equal(ics.status(), 200);
        assert.equal(ics.headers()['content-type'], 'text/calendar; charset=utf-8');
        const body = await ics.text();
        assert.ok(body.includes('SUMMARY;LANGUAGE=ru:Церемония открытия'), 'the feed speaks Russian');
        assert.equal(body.match(/BEGIN:VEVENT/g)?.length, 8);
        assert.ok(!body.includes(msg('ru', 'error.title')));
      } finally {
        await visitor.context.close();
      }
    });
  } finally {
    await sec.context.close();
    await ed.context.close();
  }
});
