import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBytes, FetchError, USER_AGENT } from './http.ts';

// One loopback server with a route per behaviour.
let server: http.Server;
let base = '';
const seen: Record<string, http.IncomingHttpHeaders> = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen[url.pathname] = req.headers;
    const n = Number(url.searchParams.get('n') ?? 0);
    switch (url.pathname) {
      case '/ok':
        return res.writeHead(200, { 'content-type': 'text/xml' }).end('<ok/>');
      case '/status':
        return res.writeHead(422, { 'content-type': 'text/xml' }).end('<error/>');
      case '/gzip':
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.from('<gz>zipped</gz>')));
      case '/deflate':
        return res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync(Buffer.from('<df>zlib</df>')));
      case '/deflate-raw':
        return res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync(Buffer.from('<df>raw</df>')));
      case '/bad-gzip':
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('not gzip at all'));
      case '/redirect':
        // /redirect?n=3 -> 2 -> 1 -> 0 -> /ok
        return res.writeHead(302, { location: n > 0 ? `/redirect?n=${n - 1}` : '/ok' }).end();
      case '/redirect-abs':
        return res.writeHead(301, { location: `${base}/ok` }).end();
      case '/redirect-file':
        return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      case '/redirect-ftp':
        return res.writeHead(307, { location: 'ftp://example.org/x' }).end();
      case '/redirect-none':
        return res.writeHead(302).end();
      case '/big': {
        // n bytes in 64 KB chunks, no Content-Length (chunked): the cap must cut it while streaming
        res.writeHead(200, { 'content-type': 'text/plain' });
        let left = n;
        const chunk = Buffer.alloc(65536, 0x61);
        const pump = () => {
          while (left > 0) {
            const c = chunk.subarray(0, Math.min(left, chunk.length));
            left -= c.length;
            if (!res.write(c)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      case '/big-declared':
        res.writeHead(200, { 'content-length': String(n) });
        return res.end(Buffer.alloc(Math.min(n, 1024)));
      case '/gzip-bomb':
        // 100 KB on the wire, 50 MB inflated
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024)));
      case '/hang':
        return; // never answers
      case '/trickle':
        res.writeHead(200);
        res.write('<a>');
        return void setTimeout(() => res.end('</a>'), 3_000);
      case '/drop':
        res.writeHead(200, { 'content-length': '1000' });
        return res.write(Buffer.alloc(400, 0x62), () => res.socket?.destroy());
      case '/br':
        return res.writeHead(200, { 'content-encoding': 'compress' }).end('x');
      default:
        return res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return e as FetchError;
  }
  throw new Error('expected a FetchError');
}

describe('fetchBytes', () => {
  it('returns status, lower-case headers, bytes and the URL, and names Caravanserai in its User-Agent', async () => {
    const r = await fetchBytes(`${base}/ok`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/xml');
    expect(r.bytes.toString()).toBe('<ok/>');
    expect(r.url).toBe(`${base}/ok`);
    expect(seen['/ok']!['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/Caravanserai/);
    expect(seen['/ok']!['accept-encoding']).toBe('gzip, deflate');
  });

  it('returns non-2xx answers instead of throwing (an OAI error may come with 422)', async () => {
    const r = await fetchBytes(`${base}/status`);
    expect(r.status).toBe(422);
    expect(r.bytes.toString()).toBe('<error/>');
  });

  it.each(['file:///etc/passwd', 'ftp://example.org/', 'javascript:alert(1)', 'data:text/xml,<a/>', 'gopher://x', 'not a url', '//no-scheme'])('refuses %s', async (u) => {
    const e = await failure(fetchBytes(u));
    expect(e.code).toBe('bad_url');
    expect(e.message).toMatch(/only http: and https:|not a valid URL/);
  });

  it('decodes gzip, zlib deflate and raw deflate', async () => {
    expect((await fetchBytes(`${base}/gzip`)).bytes.toString()).toBe('<gz>zipped</gz>');
    expect((await fetchBytes(`${base}/deflate`)).bytes.toString()).toBe('<df>zlib</df>');
    expect((await fetchBytes(`${base}/deflate-raw`)).bytes.toString()).toBe('<df>raw</df>');
  });

  it('reports a body that does not decompress as a network error, and an unknown encoding too', async () => {
    expect((await failure(fetchBytes(`${base}/bad-gzip`))).code).toBe('network');
    const e = await failure(fetchBytes(`${base}/br`));
    expect(e.code).toBe('bad_encoding');
    expect(e.transient).toBe(false);
    expect(e.message).toMatch(/unsupported Content-Encoding "compress"/);
  });

  it('follows up to 5 redirects, relative or absolute', async () => {
    const r = await fetchBytes(`${base}/redirect?n=4`);
    expect(r.bytes.toString()).toBe('<ok/>');
    expect(r.url).toBe(`${base}/ok`);
    expect((await fetchBytes(`${base}/redirect-abs`)).url).toBe(`${base}/ok`);
    const e = await failure(fetchBytes(`${base}/redirect?n=5`));
    expect(e.code).toBe('redirect');
    expect(e.message).toMatch(/more than 5 redirects/);
    expect((await fetchBytes(`${base}/redirect?n=1`, { maxRedirects: 2 })).status).toBe(200);
  });

  it('follows redirects only to http(s)', async () => {
    for (const p of ['/redirect-file', '/redirect-ftp']) {
      const e = await failure(fetchBytes(`${base}${p}`));
      expect(e.code).toBe('redirect');
      expect(e.message).toMatch(/cannot be harvested.*only http: and https:/);
    }
    expect((await failure(fetchBytes(`${base}/redirect-none`))).message).toMatch(/without a Location/);
  });

  it('cuts a streamed body off at the size cap', async () => {
    const ok = await fetchBytes(`${base}/big?n=${512 * 1024}`, { maxBytes: 1024 * 1024 });
    expect(ok.bytes.length).toBe(512 * 1024);
    const e = await failure(fetchBytes(`${base}/big?n=${8 * 1024 * 1024}`, { maxBytes: 1024 * 1024 }));
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/exceeds the cap of 1048576 bytes/);
  });

  it('refuses a declared Content-Length over the cap before reading it', async () => {
    const e = await failure(fetchBytes(`${base}/big-declared?n=${10 * 1024 * 1024}`, { maxBytes: 1024 * 1024 }));
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/announces 10485760 bytes/);
  });

  it('counts the cap on inflated bytes (a gzip bomb stops at the cap)', async () => {
    const e = await failure(fetchBytes(`${base}/gzip-bomb`, { maxBytes: 4 * 1024 * 1024 }));
    expect(e.code).toBe('too_large');
  });

  it('times out a server that never answers, and one that trickles past the deadline', async () => {
    let t = Date.now();
    const e = await failure(fetchBytes(`${base}/hang`, { timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
    expect(e.transient).toBe(true);
    expect(Date.now() - t).toBeLessThan(2_000);
    t = Date.now();
    expect((await failure(fetchBytes(`${base}/trickle`, { timeoutMs: 500 }))).code).toBe('timeout');
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it('reports a dropped connection as a transient network error', async () => {
    const e = await failure(fetchBytes(`${base}/drop`));
    expect(e.code).toBe('network');
    expect(e.transient).toBe(true);
  });

  it('aborts on the caller’s signal, before and during a request', async () => {
    const before = new AbortController();
    before.abort();
    expect((await failure(fetchBytes(`${base}/ok`, { signal: before.signal }))).code).toBe('aborted');
    const during = new AbortController();
    const t = Date.now();
    setTimeout(() => during.abort(), 100);
    const e = await failure(fetchBytes(`${base}/hang`, { signal: during.signal, timeoutMs: 10_000 }));
    expect(e.code).toBe('aborted');
    expect(e.transient).toBe(false);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it('reports a refused connection as a network error', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as { port: number }).port;
    await new Promise((r) => s.close(r));
    const e = await failure(fetchBytes(`http://127.0.0.1:${port}/`));
    expect(e.code).toBe('network');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });
});
