import type { Command } from 'commander';
import { DEFAULT_SEED, serve, work } from '../main.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the web server (PORT, HOST, DATABASE_URL, DATA_DIR from the environment)')
    .option('--migrate', 'apply pending migrations first (otherwise a stale schema stops start-up)', false)
    .option('--seed-file <file>', 'alliance to load when the database is empty', DEFAULT_SEED)
    .option('--no-seed', 'never load a seed, even into an empty database')
    .option('--role <role>', 'web | all (web plus a worker process for harvests)', 'all')
    .action(async (o: { migrate: boolean; seedFile: string; seed: boolean; role: string }) => {
      if (o.role !== 'web' && o.role !== 'all') throw new Error('--role must be web or all (run `caravanserai worker` for a worker alone)');
      await serve({ migrate: o.migrate, role: o.role, ...(o.seed ? { seedIfEmpty: o.seedFile } : {}) });
    });
  program
    .command('worker')
    .description('run the worker role: queued and scheduled harvests, resuming killed ones')
    .action(async () => {
      await work();
    });
}
