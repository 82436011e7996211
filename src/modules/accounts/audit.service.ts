// The audit trail: who changed what, when, with the state before and after. Written in
// the same transaction as the change, so a change without its audit line cannot exist.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../shared/ids.ts';
import { assertCan, type Actor } from './permission.policy.ts';
import { insertAudit, listAudit, type AuditQuery } from './audit.repository.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Kysely<DB>, actor: Actor, e: AuditEntry): Promise<void> {
  await insertAudit(db, {
    at: nowIso(),
    user_id: actor.kind === 'user' ? actor.userId : null,
    actor: actor.label,
    action: e.action,
    entity_type: e.entityType,
    entity_id: String(e.entityId),
    summary: e.summary,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    ip: actor.kind === 'user' ? (actor.ip ?? null) : null,
  });
}

export interface AuditEvent {
  id: number;
  at: string;
  userId: number | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export async function listAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  q: Partial<AuditQuery> = {},
): Promise<{ events: AuditEvent[]; total: number }> {
  assertCan(actor, 'audit.read');
  const { rows, total } = await listAudit(db, { limit: 50, offset: 0, ...q });
  return {
    total,
    events: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      actor: r.actor,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      summary: r.summary,
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
      ip: r.ip,
    })),
  };
}
