// The test provider keeps the protocol (so client tests prove something), injects the
// faults it promises, and its generated and fixture records are well-formed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { descendants, elements, first, parseXml, textOf, type XmlElement } from '../../src/modules/harvest/formats/xml.ts';
import {
  fixturesMissing,
  generateLidoRecords,
  loadFixtureLidoRecords,
  loadFixtureOaiDcRecords,
  OAI_NS,
  startOaiProvider,
  type OaiProvider,
  type OaiProviderOptions,
} from './oai-provider.ts';

const LIDO = 'http://www.lido-schema.org';
const open: OaiProvider[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

async function start(o: Partial<OaiProviderOptions> = {}) {
  const p = await startOaiProvider({ records: generateLidoRecords(25), pageSize: 10, ...o });
  open.push(p);
  return p;
}

async function get(p: OaiProvider, query: string, init?: RequestInit) {
  const res = await fetch(`${p.baseUrl}?${query}`, init);
  const text = await res.text();
  return { res, text, root: res.headers.get('content-type')?.includes('xml') ? parseXml(text, { maxBytes: 1e8, maxDepth: 128 }) : undefined };
}

const errorCode = (root: XmlElement | undefined) => first(root, OAI_NS, 'error')?.attrs.code;

describe('test OAI-PMH provider: the protocol', () => {
  it('Identify answers a well-formed OAI-PMH document on 127.0.0.1', async () => {
    const p = await start({ granularity: 'YYYY-MM-DD' });
    expect(p.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oai$/);
    const { res, root } = await get(p, 'verb=Identify');
    expect(res.status).toBe(200);
    expect(root!.local).toBe('OAI-PMH');
    expect(textOf(first(first(root, OAI_NS, 'Identify'), OAI_NS, 'granularity'))).toBe('YYYY-MM-DD');
    expect(first(root, OAI_NS, 'request')!.attrs.verb).toBe('Identify');
  });

  it.each([
    ['', 'badVerb'],
    ['verb=Frobnicate', 'badVerb'],
    ['verb=Identify&verb=Identify', 'badVerb'],
    ['verb=Identify&extra=1', 'badArgument'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=lido&metadataPrefix=lido', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=lido&resumptionToken=abc', 'badArgument'],
    ['verb=ListRecords&resumptionToken=garbage', 'badResumptionToken'],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
    ['verb=ListRecords&metadataPrefix=lido&from=yesterday', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=lido&from=2021-01-02&until=2021-01-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=lido&from=2031-01-01', 'noRecordsMatch'],
    ['verb=GetRecord&metadataPrefix=lido', 'badArgument'],
    ['verb=GetRecord&metadataPrefix=lido&identifier=oai:none:1', 'idDoesNotExist'],
  ])('%s -> %s', async (q, code) => {
    const p = await start();
    const { res, root } = await get(p, q);
    expect(res.status).toBe(200);
    expect(errorCode(root)).toBe(code);
  });

  it('day granularity refuses seconds in from/until', async () => {
    const p = await start({ granularity: 'YYYY-MM-DD' });
    expect(errorCode((await get(p, 'verb=ListRecords&metadataPrefix=lido&from=2021-01-01T00:00:00Z')).root)).toBe('badArgument');
    const ok = await get(p, 'verb=ListRecords&metadataPrefix=lido&from=2021-01-01');
    expect(errorCode(ok.root)).toBeUndefined();
    expect(textOf(descendants(ok.root!, OAI_NS, 'datestamp')[0])).toBe('2021-01-01');
  });

  it('pages with stateless tokens, cursor and completeListSize, and an empty token on the last page', async () => {
    const p = await start();
    const seen: string[] = [];
    let q = 'verb=ListRecords&metadataPrefix=lido';
    const tokens: Array<Record<string, string>> = [];
    for (;;) {
      const { root } = await get(p, q);
      const list = first(root, OAI_NS, 'ListRecords')!;
      for (const r of elements(list, OAI_NS, 'record')) seen.push(textOf(descendants(r, OAI_NS, 'identifier')[0]));
      const tok = first(list, OAI_NS, 'resumptionToken')!;
      tokens.push({ ...tok.attrs, value: textOf(tok) });
      if (!textOf(tok)) break;
      q = `verb=ListRecords&resumptionToken=${encodeURIComponent(textOf(tok))}`;
    }
    expect(seen).toEqual([...generateLidoRecords(25)].map((r) => r.identifier));
    expect(tokens.map((t) => [t.cursor, t.completeListSize, t.value === ''])).toEqual([
      ['0', '25', false],
      ['10', '25', false],
      ['20', '25', true],
    ]);
  });

  it('a list that fits one page has no token; POST is accepted', async () => {
    const p = await start({ pageSize: 100 });
    const { root } = await get(p, '', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verb=ListRecords&metadataPrefix=lido' });
    const list = first(root, OAI_NS, 'ListRecords')!;
    expect(elements(list, OAI_NS, 'record')).toHaveLength(25);
    expect(first(list, OAI_NS, 'resumptionToken')).toBeUndefined();
  });

  it('set filtering is hierarchical; ListSets pages; ListMetadataFormats by identifier', async () => {
    const p = await start({ setPageSize: 4 });
    const museum = await get(p, 'verb=ListRecords&metadataPrefix=lido&set=museum');
    expect(first(first(museum.root, OAI_NS, 'ListRecords'), OAI_NS, 'resumptionToken')!.attrs.completeListSize).toBe('25');
    const sets = await get(p, 'verb=ListSets');
    expect(elements(first(sets.root, OAI_NS, 'ListSets')!, OAI_NS, 'set')).toHaveLength(4);
    const id = generateLidoRecords(1).header(0).identifier;
    const formats = await get(p, `verb=ListMetadataFormats&identifier=${encodeURIComponent(id)}`);
    expect(textOf(descendants(formats.root!, OAI_NS, 'metadataPrefix')[0])).toBe('lido');
  });

  it('deleted records have a status and no metadata', async () => {
    const p = await start({ records: generateLidoRecords(4, { deletedEvery: 2 }) });
    const { root } = await get(p, 'verb=ListRecords&metadataPrefix=lido');
    const recs = descendants(root!, OAI_NS, 'record');
    expect(recs.map((r) => [first(r, OAI_NS, 'header')!.attrs.status, !!first(r, OAI_NS, 'metadata')])).toEqual([
      [undefined, true],
      ['deleted', false],
      [undefined, true],
      ['deleted', false],
    ]);
  });
});

describe('test OAI-PMH provider: page cache for benchmarks', () => {
  it('serves unfiltered ListRecords pages from disk once built; faults and filters bypass it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oai-cache-'));
    try {
      const p = await start({ pageCache: dir });
      p.warm();
      expect(fs.readdirSync(dir).sort()).toEqual([0, 10, 20].map((c) => `ListRecords-lido-25-10-20-${c}.xml`));
      const walk = async () => {
        const got: string[] = [];
        let q = 'verb=ListRecords&metadataPrefix=lido';
        for (;;) {
          const { root } = await get(p, q);
          got.push(...descendants(root!, OAI_NS, 'identifier').map(textOf));
          const tok = textOf(descendants(root!, OAI_NS, 'resumptionToken')[0]);
          if (!tok) return got;
          q = `verb=ListRecords&resumptionToken=${encodeURIComponent(tok)}`;
        }
      };
      expect(await walk()).toEqual([...generateLidoRecords(25)].map((r) => r.identifier));
      p.setFaults({ always: [{ kind: 'bom' }] });
      const raw = Buffer.from(await (await fetch(`${p.baseUrl}?verb=ListRecords&metadataPrefix=lido`)).arrayBuffer());
      expect(raw[0]).toBe(0xef);
      p.setFaults({});
      const { root } = await get(p, 'verb=ListRecords&metadataPrefix=lido&set=museum:iran');
      expect(descendants(root!, OAI_NS, 'record').length).toBe(4);
      expect(fs.readdirSync(dir)).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('test OAI-PMH provider: faults', () => {
  it('by request number and by page, once unless told how many times', async () => {
    const p = await start({ faults: { onRequest: { 1: { kind: 'html' } }, onPage: { 2: { kind: '503', retryAfter: 7, times: 2 } } } });
    const a = await get(p, 'verb=Identify');
    expect(a.res.headers.get('content-type')).toMatch(/text\/html/);
    expect((await get(p, 'verb=Identify')).root).toBeDefined();
    const first1 = await get(p, 'verb=ListRecords&metadataPrefix=lido');
    const tok = textOf(descendants(first1.root!, OAI_NS, 'resumptionToken')[0]);
    const q = `verb=ListRecords&resumptionToken=${encodeURIComponent(tok)}`;
    for (let i = 0; i < 2; i++) {
      const r = await get(p, q);
      expect(r.res.status).toBe(503);
      expect(r.res.headers.get('retry-after')).toBe('7');
    }
    expect((await get(p, q)).res.status).toBe(200);
    expect(p.requests).toHaveLength(6);
    expect(p.requestCount).toBe(6);
  });

  it('oai-error-422, bom, control characters, malformed, trailing garbage, latin1', async () => {
    const p = await start();
    p.setFaults({ always: [{ kind: 'oai-error-422', code: 'badArgument' }] });
    const e = await get(p, 'verb=Identify');
    expect(e.res.status).toBe(422);
    expect(errorCode(e.root)).toBe('badArgument');
    p.setFaults({ always: [{ kind: 'bom' }, { kind: 'control-chars' }] });
    const raw = Buffer.from(await (await fetch(`${p.baseUrl}?verb=ListRecords&metadataPrefix=lido`)).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('<metadata>\u0003\u001a\u000b<lido:lido');
    p.setFaults({ always: [{ kind: 'malformed' }] });
    const bad = await awaitText(p, 'verb=Identify');
    expect(bad).toMatch(/^<\?xml/);
    expect(() => parseXml(bad, { maxBytes: 1e6, maxDepth: 64 })).toThrow();
    p.setFaults({ always: [{ kind: 'trailing-garbage' }] });
    expect(await awaitText(p, 'verb=Identify')).toMatch(/<\/OAI-PMH>\n<br \/>\n<b>Notice<\/b>/);
    p.setFaults({ always: [{ kind: 'latin1' }] });
    const latin = await fetch(`${p.baseUrl}?verb=ListRecords&metadataPrefix=lido`);
    const body = Buffer.from(await latin.arrayBuffer()).toString('latin1');
    expect(body).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"\?>/);
    expect(body).toMatch(/&#x[0-9a-f]+;/);
  });

  it('drop: headers and half a body, then the connection is gone', async () => {
    const p = await start({ faults: { always: [{ kind: 'drop' }] } });
    await expect(fetch(`${p.baseUrl}?verb=Identify`).then((r) => r.text())).rejects.toThrow();
  });
});

async function awaitText(p: OaiProvider, q: string) {
  return (await fetch(`${p.baseUrl}?${q}`)).text();
}

describe('generated LIDO records', () => {
  it('are deterministic, unique, well-formed LIDO with en and zh-Hans titles, places with coordinates and AAT ids', () => {
    const a = generateLidoRecords(100_000);
    const b = generateLidoRecords(100_000);
    expect(a.size).toBe(100_000);
    const ids = new Set<string>();
    let bytes = 0;
    for (const i of [0, 1, 2, 5, 99, 1234, 54_321, 99_999]) {
      expect(a.metadata(i)).toBe(b.metadata(i));
      const h = a.header(i);
      ids.add(h.identifier);
      expect(a.indexOf!(h.identifier)).toBe(i);
      const xml = a.metadata(i);
      bytes += Buffer.byteLength(xml);
      const el = parseXml(xml, { maxBytes: 1e6, maxDepth: 64 });
      expect(el.ns).toBe(LIDO);
      const titles = descendants(el, LIDO, 'appellationValue').filter((e) => e.parent?.local === 'titleSet');
      expect(titles.map((t) => t.lang)).toEqual(['en', 'zh-Hans']);
      expect(textOf(titles[1])).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(textOf(descendants(el, 'http://www.opengis.net/gml', 'pos')[0])).toMatch(/^-?\d+\.\d+ -?\d+\.\d+$/);
      expect(descendants(el, LIDO, 'conceptID').some((c) => textOf(c).startsWith('http://vocab.getty.edu/aat/'))).toBe(true);
      expect(Number(textOf(descendants(el, LIDO, 'earliestDate')[0]))).toBeLessThanOrEqual(Number(textOf(descendants(el, LIDO, 'latestDate')[0])));
    }
    expect(ids.size).toBe(8);
    expect(a.indexOf!('oai:nowhere:1')).toBe(-1);
    // datestamps rise with the index
    expect(a.header(10).datestamp < a.header(11).datestamp).toBe(true);
    console.log(`generated LIDO: ~${Math.round(bytes / 8)} bytes a record`);
  });

  it('vary: museums, identifier styles, object types, dates', () => {
    const src = generateLidoRecords(600);
    const hosts = new Set<string>();
    const types = new Set<string>();
    const dates = new Set<string>();
    for (let i = 0; i < 600; i++) {
      hosts.add(src.header(i).identifier.split(':')[1]!);
      const el = parseXml(src.metadata(i), { maxBytes: 1e6, maxDepth: 64 });
      types.add(textOf(descendants(el, LIDO, 'objectWorkType')[0]));
      dates.add(textOf(descendants(el, LIDO, 'displayDate')[0]));
    }
    expect(hosts.size).toBe(6);
    expect(types.size).toBeGreaterThanOrEqual(8);
    expect(dates.size).toBeGreaterThanOrEqual(15);
  });
});

describe('fixture records', () => {
  const missing = fixturesMissing();
  if (missing) console.log(missing);

  it.skipIf(!!missing)('every LIDO fixture record parses on its own, with the LIDO namespace', () => {
    const recs = loadFixtureLidoRecords({ includeBroken: true });
    const clean = loadFixtureLidoRecords();
    expect(clean.length).toBeLessThan(recs.length);
    expect(new Set(recs.map((r) => r.identifier)).size).toBe(recs.length);
    for (const r of recs) {
      const el = parseXml(r.metadataXml, { maxBytes: 1e7, maxDepth: 128 });
      expect(el.local).toBe('lido');
      expect(el.ns).toBe(LIDO);
    }
    expect(recs.map((r) => r.file)).toContain('lido/real-world/cimec-romania/LIDO-Test.xml');
  });

  it.skipIf(!!missing)('oai_dc fixture records: unique identifiers, deleted ones, each metadata parses alone', () => {
    const recs = loadFixtureOaiDcRecords();
    expect(new Set(recs.map((r) => r.identifier)).size).toBe(recs.length);
    expect(recs.some((r) => r.deleted)).toBe(true);
    for (const r of recs.filter((x) => !x.deleted)) expect(parseXml(r.metadataXml, { maxBytes: 1e7, maxDepth: 128 }).local).toBe('dc');
    expect(recs.length).toBeGreaterThan(100);
  });
});

describe('run on its own', () => {
  it('node --import tsx test/support/oai-provider.ts --generate N prints its base URL and serves', async () => {
    const file = fileURLToPath(new URL('./oai-provider.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', file, '--generate', '1000', '--page-size', '50'], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (c) => reject(new Error(`exited ${c}`)));
      });
      const { baseUrl, records } = JSON.parse(line) as { baseUrl: string; records: number };
      expect(records).toBe(1000);
      const res = await fetch(`${baseUrl}?verb=ListRecords&metadataPrefix=lido`);
      expect(await res.text()).toMatch(/completeListSize="1000"/);
    } finally {
      child.stdin!.end();
      await new Promise((r) => child.once('exit', r));
    }
  });
});
