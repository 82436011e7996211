// One GET over HTTP(S) for the harvester, with the limits a hostile or broken provider
// needs: only http:/https: (also after a redirect), a connect timeout and a deadline for
// the whole response, a size cap enforced on the decompressed bytes while they stream
// (a gzip bomb is cut off, not inflated), at most 5 redirects, and an AbortSignal.
// Built on node:http/https rather than the global fetch: Node 20's fetch has no
// connect timeout without the undici package, and decoding gzip/deflate here lets the
// cap count the bytes we actually hold.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export const USER_AGENT = 'Caravanserai-harvester/0.1 (museum alliance catalogue; OAI-PMH 2.0)';

export const FETCH_DEFAULTS = {
  /** from the request to the last byte of the response (redirects included) */
  timeoutMs: 120_000,
  /** for the TCP (and TLS) connection */
  connectTimeoutMs: 15_000,
  /** decompressed body size; an OAI-PMH page over this is refused */
  maxBytes: 64 * 1024 * 1024,
  maxRedirects: 5,
} as const;

export interface FetchOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** extra request headers (Accept, …) */
  headers?: Record<string, string>;
}

export interface FetchResult {
  status: number;
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string>;
  /** the body, decompressed */
  bytes: Buffer;
  /** the URL that answered (after redirects) */
  url: string;
}

export type FetchErrorCode =
  | 'bad_url' // not http(s), or not a URL at all
  | 'network' // DNS, refused, reset, dropped mid-response, bad compression
  | 'timeout' // connect or whole-response deadline passed
  | 'too_large' // over maxBytes
  | 'redirect' // too many redirects, a redirect without Location or to another scheme
  | 'bad_encoding' // a Content-Encoding other than gzip/deflate/identity
  | 'aborted'; // the caller's signal

export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
  /** worth another attempt: the next one may well succeed */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'timeout';
  }
}

// Keep-alive: a harvest asks the same host for hundreds of pages in a row.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Parse and check a harvest URL: only http: and https:, no credentials in it. */
export function checkUrl(raw: string | URL, base?: string): URL {
  let url: URL;
  try {
    url = new URL(String(raw), base);
  } catch {
    throw new FetchError('bad_url', `not a valid URL: ${String(raw).slice(0, 200)}`, String(raw));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', `only http: and https: URLs can be harvested, not ${url.protocol} (${url.href.slice(0, 200)})`, url.href);
  }
  return url;
}

/**
 * GET a URL and return its whole body. Non-2xx answers are returned, not thrown (an
 * OAI-PMH provider may send its error document with HTTP 422); only transport faults,
 * the limits and the signal throw, always as FetchError.
 */
export async function fetchBytes(rawUrl: string | URL, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  let url = checkUrl(rawUrl);
  if (opts.signal?.aborted) throw new FetchError('aborted', `request to ${url.href} aborted`, url.href);
  const deadline = Date.now() + timeoutMs;
  for (let hop = 0; ; hop++) {
    const answer = await once(url, deadline, opts);
    if (!('location' in answer)) return answer;
    if (hop >= maxRedirects) throw new FetchError('redirect', `more than ${maxRedirects} redirects, the last to ${answer.location}`, url.href);
    let next: URL;
    try {
      next = checkUrl(answer.location, url.href);
    } catch (e) {
      throw new FetchError('redirect', `${url.href} redirects to a URL that cannot be harvested: ${(e as Error).message}`, url.href);
    }
    url = next;
  }
}

type Answer = FetchResult | { location: string };

function once(url: URL, deadline: number, opts: FetchOptions): Promise<Answer> {
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const connectTimeoutMs = opts.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    const cleanup = () => {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: FetchError) => {
      if (settled) return;
      settled = true;
      cleanup();
      req?.destroy(e);
      reject(e);
    };
    const done = (a: Answer) => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(a);
    };
    const onAbort = () => fail(new FetchError('aborted', `request to ${url.href} aborted`, url.href));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const left = deadline - Date.now();
    if (left <= 0) return fail(new FetchError('timeout', `no complete answer from ${url.href} within the time allowed`, url.href));
    timers.push(setTimeout(() => fail(new FetchError('timeout', `no complete answer from ${url.href} within ${Math.round(left / 1000)} s`, url.href)), left));

    req = lib.request(url, {
      method: 'GET',
      agent: agents[url.protocol as 'http:' | 'https:'],
      headers: {
        'user-agent': opts.userAgent ?? USER_AGENT,
        'accept-encoding': 'gzip, deflate',
        accept: 'text/xml, application/xml;q=0.9, */*;q=0.1',
        ...opts.headers,
      },
    });
    req.on('socket', (socket) => {
      // a reused keep-alive socket is already connected
      if (!socket.connecting) return;
      const t = setTimeout(() => fail(new FetchError('timeout', `could not connect to ${url.host} within ${Math.round(connectTimeoutMs / 1000)} s`, url.href)), connectTimeoutMs);
      timers.push(t);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(t));
    });
    req.on('error', (e) => fail(asFetchError(e, url)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status)) {
        res.resume();
        if (!location) return fail(new FetchError('redirect', `${url.href} answered ${status} without a Location`, url.href));
        return done({ location });
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
      const declared = Number(headers['content-length']);
      if ((encoding === '' || encoding === 'identity') && declared > maxBytes) {
        return fail(new FetchError('too_large', `${url.href} announces ${declared} bytes, over the cap of ${maxBytes}`, url.href));
      }
      let decoder: Transform | undefined;
      if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
      else if (encoding === 'deflate') decoder = inflateAny();
      else if (encoding !== '' && encoding !== 'identity') {
        return fail(new FetchError('bad_encoding', `${url.href} sent an unsupported Content-Encoding "${encoding}"`, url.href));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const sink = async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > maxBytes) {
            // settle first: tearing the streams down makes the request report its own error
            const e = new FetchError('too_large', `the answer of ${url.href} exceeds the cap of ${maxBytes} bytes`, url.href);
            fail(e);
            throw e;
          }
          chunks.push(chunk);
        }
      };
      (decoder ? pipeline(res, decoder, sink) : pipeline(res, sink)).then(
        () => done({ status, headers, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), url: url.href }),
        (e: unknown) => fail(asFetchError(e, url)),
      );
    });
    req.end();
  });
}

/** "deflate" is zlib-wrapped by the RFC, raw deflate from some servers: take either. */
function inflateAny(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | undefined;
  let head: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!inner) {
        head = head ? Buffer.concat([head, chunk]) : chunk;
        if (head.length < 2) return cb();
        // a zlib header: CM=8 in the low nibble and a header checksum divisible by 31
        const zlibHeader = (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
        inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on('data', (d: Buffer) => this.push(d));
        inner.on('error', (e) => this.destroy(e));
        chunk = head;
        head = undefined;
      }
      inner.write(chunk, () => cb());
    },
    flush(cb) {
      if (!inner) {
        if (head?.length) return cb(new Error('deflate stream of one byte'));
        return cb();
      }
      inner.once('end', () => cb());
      inner.end();
    },
  });
}

function asFetchError(e: unknown, url: URL): FetchError {
  if (e instanceof FetchError) return e;
  const err = e as NodeJS.ErrnoException;
  const what = err?.code ? `${err.code}${err.message && !err.message.includes(err.code) ? ` (${err.message})` : ''}` : String(err?.message ?? e);
  if (err?.code?.startsWith('Z_') || err?.code === 'ERR_ZLIB') {
    return new FetchError('network', `the compressed answer of ${url.href} could not be decoded: ${what}`, url.href, { cause: e });
  }
  return new FetchError('network', `${url.href}: ${what}`, url.href, { cause: e });
}
