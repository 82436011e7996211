// An OAI-PMH 2.0 data provider for tests and benchmarks, on 127.0.0.1 with an
// ephemeral port. It serves the records it is given (an array, or a lazy source that
// builds each record from its index, so 100,000 generated records cost no memory),
// implements Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords
// (from/until/set, stateless resumptionTokens with cursor and completeListSize) and
// GetRecord with the protocol's errors, and injects the faults real providers have,
// per request number or per ListRecords page.
//
// Also: loaders that turn the real fixture records in ../shared/fixtures into provider
// records, and generateLidoRecords(n) for benchmarks.
//
// Run on its own (for a benchmark in another process):
//   node --import tsx test/support/oai-provider.ts --generate 100000 [--page-size 100] [--port 0] [--gzip]
//        [--cache DIR [--warm]] [--deleted-every K]
// prints {"baseUrl": "..."} on one line (after --warm has built every page into DIR),
// then serves until stdin closes or SIGTERM. With --cache the pages come from disk.
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { descendants, elements, first, parseXml, textOf, type XmlElement } from '../../src/modules/harvest/formats/xml.ts';
import { standaloneXml } from '../../src/modules/harvest/fetch/oai-client.ts';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const LIDO_NS = 'http://www.lido-schema.org';

export interface ProviderRecord {
  identifier: string;
  /** YYYY-MM-DDThh:mm:ssZ (served at the provider's granularity) */
  datestamp: string;
  sets?: string[];
  deleted?: boolean;
  /** the one element inside <metadata>, as XML text (namespaces declared on it) */
  metadataXml: string;
}

export type RecordHeader = Omit<ProviderRecord, 'metadataXml'>;

/** Records by index, built on demand: a provider over 100,000 of them holds none. */
export interface RecordSource {
  readonly size: number;
  header(i: number): RecordHeader;
  metadata(i: number): string;
  /** the index of an identifier, when the source can tell without a scan */
  indexOf?(identifier: string): number;
}

export type Granularity = 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';

type FaultBody =
  | { kind: '503'; retryAfter?: number | string } // HTTP 503, Retry-After (seconds or an HTTP-date)
  | { kind: '500' } // HTTP 500, no Retry-After
  | { kind: 'drop' } // headers and half the body, then the socket is destroyed
  | { kind: 'malformed' } // a complete HTTP answer with a truncated page
  | { kind: 'html' } // HTTP 200 text/html, a maintenance page
  | { kind: 'no-final-token' } // the last page has no empty <resumptionToken/>
  | { kind: 'oai-error-422'; code: string; message?: string } // Zenodo style
  | { kind: 'oai-error'; code: string; message?: string; status?: number }
  | { kind: 'slow'; ms: number } // wait before answering
  | { kind: 'bom' } // UTF-8 byte order mark
  | { kind: 'control-chars' } // U+0003, U+001A, U+000B inside <metadata>
  | { kind: 'char-refs' } // &#3; &#x1A; inside <metadata> (references to characters XML forbids)
  | { kind: 'html-entities' } // &nbsp; and &eacute; inside <metadata> (undefined in XML)
  | { kind: 'broken-record'; index?: number } // one record of the page (default the 2nd) is not well-formed
  | { kind: 'whitespace-before-declaration' }
  | { kind: 'latin1' } // the page in ISO-8859-1 (characters beyond Latin-1 as references)
  | { kind: 'trailing-garbage' } // a PHP notice after </OAI-PMH>
  | { kind: 'repeat-token' } // the page carries the token it was asked with
  | { kind: 'empty-page-with-token' } // no records, but a token to the next page
  | { kind: 'token-cycle' }; // the page carries page 2's token again: A -> B -> A

/** times: how many requests for that page (or that request number) it hits; default 1 */
export type Fault = FaultBody & { times?: number };

export interface FaultPlan {
  /** by request number, 1-based, counting every request to the provider */
  onRequest?: Record<number, Fault | Fault[]>;
  /** by ListRecords page, 1-based (page = cursor / pageSize + 1) */
  onPage?: Record<number, Fault | Fault[]>;
  /** on every answer */
  always?: Fault[];
}

export interface OaiProviderOptions {
  records: ProviderRecord[] | RecordSource;
  metadataPrefix?: string;
  pageSize?: number;
  granularity?: Granularity;
  repositoryName?: string;
  /** the sets to list; by default those the records name */
  sets?: Array<{ setSpec: string; setName: string }>;
  setPageSize?: number;
  faults?: FaultPlan;
  /** gzip the answer when the client accepts it */
  gzip?: boolean;
  deletedRecord?: 'no' | 'transient' | 'persistent';
  earliestDatestamp?: string;
  port?: number;
  /** log request URLs in `requests` (default true) */
  keepRequests?: boolean;
  /**
   * For benchmarks: a directory where unfiltered ListRecords pages are kept once built
   * and then streamed from disk, so the provider costs the harvester's machine almost no
   * CPU (pages answered with a fault are never cached). Their responseDate is the first one.
   */
  pageCache?: string;
}

export interface OaiProvider {
  baseUrl: string;
  /** path and query of each request, in order */
  requests: string[];
  /** how many requests were answered */
  readonly requestCount: number;
  setFaults(plan: FaultPlan): void;
  /** fill the page cache (pageCache) with every unfiltered ListRecords page */
  warm(): void;
  close(): Promise<void>;
}

const FORMATS: Record<string, { schema: string; namespace: string }> = {
  lido: { schema: 'http://www.lido-schema.org/schema/v1.0/lido-v1.0.xsd', namespace: LIDO_NS },
  oai_dc: { schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  edm: { schema: 'http://www.europeana.eu/schemas/edm/EDM.xsd', namespace: 'http://www.europeana.eu/schemas/edm/' },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function arraySource(records: ProviderRecord[]): RecordSource {
  const index = new Map<string, number>();
  records.forEach((r, i) => index.set(r.identifier, i));
  return {
    size: records.length,
    header: (i) => records[i]!,
    metadata: (i) => records[i]!.metadataXml,
    indexOf: (id) => index.get(id) ?? -1,
  };
}

// ---- datestamps --------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function argTime(v: string, end: boolean): number | null {
  if (DAY.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`);
    return Number.isNaN(t) ? null : end ? t + 86_399_999 : t;
  }
  if (SECONDS.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : end ? t + 999 : t;
  }
  return null;
}

const atGranularity = (ds: string, g: Granularity) => (g === 'YYYY-MM-DD' ? ds.slice(0, 10) : ds.length === 10 ? `${ds}T00:00:00Z` : ds);

// ---- the server --------------------------------------------------------------------

class OaiFailure {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

interface Token {
  p: string;
  s?: string;
  f?: string;
  u?: string;
  c: number;
  /** the verb the token belongs to */
  v: 'ListRecords' | 'ListIdentifiers' | 'ListSets';
}

const encodeToken = (t: Token) => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken(s: string): Token | null {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Token;
    return typeof t.c === 'number' && typeof t.v === 'string' ? t : null;
  } catch {
    return null;
  }
}

const ARGS: Record<string, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

export async function startOaiProvider(opts: OaiProviderOptions): Promise<OaiProvider> {
  const source = Array.isArray(opts.records) ? arraySource(opts.records) : opts.records;
  const prefix = opts.metadataPrefix ?? 'lido';
  const pageSize = opts.pageSize ?? 100;
  const granularity = opts.granularity ?? 'YYYY-MM-DDThh:mm:ssZ';
  const setPageSize = opts.setPageSize ?? 50;
  const keepRequests = opts.keepRequests ?? true;
  let plan: FaultPlan = opts.faults ?? {};
  const requests: string[] = [];
  let requestCount = 0;
  const pageHits = new Map<number, number>();
  const filterCache = new Map<string, Int32Array | null>();
  let baseUrl = '';

  let setList = opts.sets;
  const sets = () => {
    if (!setList) {
      const seen = new Map<string, string>();
      for (let i = 0; i < source.size; i++) for (const s of source.header(i).sets ?? []) if (!seen.has(s)) seen.set(s, s);
      setList = [...seen].map(([setSpec, setName]) => ({ setSpec, setName }));
    }
    return setList;
  };

  const indexOf = (id: string) => {
    if (source.indexOf) return source.indexOf(id);
    for (let i = 0; i < source.size; i++) if (source.header(i).identifier === id) return i;
    return -1;
  };

  /** indices matching from/until/set, in source order (null: all) */
  const matching = (t: Token): Int32Array | null => {
    if (!t.f && !t.u && !t.s) return null;
    const key = `${t.f ?? ''}|${t.u ?? ''}|${t.s ?? ''}`;
    if (filterCache.has(key)) return filterCache.get(key)!;
    const from = t.f ? argTime(t.f, false)! : -Infinity;
    const until = t.u ? argTime(t.u, true)! : Infinity;
    const out: number[] = [];
    for (let i = 0; i < source.size; i++) {
      const h = source.header(i);
      const ds = Date.parse(atGranularity(h.datestamp, 'YYYY-MM-DDThh:mm:ssZ'));
      const served = granularity === 'YYYY-MM-DD' ? Date.parse(`${h.datestamp.slice(0, 10)}T00:00:00Z`) : ds;
      if (served < from || served > until) continue;
      if (t.s && !(h.sets ?? []).some((s) => s === t.s || s.startsWith(`${t.s}:`))) continue;
      out.push(i);
    }
    const arr = Int32Array.from(out);
    filterCache.set(key, arr);
    return arr;
  };

  const envelope = (requestAttrs: Record<string, string>, body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n` +
    `<responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate>\n` +
    `<request${Object.entries(requestAttrs)
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('')}>${esc(baseUrl)}</request>\n${body}\n</OAI-PMH>\n`;

  const headerXml = (h: RecordHeader) =>
    `<header${h.deleted ? ' status="deleted"' : ''}><identifier>${esc(h.identifier)}</identifier><datestamp>${atGranularity(h.datestamp, granularity)}</datestamp>${(h.sets ?? [])
      .map((s) => `<setSpec>${esc(s)}</setSpec>`)
      .join('')}</header>`;

  const recordXml = (i: number) => {
    const h = source.header(i);
    return h.deleted ? `<record>${headerXml(h)}</record>` : `<record>${headerXml(h)}<metadata>${source.metadata(i)}</metadata></record>`;
  };

  function checkArgs(args: URLSearchParams): { verb: string; a: Record<string, string> } {
    const verbs = args.getAll('verb');
    if (verbs.length !== 1) throw new OaiFailure('badVerb', verbs.length ? 'the verb argument is repeated' : 'no verb');
    const verb = verbs[0]!;
    const spec = ARGS[verb];
    if (!spec) throw new OaiFailure('badVerb', `"${verb}" is not an OAI-PMH verb`);
    const a: Record<string, string> = {};
    for (const key of new Set(args.keys())) {
      if (key === 'verb') continue;
      if (args.getAll(key).length > 1) throw new OaiFailure('badArgument', `the argument ${key} is repeated`);
      if (!spec.required.includes(key) && !spec.optional.includes(key) && key !== spec.exclusive) throw new OaiFailure('badArgument', `${verb} takes no argument ${key}`);
      a[key] = args.get(key)!;
    }
    if (spec.exclusive && a[spec.exclusive] !== undefined) {
      if (Object.keys(a).length > 1) throw new OaiFailure('badArgument', `${spec.exclusive} is an exclusive argument`);
    } else for (const r of spec.required) if (a[r] === undefined) throw new OaiFailure('badArgument', `${verb} needs ${r}`);
    return { verb, a };
  }

  /** the list to page for ListRecords / ListIdentifiers / ListSets: its token state */
  function listState(verb: Token['v'], a: Record<string, string>): Token {
    if (a.resumptionToken !== undefined) {
      const t = decodeToken(a.resumptionToken);
      if (!t || t.v !== verb) throw new OaiFailure('badResumptionToken', 'The value of the resumptionToken argument is invalid or expired.');
      return t;
    }
    if (verb === 'ListSets') return { v: verb, p: '', c: 0 };
    if (a.metadataPrefix !== prefix) throw new OaiFailure('cannotDisseminateFormat', `the metadata format "${a.metadataPrefix}" is not supported by this repository`);
    for (const k of ['from', 'until'] as const) {
      const v = a[k];
      if (v === undefined) continue;
      if (!(DAY.test(v) || (granularity !== 'YYYY-MM-DD' && SECONDS.test(v))) || argTime(v, false) === null) {
        throw new OaiFailure('badArgument', `${k}="${v}" is not a datestamp at the granularity of this repository (${granularity})`);
      }
    }
    if (a.from && a.until) {
      if (a.from.length !== a.until.length) throw new OaiFailure('badArgument', 'from and until have different granularities');
      if (argTime(a.from, false)! > argTime(a.until, true)!) throw new OaiFailure('badArgument', 'from is later than until');
    }
    if (a.set !== undefined && !sets().length) throw new OaiFailure('noSetHierarchy', 'This repository does not support sets');
    const t: Token = { v: verb, p: a.metadataPrefix!, c: 0 };
    if (a.set) t.s = a.set;
    if (a.from) t.f = a.from;
    if (a.until) t.u = a.until;
    return t;
  }

  interface Answer {
    status: number;
    body: string;
    contentType: string;
    headers?: Record<string, string>;
    /** a cached page to stream instead of body */
    file?: string;
  }

  const cacheFile = (t: Token) =>
    opts.pageCache && !t.f && !t.u && !t.s ? path.join(opts.pageCache, `ListRecords-${t.p}-${source.size}-${pageSize}-${granularity.length}-${t.c}.xml`) : undefined;

  function answer(verb: string, a: Record<string, string>, faults: Fault[]): Answer {
    const xml = (body: string): Answer => ({ status: 200, contentType: 'text/xml; charset=utf-8', body: envelope({ verb, ...a }, body) });
    switch (verb) {
      case 'Identify':
        return xml(
          `<Identify><repositoryName>${esc(opts.repositoryName ?? 'Caravanserai test provider')}</repositoryName><baseURL>${esc(baseUrl)}</baseURL>` +
            `<protocolVersion>2.0</protocolVersion><adminEmail>oai@caravanserai.test</adminEmail>` +
            `<earliestDatestamp>${atGranularity(opts.earliestDatestamp ?? (source.size ? source.header(0).datestamp : '2000-01-01T00:00:00Z'), granularity)}</earliestDatestamp>` +
            `<deletedRecord>${opts.deletedRecord ?? 'persistent'}</deletedRecord><granularity>${granularity}</granularity>` +
            `<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier"><scheme>oai</scheme><repositoryIdentifier>caravanserai.test</repositoryIdentifier><delimiter>:</delimiter><sampleIdentifier>oai:caravanserai.test:1</sampleIdentifier></oai-identifier></description></Identify>`,
        );
      case 'ListMetadataFormats': {
        if (a.identifier !== undefined && indexOf(a.identifier) < 0) throw new OaiFailure('idDoesNotExist', `no record ${a.identifier}`);
        const f = FORMATS[prefix] ?? { schema: `http://example.org/${prefix}.xsd`, namespace: `http://example.org/${prefix}/` };
        return xml(`<ListMetadataFormats><metadataFormat><metadataPrefix>${esc(prefix)}</metadataPrefix><schema>${f.schema}</schema><metadataNamespace>${f.namespace}</metadataNamespace></metadataFormat></ListMetadataFormats>`);
      }
      case 'ListSets': {
        const all = sets();
        if (!all.length) throw new OaiFailure('noSetHierarchy', 'This repository does not support sets');
        const t = listState('ListSets', a);
        const slice = all.slice(t.c, t.c + setPageSize);
        const more = t.c + setPageSize < all.length;
        const tok = more ? encodeToken({ ...t, c: t.c + setPageSize }) : '';
        return xml(
          `<ListSets>${slice.map((s) => `<set><setSpec>${esc(s.setSpec)}</setSpec><setName>${esc(s.setName)}</setName></set>`).join('')}` +
            (more || t.c > 0 ? `<resumptionToken completeListSize="${all.length}" cursor="${t.c}">${tok}</resumptionToken>` : '') +
            `</ListSets>`,
        );
      }
      case 'GetRecord': {
        if (a.metadataPrefix !== prefix) throw new OaiFailure('cannotDisseminateFormat', `the metadata format "${a.metadataPrefix}" is not supported by this repository`);
        const i = indexOf(a.identifier!);
        if (i < 0) throw new OaiFailure('idDoesNotExist', `no record ${a.identifier}`);
        return xml(`<GetRecord>${recordXml(i)}</GetRecord>`);
      }
      case 'ListRecords':
      case 'ListIdentifiers': {
        const t = listState(verb, a);
        const cached = verb === 'ListRecords' && !faults.length && !opts.gzip ? cacheFile(t) : undefined;
        if (cached && fs.existsSync(cached)) return { status: 200, contentType: 'text/xml; charset=utf-8', body: '', file: cached };
        const idx = matching(t);
        const total = idx ? idx.length : source.size;
        if (total === 0) throw new OaiFailure('noRecordsMatch', 'The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.');
        const has = (k: FaultBody['kind']) => faults.some((f) => f.kind === k);
        const end = Math.min(total, t.c + pageSize);
        const parts: string[] = [`<${verb}>`];
        if (!has('empty-page-with-token')) {
          for (let k = t.c; k < end; k++) {
            const i = idx ? idx[k]! : k;
            parts.push(verb === 'ListRecords' ? recordXml(i) : headerXml(source.header(i)));
          }
        }
        const more = end < total;
        let tok = more ? encodeToken({ ...t, c: end }) : '';
        if (has('repeat-token') && a.resumptionToken) tok = a.resumptionToken;
        if (has('token-cycle')) tok = encodeToken({ ...t, c: pageSize });
        const last = !more;
        if (tok || !(last && has('no-final-token'))) {
          if (t.c === 0 && !tok) {
            /* a complete list in one page: no token, as the protocol allows */
          } else parts.push(`<resumptionToken completeListSize="${total}" cursor="${t.c}">${esc(tok)}</resumptionToken>`);
        }
        parts.push(`</${verb}>`);
        const answer = xml(parts.join('\n'));
        if (cached) {
          fs.mkdirSync(path.dirname(cached), { recursive: true });
          fs.writeFileSync(`${cached}.tmp`, answer.body);
          fs.renameSync(`${cached}.tmp`, cached);
        }
        return answer;
      }
    }
    throw new OaiFailure('badVerb', verb);
  }

  function faultsFor(n: number, page: number | undefined): Fault[] {
    const list = (v: Fault | Fault[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const out = [...(plan.always ?? []), ...list(plan.onRequest?.[n])];
    if (page !== undefined) {
      const hits = (pageHits.get(page) ?? 0) + 1;
      pageHits.set(page, hits);
      for (const f of list(plan.onPage?.[page])) if (hits <= (f.times ?? 1)) out.push(f);
    }
    return out;
  }

  /** which ListRecords page a request asks for, before answering it (for page faults) */
  function pageOf(args: URLSearchParams): number | undefined {
    const verb = args.get('verb');
    if (verb !== 'ListRecords') return undefined;
    const tok = args.get('resumptionToken');
    if (tok === null) return 1;
    const t = decodeToken(tok);
    return t ? Math.floor(t.c / pageSize) + 1 : undefined;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++requestCount;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (keepRequests) requests.push(req.url ?? '/');
      let args = url.searchParams;
      if (req.method === 'POST') args = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const faults = faultsFor(n, pageOf(args));
      const slow = faults.find((f): f is Extract<Fault, { kind: 'slow' }> => f.kind === 'slow');
      const respond = () => serve(req, res, args, faults);
      if (slow) setTimeout(respond, slow.ms);
      else respond();
    });
  });

  function serve(req: http.IncomingMessage, res: http.ServerResponse, args: URLSearchParams, faults: Fault[]) {
    const has = (k: FaultBody['kind']) => faults.find((f) => f.kind === k);
    const f503 = has('503') as Extract<Fault, { kind: '503' }> | undefined;
    if (f503) {
      const h: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (f503.retryAfter !== undefined) h['retry-after'] = String(f503.retryAfter);
      res.writeHead(503, h).end('<html><body><h1>503 Service Unavailable</h1><p>The repository is busy; try again later.</p></body></html>');
      return;
    }
    if (has('500')) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (has('html')) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html>\n<html><head><title>Scheduled maintenance</title></head><body><h1>We will be back soon</h1><p>The catalogue is being updated.</p></body></html>');
      return;
    }
    let ans: Answer;
    const forced = faults.find((f): f is Extract<Fault, { kind: 'oai-error' | 'oai-error-422' }> => f.kind === 'oai-error' || f.kind === 'oai-error-422');
    try {
      if (forced) throw new OaiFailure(forced.code, forced.message ?? `${forced.code} (injected)`);
      const { verb, a } = checkArgs(args);
      ans = answer(verb, a, faults);
    } catch (e) {
      if (!(e instanceof OaiFailure)) throw e;
      const a: Record<string, string> = {};
      // the protocol echoes the arguments only when they were all right
      if (e.code !== 'badVerb' && e.code !== 'badArgument') for (const [k, v] of args) a[k] = v;
      const status = forced?.kind === 'oai-error-422' ? 422 : forced?.kind === 'oai-error' ? (forced.status ?? 200) : 200;
      ans = { status, contentType: 'text/xml; charset=utf-8', body: envelope(a, `<error code="${esc(e.code)}">${esc(e.message)}</error>`) };
    }
    if (ans.file) {
      const size = fs.statSync(ans.file).size;
      res.writeHead(200, { 'content-type': ans.contentType, 'content-length': String(size) });
      fs.createReadStream(ans.file).pipe(res);
      return;
    }
    let body = ans.body;
    if (has('control-chars')) {
      const at = body.indexOf('<metadata>');
      const pos = at >= 0 ? at + '<metadata>'.length : body.indexOf('</responseDate>');
      body = `${body.slice(0, pos)}\u0003\u001a\u000b${body.slice(pos)}`;
    }
    for (const [kind, insert] of [
      ['char-refs', '&#3;&#x1A;'],
      ['html-entities', 'caf&eacute;&nbsp;'],
    ] as const) {
      if (!has(kind)) continue;
      const at = body.indexOf('<metadata>');
      const pos = at >= 0 ? at + '<metadata>'.length : body.indexOf('</responseDate>');
      body = `${body.slice(0, pos)}${insert}${body.slice(pos)}`;
    }
    const broken = has('broken-record') as Extract<Fault, { kind: 'broken-record' }> | undefined;
    if (broken) {
      // close the record's <header> with a wrong end tag
      let at = -1;
      for (let k = 0; k <= (broken.index ?? 1); k++) at = body.indexOf('</header>', at + 1);
      if (at >= 0) body = `${body.slice(0, at)}</headr>${body.slice(at + '</header>'.length)}`;
    }
    if (has('trailing-garbage')) body += '<br />\n<b>Notice</b>:  Undefined index: set in <b>/var/www/oai/index.php</b> on line <b>42</b><br />\n';
    if (has('whitespace-before-declaration')) body = `\n  \n${body}`;
    let bytes: Buffer;
    if (has('latin1')) {
      body = body.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(/[^\u0000-\u00ff]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`);
      bytes = Buffer.from(body, 'latin1');
      ans.contentType = 'text/xml; charset=iso-8859-1';
    } else bytes = Buffer.from(body, 'utf8');
    if (has('bom')) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    if (has('malformed')) bytes = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const headers: Record<string, string> = { 'content-type': ans.contentType, ...ans.headers };
    if (opts.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      bytes = zlib.gzipSync(bytes, { level: 1 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(bytes.length);
    res.writeHead(ans.status, headers);
    if (has('drop')) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setImmediate(() => res.socket?.destroy()));
      return;
    }
    res.end(bytes);
  }

  /** build every unfiltered ListRecords page into the page cache now (before a benchmark starts its clock) */
  function warm() {
    if (!opts.pageCache) return;
    for (let c = 0; c < source.size; c += pageSize) {
      const t: Token = { v: 'ListRecords', p: prefix, c };
      if (!fs.existsSync(cacheFile(t)!)) answer('ListRecords', c === 0 ? { metadataPrefix: prefix } : { resumptionToken: encodeToken(t) }, []);
    }
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  baseUrl = `http://127.0.0.1:${port}/oai`;
  return {
    baseUrl,
    requests,
    warm,
    get requestCount() {
      return requestCount;
    },
    setFaults(p) {
      plan = p;
      pageHits.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---- generated LIDO ----------------------------------------------------------------

function rng(seed: number) {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const MUSEUMS = [
  { slug: 'dunhuang', domain: 'dha.example.cn', name: 'Dunhuang Academy', zh: '敦煌研究院', style: (i: number) => `DH-${1950 + (i % 70)}-${String(i).padStart(6, '0')}` },
  { slug: 'hermitage', domain: 'hermitage.example.ru', name: 'State Hermitage Museum', zh: '国立艾尔米塔什博物馆', style: (i: number) => `ДВ-${i}` },
  { slug: 'samarkand', domain: 'samarkand-museum.example.uz', name: 'Samarkand State Museum-Reserve', zh: '撒马尔罕国家博物馆', style: (i: number) => `SM/${(i % 97) + 1}/${i}` },
  { slug: 'shaanxi', domain: 'sxhm.example.cn', name: 'Shaanxi History Museum', zh: '陕西历史博物馆', style: (i: number) => `七一.${i}.${(i % 9) + 1}` },
  { slug: 'iran', domain: 'nationalmuseum.example.ir', name: 'National Museum of Iran', zh: '伊朗国家博物馆', style: (i: number) => `NMI ${(i % 30) + 1}/${i}` },
  { slug: 'istanbul', domain: 'tkm.example.tr', name: 'Museum of Turkish and Islamic Arts', zh: '土耳其和伊斯兰艺术博物馆', style: (i: number) => `TİEM.${i}` },
] as const;

const TYPES = [
  { en: 'bowl', zh: '碗', aat: '300197491', mat: [0, 1, 5] },
  { en: 'vase', zh: '瓶', aat: '300132254', mat: [0, 1, 5] },
  { en: 'textile fragment', zh: '织物残片', aat: '300231567', mat: [2] },
  { en: 'coin', zh: '钱币', aat: '300037222', mat: [3, 4] },
  { en: 'manuscript leaf', zh: '写本残页', aat: '300028569', mat: [6] },
  { en: 'mirror', zh: '铜镜', aat: '300037354', mat: [3] },
  { en: 'tomb figure', zh: '俑', aat: '300047090', mat: [5, 1] },
  { en: 'ewer', zh: '执壶', aat: '300043066', mat: [4, 3, 7] },
  { en: 'tile', zh: '砖', aat: '300005192', mat: [5, 0] },
  { en: 'seal', zh: '印章', aat: '300028712', mat: [8] },
] as const;

const MATERIALS = [
  { en: 'porcelain', zh: '瓷', aat: '300010662' },
  { en: 'stoneware', zh: '炻器', aat: '300010732' },
  { en: 'silk', zh: '丝', aat: '300243428' },
  { en: 'bronze', zh: '青铜', aat: '300010957' },
  { en: 'silver', zh: '银', aat: '300011029' },
  { en: 'earthenware', zh: '陶', aat: '300010669' },
  { en: 'paper', zh: '纸', aat: '300014109' },
  { en: 'glass', zh: '玻璃', aat: '300010797' },
  { en: 'jade', zh: '玉', aat: '300011119' },
] as const;

const DECOR = [
  { en: 'Blue-and-white', zh: '青花' },
  { en: 'Celadon', zh: '青釉' },
  { en: 'Sancai-glazed', zh: '三彩' },
  { en: 'Gilt', zh: '鎏金' },
  { en: 'Painted', zh: '彩绘' },
  { en: 'Lustre-painted', zh: '虹彩' },
] as const;
const MOTIFS = [
  { en: 'lotus scroll', zh: '缠枝莲' },
  { en: 'phoenixes', zh: '凤' },
  { en: 'a dragon', zh: '龙' },
  { en: 'peonies', zh: '牡丹' },
  { en: 'a Bactrian camel', zh: '骆驼' },
  { en: 'grapevines', zh: '葡萄' },
  { en: 'clouds', zh: '云' },
  { en: 'Kufic inscription', zh: '库法体铭文' },
] as const;

const PLACES = [
  { en: "Chang'an (Xi'an)", zh: '长安', lat: 34.2658, lon: 108.9541, tgn: '7001835' },
  { en: 'Dunhuang', zh: '敦煌', lat: 40.1421, lon: 94.662, tgn: '1001898' },
  { en: 'Samarkand', zh: '撒马尔罕', lat: 39.6542, lon: 66.9597, tgn: '7001468' },
  { en: 'Kashgar', zh: '喀什', lat: 39.4704, lon: 75.9898, tgn: '7001830' },
  { en: 'Turfan', zh: '吐鲁番', lat: 42.9513, lon: 89.1895, tgn: '7001846' },
  { en: 'Merv', zh: '木鹿', lat: 37.6628, lon: 62.1925, tgn: '7002184' },
  { en: 'Nishapur', zh: '内沙布尔', lat: 36.2133, lon: 58.7958, tgn: '7002016' },
  { en: 'Jingdezhen', zh: '景德镇', lat: 29.2689, lon: 117.1784, tgn: '1001936' },
] as const;

const PERIODS = [
  { en: 'Tang dynasty', zh: '唐代', from: 618, to: 907, display: (r: () => number) => pick(r, ['Tang dynasty (618–907)', '唐代', 'ca. 800-900', '8th century']) },
  { en: 'Song dynasty', zh: '宋代', from: 960, to: 1279, display: (r: () => number) => pick(r, ['Northern Song, 11th century', '宋代', 'ca. 1100']) },
  { en: 'Yuan dynasty', zh: '元代', from: 1271, to: 1368, display: (r: () => number) => pick(r, ['Yuan dynasty, 14th century', '元代']) },
  { en: 'Ming dynasty', zh: '明代', from: 1368, to: 1644, display: (r: () => number) => pick(r, ['Ming dynasty, Xuande mark and period (1426–1435)', '明宣德', '15th century']) },
  { en: 'Qing dynasty', zh: '清代', from: 1644, to: 1911, display: (r: () => number) => pick(r, ['Qing dynasty, Qianlong period', '清乾隆', '1736–1795']) },
  { en: 'Han dynasty', zh: '汉代', from: -206, to: 220, display: (r: () => number) => pick(r, ['Han dynasty', '3rd century BC', '汉代']) },
  { en: 'Sasanian', zh: '萨珊', from: 224, to: 651, display: (r: () => number) => pick(r, ['Sasanian, 5th–6th century', 'ca. 500']) },
  { en: 'Abbasid', zh: '阿拔斯', from: 750, to: 1258, display: (r: () => number) => pick(r, ['9th century AD / 3rd century AH', 'Abbasid, ca. 850']) },
  { en: 'Timurid', zh: '帖木儿', from: 1370, to: 1507, display: (r: () => number) => pick(r, ['Timurid, 15th century', '1420s']) },
] as const;

const INSCRIPTIONS = [
  { text: '大明宣德年製', lang: 'zh-Hant', kind: 'mark', en: 'Made in the Xuande reign of the Great Ming' },
  { text: 'بركة لصاحبه', lang: 'ar', kind: 'inscription', en: 'Blessing to its owner' },
  { text: 'ⲁⲅⲁⲑⲏ ⲧⲩⲭⲏ', lang: 'cop', kind: 'inscription', en: 'Good fortune' },
  { text: 'Ṣāḥib al-dawla <?> ʿAlī', lang: 'ar-Latn', kind: 'inscription', en: 'Lord of the state, ʿAlī' },
] as const;

const RIGHTS = ['http://creativecommons.org/publicdomain/zero/1.0/', 'http://creativecommons.org/licenses/by/4.0/', 'http://rightsstatements.org/vocab/InC/1.0/'] as const;

const START = Date.UTC(2021, 0, 1);

export interface GeneratedLidoOptions {
  /** every k-th record is deleted (0: none) */
  deletedEvery?: number;
  /** seconds between consecutive datestamps (they rise with the index) */
  step?: number;
  /** first datestamp */
  start?: number;
}

/**
 * n realistic LIDO records built from their index: identifiers in several museums'
 * styles, titles in en and zh-Hans, dates (display text and years), places with
 * coordinates, materials and types with AAT ids, measurements, some inscriptions in
 * their own scripts, rights and an image link. Deterministic; ~4 KB each.
 */
export function generateLidoRecords(n: number, o: GeneratedLidoOptions = {}): RecordSource & Iterable<ProviderRecord> {
  const step = o.step ?? 37;
  const start = o.start ?? START;
  const museumOf = (i: number) => MUSEUMS[i % MUSEUMS.length]!;
  const identifierOf = (i: number) => `oai:${museumOf(i).domain}:lido/${museumOf(i).slug}-${i}`;
  const header = (i: number): RecordHeader => {
    const m = museumOf(i);
    const r = rng(i * 7919 + 17);
    const t = TYPES[Math.floor(r() * TYPES.length)]!;
    const h: RecordHeader = {
      identifier: identifierOf(i),
      datestamp: `${new Date(start + i * step * 1000).toISOString().slice(0, 19)}Z`,
      sets: [`museum:${m.slug}`, `type:${t.en.replace(/\s+/g, '-')}`],
    };
    if (o.deletedEvery && i % o.deletedEvery === o.deletedEvery - 1) h.deleted = true;
    return h;
  };
  const metadata = (i: number): string => {
    const m = museumOf(i);
    const r = rng(i * 7919 + 17);
    const t = TYPES[Math.floor(r() * TYPES.length)]!;
    const mat = MATERIALS[pick(r, t.mat)]!;
    const decor = pick(r, DECOR);
    const motif = pick(r, MOTIFS);
    const place = pick(r, PLACES);
    const period = pick(r, PERIODS);
    const span = period.to - period.from;
    const early = period.from + Math.floor(r() * span * 0.6);
    const late = Math.min(period.to, early + 10 + Math.floor(r() * 90));
    const displayDate = period.display(r);
    const inv = m.style(i);
    const h = (10 + r() * 40).toFixed(1);
    const w = (5 + r() * 30).toFixed(1);
    const rights = pick(r, RIGHTS);
    const insc = r() < 0.3 ? pick(r, INSCRIPTIONS) : undefined;
    const titleEn = `${decor.en} ${t.en} with ${motif.en}`;
    const titleZh = `${decor.zh}${motif.zh}纹${t.zh}`;
    return `<lido:lido xmlns:lido="${LIDO_NS}" xmlns:gml="http://www.opengis.net/gml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<lido:lidoRecID lido:type="local" lido:source="${esc(m.name)}">${esc(m.slug)}-${i}</lido:lidoRecID>
<lido:objectPublishedID lido:type="URI">https://${m.domain}/collection/object/${i}</lido:objectPublishedID>
<lido:category><lido:conceptID lido:type="URI">http://www.cidoc-crm.org/crm-concepts/E22</lido:conceptID><lido:term xml:lang="en">Human-Made Object</lido:term></lido:category>
<lido:descriptiveMetadata xml:lang="en">
<lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:conceptID lido:type="URI" lido:source="AAT">http://vocab.getty.edu/aat/${t.aat}</lido:conceptID><lido:term xml:lang="en">${esc(t.en)}</lido:term><lido:term xml:lang="zh-Hans">${t.zh}</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap>
<lido:objectIdentificationWrap>
<lido:titleWrap><lido:titleSet lido:type="preferred"><lido:appellationValue lido:pref="preferred" xml:lang="en">${esc(titleEn)}</lido:appellationValue><lido:appellationValue lido:pref="alternate" xml:lang="zh-Hans">${titleZh}</lido:appellationValue></lido:titleSet></lido:titleWrap>
${
  insc
    ? `<lido:inscriptionsWrap><lido:inscriptions lido:type="${insc.kind}"><lido:inscriptionTranscription xml:lang="${insc.lang}">${esc(insc.text)}</lido:inscriptionTranscription><lido:inscriptionDescription><lido:descriptiveNoteValue xml:lang="en">${esc(insc.en)}</lido:descriptiveNoteValue></lido:inscriptionDescription></lido:inscriptions></lido:inscriptionsWrap>\n`
    : ''
}<lido:repositoryWrap><lido:repositorySet lido:type="current"><lido:repositoryName><lido:legalBodyName><lido:appellationValue xml:lang="en">${esc(m.name)}</lido:appellationValue><lido:appellationValue xml:lang="zh-Hans">${m.zh}</lido:appellationValue></lido:legalBodyName><lido:legalBodyWeblink>https://${m.domain}/</lido:legalBodyWeblink></lido:repositoryName><lido:workID lido:type="inventory number">${esc(inv)}</lido:workID></lido:repositorySet></lido:repositoryWrap>
<lido:objectDescriptionWrap><lido:objectDescriptionSet><lido:descriptiveNoteValue xml:lang="en">${esc(titleEn)}, ${esc(mat.en)}, made in or near ${esc(place.en)} during the ${esc(period.en)}. Object ${i} of a generated benchmark collection.</lido:descriptiveNoteValue><lido:descriptiveNoteValue xml:lang="zh-Hans">${titleZh}，${mat.zh}质，${period.zh}，产于${place.zh}。</lido:descriptiveNoteValue></lido:objectDescriptionSet></lido:objectDescriptionWrap>
<lido:objectMeasurementsWrap><lido:objectMeasurementsSet><lido:displayObjectMeasurements>H. ${h} cm; W. ${w} cm</lido:displayObjectMeasurements><lido:objectMeasurements><lido:measurementsSet><lido:measurementType>height</lido:measurementType><lido:measurementUnit>cm</lido:measurementUnit><lido:measurementValue>${h}</lido:measurementValue></lido:measurementsSet><lido:measurementsSet><lido:measurementType>width</lido:measurementType><lido:measurementUnit>cm</lido:measurementUnit><lido:measurementValue>${w}</lido:measurementValue></lido:measurementsSet></lido:objectMeasurements></lido:objectMeasurementsSet></lido:objectMeasurementsWrap>
</lido:objectIdentificationWrap>
<lido:eventWrap><lido:eventSet><lido:event>
<lido:eventType><lido:conceptID lido:type="URI">http://terminology.lido-schema.org/lido00007</lido:conceptID><lido:term xml:lang="en">Production</lido:term></lido:eventType>
<lido:eventActor><lido:displayActorInRole>Unknown ${esc(period.en)} workshop</lido:displayActorInRole><lido:actorInRole><lido:actor lido:type="group"><lido:nameActorSet><lido:appellationValue xml:lang="en">Unknown ${esc(period.en)} workshop</lido:appellationValue></lido:nameActorSet></lido:actor><lido:roleActor><lido:term xml:lang="en">maker</lido:term></lido:roleActor></lido:actorInRole></lido:eventActor>
<lido:culture><lido:term xml:lang="en">${esc(period.en)}</lido:term><lido:term xml:lang="zh-Hans">${period.zh}</lido:term></lido:culture>
<lido:eventDate><lido:displayDate>${esc(displayDate)}</lido:displayDate><lido:date><lido:earliestDate>${early}</lido:earliestDate><lido:latestDate>${late}</lido:latestDate></lido:date></lido:eventDate>
<lido:periodName><lido:term xml:lang="en">${esc(period.en)}</lido:term><lido:term xml:lang="zh-Hans">${period.zh}</lido:term></lido:periodName>
<lido:eventPlace><lido:place><lido:placeID lido:type="URI" lido:source="TGN">http://vocab.getty.edu/tgn/${place.tgn}</lido:placeID><lido:namePlaceSet><lido:appellationValue xml:lang="en">${esc(place.en)}</lido:appellationValue><lido:appellationValue xml:lang="zh-Hans">${place.zh}</lido:appellationValue></lido:namePlaceSet><lido:gml><gml:Point><gml:pos>${place.lat} ${place.lon}</gml:pos></gml:Point></lido:gml></lido:place></lido:eventPlace>
<lido:eventMaterialsTech><lido:displayMaterialsTech>${esc(mat.en)}</lido:displayMaterialsTech><lido:materialsTech><lido:termMaterialsTech lido:type="material"><lido:conceptID lido:type="URI" lido:source="AAT">http://vocab.getty.edu/aat/${mat.aat}</lido:conceptID><lido:term xml:lang="en">${esc(mat.en)}</lido:term><lido:term xml:lang="zh-Hans">${mat.zh}</lido:term></lido:termMaterialsTech></lido:materialsTech></lido:eventMaterialsTech>
</lido:event></lido:eventSet></lido:eventWrap>
</lido:descriptiveMetadata>
<lido:administrativeMetadata xml:lang="en">
<lido:rightsWorkWrap><lido:rightsWorkSet><lido:rightsType><lido:conceptID lido:type="URI">${rights}</lido:conceptID></lido:rightsType><lido:creditLine>${esc(m.name)}, ${esc(inv)}</lido:creditLine></lido:rightsWorkSet></lido:rightsWorkWrap>
<lido:recordWrap><lido:recordID lido:type="local">${esc(inv)}</lido:recordID><lido:recordType><lido:term xml:lang="en">item</lido:term></lido:recordType><lido:recordSource><lido:legalBodyName><lido:appellationValue>${esc(m.name)}</lido:appellationValue></lido:legalBodyName></lido:recordSource><lido:recordInfoSet><lido:recordInfoLink>https://${m.domain}/collection/object/${i}</lido:recordInfoLink></lido:recordInfoSet></lido:recordWrap>
<lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation lido:type="image_master"><lido:linkResource>https://${m.domain}/iiif/${i}/full/max/0/default.jpg</lido:linkResource></lido:resourceRepresentation><lido:rightsResource><lido:rightsType><lido:conceptID lido:type="URI">${rights}</lido:conceptID></lido:rightsType></lido:rightsResource></lido:resourceSet></lido:resourceWrap>
</lido:administrativeMetadata>
</lido:lido>`;
  };
  return {
    size: n,
    header,
    metadata,
    indexOf(id: string) {
      const m = /-(\d+)$/.exec(id);
      const i = m ? Number(m[1]) : -1;
      return i >= 0 && i < n && identifierOf(i) === id ? i : -1;
    },
    *[Symbol.iterator]() {
      for (let i = 0; i < n; i++) yield { ...header(i), metadataXml: metadata(i) };
    },
  };
}

// ---- real fixture records ------------------------------------------------------------

const here = path.dirname(fileURLToPath(import.meta.url));
/** ../shared/fixtures beside the checkout, or $CARAVANSERAI_FIXTURES */
export const FIXTURES_DIR = process.env.CARAVANSERAI_FIXTURES ?? path.resolve(here, '../../../shared/fixtures');

/** Why fixture tests must skip, or null when the fixtures are there. */
export function fixturesMissing(): string | null {
  return fs.existsSync(path.join(FIXTURES_DIR, 'oai-pmh')) && fs.existsSync(path.join(FIXTURES_DIR, 'lido'))
    ? null
    : `third-party fixtures not found at ${FIXTURES_DIR} (set CARAVANSERAI_FIXTURES): skipped`;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const fixtureDatestamp = (k: number) => `${new Date(Date.UTC(2024, 0, 1) + k * 3_600_000).toISOString().slice(0, 19)}Z`;

export interface FixtureRecord extends ProviderRecord {
  /** the fixture file, relative to FIXTURES_DIR */
  file: string;
}

/**
 * Every lido:lido element of the LIDO fixtures (official examples, profile, real-world;
 * the deliberately broken AQinDa records with includeBroken), each as a record whose
 * metadata is the element with the namespaces it inherits. Identifiers name the file.
 */
export function loadFixtureLidoRecords(o: { includeBroken?: boolean } = {}): FixtureRecord[] {
  const root = path.join(FIXTURES_DIR, 'lido');
  const out: FixtureRecord[] = [];
  for (const file of walk(root)) {
    const rel = path.relative(FIXTURES_DIR, file);
    if (rel.includes(`${path.sep}schema${path.sep}`)) continue;
    if (!o.includeBroken && rel.includes(`${path.sep}broken${path.sep}`)) continue;
    if (!file.endsWith('.xml') && !rel.includes(`${path.sep}broken${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const doc = parseXml(text, { maxBytes: 16 * 1024 * 1024, maxDepth: 128 });
    const lidos = doc.local === 'lido' ? [doc] : descendants(doc, LIDO_NS, 'lido');
    lidos.forEach((el, n) => {
      const k = out.length;
      out.push({
        identifier: `oai:fixtures.caravanserai.test:${rel.replace(/\\/g, '/')}#${n + 1}`,
        datestamp: fixtureDatestamp(k),
        sets: ['lido', rel.split(path.sep)[1] ?? 'lido'],
        metadataXml: standaloneXml(text, el),
        file: rel,
      });
    });
  }
  return out;
}

/**
 * The oai_dc records of the captured ListRecords/GetRecord pages (sickle, Erasmus,
 * Tethys), each with its own header; records repeated across pages are kept once and
 * a header without an identifier (sickle ListRecords4) cannot be served, so it is left out.
 */
export function loadFixtureOaiDcRecords(): FixtureRecord[] {
  const o = path.join(FIXTURES_DIR, 'oai-pmh');
  const files = [
    'sickle-sanitised/ListRecords.xml',
    'sickle-sanitised/ListRecords2.xml',
    'sickle-sanitised/ListRecords3.xml',
    'sickle-sanitised/ListRecords4.xml',
    'sickle-sanitised/GetRecord.xml',
    'sickle-sanitised/GetRecord_utf8test.xml',
    'real-world/erasmus-dspace-pyoai/fake1/00004.xml',
    'real-world/erasmus-dspace-pyoai/fake1/00005.xml',
    'real-world/erasmus-dspace-pyoai/fake2/00000.xml',
    'real-world/erasmus-dspace-pyoai/fake2/00001.xml',
    'real-world/erasmus-dspace-pyoai/fake2/00002.xml',
    'real-world/tethys-oai-pmh-2-js/list-records/1.xml',
    'real-world/tethys-oai-pmh-2-js/list-records/2.xml',
    'real-world/tethys-oai-pmh-2-js/list-records/3.xml',
  ];
  const seen = new Set<string>();
  const out: FixtureRecord[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(o, f), 'utf8');
    const doc = parseXml(text, { maxBytes: 16 * 1024 * 1024, maxDepth: 128 });
    for (const rec of descendants(doc, OAI_NS, 'record')) {
      const header = first(rec, OAI_NS, 'header');
      const identifier = textOf(first(header, OAI_NS, 'identifier'));
      if (!identifier || seen.has(identifier)) continue;
      seen.add(identifier);
      const md = first(rec, OAI_NS, 'metadata');
      const child: XmlElement | undefined = md ? elements(md)[0] : undefined;
      const deleted = header?.attrs.status === 'deleted';
      if (!deleted && !child) continue;
      const sets = header ? elements(header, OAI_NS, 'setSpec').map(textOf) : [];
      const r: FixtureRecord = {
        identifier,
        datestamp: textOf(first(header, OAI_NS, 'datestamp')) || fixtureDatestamp(out.length),
        sets: [...new Set(sets)],
        metadataXml: child ? standaloneXml(text, child) : '',
        file: `oai-pmh/${f}`,
      };
      if (deleted) r.deleted = true;
      out.push(r);
    }
  }
  return out;
}

// ---- on its own -------------------------------------------------------------------

async function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const n = Number(arg('generate') ?? 100_000);
  const provider = await startOaiProvider({
    records: generateLidoRecords(n, { deletedEvery: Number(arg('deleted-every') ?? 0) }),
    pageSize: Number(arg('page-size') ?? 100),
    port: Number(arg('port') ?? 0),
    gzip: argv.includes('--gzip'),
    keepRequests: false,
    ...(arg('cache') ? { pageCache: arg('cache')! } : {}),
  });
  if (argv.includes('--warm')) provider.warm();
  process.stdout.write(`${JSON.stringify({ baseUrl: provider.baseUrl, records: n })}\n`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main(process.argv.slice(2));
}
