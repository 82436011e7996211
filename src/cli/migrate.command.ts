import type { Command } from 'commander';
import { migrateDown, migrateToLatest, pendingMigrations } from '../db/migrator.ts';
import { currentSchema } from '../db/dialect/ddl.ts';
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
          const schema = await currentSchema(db);
          if (o.status) {
            const pending = await pendingMigrations(db, schema);
            console.log(pending.length ? `pending: ${pending.join(', ')}` : 'schema is up to date');
          } else if (o.down) console.log(`undone: ${(await migrateDown(db, schema)) ?? 'nothing'}`);
          else {
            const applied = await migrateToLatest(db, schema);
            console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
          }
        },
        // a stale schema is what this command is for: skip the check
        { checkSchema: false },
      );
    });
}
