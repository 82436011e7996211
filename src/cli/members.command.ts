import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exportRoster, importRoster } from '../modules/alliance/roster.service.ts';
import { cliActor, withDatabase } from './context.ts';

export function membersCommand(program: Command): void {
  const members = program.command('members').description('the member roster as CSV or XLSX');
  members
    .command('import')
    .argument('<file>', 'CSV or XLSX, columns as in `members export`')
    .description('import all rows or none; every bad row is reported with its line')
    .action(async (file: string) => {
      const bytes = await fs.readFile(file);
      const counts = await withDatabase(({ db }) => importRoster(db, cliActor(), { bytes, filename: path.basename(file) }));
      console.log(`imported: ${counts.create} new, ${counts.update} updated, ${counts.unchanged} unchanged`);
    });
  members
    .command('export')
    .description('write the roster as CSV to stdout (or --out FILE)')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (o: { out?: string }) => {
      const csv = await withDatabase(({ db }) => exportRoster(db, cliActor()));
      if (o.out) await fs.writeFile(o.out, csv);
      else process.stdout.write(csv);
    });
}
