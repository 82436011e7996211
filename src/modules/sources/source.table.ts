import type { Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

export interface SourceTable {
  id: Generated<number>;
  uid: string;
  institution_id: number;
  kind: string;
  format: string;
  label: string;
  base_url: string | null;
  metadata_prefix: string | null;
  set_spec: string | null;
  location: string | null;
  mapping: Json | null;
  default_language: string;
  schedule: string;
  granularity: string | null;
  last_datestamp: string | null;
  last_success_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface HarvestRunTable {
  id: Generated<number>;
  source_id: number;
  kind: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string;
  worker: string | null;
  from_param: string | null;
  checkpoint: string | null;
  pages: number;
  counts: Json;
  max_datestamp: string | null;
  next_from: string | null;
  repairs: Json | null;
  error: string | null;
  elapsed_ms: number;
}

export interface SourceRecordTable {
  id: Generated<number>;
  source_id: number;
  identifier: string;
  datestamp: string | null;
  checksum: string;
  bytes: Buffer;
  xml_ns: string | null;
  deleted: number;
  run_id: number;
  received_at: string;
}

export interface QuarantineTable {
  id: Generated<number>;
  source_id: number;
  run_id: number;
  identifier: string | null;
  reason: string;
  message: string;
  bytes: Buffer;
  created_at: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: string;
  run_at: string;
  attempts: number;
  locked_by: string | null;
  locked_at: string | null;
  last_error: string | null;
  created_at: string;
}
