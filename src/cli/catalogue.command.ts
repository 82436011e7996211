// import, source add, harvest, renormalise: the catalogue's ingestion from the console.
import fs from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { harvestSource, importPaths, renormaliseSource } from '../modules/harvest/harvest.service.ts';
import { validateMapping } from '../modules/harvest/formats/mapped.ts';
import { createSource, listSources } from '../modules/sources/source.service.ts';
import { AppError } from '../shared/errors.ts';
import { cliActor, withDatabase } from './context.ts';
import { printReport, progressPrinter } from './progress.ts';

/** SIGINT/SIGTERM stop a run between pages; it stays resumable. */
function stopSignal(): AbortSignal {
  const ac = new AbortController();
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => ac.abort());
  return ac.signal;
}

async function readMapping(file: string | undefined): Promise<unknown> {
  if (!file) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new AppError('validation_failed', `mapping ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return validateMapping(json);
}

function parsersOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new InvalidArgumentError('a whole number from 1 to 16');
  return n;
}

export function catalogueCommands(program: Command): void {
  program
    .command('import')
    .description('import records from files or folders (read recursively) into an institution\'s catalogue')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--institution <id-or-slug>', 'the institution the records belong to')
    .requiredOption('--format <format>', 'lido | oai_dc | edm | csv | json | linked-art | iiif')
    .option('--mapping <file>', 'field mapping (JSON) for csv and json records')
    .option('--language <tag>', 'language of texts that do not declare one', 'en')
    .option('--parsers <n>', 'parsing threads (default: one per core, at most four)', parsersOption)
    .option('--json', 'print the run report as one JSON object')
    .action(async (paths: string[], o: { institution: string; format: string; mapping?: string; language: string; parsers?: number; json?: boolean }) => {
      const mapping = await readMapping(o.mapping);
      const p = progressPrinter({ json: !!o.json });
      const report = await withDatabase(({ db }) =>
        importPaths(
          db,
          cliActor(),
          { institution: o.institution, format: o.format, paths, defaultLanguage: o.language, ...(mapping ? { mapping: mapping as never } : {}) },
          { onProgress: p.onProgress, signal: stopSignal(), ...(o.parsers ? { parsers: o.parsers } : {}) },
        ),
      );
      p.done();
      printReport(report, !!o.json);
      if (report.status === 'failed') process.exitCode = 1;
    });

  const source = program.command('source').description('sources of members\' collections');
  source
    .command('add')
    .description('register an OAI-PMH source; prints the new source id')
    .requiredOption('--institution <id-or-slug>', 'the institution whose collection it is')
    .requiredOption('--oai <url>', 'OAI-PMH base URL')
    .option('--prefix <prefix>', 'metadataPrefix: lido | oai_dc | edm', 'lido')
    .option('--set <set>', 'setSpec to harvest')
    .option('--schedule <schedule>', 'manual | hourly | daily | weekly', 'manual')
    .option('--language <tag>', 'language of texts that do not declare one', 'en')
    .action(async (o: { institution: string; oai: string; prefix: string; set?: string; schedule: string; language: string }) => {
      const s = await withDatabase(({ db }) =>
        createSource(db, cliActor(), { institution: o.institution, kind: 'oai', format: o.prefix, baseUrl: o.oai, metadataPrefix: o.prefix, setSpec: o.set ?? null, schedule: o.schedule, defaultLanguage: o.language }),
      );
      console.log(s.id);
    });
  source
    .command('list')
    .description('list sources')
    .action(async () => {
      const sources = await withDatabase(({ db }) => listSources(db));
      for (const s of sources) console.log(`${s.id}\t${s.kind}\t${s.format}\t${s.label}\tlast ${s.lastSuccessAt ?? 'never'}`);
    });

  program
    .command('harvest')
    .description('harvest a source now (incremental; resumes a run that was killed)')
    .argument('<source-id>')
    .option('--parsers <n>', 'parsing threads: one reads the list, the others (three at most) parse its records (default: 1 below four cores, else up to 4)', parsersOption)
    .option('--json', 'print the run report as one JSON object')
    .action(async (id: string, o: { parsers?: number; json?: boolean }) => {
      const p = progressPrinter({ json: !!o.json });
      const report = await withDatabase(({ db }) =>
        harvestSource(db, cliActor(), id, { onProgress: p.onProgress, signal: stopSignal(), ...(o.parsers ? { parsers: o.parsers, preparers: o.parsers - 1 } : {}) }),
      );
      p.done();
      printReport(report, !!o.json);
      if (report.status === 'failed') process.exitCode = 1;
    });

  program
    .command('renormalise')
    .description('rebuild objects from the stored records, with no network')
    .option('--source <id>', 'only this source')
    .option('--json', 'print the run reports as JSON, one per line')
    .action(async (o: { source?: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const ids = o.source ? [o.source] : (await listSources(db)).map((s) => s.id);
        for (const id of ids) {
          const p = progressPrinter({ json: !!o.json });
          const report = await renormaliseSource(db, cliActor(), id, { onProgress: p.onProgress });
          p.done();
          printReport(report, !!o.json);
          if (report.status === 'failed') process.exitCode = 1;
        }
      });
    });
}
