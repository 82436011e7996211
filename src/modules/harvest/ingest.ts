// store -> index: one batch of parsed records goes into the catalogue in one
// transaction, with the run's counts and checkpoint. Unchanged records (same checksum)
// are skipped; a record that cannot go in is quarantined with its reason while the rest
// of the batch goes in.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newUid } from '../../shared/ids.ts';
import { searchText } from '../../shared/text.ts';
import type { Source } from '../sources/source.service.ts';
import { normaliseDraft, type NormalisedObject } from './normalise/normalise.ts';
import type { LangMap, ParsedRecord, QuarantineReason } from './record.types.ts';
import * as store from './store.repository.ts';

export interface Counts {
  seen: number;
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  quarantined: number;
  byReason: Partial<Record<QuarantineReason, number>>;
}

export const emptyCounts = (): Counts => ({ seen: 0, new: 0, updated: 0, unchanged: 0, deleted: 0, quarantined: 0, byReason: {} });

export const checksumOf = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

/** The folded text the catalogue matches queries against (titles, makers, places, terms, numbers). */
export function objectSearchText(o: NormalisedObject): string {
  const labels = (xs?: Array<{ label: LangMap }>) => (xs ?? []).map((x) => x.label);
  return searchText(
    o.title,
    ...(o.alternativeTitles ?? []),
    o.inventoryNumber,
    o.identifier,
    ...(o.makers ?? []).map((m) => m.name),
    ...(o.places ?? []).map((p) => p.name),
    ...labels(o.objectTypes),
    ...labels(o.classification),
    ...labels(o.materials),
    ...labels(o.techniques),
    ...labels(o.cultures),
    ...labels(o.periods),
    o.production?.display,
  );
}

export interface BatchOptions {
  runId: number;
  now: string;
  /** ignore checksums: rebuild every object (renormalise) */
  force?: boolean;
  /** namespace declarations in scope of XML records, kept so a slice re-parses alone */
  xmlNs?: string | null;
}

/**
 * Store one batch. Call inside a transaction together with the run's checkpoint, so
 * that a kill leaves either the whole batch and its checkpoint, or neither.
 */
export async function storeBatch(db: Kysely<DB>, source: Source, records: ParsedRecord[], counts: Counts, o: BatchOptions): Promise<{ maxDatestamp: string | null }> {
  let maxDatestamp: string | null = null;
  // the last occurrence of an identifier in a batch wins, as it would across batches
  const byId = new Map<string, ParsedRecord>();
  const anonymous: ParsedRecord[] = [];
  for (const r of records) {
    counts.seen++;
    if (r.datestamp && (!maxDatestamp || r.datestamp > maxDatestamp)) maxDatestamp = r.datestamp;
    if (r.identifier) {
      if (byId.has(r.identifier)) counts.unchanged++; // superseded within the batch: counted once as seen, no write
      byId.set(r.identifier, r);
    } else anonymous.push(r);
  }
  const existing = await store.existingRecords(db, source.key, [...byId.keys()]);
  const recordRows: Parameters<typeof store.upsertSourceRecords>[1] = [];
  const objectRows: Parameters<typeof store.upsertObjects>[1] = [];
  const quarantined: Parameters<typeof store.insertQuarantine>[1] = [];
  const withdrawn: string[] = [];
  const cleared: string[] = [];
  const quarantine = (r: ParsedRecord, reason: QuarantineReason, message: string) => {
    counts.quarantined++;
    counts.byReason[reason] = (counts.byReason[reason] ?? 0) + 1;
    quarantined.push({ source_id: source.key, run_id: o.runId, identifier: r.identifier ?? null, reason, message: message.slice(0, 2000), bytes: r.raw.subarray(0, 1024 * 1024), created_at: o.now });
  };

  for (const r of anonymous) quarantine(r, r.problem?.reason ?? 'no_identifier', r.problem?.message ?? 'the record has no identifier');

  for (const [identifier, r] of byId) {
    const before = existing.get(identifier);
    const checksum = checksumOf(r.raw);
    if (r.deleted) {
      if (before?.deleted) {
        counts.unchanged++;
        continue;
      }
      counts.deleted++;
      recordRows.push({ source_id: source.key, identifier, datestamp: r.datestamp ?? null, checksum, bytes: r.raw, xml_ns: o.xmlNs ?? null, deleted: 1, run_id: o.runId, received_at: o.now });
      withdrawn.push(identifier);
      continue;
    }
    if (r.problem || !r.draft) {
      quarantine(r, r.problem?.reason ?? 'unparseable', r.problem?.message ?? 'no object could be read from the record');
      continue;
    }
    if (!o.force && before && !before.deleted && before.checksum === checksum) {
      counts.unchanged++;
      continue;
    }
    const obj = normaliseDraft(r.draft, { defaultLanguage: source.defaultLanguage });
    if (!Object.keys(obj.title).length) {
      quarantine(r, 'no_title', 'after cleaning, the record has no title in any language');
      continue;
    }
    if (before && !before.deleted) counts.updated++;
    else counts.new++;
    recordRows.push({ source_id: source.key, identifier, datestamp: r.datestamp ?? null, checksum, bytes: r.raw, xml_ns: o.xmlNs ?? null, deleted: 0, run_id: o.runId, received_at: o.now });
    objectRows.push({
      uid: newUid('o'),
      institution_id: source.institutionKey,
      source_id: source.key,
      identifier,
      title: JSON.stringify(obj.title),
      data: JSON.stringify(obj),
      earliest: obj.production?.earliest ?? null,
      latest: obj.production?.latest ?? null,
      withdrawn: 0,
      search_text: objectSearchText(obj),
      created_at: o.now,
      updated_at: o.now,
    });
    cleared.push(identifier);
  }
  if (o.force) {
    // renormalise rebuilds objects only; the stored records stay exactly as received
    recordRows.length = 0;
  }
  await store.upsertSourceRecords(db, recordRows);
  await store.upsertObjects(db, objectRows);
  if (withdrawn.length) await store.withdrawObjects(db, source.key, withdrawn, o.now);
  if (cleared.length) await store.clearQuarantine(db, source.key, cleared);
  if (quarantined.length) await store.insertQuarantine(db, quarantined);
  return { maxDatestamp };
}
