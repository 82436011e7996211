// Who may do what. Services call assertCan before every write, so a route that
// forgets a check still cannot let a member editor change another museum.
import { forbidden } from '../../shared/errors.ts';

export const ROLES = ['administrator', 'secretariat', 'council', 'member_editor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export type Actor =
  | { kind: 'user'; userId: number; role: Role; institutionId: number | null; label: string; ip?: string | null }
  /** The command line and the seed loader: a person at the server's console. */
  | { kind: 'system'; label: string };

export type Action =
  | 'admin.access'
  | 'institution.create'
  | 'institution.update'
  | 'institution.delete'
  | 'membership.write'
  | 'person.write'
  | 'post.write'
  | 'office.write'
  | 'meeting.write'
  /** register and withdraw delegates (a member editor: of its own institution) */
  | 'registration.write'
  /** approve, waitlist or decline delegates, take attendance, export badge and attendee lists */
  | 'registration.manage'
  | 'source.write'
  | 'harvest.run'
  | 'members.import'
  | 'user.manage'
  | 'audit.read';

export interface Target {
  /** institutions the changed thing belongs to (a post's institution, a person's posts) */
  institutionIds?: readonly number[];
}

const STAFF: Record<Exclude<Role, 'member_editor'>, readonly Action[]> = {
  administrator: [
    'admin.access', 'institution.create', 'institution.update', 'institution.delete', 'membership.write',
    'person.write', 'post.write', 'office.write', 'meeting.write', 'members.import', 'user.manage', 'audit.read',
    'source.write', 'harvest.run', 'registration.write', 'registration.manage',
  ],
  secretariat: [
    'admin.access', 'institution.create', 'institution.update', 'institution.delete', 'membership.write',
    'person.write', 'post.write', 'office.write', 'meeting.write', 'members.import',
    'source.write', 'harvest.run', 'registration.write', 'registration.manage',
  ],
  council: ['admin.access'],
};

/** What a member editor may do, only for things that belong to its own institution. */
const OWN_INSTITUTION: readonly Action[] = ['admin.access', 'institution.update', 'person.write', 'post.write', 'source.write', 'harvest.run', 'registration.write'];

export function can(actor: Actor, action: Action, target: Target = {}): boolean {
  if (actor.kind === 'system') return true;
  if (actor.role !== 'member_editor') return STAFF[actor.role].includes(action);
  if (!OWN_INSTITUTION.includes(action)) return false;
  if (action === 'admin.access') return actor.institutionId !== null;
  const ids = target.institutionIds ?? [];
  return actor.institutionId !== null && ids.length > 0 && ids.every((id) => id === actor.institutionId);
}

export function assertCan(actor: Actor, action: Action, target: Target = {}): void {
  if (!can(actor, action, target)) {
    throw forbidden(
      actor.kind === 'user' && actor.role === 'member_editor'
        ? 'A member editor may change only its own institution'
        : `Your role may not ${action.replace('.', ' ')}`,
    );
  }
}

export const systemActor = (label: string): Actor => ({ kind: 'system', label });
