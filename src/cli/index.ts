// `caravanserai` — one file per command; each calls module services with the same
// config as the server. Errors print one clear line (and field problems) and exit 1.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { AppError } from '../shared/errors.ts';
import { migrateCommand } from './migrate.command.ts';
import { membersCommand } from './members.command.ts';
import { seedCommand } from './seed.command.ts';
import { serveCommand } from './serve.command.ts';
import { userCommand } from './user.command.ts';
import { catalogueCommands } from './catalogue.command.ts';

export function program(): Command {
  const p = new Command('caravanserai')
    .description('Caravanserai: the open platform of a museum alliance')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const add of [serveCommand, migrateCommand, seedCommand, userCommand, membersCommand, catalogueCommands]) add(p);
  return p;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof ConfigError) console.error(e.message);
    else if (e instanceof AppError) {
      console.error(`error (${e.code}): ${e.fields.length ? 'see below' : e.message}`);
      for (const f of e.fields) console.error(`  ${f.field}: ${f.message}`);
    } else console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
