// The client against REAL captured provider answers (../shared/fixtures/oai-pmh), served
// byte for byte from a tiny static server on loopback: the sickle chain whose tokens
// name the next file, Tethys pages without a final token and with an xml-stylesheet
// PI, Zenodo bodies with their recorded HTTP status (422 for OAI errors) and content
// type, the Erasmus OAICat captures (hierarchical sets, not well-formed fake3/fake4,
// an invalid earliestDatestamp in fake5), the spec's own error examples, and an HTML page.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRecord, identify, listMetadataFormats, listRecords, listSets, OaiError, type OaiClientOptions, type OaiPage } from './oai-client.ts';
import { FIXTURES_DIR, fixturesMissing } from '../../../../test/support/oai-provider.ts';

const missing = fixturesMissing();
if (missing) console.log(missing);
const O = path.join(FIXTURES_DIR, 'oai-pmh');
const FAST: OaiClientOptions = { baseDelayMs: 10, maxDelayMs: 50 };

interface Served {
  file: string;
  status?: number;
  type?: string;
}

/** a query, order-free: "a=1&b=2" whatever order or escaping it was sent in */
const key = (q: URLSearchParams | string) =>
  [...new URLSearchParams(q)]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');

const tokenOf = (file: string) => /<resumptionToken[^>]*>([^<]+)</.exec(fs.readFileSync(file, 'utf8'))?.[1];

let server: http.Server;
let base = '';
const log: string[] = [];

function route(site: string, q: URLSearchParams): Served | undefined {
  const verb = q.get('verb');
  const token = q.get('resumptionToken');
  switch (site) {
    case 'sickle': {
      const d = path.join(O, 'sickle-sanitised');
      if (token) return fs.existsSync(path.join(d, token)) ? { file: path.join(d, token) } : { file: path.join(O, 'spec-examples/badResumptionToken.xml') };
      const f = { Identify: 'Identify.xml', ListSets: 'ListSets.xml', ListMetadataFormats: 'ListMetadataFormats.xml', ListRecords: 'ListRecords.xml', ListIdentifiers: 'ListIdentifiers.xml', GetRecord: 'GetRecord.xml' }[verb ?? ''];
      return f ? { file: path.join(d, f) } : undefined;
    }
    case 'sickle-broken':
      return { file: path.join(O, 'sickle-sanitised/ListRecordsBroken.xml') };
    case 'tethys': {
      const d = path.join(O, 'real-world/tethys-oai-pmh-2-js');
      if (verb === 'Identify') return { file: path.join(d, 'identify.xml') };
      if (verb === 'ListMetadataFormats') return { file: path.join(d, 'list-metadata-formats.xml') };
      if (verb === 'GetRecord') {
        const f = q.get('identifier') === 'oai:tethys.at:1' ? 'get-record/get-record-malformed.xml' : 'error/id-does-not-exist.xml';
        return { file: path.join(d, f) };
      }
      const dir = { ListSets: 'list-sets', ListRecords: 'list-records', ListIdentifiers: 'list-identifiers' }[verb ?? ''];
      if (!dir) return undefined;
      // the token of page n names page n+1
      let page = 1;
      if (token) page = [1, 2].find((n) => tokenOf(path.join(d, dir, `${n}.xml`)) === token)! + 1;
      return Number.isNaN(page) ? undefined : { file: path.join(d, dir, `${page}.xml`) };
    }
    case 'zenodo': {
      const d = path.join(O, 'real-world/zenodo-oaipmh-scythe-cassettes/extracted-bodies');
      for (const line of fs.readFileSync(path.join(d, 'INDEX.tsv'), 'utf8').split('\n').slice(1)) {
        const [file, status, type, uri] = line.split('\t');
        if (!file || !uri) continue;
        const u = new URL(uri);
        if (u.host === 'zenodo.org' && key(u.searchParams) === key(q)) return { file: path.join(d, file), status: Number(status), type };
      }
      return undefined;
    }
    case 'e-periodica':
      return { file: path.join(O, 'real-world/zenodo-oaipmh-scythe-cassettes/extracted-bodies/identify__01__www.e-periodica.ch__Identify.xml'), type: 'application/xml;charset=UTF-8' };
    case 'httpbun':
      return { file: path.join(O, 'real-world/zenodo-oaipmh-scythe-cassettes/extracted-bodies/identify__00__httpbun.com__Identify.html'), type: 'text/html; charset=utf-8' };
    case 'spec':
      return { file: path.join(O, 'spec-examples', `${q.get('example')}.xml`) };
    default: {
      const m = /^erasmus-(fake\d)$/.exec(site);
      if (!m) return undefined;
      const d = path.join(O, 'real-world/erasmus-dspace-pyoai', m[1]!);
      const lines = fs.readFileSync(path.join(d, 'mapping.txt'), 'utf8').split('\n');
      for (let i = 0; i + 1 < lines.length; i += 2) if (key(lines[i]!.trim()) === key(q)) return { file: path.join(d, lines[i + 1]!.trim()) };
      return undefined;
    }
  }
}

beforeAll(async () => {
  if (missing) return;
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const site = url.pathname.replace(/^\/|\/oai$/g, '');
    const q = new URLSearchParams(url.searchParams);
    q.delete('example');
    const s = route(site, site === 'spec' ? url.searchParams : q);
    log.push(`${site} ${key(q)} -> ${s ? path.basename(s.file) : 404}`);
    if (!s || !fs.existsSync(s.file)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no capture for this request');
    res.writeHead(s.status ?? 200, { 'content-type': s.type ?? 'text/xml; charset=utf-8' }).end(fs.readFileSync(s.file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function pages(site: string, params: { metadataPrefix?: string; from?: string; set?: string; resumptionToken?: string } = {}) {
  const out: OaiPage[] = [];
  let error: OaiError | undefined;
  try {
    for await (const p of listRecords(`${base}/${site}/oai`, { metadataPrefix: 'oai_dc', ...params }, FAST)) out.push(p);
  } catch (e) {
    if (!(e instanceof OaiError)) throw e;
    error = e;
  }
  return { pages: out, records: out.flatMap((p) => p.records), error };
}

async function failure(p: Promise<unknown>): Promise<OaiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OaiError) return e;
    throw e;
  }
  throw new Error('expected an OaiError');
}

describe.skipIf(!!missing)('real captures: sickle (Bielefeld PUB, anonymised)', () => {
  it('follows the ListRecords chain whose tokens name the next file, to the page without a token', async () => {
    const { pages: ps, error } = await pages('sickle');
    expect(error).toBeUndefined();
    expect(ps.map((p) => p.resumptionToken)).toEqual(['ListRecords2.xml', 'ListRecords3.xml', 'ListRecords4.xml', null]);
    expect(ps.map((p) => p.completeListSize)).toEqual([8, 8, 8, undefined]);
    expect(ps[3]!.repairs).toEqual(['no resumptionToken on the last page (the protocol asks for an empty one): taken as the end of the list']);
    expect(ps[0]!.records.map((r) => [r.identifier, r.deleted, r.datestamp])).toEqual([
      ['oai:test.example.com:1585310', true, '2011-07-18T16:31:00Z'],
      ['oai:test.example.com:1585322', false, '2011-01-10T10:19:23Z'],
    ]);
    expect(ps[0]!.records[1]!.metadata?.name).toBe('oai_dc:dc');
  });

  it('ListRecords4: a deleted header without identifier or datestamp is a deleted record without them (the caller quarantines it)', async () => {
    const { pages: ps } = await pages('sickle', { resumptionToken: 'ListRecords4.xml' });
    const [orphan, ok] = ps[0]!.records;
    expect(orphan).toMatchObject({ deleted: true, setSpecs: [] });
    expect(orphan!.identifier).toBeUndefined();
    expect(orphan!.datestamp).toBeUndefined();
    expect(orphan!.metadata).toBeUndefined();
    expect(orphan!.raw.toString()).toMatch(/^<record xmlns="http:\/\/www\.openarchives\.org\/OAI\/2\.0\/" xmlns:xsi="[^"]+">\s*<header status="deleted">\s*<!--Missing identifier-->/);
    expect(ok!.identifier).toBe('oai:test.example.com:1585322');
  });

  it('an unknown token is badResumptionToken (the spec example)', async () => {
    const { error } = await pages('sickle', { resumptionToken: 'expired' });
    expect(error?.code).toBe('badResumptionToken');
  });

  it('Identify, ListSets (131 sets), ListMetadataFormats, GetRecord', async () => {
    const id = await identify(`${base}/sickle/oai`, FAST);
    expect(id).toMatchObject({ repositoryName: 'A Test Repository', granularity: 'YYYY-MM-DD', earliestDatestamp: '1970-01-01T00:00:00Z', repositoryIdentifier: 'test.example.com' });
    const sets = await listSets(`${base}/sickle/oai`, FAST);
    expect(sets).toHaveLength(131);
    const formats = await listMetadataFormats(`${base}/sickle/oai`, FAST);
    expect(formats.map((f) => f.metadataPrefix)).toContain('oai_dc');
    const rec = await getRecord(`${base}/sickle/oai`, 'oai:test.example.com:1585322', 'oai_dc', FAST);
    expect(rec.metadata?.local).toBe('dc');
  });

  it('ListRecordsBroken ("broken xml") is retried once, then an error naming the page and line', async () => {
    const before = log.length;
    const { error } = await pages('sickle-broken');
    expect(error?.code).toBe('malformed');
    expect(error?.message).toMatch(/^page http:\/\/127\.0\.0\.1:\d+\/sickle-broken\/oai\?verb=ListRecords&metadataPrefix=oai_dc is not well-formed XML: line 1, column \d+: /);
    expect(log.length - before).toBe(2);
    // salvage has nothing to save in it: still the error, not an empty (falsely complete) harvest
    const salvaged: OaiPage[] = [];
    await expect(
      (async () => {
        for await (const p of listRecords(`${base}/sickle-broken/oai`, { metadataPrefix: 'oai_dc' }, { ...FAST, salvage: true })) salvaged.push(p);
      })(),
    ).rejects.toMatchObject({ code: 'malformed' });
    expect(salvaged).toEqual([]);
  });
});

describe.skipIf(!!missing)('real captures: Tethys RDR (xml-stylesheet PI, no final token)', () => {
  it('ListRecords: 3 pages, the last without a token', async () => {
    const { pages: ps, error } = await pages('tethys');
    expect(error).toBeUndefined();
    expect(ps).toHaveLength(3);
    expect(ps.map((p) => p.cursor)).toEqual([0, 1, undefined]);
    expect(ps[2]!.resumptionToken).toBeNull();
    expect(ps[2]!.repairs).toEqual(['no resumptionToken on the last page (the protocol asks for an empty one): taken as the end of the list']);
    const recs = ps.flatMap((p) => p.records);
    expect(recs.every((r) => r.identifier?.startsWith('oai:tethys.at:') && r.metadata?.name === 'oai_dc:dc')).toBe(true);
    // oai_dc and dc are declared on the page's root: raw carries them so it parses alone
    expect(recs[0]!.raw.toString()).toMatch(/^<record xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/" xmlns:oai_dc="http:\/\/www\.openarchives\.org\/OAI\/2\.0\/oai_dc\/"/);
    expect(recs[0]!.setSpecs).toEqual(['data-type:gis', 'ddc:550', 'open_access', 'openaire_data', 'doc-type:ResearchData']);
  });

  it('ListSets over 3 pages; Identify; a GetRecord without metadata; idDoesNotExist', async () => {
    expect(await listSets(`${base}/tethys/oai`, FAST)).toHaveLength(9);
    const id = await identify(`${base}/tethys/oai`, FAST);
    expect(id).toMatchObject({ granularity: 'YYYY-MM-DDThh:mm:ssZ', compression: ['gzip', 'deflate'], repositoryIdentifier: 'tethys.at', repairs: [] });
    const rec = await getRecord(`${base}/tethys/oai`, 'oai:tethys.at:1', 'oai_dc', FAST);
    expect(rec).toMatchObject({ identifier: 'oai:tethys.at:1', deleted: false });
    expect(rec.metadata).toBeUndefined();
    const e = await failure(getRecord(`${base}/tethys/oai`, 'oai:tethys.at:999', 'oai_dc', FAST));
    expect(e).toMatchObject({ code: 'idDoesNotExist', status: 200 });
  });
});

describe.skipIf(!!missing)('real captures: Zenodo (InvenioRDM) with recorded status and content type', () => {
  it('follows the real tokens through three recorded pages (cursor 0, 50, then a trimmed page without a token)', async () => {
    const { pages: ps, error } = await pages('zenodo');
    expect(error).toBeUndefined();
    expect(ps.map((p) => [p.records.length, p.cursor, p.completeListSize])).toEqual([
      [3, 0, 8091628],
      [3, 50, 8091628],
      [3, undefined, undefined],
    ]);
    expect(ps[2]!.repairs).toEqual(['no resumptionToken on the last page (the protocol asks for an empty one): taken as the end of the list']);
    expect(new Set(ps.flatMap((p) => p.records.map((r) => r.identifier))).size).toBe(9);
  });

  it('noRecordsMatch with HTTP 422 and empty text is an empty harvest (from in the future, unknown set)', async () => {
    for (const params of [{ from: '2030-01-01' }, { set: 'XXX' }]) {
      const { pages: ps, error } = await pages('zenodo', params);
      expect(error).toBeUndefined();
      expect(ps).toEqual([expect.objectContaining({ records: [], resumptionToken: null, noRecordsMatch: true })]);
    }
  });

  it('an unknown metadataPrefix is badArgument with 422 (not cannotDisseminateFormat)', async () => {
    const { error } = await pages('zenodo', { metadataPrefix: 'XXX' });
    expect(error).toMatchObject({ code: 'badArgument', status: 422 });
    expect(error?.message).toMatch(/metadataPrefix does not exist \(check the metadataPrefix against ListMetadataFormats\)$/);
  });

  it('badResumptionToken with 422', async () => {
    const { error } = await pages('zenodo', { resumptionToken: 'XXX' });
    expect(error).toMatchObject({ code: 'badResumptionToken', status: 422 });
    expect(error?.message).toMatch(/restart the harvest from its `from`/);
  });

  it('idDoesNotExist with 422; Identify; ListSets over two pages; ListMetadataFormats', async () => {
    expect(await failure(getRecord(`${base}/zenodo/oai`, 'oai:zenodo.org:XXX', 'oai_dc', FAST))).toMatchObject({ code: 'idDoesNotExist', status: 422 });
    expect(await identify(`${base}/zenodo/oai`, FAST)).toMatchObject({ repositoryName: 'Zenodo', deletedRecord: 'no', granularity: 'YYYY-MM-DDThh:mm:ssZ' });
    expect(await listSets(`${base}/zenodo/oai`, FAST)).toHaveLength(10);
    expect((await listMetadataFormats(`${base}/zenodo/oai`, FAST)).map((f) => f.metadataPrefix)).toContain('oai_dc');
  });

  it('e-periodica: a repositoryIdentifier that breaks the oai-identifier pattern is kept as sent', async () => {
    expect(await identify(`${base}/e-periodica/oai`, FAST)).toMatchObject({ repositoryIdentifier: 'agora', repairs: [] });
  });

  it('an HTML page for an OAI request is refused with words that say so', async () => {
    const e = await failure(identify(`${base}/httpbun/oai`, FAST));
    expect(e.code).toBe('not_oai');
    expect(e.message).toMatch(/^the server answered an HTML page, not OAI-PMH XML \(HTTP 200, text\/html, “Httpbun sample”\)/);
  });
});

describe.skipIf(!!missing)('real captures: Erasmus OAICat/DSpace (2003–2006)', () => {
  it('Identify with compression; hierarchical sets; a 16-record ListRecords page with mojibake kept as is', async () => {
    const id = await identify(`${base}/erasmus-fake1/oai`, FAST);
    expect(id).toMatchObject({ repositoryName: 'Erasmus University : Research Online', compression: ['gzip', 'compress', 'deflate'], deletedRecord: 'no' });
    const sets = await listSets(`${base}/erasmus-fake1/oai`, FAST);
    expect(sets.map((s) => s.setSpec)).toContain('1:2');
    const { pages: ps, error } = await pages('erasmus-fake1', { from: '2003-04-10T00:00:00Z' });
    expect(error).toBeUndefined();
    expect(ps).toHaveLength(1);
    expect(ps[0]!.records).toHaveLength(16);
    expect(ps[0]!.repairs).toEqual([]);
    expect(ps[0]!.records[0]!.raw.toString()).toContain('ge??llustreerd');
  });

  it('fake2: a 250 KB page of 81 records; a deleted GetRecord with a duplicated setSpec', async () => {
    const { pages: ps } = await pages('erasmus-fake2', { from: '2004-01-01T00:00:00Z' });
    expect(ps[0]!.records).toHaveLength(81);
    const del = await getRecord(`${base}/erasmus-fake2/oai`, 'hdl:1765/1160', 'oai_dc', FAST);
    expect(del).toMatchObject({ identifier: 'hdl:1765/1160', deleted: true, setSpecs: ['1:1'] });
  });

  it.each(['fake3', 'fake4'])('%s is not well-formed: asked twice, then an error naming the page and line', async (f) => {
    const before = log.length;
    const e = await failure(identify(`${base}/erasmus-${f}/oai`, FAST));
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(new RegExp(`^page http://127\\.0\\.0\\.1:\\d+/erasmus-${f}/oai\\?verb=Identify is not well-formed XML: line 1, column \\d+: `));
    expect(log.length - before).toBe(2);
  });

  it('fake5: an invalid earliestDatestamp is dropped with a note, the rest is read', async () => {
    const id = await identify(`${base}/erasmus-fake5/oai`, FAST);
    expect(id.earliestDatestamp).toBeUndefined();
    expect(id.repairs).toEqual(['earliestDatestamp "aaaa-bb-cc" is not a datestamp: ignored']);
    expect(id.granularity).toBe('YYYY-MM-DDThh:mm:ssZ');
  });
});

describe.skipIf(!!missing)('the specification’s own error examples', () => {
  it.each([
    ['badArgument', 'badArgument'],
    ['badResumptionToken', 'badResumptionToken'],
    ['cannotDisseminateFormat', 'cannotDisseminateFormat'],
    ['idDoesNotExist', 'idDoesNotExist'],
    ['noSetHierarchy', 'noSetHierarchy'],
    ['undefinedError', 'undefinedError'],
  ])('%s', async (example, code) => {
    const e = await failure(getRecord(`${base}/spec/oai?example=${example}`, 'x', 'oai_dc', FAST));
    expect(e.code).toBe(code);
    expect(e.status).toBe(200);
  });

  it('noRecordsMatch is an empty harvest; noSetHierarchy an empty set list', async () => {
    const none: OaiPage[] = [];
    for await (const p of listRecords(`${base}/spec/oai?example=noRecordsMatch`, { metadataPrefix: 'oai_dc' }, FAST)) none.push(p);
    expect(none).toEqual([expect.objectContaining({ records: [], noRecordsMatch: true })]);
    expect(await listSets(`${base}/spec/oai?example=noSetHierarchy`, FAST)).toEqual([]);
  });
});
