import type { Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

export interface ObjectTable {
  id: Generated<number>;
  uid: string;
  institution_id: number;
  source_id: number;
  identifier: string;
  title: Json;
  /** the whole normalised object (NormalisedObject) */
  data: Json;
  earliest: number | null;
  latest: number | null;
  withdrawn: number;
  search_text: string;
  created_at: string;
  updated_at: string;
}
