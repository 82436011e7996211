import type { Command } from 'commander';
import { DEFAULT_SEED } from '../main.ts';
import { loadSeed, readSeedFile } from '../modules/alliance/alliance.seed.ts';
import { cliActor, withDatabase } from './context.ts';

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description('load an alliance description (idempotent: what exists is kept)')
    .option('--file <file>', 'alliance JSON', DEFAULT_SEED)
    .action(async (o: { file: string }) => {
      const report = await withDatabase(async ({ db }) => loadSeed(db, cliActor(), await readSeedFile(o.file)), { migrate: true });
      console.log(JSON.stringify(report));
    });
}
