// What the admin pages show of a source: its runs, its quarantine, and "harvest now".
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enqueue, harvestPending } from '../../jobs/queue.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../accounts/audit.service.ts';
import { assertCan, type Actor } from '../accounts/permission.policy.ts';
import { getSource, type Source } from '../sources/source.service.ts';
import { recentRuns, type Run } from './run.service.ts';
import * as store from './store.repository.ts';

export interface QuarantineEntry {
  id: number;
  runId: number;
  identifier: string | null;
  reason: string;
  message: string;
  createdAt: string;
  size: number;
}

export interface SourceStatus {
  source: Source;
  runs: Run[];
  quarantine: QuarantineEntry[];
  quarantined: number;
  harvestQueued: boolean;
}

export async function sourceStatus(db: Kysely<DB>, actor: Actor, sourceId: string, page = 1): Promise<SourceStatus> {
  const source = await getSource(db, sourceId);
  assertCan(actor, 'source.write', { institutionIds: [source.institutionKey] });
  const [runs, rows, quarantined, harvestQueued] = await Promise.all([
    recentRuns(db, source, 20),
    store.quarantineOf(db, source.key, 50, (page - 1) * 50),
    store.countQuarantine(db, source.key),
    harvestPending(db, source.id),
  ]);
  return {
    source,
    runs,
    quarantined,
    harvestQueued,
    quarantine: rows.map((q) => ({ id: q.id, runId: q.run_id, identifier: q.identifier, reason: q.reason, message: q.message, createdAt: q.created_at, size: q.bytes.length })),
  };
}

/** The quarantined record exactly as received. */
export async function quarantinedBytes(db: Kysely<DB>, actor: Actor, sourceId: string, entryId: number): Promise<{ bytes: Buffer; identifier: string | null }> {
  const source = await getSource(db, sourceId);
  assertCan(actor, 'source.write', { institutionIds: [source.institutionKey] });
  const q = await store.quarantineEntry(db, entryId);
  if (!q || q.source_id !== source.key) throw notFound('Quarantined record');
  return { bytes: Buffer.from(q.bytes), identifier: q.identifier };
}

/** "Harvest now": queue a harvest for the worker (the web server never runs one itself). */
export async function requestHarvest(db: Kysely<DB>, actor: Actor, sourceId: string): Promise<number> {
  const source = await getSource(db, sourceId);
  assertCan(actor, 'harvest.run', { institutionIds: [source.institutionKey] });
  if (await harvestPending(db, source.id)) throw conflict('A harvest of this source is already queued or running');
  const job = await enqueue(db, 'harvest', { sourceId: source.id, requestedBy: actor.label });
  await recordAudit(db, actor, { action: 'source.harvest', entityType: 'source', entityId: source.id, summary: `harvest queued (job ${job})` });
  return job;
}
