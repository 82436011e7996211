import type { Command } from 'commander';
import { createUser } from '../modules/accounts/user.service.ts';
import { getInstitution } from '../modules/institutions/institution.service.ts';
import { cliActor, readSecret, withDatabase } from './context.ts';

export function userCommand(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account; the password is read from stdin (a hidden prompt on a terminal) or CARAVANSERAI_PASSWORD')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--role <role>', 'administrator | secretariat | council | member_editor')
    .option('--institution <id-or-slug>', 'the institution a member editor works for')
    .option('--name <name>', 'display name')
    .action(async (o: { email: string; role: string; institution?: string; name?: string }) => {
      const password = process.env.CARAVANSERAI_PASSWORD ?? (await readSecret('Password (12+ characters): '));
      const u = await withDatabase(async ({ db }) => {
        const institutionId = o.institution ? (await getInstitution(db, o.institution)).key : null;
        return createUser(db, cliActor(), { email: o.email, role: o.role, password, institutionId, ...(o.name ? { displayName: o.name } : {}) });
      });
      console.log(`created ${u.role} ${u.email} (id ${u.id})`);
    });
}
