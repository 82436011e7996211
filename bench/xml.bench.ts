// XML → tree throughput of src/modules/harvest/formats/xml.ts (parseXml, and scanXml as
// the file reader drives it for LIDO: records yielded one by one, pruned). Two OAI-PMH
// ListRecords pages of 100 LIDO records each: generated records (test/support's
// generateLidoRecords, the envelope the test provider writes) and real records from
// ../shared/fixtures/lido (repeated to 100). Prints MB/s (UTF-8 bytes of the page) and
// records per CPU-second; asserts nothing.
//
//   node --import tsx bench/xml.bench.ts
//   node --import tsx bench/xml.bench.ts --against <git rev>   (also xml.ts as it was at
//        that commit, measured in the same run: 89ddcb6 is the last one on saxes)
//
// The machine may be shared: wall figures are medians of many repetitions; CPU figures are
// process CPU time (user + system, garbage collection included) over all repetitions,
// which other load inflates less.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lido } from '../src/modules/harvest/formats/lido.ts';
import * as current from '../src/modules/harvest/formats/xml.ts';
import { fixturesMissing, generateLidoRecords, loadFixtureLidoRecords, OAI_NS, type ProviderRecord } from '../test/support/oai-provider.ts';

type XmlModule = Pick<typeof current, 'parseXml' | 'scanXml'>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = 100;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** a ListRecords page as the test provider writes it */
function page(records: ProviderRecord[]): string {
  const body = records
    .map(
      (r) =>
        `<record><header><identifier>${esc(r.identifier)}</identifier><datestamp>${r.datestamp}</datestamp>${(r.sets ?? []).map((s) => `<setSpec>${esc(s)}</setSpec>`).join('')}</header><metadata>${r.metadataXml}</metadata></record>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n` +
    `<responseDate>2025-01-01T00:00:00Z</responseDate>\n<request verb="ListRecords" metadataPrefix="lido">http://127.0.0.1/oai</request>\n` +
    `<ListRecords>${body}<resumptionToken completeListSize="20000" cursor="0">tok-1</resumptionToken></ListRecords>\n</OAI-PMH>\n`
  );
}

// the text as the harvester has it: the page's bytes through decodeXml (a flat string, not
// the concatenation that built it)
const decoded = (xml: string) => current.decodeXml(Buffer.from(xml)).text;
const pages: { label: string; text: string }[] = [{ label: 'generated LIDO', text: decoded(page([...generateLidoRecords(PAGE)])) }];
if (!fixturesMissing()) {
  const real = loadFixtureLidoRecords();
  if (real.length) pages.push({ label: 'fixture LIDO', text: decoded(page(Array.from({ length: PAGE }, (_, i) => real[i % real.length]!))) });
}

const opts = { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth: 256 };
const scanOpts = { ...opts, maxRecordDepth: 256, isRecord: lido.isRecord.bind(lido), prune: lido.prune!.bind(lido) };

function measure(fn: () => void): { wallMs: number; cpuMs: number } {
  for (let i = 0; i < 20; i++) fn(); // warm up
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let reps = 0;
  while (reps < 30 || performance.now() - t0 < 1500) {
    const t = performance.now();
    fn();
    walls.push(performance.now() - t);
    reps++;
  }
  const cpu = process.cpuUsage(cpu0);
  walls.sort((a, b) => a - b);
  return { wallMs: walls[walls.length >> 1]!, cpuMs: (cpu.user + cpu.system) / 1000 / reps };
}

async function load(rev: string): Promise<XmlModule> {
  const src = execFileSync('git', ['show', `${rev}:src/modules/harvest/formats/xml.ts`], { cwd: root, encoding: 'utf8' });
  // inside the repository, so that its imports (saxes) resolve
  const dir = path.join(root, 'node_modules', '.cache', 'xml-bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `xml-${rev.replace(/[^\w.-]/g, '_')}.ts`);
  fs.writeFileSync(file, src);
  return (await import(pathToFileURL(file).href)) as XmlModule;
}

const impls: { label: string; m: XmlModule }[] = [{ label: 'xml.ts (working tree)', m: current }];
const at = process.argv.indexOf('--against');
if (at > 0 && process.argv[at + 1]) impls.push({ label: `xml.ts at ${process.argv[at + 1]}`, m: await load(process.argv[at + 1]!) });

console.log(`node ${process.version}; figures per page of ${PAGE} records (MB = 10^6 UTF-8 bytes)`);
for (const p of pages) {
  const mb = Buffer.byteLength(p.text) / 1e6;
  console.log(`\n${p.label}: ${(mb * 1000).toFixed(0)} KB a page (~${Math.round((mb * 1e6) / PAGE)} bytes a record)`);
  for (const { label, m } of impls) {
    for (const [what, fn] of [
      ['parseXml', () => void m.parseXml(p.text, opts)],
      [
        'scanXml ',
        () => {
          let n = 0;
          for (const r of m.scanXml(p.text, scanOpts)) n += r.el.children.length;
          if (n < 0) throw new Error('unreachable');
        },
      ],
    ] as const) {
      const { wallMs, cpuMs } = measure(fn);
      console.log(
        `  ${label.padEnd(26)} ${what}  wall ${wallMs.toFixed(2).padStart(6)} ms (${(mb / (wallMs / 1000)).toFixed(1).padStart(5)} MB/s)` +
          `   CPU ${cpuMs.toFixed(2).padStart(6)} ms (${(mb / (cpuMs / 1000)).toFixed(1).padStart(5)} MB/s, ${Math.round(PAGE / (cpuMs / 1000))
            .toString()
            .padStart(6)} records per CPU-second)`,
      );
    }
  }
}
