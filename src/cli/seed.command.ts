import type { Command } from 'commander';
import { DEFAULT_SEED, DEMO_DIR } from '../main.ts';
import { loadDemo } from '../modules/catalogue/demo.seed.ts';
import { loadSeed, readSeedFile } from '../modules/alliance/alliance.seed.ts';
import { cliActor, withDatabase } from './context.ts';

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description('load an alliance description (idempotent: what exists is kept)')
    .option('--file <file>', 'alliance JSON', DEFAULT_SEED)
    .option('--demo', 'also load the demo collection (seeds/demo), as npm start does on an empty database')
    .action(async (o: { file: string; demo?: boolean }) => {
      await withDatabase(
        async ({ db }) => {
          console.log(JSON.stringify(await loadSeed(db, cliActor(), await readSeedFile(o.file))));
          if (o.demo) for (const r of await loadDemo(db, cliActor(), DEMO_DIR)) console.log(JSON.stringify(r));
        },
        { migrate: true },
      );
    });
}
