import type { Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

export interface PersonTable {
  id: Generated<number>;
  uid: string;
  slug: string;
  name: Json;
  honorific: Json;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface PostTable {
  id: Generated<number>;
  person_id: number;
  institution_id: number;
  title: Json;
  started_on: string | null;
  ended_on: string | null;
  created_at: string;
  updated_at: string;
}
