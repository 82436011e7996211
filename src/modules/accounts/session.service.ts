// Server-side sessions: the cookie holds a random token, the database only its sha256.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor, Role } from './permission.policy.ts';
import * as repo from './user.repository.ts';

/** Idle sessions end after 8 hours; any session after 7 days. */
const IDLE_MS = 8 * 3600_000;
const ABSOLUTE_MS = 7 * 24 * 3600_000;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface SessionUser {
  userId: number;
  email: string;
  role: Role;
  institutionId: number | null;
  displayName: string;
}

export async function startSession(
  db: Kysely<DB>,
  userId: number,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await repo.deleteExpiredSessions(db, new Date(now).toISOString());
  await repo.insertSession(db, {
    id: digest(token),
    user_id: userId,
    created_at: new Date(now).toISOString(),
    last_seen_at: new Date(now).toISOString(),
    expires_at: new Date(now + IDLE_MS).toISOString(),
    ip: meta.ip ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function resolveSession(db: Kysely<DB>, token: string): Promise<SessionUser | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const id = digest(token);
  const row = await repo.findSessionWithUser(db, id);
  if (!row) return undefined;
  const now = Date.now();
  if (row.disabled || Date.parse(row.expires_at) < now) {
    await repo.deleteSession(db, id);
    return undefined;
  }
  // slide the idle window at most once a minute, never past the absolute limit
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    const hardEnd = Date.parse(row.created_at) + ABSOLUTE_MS;
    await repo.touchSession(db, id, new Date(now).toISOString(), new Date(Math.min(now + IDLE_MS, hardEnd)).toISOString());
  }
  return {
    userId: row.user_id,
    email: row.email,
    role: row.role as Role,
    institutionId: row.institution_id,
    displayName: row.display_name,
  };
}

export async function endSession(db: Kysely<DB>, token: string): Promise<void> {
  await repo.deleteSession(db, digest(token));
}

export function actorOf(u: SessionUser, ip?: string): Actor {
  return { kind: 'user', userId: u.userId, role: u.role, institutionId: u.institutionId, label: u.email, ip: ip ?? null };
}
