import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  before: string | null;
  after: string | null;
  ip: string | null;
}

export async function insertAudit(db: Kysely<DB>, row: Omit<AuditRow, 'id'>): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  userId?: number;
  limit: number;
  offset: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  let base = db.selectFrom('audit_events');
  if (q.entityType) base = base.where('entity_type', '=', q.entityType);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.userId !== undefined) base = base.where('user_id', '=', q.userId);
  const rows = await base.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(n) };
}
