// GET /api/v1/objects and /api/v1/objects/{id} over the demo collection that `npm start`
// loads (seeds/demo): counts by institution, demo data kept out of the alliance's list
// unless asked for, one object whole, and loading the demo twice changing nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/database.ts';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { systemActor } from '../accounts/permission.policy.ts';
import { loadDemo } from './demo.seed.ts';

const DEMO_DIR = path.resolve(import.meta.dirname, '../../../seeds/demo');
const actor = systemActor('test');

describe.each(DIALECTS)('objects API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
    const first = await loadDemo(t.database.db, actor, DEMO_DIR);
    expect(first.map((r) => [r.status, r.new, r.quarantined])).toEqual([
      ['succeeded', 3775, 0],
      ['succeeded', 197, 0],
    ]);
  }, 120_000);
  afterAll(() => t.close());

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as { total: number; items: Array<{ id: string; identifier: string; institution: { slug: string }; title: Record<string, string> }> } };
  };

  it('counts the objects of an institution with limit=0', async () => {
    expect((await get('/api/v1/objects?institution=walters-art-museum&limit=0')).body).toEqual({ total: 3775, limit: 0, offset: 0, items: [] });
    expect((await get('/api/v1/objects?institution=mplus&limit=0')).body.total).toBe(197);
  });

  it("leaves the demo collection out of the alliance's list unless asked for", async () => {
    expect((await get('/api/v1/objects?limit=0')).body.total).toBe(0);
    expect((await get('/api/v1/objects?demo=true&limit=0')).body.total).toBe(3972);
    expect((await get('/api/v1/objects?institution=mplus&demo=false&limit=0')).body.total).toBe(0);
  });

  it('answers one object whole, and 404 for one that does not exist', async () => {
    const list = await get('/api/v1/objects?institution=mplus&limit=1');
    const summary = list.body.items[0]!;
    expect(summary.institution.slug).toBe('mplus');
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/objects/${summary.id}` });
    expect(one.statusCode).toBe(200);
    const o = one.json() as { id: string; identifier: string; data: { identifier: string; title: Record<string, string>; rights?: string } };
    expect(o.id).toBe(summary.id);
    expect(o.data.identifier).toBe(summary.identifier);
    expect(o.data.title).toEqual(summary.title);
    expect(o.data.rights).toBe('http://creativecommons.org/publicdomain/zero/1.0/');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/objects/onothere000' })).statusCode).toBe(404);
  });

  it('loading the demo again changes nothing', async () => {
    const again = await loadDemo(t.database.db, actor, DEMO_DIR);
    expect(again.map((r) => [r.new, r.updated, r.unchanged])).toEqual([
      [0, 0, 3775],
      [0, 0, 197],
    ]);
    expect((await get('/api/v1/objects?demo=true&limit=0')).body.total).toBe(3972);
  }, 120_000);
});
