// Throughput of the client alone: 20,000 generated LIDO records, 100 a page, from the
// test provider in ANOTHER process on loopback, its pages built beforehand and streamed
// from disk (so building them does not compete with the client for the two cores). Prints pages/s, records/s, MB/s and memory; asserts only completeness (a
// benchmark is not a timed test). The pipeline target is 5,000 LIDO records/s end to end.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeXml, parseXml } from '../formats/xml.ts';
import { fetchBytes } from './http.ts';
import { listRecords } from './oai-client.ts';

const N = 20_000;
const PAGE = 100;
let child: ChildProcess;
let baseUrl = '';
let cacheDir = '';

beforeAll(async () => {
  const file = fileURLToPath(new URL('../../../../test/support/oai-provider.ts', import.meta.url));
  // pages built once into a cache and streamed from disk: the provider then costs our two cores little
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oai-perf-'));
  child = spawn(process.execPath, ['--import', 'tsx', file, '--generate', String(N), '--page-size', String(PAGE), '--cache', cacheDir, '--warm'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`provider exited ${c}`)));
  });
  baseUrl = (JSON.parse(line) as { baseUrl: string }).baseUrl;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
  if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
});

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

describe('OAI-PMH client throughput (printed, not asserted)', () => {
  it(`harvests ${N} generated LIDO records, ${PAGE} a page, from a provider in another process`, async () => {
    // 1. the transport alone: every page's bytes, tokens found by a regex
    let t = performance.now();
    let bytes = 0;
    let pages = 0;
    let token: string | undefined;
    let sample: Buffer | undefined;
    do {
      const r = await fetchBytes(token ? `${baseUrl}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}` : `${baseUrl}?verb=ListRecords&metadataPrefix=lido`);
      bytes += r.bytes.length;
      pages++;
      sample ??= r.bytes;
      token = /<resumptionToken[^>]*>([^<]+)</.exec(r.bytes.subarray(r.bytes.length - 600).toString('latin1'))?.[1];
    } while (token);
    const fetchMs = performance.now() - t;

    // 2. decode + parse of one page, repeated: the CPU cost per page in formats/xml.ts
    t = performance.now();
    const reps = 10;
    for (let i = 0; i < reps; i++) parseXml(decodeXml(sample!).text, { maxBytes: 1e9, maxDepth: 256 });
    const parseMs = (performance.now() - t) / reps;

    // 3. the client: fetch, decode, parse, records (prefetching the next page)
    let peakRss = process.memoryUsage().rss;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    let records = 0;
    let clientPages = 0;
    let rawBytes = 0;
    for await (const page of listRecords(baseUrl, { metadataPrefix: 'lido' })) {
      clientPages++;
      records += page.records.length;
      for (const r of page.records) rawBytes += r.raw.length;
    }
    const clientMs = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    clearInterval(rssTimer);
    const heap = process.memoryUsage().heapUsed;

    const mb = bytes / 1e6;
    console.log(
      [
        `OAI-PMH client, ${N} generated LIDO records (~${Math.round(rawBytes / records)} bytes each), ${PAGE} a page, ${pages} pages, ${mb.toFixed(1)} MB, provider in another process on loopback, pages from its disk cache:`,
        `  transport only (fetchBytes):      ${rate(pages, fetchMs)} pages/s, ${rate(N, fetchMs)} records/s, ${(mb / (fetchMs / 1000)).toFixed(1)} MB/s`,
        `  decodeXml + parseXml of one page: ${parseMs.toFixed(1)} ms (${rate(PAGE, parseMs)} records/s on one core)`,
        `  client listRecords (prefetch):    ${rate(clientPages, clientMs)} pages/s, ${rate(records, clientMs)} records/s, ${(clientMs / 1000).toFixed(1)} s`,
        `  client CPU time: ${(cpuMs / 1000).toFixed(1)} s = ${rate(records, cpuMs)} records per CPU-second (independent of other load; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
        `  memory: peak RSS ${Math.round(peakRss / 1e6)} MB, heap after ${Math.round(heap / 1e6)} MB`,
      ].join('\n'),
    );
    expect(records).toBe(N);
    expect(clientPages).toBe(N / PAGE);
  }, 600_000);
});
