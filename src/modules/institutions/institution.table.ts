import type { Generated } from 'kysely';

/** JSON columns are text on SQLite and jsonb on PostgreSQL; repositories see strings. */
export type Json = string;

export interface InstitutionTable {
  id: Generated<number>;
  uid: string;
  slug: string;
  name: Json;
  short_name: Json;
  kind: string;
  country: string | null;
  city: Json;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  wikidata: string | null;
  is_demo: number;
  search_text: string;
  created_at: string;
  updated_at: string;
}
