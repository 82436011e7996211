// Accounts: users with argon2id passwords and a role; a member editor is bound to one
// institution. Only administrators manage users; the first one comes from the CLI.
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound, type FieldProblem } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { recordAudit } from './audit.service.ts';
import { assertCan, isRole, type Actor, type Role } from './permission.policy.ts';
import * as repo from './user.repository.ts';
import { institutionExists } from '../institutions/institution.service.ts';

export interface User {
  id: number;
  email: string;
  role: Role;
  institutionId: number | null;
  displayName: string;
  disabled: boolean;
  lastLoginAt: string | null;
}

export interface NewUser {
  email: string;
  password: string;
  role: string;
  institutionId?: number | null;
  displayName?: string;
}

// OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, so a login stays
// cheap for us and expensive for a guesser.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// A fixed hash to verify against when the email is unknown, so response time does not
// reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

function toUser(r: repo.UserRow): User {
  return {
    id: r.id,
    email: r.email,
    role: r.role as Role,
    institutionId: r.institution_id,
    displayName: r.display_name,
    disabled: r.disabled === 1,
    lastLoginAt: r.last_login_at,
  };
}

function validateNewUser(u: NewUser): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!EMAIL.test(u.email)) problems.push({ field: 'email', message: 'is not an email address' });
  if (u.password.length < 12) problems.push({ field: 'password', message: 'must have at least 12 characters' });
  if (u.password.length > 1024) problems.push({ field: 'password', message: 'must have at most 1024 characters' });
  if (!isRole(u.role)) problems.push({ field: 'role', message: 'must be administrator, secretariat, council or member_editor' });
  if (u.role === 'member_editor' && !u.institutionId)
    problems.push({ field: 'institution', message: 'a member editor must be bound to one institution' });
  if (u.role !== 'member_editor' && u.institutionId)
    problems.push({ field: 'institution', message: 'only a member editor is bound to an institution' });
  return problems;
}

export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser): Promise<User> {
  assertCan(actor, 'user.manage');
  const email = input.email.trim().toLowerCase();
  const u = { ...input, email };
  const problems = validateNewUser(u);
  if (problems.length) throw invalid(problems);
  if (u.institutionId) {
    if (!(await institutionExists(db, u.institutionId))) throw invalid([{ field: 'institution', message: 'no such institution' }]);
  }
  const password_hash = await hash(u.password, ARGON);
  return inTransaction(db, async (trx) => {
    if (await repo.findUserByEmail(trx, email)) throw conflict(`A user with email ${email} exists already`);
    const now = nowIso();
    const id = await repo.insertUser(trx, {
      email,
      password_hash,
      role: u.role,
      institution_id: u.institutionId ?? null,
      display_name: u.displayName?.trim() || email,
      disabled: 0,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    });
    const user = toUser((await repo.findUserById(trx, id))!);
    await recordAudit(trx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      summary: `created user ${email} (${u.role})`,
      after: user,
    });
    return user;
  });
}

export async function listUsers(db: Kysely<DB>, actor: Actor): Promise<User[]> {
  assertCan(actor, 'user.manage');
  return (await repo.listUserRows(db)).map(toUser);
}

export interface UserPatch {
  role?: string;
  institutionId?: number | null;
  disabled?: boolean;
  password?: string;
  displayName?: string;
}

export async function updateUser(db: Kysely<DB>, actor: Actor, id: number, patch: UserPatch): Promise<User> {
  assertCan(actor, 'user.manage');
  return inTransaction(db, async (trx) => {
    const row = await repo.findUserById(trx, id);
    if (!row) throw notFound('User');
    const before = toUser(row);
    const role = patch.role ?? before.role;
    const institutionId = patch.institutionId !== undefined ? patch.institutionId : before.institutionId;
    const problems = validateNewUser({ email: before.email, password: patch.password ?? 'x'.repeat(12), role, institutionId });
    if (problems.length) throw invalid(problems);
    if (actor.kind === 'user' && actor.userId === id && (patch.disabled || role !== 'administrator'))
      throw new AppError('conflict', 'An administrator cannot demote or disable their own account');
    await repo.updateUserRow(trx, id, {
      role,
      institution_id: institutionId,
      disabled: patch.disabled === undefined ? row.disabled : patch.disabled ? 1 : 0,
      display_name: patch.displayName?.trim() || row.display_name,
      ...(patch.password ? { password_hash: await hash(patch.password, ARGON) } : {}),
      updated_at: nowIso(),
    });
    // a changed role, binding, password or a disabled account ends every open session
    if (patch.disabled || patch.password || role !== before.role || institutionId !== before.institutionId)
      await repo.deleteSessionsOfUser(trx, id);
    const after = toUser((await repo.findUserById(trx, id))!);
    await recordAudit(trx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      summary: `updated user ${before.email}${patch.password ? ' (password changed)' : ''}`,
      before,
      after,
    });
    return after;
  });
}

/** Check a password. Returns the user, or undefined for a wrong email/password or a disabled account. */
export async function authenticate(db: Kysely<DB>, email: string, password: string): Promise<User | undefined> {
  const row = await repo.findUserByEmail(db, email.trim().toLowerCase());
  if (!row || row.disabled) {
    dummyHash ??= hash('not-a-real-password', ARGON);
    await verify(await dummyHash, password).catch(() => false);
    return undefined;
  }
  if (!(await verify(row.password_hash, password).catch(() => false))) return undefined;
  await repo.updateUserRow(db, row.id, { last_login_at: nowIso() });
  return toUser(row);
}

export async function getUser(db: Kysely<DB>, id: number): Promise<User | undefined> {
  const r = await repo.findUserById(db, id);
  return r ? toUser(r) : undefined;
}
