// Progress of a run: a bar redrawn in place on a terminal, a plain line every few
// seconds otherwise (logs, CI), nothing with --json (stdout carries only the report).
import type { Progress } from '../modules/harvest/harvest.service.ts';
import type { RunReport } from '../modules/harvest/run.service.ts';

export function progressPrinter(opts: { json: boolean }): { onProgress: Progress; done(): void } {
  const out = process.stderr;
  const tty = out.isTTY === true;
  const t0 = Date.now();
  let last = 0;
  const onProgress: Progress = ({ seen, pages, counts, total }) => {
    const now = Date.now();
    if (opts.json && !tty) return;
    if (!tty && now - last < 5000) return;
    last = now;
    const rate = Math.round(seen / Math.max((now - t0) / 1000, 0.001));
    const line = `${seen} records (${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.deleted} deleted, ${counts.quarantined} quarantined), ${pages} batches, ${rate}/s`;
    if (tty) {
      const width = 24;
      const frac = total ? Math.min(1, pages / total) : 0;
      const bar = total ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ` : '';
      out.write(`\r\x1b[2K${bar}${line}`);
    } else out.write(`${line}\n`);
  };
  return { onProgress, done: () => tty && out.write('\n') };
}

export function printReport(report: RunReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const reasons = Object.entries(report.byReason).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(
    `run ${report.run} ${report.status}${report.resumed ? ' (resumed)' : ''}: ${report.seen} seen, ${report.new} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.deleted} deleted, ${report.quarantined} quarantined${reasons ? ` (${reasons})` : ''}; ${(report.durationMs / 1000).toFixed(1)} s, ${report.recordsPerSecond} records/s`,
  );
  if (report.error) console.log(`error: ${report.error}`);
  for (const r of report.repairs.slice(0, 10)) console.log(`repaired: ${r}`);
}
