import type { Command } from 'commander';
import { DEFAULT_SEED, serve } from '../main.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the web server (PORT, HOST, DATABASE_URL, DATA_DIR from the environment)')
    .option('--migrate', 'apply pending migrations first (otherwise a stale schema stops start-up)', false)
    .option('--seed-file <file>', 'alliance to load when the database is empty', DEFAULT_SEED)
    .option('--no-seed', 'never load a seed, even into an empty database')
    .action(async (o: { migrate: boolean; seedFile: string; seed: boolean }) => {
      await serve({ migrate: o.migrate, ...(o.seed ? { seedIfEmpty: o.seedFile } : {}) });
    });
}
