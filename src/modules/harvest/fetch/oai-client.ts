// An OAI-PMH 2.0 harvester client that survives real providers: it retries what is
// transient (network faults, 5xx, 503 + Retry-After, one not-well-formed page), reads
// OAI errors whatever the HTTP status (Zenodo sends them with 422), refuses HTML
// politely, repairs what decodeXml can repair and says so, and never loops forever on a
// provider that repeats its resumptionToken. ListRecords is an async generator of
// pages, resumable from any page's token: the caller stores a page, then checkpoints
// `page.resumptionToken` (the request for the NEXT page), and resumes from it.
import { decodeXml, elements, first, parseXml, scanXml, textOf, XmlError, type XmlElement, type XmlScan } from '../formats/xml.ts';
import { ownCopy } from '../../../shared/text.ts';
import { checkUrl, fetchBytes, FetchError, type FetchOptions, type FetchResult } from './http.ts';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

export type OaiErrorCode =
  // the protocol's own codes (a provider may invent others: kept as sent)
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy'
  // ours
  | 'http' // a non-2xx status without an OAI error body, or 5xx beyond the retries
  | 'network' // connection refused/reset/dropped, timeouts, beyond the retries
  | 'malformed' // the page is not well-formed XML, also after asking again
  | 'not_oai' // HTML, or XML that is not an OAI-PMH response
  | 'too_large' // over the response size cap
  | 'bad_url' // not http(s), or a redirect to something else
  | 'aborted' // the caller's AbortSignal
  | (string & {});

export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
    /** the HTTP status of the answer, when there was one */
    readonly status?: number,
    /** the request URL */
    readonly url?: string,
    /** for `malformed`: the decoded page text, so a ListRecords page can be salvaged record by record */
    readonly text?: string,
  ) {
    super(message);
    this.name = 'OaiError';
  }
  /** what was retried or repaired before the request failed */
  repairs: string[] = [];
}

export interface OaiClientOptions extends Omit<FetchOptions, 'signal'> {
  signal?: AbortSignal;
  /** tries per request, the first included (network faults, 5xx, 429, 408) */
  maxAttempts?: number;
  /** backoff: base * 2^(attempt-1), capped, times a jitter in [0.5, 1) */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** a Retry-After longer than this is shortened to it */
  maxRetryAfterMs?: number;
  /** wall-clock bound for one request and all its retries */
  maxRetryTimeMs?: number;
  /** a page that is not well-formed is asked for again this many times */
  malformedRetries?: number;
  /** nesting cap for a whole page (records are capped again, tighter, by their parser) */
  maxDepth?: number;
  /** fetch the next page while the caller stores this one (2 pages in memory at most) */
  prefetch?: boolean;
  /** an empty page that carries a token ends the list (true) or is followed (false; the loop guard still holds) */
  stopOnEmptyPage?: boolean;
  /**
   * A ListRecords page that is still not well-formed after asking again: false (default)
   * fails the harvest naming the page and line; true reads it record by record, hands
   * the records that parse as usual and the others with `problem` set (quarantine them),
   * and goes on with the token found on the page.
   */
  salvage?: boolean;
  /**
   * With a PageReader: the tree of each record's metadata stops at its root element
   * (its bytes are all in `raw`), for a caller that parses `raw` in another thread. A
   * page that is not well-formed is still read whole.
   */
  shallowMetadata?: boolean;
}

export const OAI_DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 120_000,
  maxRetryTimeMs: 10 * 60_000,
  malformedRetries: 1,
  maxDepth: 256,
} as const;

export interface OaiRecord {
  /** absent when the header lacks it (a deleted record from some providers): quarantine */
  identifier?: string;
  datestamp?: string;
  deleted: boolean;
  /** unique, in document order */
  setSpecs: string[];
  /** the single child element of <metadata> (absent for deleted records) */
  metadata?: XmlElement;
  /** the decoded (repaired) text the element offsets refer to: the page's (a salvaged record's own) */
  text: string;
  /**
   * The <record> element as UTF-8, exactly as on the page except that the namespace
   * declarations it inherits from the page (OAI-PMH's default namespace, prefixes some
   * providers declare on the root) are added to its start tag, so it parses on its own.
   */
  raw: Buffer;
  /** set only on a salvaged page, for a record that is not well-formed itself: why (quarantine it) */
  problem?: string;
}

/**
 * Reads a ListRecords page's records while the page is parsed: given the page's text
 * first (to look things up for the whole page), it returns what to make of each record.
 * Each record's tree is then dropped as soon as it is read, so a page of a thousand
 * records never stands as one tree. A page that is not well-formed is read as without
 * a reader (asked again, repaired, salvaged), its records then handed over the same way.
 */
export type PageReader<T> = (text: string) => Promise<(rec: OaiRecord) => T> | ((rec: OaiRecord) => T);

export interface OaiPage<T = OaiRecord> {
  /** the records (what the PageReader made of them, with one) */
  records: T[];
  /** the token to ask for the NEXT page; null at the end of the list */
  resumptionToken: string | null;
  completeListSize?: number;
  cursor?: number;
  /** expirationDate of the token, as sent */
  tokenExpires?: string;
  /** the provider's responseDate, as sent (use the first page's for the next incremental `from`) */
  responseDate: string;
  request: { url: string };
  /** what was repaired, retried or guarded against on this page: for the run report */
  repairs: string[];
  /** the provider answered noRecordsMatch: an empty harvest, not a failure */
  noRecordsMatch?: boolean;
}

export interface ListRecordsParams {
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
  /** resume: ask for the page this token names (metadataPrefix, set, from, until are then not sent) */
  resumptionToken?: string;
  signal?: AbortSignal;
}

export interface OaiIdentify {
  repositoryName: string;
  baseURL: string;
  protocolVersion: string;
  adminEmails: string[];
  /** undefined when the provider sends something that is not a datestamp (see repairs) */
  earliestDatestamp?: string;
  /** no | transient | persistent (as sent) */
  deletedRecord: string;
  /** as sent; use granularityOf() */
  granularity: string;
  compression: string[];
  /** from the oai-identifier description, when there is one (may violate its pattern: kept) */
  repositoryIdentifier?: string;
  responseDate: string;
  request: { url: string };
  repairs: string[];
}

export interface OaiMetadataFormat {
  metadataPrefix: string;
  schema: string;
  metadataNamespace: string;
}

export interface OaiSet {
  setSpec: string;
  setName: string;
  /** the setDescription's first child element, when any */
  description?: XmlElement;
}

// ---- one request ----------------------------------------------------------------------

interface OaiResponse {
  root: XmlElement;
  text: string;
  url: string;
  status: number;
  responseDate: string;
  repairs: string[];
  error?: { code: string; message: string };
  /** records read one by one from a page that is not well-formed (root holds only the envelope) */
  salvaged?: OaiRecord[];
  /** ListRecords with a PageReader: what it made of the records (root then holds no records) */
  read?: unknown[];
}

function buildUrl(base: string, params: Record<string, string | undefined>): string {
  const url = checkOai(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.href;
}

function checkOai(base: string): URL {
  try {
    return checkUrl(base);
  } catch (e) {
    throw new OaiError('bad_url', (e as Error).message, undefined, base);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new OaiError('aborted', 'harvest aborted'));
    const onAbort = () => {
      clearTimeout(t);
      reject(new OaiError('aborted', 'harvest aborted'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Retry-After: delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

const RETRY_STATUS = (s: number) => s >= 500 || s === 429 || s === 408;

async function request(base: string, params: Record<string, string | undefined>, opts: OaiClientOptions, reader?: PageReader<unknown>): Promise<OaiResponse> {
  const url = buildUrl(base, params);
  const maxAttempts = opts.maxAttempts ?? OAI_DEFAULTS.maxAttempts;
  const baseDelay = opts.baseDelayMs ?? OAI_DEFAULTS.baseDelayMs;
  const maxDelay = opts.maxDelayMs ?? OAI_DEFAULTS.maxDelayMs;
  const maxRetryAfter = opts.maxRetryAfterMs ?? OAI_DEFAULTS.maxRetryAfterMs;
  const maxRetryTime = opts.maxRetryTimeMs ?? OAI_DEFAULTS.maxRetryTimeMs;
  const malformedRetries = opts.malformedRetries ?? OAI_DEFAULTS.malformedRetries;
  const started = Date.now();
  const repairs: string[] = [];
  const backoff = (attempt: number) => Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  /** wait before the next try, or say no when the attempts or the time are spent */
  const mayRetry = async (attempt: number, delay: number, note: string): Promise<boolean> => {
    if (attempt >= maxAttempts) return false;
    if (Date.now() - started + delay > maxRetryTime) return false;
    repairs.push(`${note}; asked again after ${(delay / 1000).toFixed(1)} s`);
    await sleep(delay, opts.signal);
    return true;
  };
  let malformed = 0;
  for (let attempt = 1; ; attempt++) {
    let res: FetchResult;
    try {
      res = await fetchBytes(url, { ...opts, signal: opts.signal });
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      if (e.transient && (await mayRetry(attempt, backoff(attempt), e.code === 'timeout' ? `timeout (${e.message})` : `network error (${e.message})`))) continue;
      const code = e.code === 'timeout' ? 'network' : e.code === 'redirect' ? 'bad_url' : e.code === 'bad_encoding' ? 'http' : e.code;
      const tries = e.transient ? ` (after ${attempt} attempt${attempt > 1 ? 's' : ''})` : '';
      throw new OaiError(code, `${e.message}${tries}`, undefined, url);
    }
    if (RETRY_STATUS(res.status)) {
      const after = retryAfterMs(res.headers['retry-after']);
      const delay = after !== undefined ? Math.min(after, maxRetryAfter) : backoff(attempt);
      const note = `HTTP ${res.status}${after !== undefined ? ` with Retry-After ${res.headers['retry-after']}` : ''}`;
      if (await mayRetry(attempt, delay, note)) continue;
      throw new OaiError('http', `${url} answered HTTP ${res.status} ${attempt} time${attempt > 1 ? 's' : ''}; giving up${snippet(res.bytes)}`, res.status, url);
    }
    try {
      const maxDepth = opts.maxDepth ?? OAI_DEFAULTS.maxDepth;
      const answer = reader ? await interpretList(res, url, maxDepth, reader, opts.shallowMetadata === true) : interpret(res, url, maxDepth);
      answer.repairs.unshift(...repairs);
      return answer;
    } catch (e) {
      if (e instanceof OaiError && e.code === 'malformed' && malformed < malformedRetries) {
        malformed++;
        repairs.push(`the page was not well-formed (${e.message.replace(/^.*?: /, '')}); asked again`);
        await sleep(Math.min(baseDelay, 5_000), opts.signal);
        attempt--; // a glitch of the provider, not a transport failure: it does not spend an attempt
        continue;
      }
      if (e instanceof OaiError) e.repairs.unshift(...repairs);
      throw e;
    }
  }
}

function snippet(bytes: Buffer): string {
  const s = bytes.subarray(0, 300).toString('utf8').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return s ? ` (“${s.slice(0, 120)}”)` : '';
}

const HTML_START = /^(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
const XML_START = /^\s*<(?:\?xml|[A-Za-z_][\w.-]*:?[\w.-]*[\s>/])/;

interface PageText {
  text: string;
  repairs: string[];
  /** the first KB, as Latin-1 (to recognise HTML) */
  head: string;
  httpOk: boolean;
}

function interpret(res: FetchResult, url: string, maxDepth: number): OaiResponse {
  const page = pageText(res, url);
  return envelope(res, url, page, parsePage(res, url, page, maxDepth));
}

/** The page's text, decoded and repaired, after the checks that need no parse (HTML, empty). */
function pageText(res: FetchResult, url: string): PageText {
  const contentType = (res.headers['content-type'] ?? '').toLowerCase();
  const head = res.bytes
    .subarray(res.bytes[0] === 0xef && res.bytes[1] === 0xbb && res.bytes[2] === 0xbf ? 3 : 0, 1024)
    .toString('latin1');
  const httpOk = res.status >= 200 && res.status < 300;
  const pre: string[] = [];
  if (HTML_START.test(head)) throw htmlError(res, url, head);
  if (contentType.includes('html') && !XML_START.test(head)) throw htmlError(res, url, head);
  if (contentType.includes('html')) pre.push(`served as ${contentType.split(';')[0]} although it is XML`);
  if (!res.bytes.length || !/\S/.test(head)) {
    if (!httpOk) throw new OaiError('http', `${url} answered HTTP ${res.status} with an empty body`, res.status, url);
    throw new OaiError('malformed', `${url} answered an empty page`, res.status, url);
  }
  const decoded = decodeXml(res.bytes);
  let text = decoded.text;
  const repairs = [...pre, ...decoded.repairs];
  if (decoded.encoding !== 'utf-8') repairs.push(`decoded as ${decoded.encoding}`);
  // an XML declaration repeated inside the page (one per record, IQSS/dataverse#7974)
  if (text.indexOf('<?xml', 1) > 0) {
    let n = 0;
    text = text.replace(/(?!^)<\?xml\s[^?]*\?>/g, () => (n++, ''));
    if (n) repairs.push(`${n} XML declaration${n > 1 ? 's' : ''} inside the page removed`);
  }
  // text after the root element (PHP notices appended after </OAI-PMH>, findsorguk#843)
  const close = lastMatch(text, /<\/(?:[\w.-]+:)?OAI-PMH\s*>/g);
  // (comments and processing instructions may legally follow the root: kept)
  if (close !== undefined && /\S/.test(text.slice(close).replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, ''))) {
    const tail = text.slice(close).trim();
    text = text.slice(0, close);
    repairs.push(`${tail.length} characters after </OAI-PMH> removed (“${tail.slice(0, 60).replace(/\s+/g, ' ')}”)`);
  }
  return { text, repairs, head, httpOk };
}

/** The whole page as a tree; references real providers get wrong are repaired (page.text and repairs updated) only when it fails. */
function parsePage(res: FetchResult, url: string, page: PageText, maxDepth: number): XmlElement {
  const { text, httpOk } = page;
  let root: XmlElement;
  try {
    root = parseXml(text, { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth });
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    if (!httpOk) throw new OaiError('http', `${url} answered HTTP ${res.status}${snippet(res.bytes)}`, res.status, url);
    if (e.reason === 'too_deep') throw new OaiError('malformed', `page ${url}: ${e.message}`, res.status, url);
    // the references real providers get wrong, repaired only once the page has failed
    const fixed = repairReferences(text);
    let again: XmlElement | undefined;
    if (fixed.text !== text) {
      try {
        again = parseXml(fixed.text, { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth });
      } catch {
        /* not the only fault: report the first one */
      }
    }
    if (!again) throw new OaiError('malformed', `page ${url} is not well-formed XML: ${where(e.message)}`, res.status, url, text);
    root = again;
    page.text = fixed.text;
    page.repairs.push(...fixed.repairs);
  }
  return root;
}

/** The response around the page's root: refuses what is not OAI-PMH, reads an OAI error and the responseDate. */
function envelope(res: FetchResult, url: string, page: PageText, root: XmlElement): OaiResponse {
  const { text, repairs, head, httpOk } = page;
  if (root.local !== 'OAI-PMH') {
    if (root.local.toLowerCase() === 'html') throw htmlError(res, url, head);
    if (!httpOk) throw new OaiError('http', `${url} answered HTTP ${res.status}${snippet(res.bytes)}`, res.status, url);
    throw new OaiError('not_oai', `${url} answered XML that is not an OAI-PMH response (root element <${root.name}>)`, res.status, url);
  }
  if (root.ns !== OAI_NS) repairs.push(`the root element is in the namespace "${root.ns}", not ${OAI_NS}`);
  const errorEl = first(root, undefined, 'error');
  const error = errorEl
    ? { code: errorEl.attrs.code?.trim() || 'undefined', message: elements(root, undefined, 'error').map(textOf).filter(Boolean).join('; ') }
    : undefined;
  if (!httpOk && !error) throw new OaiError('http', `${url} answered HTTP ${res.status} without an OAI-PMH error`, res.status, url);
  return { root, text, url: res.url, status: res.status, responseDate: ownText(first(root, undefined, 'responseDate')), repairs, error };
}

/** A <record> of the root's (first) <ListRecords>: what the page holds. */
function isPageRecord(el: XmlElement): boolean {
  const list = el.parent;
  if (el.local !== 'record' || list?.local !== 'ListRecords') return false;
  const root = list.parent;
  return root !== undefined && root.parent === undefined && first(root, undefined, 'ListRecords') === list;
}

/** An element inside the root element of a record's <metadata> (ScanOptions.prune: scanXml asks only inside records). */
const insideMetadata = (_ns: string, _local: string, _attrs: unknown, parent: XmlElement) => parent.parent?.local === 'metadata' && parent.parent.parent?.local === 'record';

/**
 * A ListRecords page read record by record as it is parsed (see PageReader). Records
 * nest three deep (OAI-PMH, ListRecords, record), hence their own cap. Anything short of
 * a clean page (a fault, a record nested too deep) is left to the whole-page path, which
 * gives the same answer, errors and repairs as a harvest without a reader.
 */
async function interpretList(res: FetchResult, url: string, maxDepth: number, reader: PageReader<unknown>, shallow: boolean): Promise<OaiResponse> {
  const page = pageText(res, url);
  const each = await reader(page.text);
  const scan: XmlScan = {};
  const read: unknown[] = [];
  let clean = true;
  try {
    const opts = { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth, maxRecordDepth: maxDepth - 2, keepRecordWhitespace: true, isRecord: isPageRecord, ...(shallow ? { prune: insideMetadata } : {}) };
    for (const { el, tooDeep } of scanXml(page.text, opts, scan)) {
      if (tooDeep) {
        clean = false;
        break;
      }
      read.push(each(readRecord(el, page.text)));
    }
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    clean = false;
  }
  if (clean && scan.root) return { ...envelope(res, url, page, scan.root), read };
  const r = envelope(res, url, page, parsePage(res, url, page, maxDepth));
  const list = first(r.root, undefined, 'ListRecords');
  r.read = [];
  if (list) for (const c of list.children) if (typeof c !== 'string' && c.local === 'record') r.read.push(each(readRecord(c, r.text)));
  return r;
}

// HTML 4's named characters that turn up in XML from providers that build pages from
// HTML-escaped database text (Latin-1 and typographic), as code points.
const HTML_ENTITIES: Record<string, number> = {
  nbsp: 160, iexcl: 161, cent: 162, pound: 163, curren: 164, yen: 165, brvbar: 166, sect: 167, uml: 168, copy: 169, ordf: 170,
  laquo: 171, not: 172, shy: 173, reg: 174, macr: 175, deg: 176, plusmn: 177, sup2: 178, sup3: 179, acute: 180, micro: 181,
  para: 182, middot: 183, cedil: 184, sup1: 185, ordm: 186, raquo: 187, frac14: 188, frac12: 189, frac34: 190, iquest: 191,
  Agrave: 192, Aacute: 193, Acirc: 194, Atilde: 195, Auml: 196, Aring: 197, AElig: 198, Ccedil: 199, Egrave: 200, Eacute: 201,
  Ecirc: 202, Euml: 203, Igrave: 204, Iacute: 205, Icirc: 206, Iuml: 207, ETH: 208, Ntilde: 209, Ograve: 210, Oacute: 211,
  Ocirc: 212, Otilde: 213, Ouml: 214, times: 215, Oslash: 216, Ugrave: 217, Uacute: 218, Ucirc: 219, Uuml: 220, Yacute: 221,
  THORN: 222, szlig: 223, agrave: 224, aacute: 225, acirc: 226, atilde: 227, auml: 228, aring: 229, aelig: 230, ccedil: 231,
  egrave: 232, eacute: 233, ecirc: 234, euml: 235, igrave: 236, iacute: 237, icirc: 238, iuml: 239, eth: 240, ntilde: 241,
  ograve: 242, oacute: 243, ocirc: 244, otilde: 245, ouml: 246, divide: 247, oslash: 248, ugrave: 249, uacute: 250, ucirc: 251,
  uuml: 252, yacute: 253, thorn: 254, yuml: 255, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402,
  circ: 710, tilde: 732, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211,
  mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225,
  bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482,
};

const allowedInXml = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/**
 * A page that failed to parse, with two faults of real providers repaired: character
 * references to characters XML forbids (`&#3;`, the referenced form of the control
 * characters decodeXml removes) are dropped, and HTML named entities (`&nbsp;`,
 * `&eacute;`) become numeric references. Any other undefined entity is left to fail.
 */
function repairReferences(text: string): { text: string; repairs: string[] } {
  let badRefs = 0;
  const named = new Map<string, number>();
  const out = text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const c = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (allowedInXml(c)) return m;
      badRefs++;
      return '';
    }
    const cp = HTML_ENTITIES[ref];
    if (cp === undefined) return m;
    named.set(ref, (named.get(ref) ?? 0) + 1);
    return `&#${cp};`;
  });
  const repairs: string[] = [];
  if (badRefs) repairs.push(`${badRefs} reference${badRefs > 1 ? 's' : ''} to characters XML forbids removed`);
  if (named.size) {
    const n = [...named.values()].reduce((a, b) => a + b, 0);
    repairs.push(`${n} HTML entit${n > 1 ? 'ies' : 'y'} (${[...named.keys()].map((k) => `&${k};`).join(' ')}) replaced by the characters they name`);
  }
  return { text: out, repairs };
}

function htmlError(res: FetchResult, url: string, head: string): OaiError {
  const title = /<title[^>]*>([^<]{1,160})/i.exec(res.bytes.subarray(0, 8192).toString('utf8'))?.[1]?.replace(/\s+/g, ' ').trim();
  const ct = res.headers['content-type']?.split(';')[0];
  void head;
  return new OaiError(
    'not_oai',
    `the server answered an HTML page, not OAI-PMH XML (HTTP ${res.status}${ct ? `, ${ct}` : ''}${title ? `, “${title}”` : ''}) at ${url}`,
    res.status,
    url,
  );
}

function lastMatch(text: string, re: RegExp): number | undefined {
  // only the end of the text matters; a page is large
  const from = Math.max(0, text.length - 64 * 1024);
  const tail = text.slice(from);
  let at: number | undefined;
  for (const m of tail.matchAll(re)) at = from + m.index! + m[0].length;
  return at;
}

/** "12:7: unexpected close tag." -> "line 12, column 7: unexpected close tag." */
function where(message: string): string {
  const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(message);
  return m ? `line ${m[1]}, column ${m[2]}: ${m[3]}` : message;
}

function oaiFailure(r: OaiResponse): OaiError {
  const { code, message } = r.error!;
  const hint =
    code === 'badResumptionToken'
      ? ' (the token expired or is unknown: restart the harvest from its `from`)'
      : code === 'cannotDisseminateFormat' || (code === 'badArgument' && /prefix|format/i.test(message))
        ? ' (check the metadataPrefix against ListMetadataFormats)'
        : '';
  return new OaiError(code, `${r.url}: OAI-PMH error ${code}${message ? `: ${message}` : ''}${hint}`, r.status, r.url);
}

// ---- reading ----------------------------------------------------------------------

const nsCache = new WeakMap<XmlElement, Array<[string, string]>>();

/** Namespace declarations in scope at el's parent (innermost wins). */
function inheritedNamespaces(parent: XmlElement | undefined): Array<[string, string]> {
  if (!parent) return [];
  const cached = nsCache.get(parent);
  if (cached) return cached;
  const seen = new Map<string, string>();
  for (let p: XmlElement | undefined = parent; p; p = p.parent) {
    for (const [k, v] of Object.entries(p.attrs)) if ((k === 'xmlns' || k.startsWith('xmlns:')) && !seen.has(k)) seen.set(k, v);
  }
  const out = [...seen];
  nsCache.set(parent, out);
  return out;
}

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The element's text as it stands in the document, with the namespace declarations it
 * inherits added to its start tag, so the slice is a well-formed document on its own.
 */
export function standaloneXml(text: string, el: XmlElement): string {
  const slice = text.slice(el.start, el.end);
  const add = inheritedNamespaces(el.parent).filter(([k]) => !(k in el.attrs));
  if (!add.length) return slice;
  const at = 1 + el.name.length;
  return slice.slice(0, at) + add.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('') + slice.slice(at);
}

// Tokens, identifiers and datestamps are kept as own copies (ownCopy): a view of the page
// would keep the whole page alive for as long as the caller keeps the short string.

/** textOf, as an own copy */
const text = (el: XmlElement | undefined): string => ownCopy(textOf(el));

/** The element's own text (children text nodes), trimmed, as an own copy. */
function ownText(el: XmlElement | undefined): string {
  if (!el) return '';
  let s = '';
  for (const c of el.children) if (typeof c === 'string') s += c;
  return ownCopy(s.trim());
}

function readRecord(el: XmlElement, text: string): OaiRecord {
  const header = first(el, undefined, 'header');
  const setSpecs: string[] = [];
  if (header) for (const s of elements(header, undefined, 'setSpec')) {
    const v = ownText(s);
    if (v && !setSpecs.includes(v)) setSpecs.push(v);
  }
  const metadata = first(el, undefined, 'metadata');
  const rec: OaiRecord = {
    deleted: header?.attrs.status?.trim() === 'deleted',
    setSpecs,
    text,
    raw: Buffer.from(standaloneXml(text, el), 'utf8'),
  };
  const identifier = ownText(first(header, undefined, 'identifier'));
  const datestamp = ownText(first(header, undefined, 'datestamp'));
  if (identifier) rec.identifier = identifier;
  if (datestamp) rec.datestamp = datestamp;
  const md = metadata ? elements(metadata)[0] : undefined;
  if (md) rec.metadata = md;
  return rec;
}

const intAttr = (el: XmlElement | undefined, name: string): number | undefined => {
  const v = el?.attrs[name]?.trim();
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
};

const shortToken = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}…` : t);

/**
 * The identifiers a ListRecords page's headers name, found by pattern before the page is
 * parsed (to look up what is stored for the page at once). A hint, not a reading: one it
 * misses (a comment inside the header, CDATA) only costs that record its lookup.
 */
export function headerIdentifiers(text: string): string[] {
  const out: string[] = [];
  // indexOf finds "header" at memchr speed; the pattern then only checks each place (a
  // global pattern over the page cost 16 µs a record)
  const tag = /<(?:[\w.-]+:)?header\b[^>]*>\s*<(?:[\w.-]+:)?identifier>([^<]*)</y;
  for (let at = text.indexOf('header'); at >= 0; at = text.indexOf('header', at + 6)) {
    const lt = text.lastIndexOf('<', at);
    if (lt < 0 || at - lt > 64) continue;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (!m) continue;
    const id = unescapeXml(m[1]!).trim();
    if (id) out.push(id);
  }
  return out;
}

// ---- salvage ----------------------------------------------------------------------

const unescapeXml = (s: string) =>
  s.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (m, hex: string, dec: string, name: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name] ?? m,
  );

/**
 * A ListRecords page that is not well-formed, read record by record: each <record> is
 * cut out by counting record tags (a MARC <record> inside one nests), given the page's
 * namespace declarations and parsed alone. The envelope (responseDate, the token and its
 * attributes) is read with patterns; `root` is a synthetic OAI-PMH element holding them.
 */
function salvagePage(e: OaiError, maxDepth: number): OaiResponse {
  const text = e.text!;
  const url = e.url ?? '';
  const decls = new Map<string, string>();
  for (const tag of [/<(?:[\w.-]+:)?OAI-PMH(?=[\s>])[^>]*>/.exec(text)?.[0], /<(?:[\w.-]+:)?ListRecords(?=[\s>])[^>]*>/.exec(text)?.[0]]) {
    if (!tag) continue;
    for (const m of tag.matchAll(/\s(xmlns(?::[\w.-]+)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) decls.set(m[1]!, m[2] ?? m[3] ?? '');
  }
  const records: OaiRecord[] = [];
  let depth = 0;
  let start = -1;
  let lastEnd = 0;
  let bad = 0;
  for (const m of text.matchAll(/<(\/?)(?:[\w.-]+:)?record(?=[\s>\/])/g)) {
    if (!m[1]) {
      const selfClosing = text.slice(m.index!, text.indexOf('>', m.index!) + 1).endsWith('/>');
      if (depth === 0 && !selfClosing) start = m.index!;
      if (!selfClosing) depth++;
      continue;
    }
    if (depth === 0) continue;
    if (--depth > 0) continue;
    const end = text.indexOf('>', m.index!) + 1;
    lastEnd = end;
    let chunk = text.slice(start, end);
    const name = /^<([\w.:-]+)/.exec(chunk)![1]!;
    const head = chunk.slice(0, chunk.indexOf('>'));
    const add = [...decls].filter(([k]) => !new RegExp(`\\s${k.replace('.', '\\.')}\\s*=`).test(head));
    if (add.length) chunk = `<${name}${add.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('')}${chunk.slice(1 + name.length)}`;
    try {
      const el = parseXml(chunk, { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth });
      records.push(readRecord(el, chunk));
    } catch (err) {
      bad++;
      // the header comes before <metadata> (whose dc:identifier must not be taken for it)
      const md = chunk.search(/<(?:[\w.-]+:)?metadata(?=[\s>])/);
      const header = md >= 0 ? chunk.slice(0, md) : chunk;
      const grab = (local: string) => {
        const v = new RegExp(`<${local}>([^<]*)</`).exec(header)?.[1]?.trim();
        return v ? ownCopy(unescapeXml(v)) : undefined;
      };
      const rec: OaiRecord = {
        deleted: /<(?:[\w.-]+:)?header(?=[\s>])[^>]*\sstatus\s*=\s*["']deleted["']/.test(header),
        setSpecs: [],
        text: chunk,
        raw: Buffer.from(chunk, 'utf8'),
        problem: `the record is not well-formed XML: ${where(err instanceof Error ? err.message : String(err))}`,
      };
      const identifier = grab('identifier');
      const datestamp = grab('datestamp');
      if (identifier) rec.identifier = identifier;
      if (datestamp) rec.datestamp = datestamp;
      records.push(rec);
    }
  }
  // the envelope: a synthetic root with what the caller reads from it
  const tail = text.slice(lastEnd);
  const tok = [...tail.matchAll(/<(?:[\w.-]+:)?resumptionToken\b([^>]*?)(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?resumptionToken\s*>)/g)].pop();
  // nothing to save, or a page cut short (no token and no end of the list): not a page, an error
  if (!records.length || (!tok && !/<\/(?:[\w.-]+:)?ListRecords\s*>/.test(tail))) throw e;
  const mk = (local: string, attrs: Record<string, string>, children: XmlElement['children'], parent?: XmlElement): XmlElement => ({
    name: local, local, ns: OAI_NS, attrs, nsAttrs: {}, children, lang: undefined, start: 0, end: 0, parent,
  });
  const root = mk('OAI-PMH', {}, []);
  const list = mk('ListRecords', {}, [], root);
  const date = /<(?:[\w.-]+:)?responseDate>([^<]*)</.exec(text)?.[1]?.trim() ?? '';
  root.children.push(mk('responseDate', {}, [date], root), list);
  const repairs = [...e.repairs, ...(e.message ? [`${e.message.replace(/^page \S+ /, 'the page ')}: read record by record, ${records.length - bad} record${records.length - bad === 1 ? '' : 's'} read, ${bad} set aside as not well-formed`] : [])];
  if (tok) {
    const attrs: Record<string, string> = {};
    for (const a of tok[1]!.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = a[2] ?? a[3] ?? '';
    list.children.push(mk('resumptionToken', attrs, tok[2] ? [unescapeXml(tok[2])] : [], list));
  }
  return { root, text, url, status: e.status ?? 200, responseDate: ownCopy(date), repairs, salvaged: records };
}

// ---- the verbs --------------------------------------------------------------------

export async function identify(base: string, opts: OaiClientOptions = {}): Promise<OaiIdentify> {
  const r = await request(base, { verb: 'Identify' }, opts);
  if (r.error) throw oaiFailure(r);
  const id = first(r.root, undefined, 'Identify');
  if (!id) throw new OaiError('not_oai', `${r.url}: the answer to Identify has no <Identify> element`, r.status, r.url);
  const repairs = [...r.repairs];
  const val = (local: string) => ownText(first(id, undefined, local)) || text(first(id, undefined, local));
  const earliest = val('earliestDatestamp');
  const out: OaiIdentify = {
    repositoryName: val('repositoryName'),
    baseURL: val('baseURL'),
    protocolVersion: val('protocolVersion'),
    adminEmails: elements(id, undefined, 'adminEmail').map(text).filter(Boolean),
    deletedRecord: val('deletedRecord'),
    granularity: val('granularity'),
    compression: elements(id, undefined, 'compression').map(text).filter(Boolean),
    responseDate: r.responseDate,
    request: { url: r.url },
    repairs,
  };
  if (parseDatestamp(earliest) !== null) out.earliestDatestamp = earliest;
  else repairs.push(`earliestDatestamp "${earliest}" is not a datestamp: ignored`);
  const g = out.granularity;
  if (g !== 'YYYY-MM-DD' && g !== 'YYYY-MM-DDThh:mm:ssZ') repairs.push(`granularity "${g}" is not one the protocol defines: taken as ${granularityOf(out)}`);
  for (const d of elements(id, undefined, 'description')) {
    const oid = elements(d).find((e) => e.local === 'oai-identifier');
    const rid = oid && text(first(oid, undefined, 'repositoryIdentifier'));
    if (rid) out.repositoryIdentifier = rid;
  }
  return out;
}

export async function listMetadataFormats(base: string, opts: OaiClientOptions & { identifier?: string } = {}): Promise<OaiMetadataFormat[]> {
  const r = await request(base, { verb: 'ListMetadataFormats', identifier: opts.identifier }, opts);
  if (r.error) {
    if (r.error.code === 'noMetadataFormats') return [];
    throw oaiFailure(r);
  }
  const list = first(r.root, undefined, 'ListMetadataFormats');
  if (!list) throw new OaiError('not_oai', `${r.url}: the answer has no <ListMetadataFormats>`, r.status, r.url);
  return elements(list, undefined, 'metadataFormat').map((f) => ({
    metadataPrefix: text(first(f, undefined, 'metadataPrefix')),
    schema: text(first(f, undefined, 'schema')),
    metadataNamespace: text(first(f, undefined, 'metadataNamespace')),
  }));
}

/** All sets, following every resumptionToken (with the same loop guard as ListRecords). */
export async function listSets(base: string, opts: OaiClientOptions = {}): Promise<OaiSet[]> {
  const out: OaiSet[] = [];
  const seen = new Set<string>();
  let token: string | null = null;
  for (;;) {
    const r = await request(base, token ? { verb: 'ListSets', resumptionToken: token } : { verb: 'ListSets' }, opts);
    if (r.error) {
      if (r.error.code === 'noSetHierarchy') return out;
      throw oaiFailure(r);
    }
    const list = first(r.root, undefined, 'ListSets');
    if (!list) throw new OaiError('not_oai', `${r.url}: the answer has no <ListSets>`, r.status, r.url);
    const sets = elements(list, undefined, 'set');
    for (const s of sets) {
      const set: OaiSet = { setSpec: text(first(s, undefined, 'setSpec')), setName: text(first(s, undefined, 'setName')) };
      const d = first(s, undefined, 'setDescription');
      const de = d && elements(d)[0];
      if (de) set.description = de;
      out.push(set);
    }
    const next = ownText(first(list, undefined, 'resumptionToken'));
    if (!next || next === token || seen.has(next) || !sets.length) return out;
    seen.add(next);
    token = next;
  }
}

export async function getRecord(base: string, identifier: string, metadataPrefix: string, opts: OaiClientOptions = {}): Promise<OaiRecord> {
  const r = await request(base, { verb: 'GetRecord', identifier, metadataPrefix }, opts);
  if (r.error) throw oaiFailure(r);
  const rec = first(first(r.root, undefined, 'GetRecord'), undefined, 'record');
  if (!rec) throw new OaiError('not_oai', `${r.url}: the answer has no <GetRecord><record>`, r.status, r.url);
  return readRecord(rec, r.text);
}

/**
 * ListRecords, one page at a time. Each page's `resumptionToken` asks for the next
 * page (null at the end); pass a stored one as `resumptionToken` to resume. With
 * `prefetch` (default) the next page is fetched while the caller handles this one.
 */
export async function* listRecords<T = OaiRecord>(
  base: string,
  params: ListRecordsParams,
  opts: OaiClientOptions = {},
  reader?: PageReader<T>,
): AsyncGenerator<OaiPage<T>, void, undefined> {
  const own = new AbortController();
  const outer = params.signal ?? opts.signal;
  const signal = outer ? AbortSignal.any([outer, own.signal]) : own.signal;
  const ropts: OaiClientOptions = { ...opts, signal };
  const prefetch = opts.prefetch ?? true;
  const stopOnEmpty = opts.stopOnEmptyPage ?? true;
  checkOai(base);
  if (!params.resumptionToken && !params.metadataPrefix) throw new OaiError('badArgument', 'ListRecords needs a metadataPrefix or a resumptionToken');

  let token: string | null = params.resumptionToken || null;
  const seen = new Set<string>();
  if (token) seen.add(token);
  const ask = (tok: string | null) => {
    const p = request(
      base,
      tok
        ? { verb: 'ListRecords', resumptionToken: tok }
        : { verb: 'ListRecords', metadataPrefix: params.metadataPrefix, set: params.set || undefined, from: params.from || undefined, until: params.until || undefined },
      ropts,
      reader,
    );
    p.catch(() => {}); // awaited below; no unhandled rejection while the caller is busy
    return p;
  };
  let pending: Promise<OaiResponse> | null = ask(token);
  let pageNo = 0;
  try {
    while (pending) {
      let r: OaiResponse;
      try {
        r = await pending;
      } catch (e) {
        if (!(opts.salvage && e instanceof OaiError && e.code === 'malformed' && e.text !== undefined)) throw e;
        r = salvagePage(e, ropts.maxDepth ?? OAI_DEFAULTS.maxDepth);
      }
      pending = null;
      pageNo++;
      const page: OaiPage<T> = { records: [], resumptionToken: null, responseDate: r.responseDate, request: { url: r.url }, repairs: r.repairs };
      if (r.error) {
        if (r.error.code !== 'noRecordsMatch') throw oaiFailure(r);
        page.noRecordsMatch = true;
        if (token) page.repairs.push('noRecordsMatch in answer to a resumptionToken: taken as the end of the list');
        yield page;
        return;
      }
      const list = first(r.root, undefined, 'ListRecords');
      if (!list) throw new OaiError('not_oai', `${r.url}: the answer has neither <ListRecords> nor an <error>`, r.status, r.url);
      if (r.salvaged && reader) {
        const each = await reader(r.text);
        page.records = r.salvaged.map((x) => each(x));
      } else if (r.salvaged) page.records = r.salvaged as T[];
      else if (r.read) page.records = r.read as T[];
      else for (const c of list.children) if (typeof c !== 'string' && c.local === 'record') page.records.push(readRecord(c, r.text) as T);
      const tokenEl = first(list, undefined, 'resumptionToken');
      let next: string | null = ownText(tokenEl) || null;
      if (tokenEl) {
        const size = intAttr(tokenEl, 'completeListSize');
        const cursor = intAttr(tokenEl, 'cursor');
        if (size !== undefined) page.completeListSize = size;
        if (cursor !== undefined) page.cursor = cursor;
        const exp = tokenEl.attrs.expirationDate?.trim();
        if (exp) page.tokenExpires = ownCopy(exp);
      } else if (token) {
        page.repairs.push('no resumptionToken on the last page (the protocol asks for an empty one): taken as the end of the list');
      }
      if (next !== null) {
        const known = page.completeListSize !== undefined ? ` (completeListSize ${page.completeListSize}, cursor ${page.cursor ?? '?'})` : '';
        if (next === token) {
          page.repairs.push(`the provider sent back the resumptionToken it was given ("${shortToken(next)}"): stopped to avoid an endless loop${known}`);
          next = null;
        } else if (seen.has(next)) {
          page.repairs.push(`the resumptionToken "${shortToken(next)}" came back after ${pageNo} pages: stopped to avoid a loop${known}`);
          next = null;
        } else if (!page.records.length && stopOnEmpty) {
          page.repairs.push(`an empty page carried the resumptionToken "${shortToken(next)}": taken as the end of the list${known}`);
          next = null;
        }
      }
      page.resumptionToken = next;
      if (next !== null) {
        seen.add(next);
        token = next;
        if (prefetch) pending = ask(next);
      }
      yield page;
      if (next !== null && !pending) pending = ask(next);
    }
  } finally {
    // the caller stopped early (break, throw, return): cancel a page in flight
    if (pending) own.abort();
  }
}

// ---- datestamps and granularity --------------------------------------------------------

export type Granularity = 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';

/** The repository's granularity; day granularity when Identify says something else (every provider must accept days). */
export function granularityOf(id: Pick<OaiIdentify, 'granularity'>): Granularity {
  const g = id.granularity.trim().replace(/\s+/g, '');
  if (/^YYYY-MM-DDThh:mm:ss(\.s+)?Z?$/i.test(g)) return 'YYYY-MM-DDThh:mm:ssZ';
  return 'YYYY-MM-DD';
}

const DATESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*(Z|z|[+-]\d{2}(?::?\d{2})?))?)?$/;

/**
 * A provider's datestamp as epoch milliseconds (UTC), or null when it is not one.
 * Tolerates what real providers send: fractional seconds, a missing Z (read as UTC),
 * an offset instead of Z, a space instead of T, a time without seconds.
 */
export function parseDatestamp(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = DATESTAMP.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms);
  const check = new Date(t);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) return null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const off = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60_000;
    t -= zm[1] === '+' ? off : -off;
  }
  return t;
}

/** Order two datestamps in time (not as strings); unreadable ones sort first. */
export function compareDatestamps(a: string | null | undefined, b: string | null | undefined): number {
  const x = parseDatestamp(a) ?? -Infinity;
  const y = parseDatestamp(b) ?? -Infinity;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The `from` of the next incremental harvest: `last` (a datestamp or a responseDate)
 * at the repository's granularity, rounded down (from is inclusive: the records at that
 * instant come again and are skipped by checksum; none is missed). Undefined for no
 * last datestamp; throws RangeError on one that cannot be read.
 */
export function fromParameter(last: string | null | undefined, granularity: Granularity | string): string | undefined {
  if (last === null || last === undefined || last.trim() === '') return undefined;
  const t = parseDatestamp(last);
  if (t === null) throw new RangeError(`"${last}" is not a datestamp`);
  const iso = new Date(t).toISOString(); // YYYY-MM-DDThh:mm:ss.sssZ
  return granularityOf({ granularity }) === 'YYYY-MM-DD' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}
