// The OpenAPI document at /api/v1/openapi.json and the server-rendered reference at /api/docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/database.ts';
import { testApp, type TestApp } from '../../test/support/app.ts';

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  [k: string]: unknown;
}
interface Operation {
  summary?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const PATHS = [
  '/api/v1/institutions',
  '/api/v1/institutions/{id}',
  '/api/v1/people',
  '/api/v1/people/{id}',
  '/api/v1/memberships',
  '/api/v1/offices',
  '/api/v1/counts',
];

/** Every $ref anywhere in the document. */
function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else refs(x, out);
    }
  return out;
}

describe.each(DIALECTS)('OpenAPI on %s', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    t = await testApp(dialect);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.json<OpenApiDoc>();
  });
  afterAll(() => t.close());

  const ok = (path: string) => doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema;

  it('is OpenAPI 3 with the registry\'s read API and only API paths (no pages or admin)', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('Caravanserai API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([...PATHS]));
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
    for (const p of PATHS) expect(Object.keys(doc.paths[p]!)).toEqual(['get']);
  });

  it('describes the path parameters and the queries', () => {
    for (const p of ['/api/v1/institutions/{id}', '/api/v1/people/{id}'])
      expect(doc.paths[p]!.get!.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const q = doc.paths['/api/v1/institutions']!.get!.parameters!.map((x) => `${x.in}:${x.name}`).sort();
    expect(q).toEqual(['query:category', 'query:country', 'query:kind', 'query:limit', 'query:offset', 'query:q', 'query:status']);
  });

  it('has a response schema for every operation', () => {
    for (const p of PATHS) expect(ok(p), p).toBeTruthy();
    expect(ok('/api/v1/institutions').required).toEqual(['total', 'limit', 'offset', 'items']);
    const item = ok('/api/v1/institutions').properties!.items!.items!;
    expect(item.required).toEqual(expect.arrayContaining(['id', 'slug', 'name', 'membership']));
    expect(item.properties!.membership).toBeTruthy();
    expect(ok('/api/v1/institutions/{id}')).toBeTruthy();
    expect(ok('/api/v1/people').properties!.items!.type).toBe('array');
    expect(ok('/api/v1/counts').required).toEqual(['members', 'countries', 'byCategory', 'byStatus', 'byCountry']);
    expect(ok('/api/v1/offices').properties!.items!.type).toBe('array');
    expect(ok('/api/v1/memberships').properties!.total!.type).toBe('integer');
  });

  it('describes the error body of the operations that can fail', () => {
    for (const p of ['/api/v1/institutions', '/api/v1/institutions/{id}', '/api/v1/people', '/api/v1/people/{id}', '/api/v1/memberships']) {
      const r = doc.paths[p]!.get!.responses;
      expect(Object.keys(r).sort(), p).toEqual(['200', '400', '404', '422']);
      const err = r['404']!.content!['application/json']!.schema;
      expect(err.required).toEqual(['error']);
      expect(err.properties!.error!.required).toEqual(['code', 'message']);
    }
  });

  it('has no dangling $ref', () => {
    const schemas = doc.components?.schemas ?? {};
    for (const r of refs(doc)) {
      expect(r).toMatch(/^#\/components\/schemas\//);
      expect(schemas[r.slice('#/components/schemas/'.length)], r).toBeTruthy();
    }
  });

  it('serves /api/docs as an HTML page listing every operation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html>/);
    for (const p of PATHS) expect(res.body, p).toContain(`<code>GET ${p}</code>`);
    expect(res.body).toContain('<a href="/api/v1/openapi.json">');
    // the concrete paths are links, the templated ones are not
    expect(res.body).toContain('<a href="/api/v1/counts">/api/v1/counts</a>');
    expect(res.body).not.toContain('<a href="/api/v1/people/{id}">');
    expect(res.body).not.toContain('<script');
  });
});
