// prepare -> store: a parsed record is prepared (checksum, normalised object, its JSON and
// search text) wherever parsing runs, in a worker thread for large runs; then one batch
// goes into the catalogue in one transaction, with the run's counts and checkpoint.
// Unchanged records (same checksum) are skipped; a record that cannot go in is
// quarantined with its reason while the rest of the batch goes in.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newUid } from '../../shared/ids.ts';
import { searchText } from '../../shared/text.ts';
import type { Source } from '../sources/source.service.ts';
import { normaliseDraft, type NormalisedObject } from './normalise/normalise.ts';
import type { LangMap, ParsedRecord, QuarantineReason, RecordProblem } from './record.types.ts';
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

/** What the catalogue writes for one object, computed off the writing thread. */
export interface PreparedObject {
  title: string;
  data: string;
  earliest: number | null;
  latest: number | null;
  searchText: string;
}

/** A record ready to store: plain data, so it crosses a thread boundary as it is. */
export interface PreparedRecord {
  identifier?: string;
  datestamp?: string;
  deleted?: boolean;
  raw: Buffer;
  checksum: string;
  /** it could not be read: quarantined */
  problem?: RecordProblem;
  /** read, but no title in any language after cleaning: quarantined (unless unchanged) */
  noTitle?: boolean;
  object?: PreparedObject;
  /** not parsed: the stored record had the same checksum when the producer looked */
  skipped?: boolean;
  /** not parsed yet: a prepare thread parses it before its batch leaves the producer (never stored as such) */
  deferred?: boolean;
}

/** Normalise a parsed record into what storeBatch writes. */
export function prepareRecord(r: ParsedRecord, defaultLanguage: string, checksum = checksumOf(r.raw)): PreparedRecord {
  const p: PreparedRecord = { raw: r.raw, checksum };
  if (r.identifier) p.identifier = r.identifier;
  if (r.datestamp) p.datestamp = r.datestamp;
  if (r.deleted) {
    p.deleted = true;
    if (r.problem) p.problem = r.problem;
    return p;
  }
  if (r.problem || !r.draft) {
    p.problem = r.problem ?? { reason: 'unparseable', message: 'no object could be read from the record' };
    return p;
  }
  const obj = normaliseDraft(r.draft, { defaultLanguage });
  if (!Object.keys(obj.title).length) {
    p.noTitle = true;
    return p;
  }
  p.object = {
    title: JSON.stringify(obj.title),
    data: JSON.stringify(obj),
    earliest: obj.production?.earliest ?? null,
    latest: obj.production?.latest ?? null,
    searchText: objectSearchText(obj),
  };
  return p;
}

/** A record skipped by its checksum (not parsed) that turned out changed: parse it now. */
export type Reprepare = (p: PreparedRecord) => PreparedRecord;

export interface BatchOptions {
  runId: number;
  now: string;
  /** ignore checksums: rebuild every object (renormalise) */
  force?: boolean;
  /** namespace declarations in scope of XML records, kept so a slice re-parses alone */
  xmlNs?: string | null;
  reprepare?: Reprepare;
}

/**
 * Store one batch. Call inside a transaction together with the run's checkpoint, so
 * that a kill leaves either the whole batch and its checkpoint, or neither.
 */
export async function storeBatch(db: Kysely<DB>, source: Source, records: PreparedRecord[], counts: Counts, o: BatchOptions): Promise<{ maxDatestamp: string | null }> {
  let maxDatestamp: string | null = null;
  // the last occurrence of an identifier in a batch wins, as it would across batches
  const byId = new Map<string, PreparedRecord>();
  const anonymous: PreparedRecord[] = [];
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
  const quarantine = (r: PreparedRecord, reason: QuarantineReason, message: string) => {
    counts.quarantined++;
    counts.byReason[reason] = (counts.byReason[reason] ?? 0) + 1;
    quarantined.push({ source_id: source.key, run_id: o.runId, identifier: r.identifier ?? null, reason, message: message.slice(0, 2000), bytes: r.raw.subarray(0, 1024 * 1024), created_at: o.now });
  };
  const recordRow = (identifier: string, r: PreparedRecord, deleted: number) =>
    recordRows.push({ source_id: source.key, identifier, datestamp: r.datestamp ?? null, checksum: r.checksum, bytes: r.raw, xml_ns: o.xmlNs ?? null, deleted, run_id: o.runId, received_at: o.now });

  for (const r of anonymous) quarantine(r, r.problem?.reason ?? 'no_identifier', r.problem?.message ?? 'the record has no identifier');

  for (let [identifier, r] of byId) {
    const before = existing.get(identifier);
    if (r.deleted) {
      if (before?.deleted) {
        counts.unchanged++;
        continue;
      }
      counts.deleted++;
      recordRow(identifier, r, 1);
      withdrawn.push(identifier);
      continue;
    }
    const same = !o.force && before && !before.deleted && before.checksum === r.checksum;
    if (r.skipped) {
      if (same) {
        counts.unchanged++;
        continue;
      }
      // stored meanwhile under another checksum (an earlier batch of this run): read it now
      if (!o.reprepare) throw new Error(`record ${identifier} was skipped by checksum but has changed, and cannot be read again`);
      r = o.reprepare(r);
    }
    if (r.problem) {
      quarantine(r, r.problem.reason, r.problem.message);
      continue;
    }
    if (same) {
      counts.unchanged++;
      continue;
    }
    if (r.noTitle || !r.object) {
      quarantine(r, 'no_title', 'after cleaning, the record has no title in any language');
      continue;
    }
    if (before && !before.deleted) counts.updated++;
    else counts.new++;
    recordRow(identifier, r, 0);
    const obj = r.object;
    objectRows.push({
      uid: newUid('o'),
      institution_id: source.institutionKey,
      source_id: source.key,
      identifier,
      title: obj.title,
      data: obj.data,
      earliest: obj.earliest,
      latest: obj.latest,
      withdrawn: 0,
      search_text: obj.searchText,
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
