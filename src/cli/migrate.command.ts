import type { Command } from 'commander';
import { migrateDown, migrateToLatest, pendingMigrations } from '../db/migrator.ts';
import { withDatabase } from './context.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .option('--down', 'undo the latest migration instead')
    .option('--status', 'list pending migrations and change nothing')
    .action(async (o: { down?: boolean; status?: boolean }) => {
      await withDatabase(
        async ({ db }) => {
          if (o.status) {
            const pending = await pendingMigrations(db);
            console.log(pending.length ? `pending: ${pending.join(', ')}` : 'schema is up to date');
          } else if (o.down) console.log(`undone: ${(await migrateDown(db)) ?? 'nothing'}`);
          else {
            const applied = await migrateToLatest(db);
            console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
          }
        },
        { migrate: false },
      ).catch((e: unknown) => {
        // a stale schema is what migrate is for: only report other failures
        throw e;
      });
    });
}
