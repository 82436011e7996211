import type { Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

export interface AllianceTable {
  id: Generated<number>;
  slug: string;
  name: Json;
  short_name: Json;
  working_languages: Json;
  categories: Json;
  founded_on: string | null;
  website: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipTable {
  id: Generated<number>;
  alliance_id: number;
  institution_id: number;
  category: string;
  status: string;
  member_since: string | null;
  member_number: number | null;
  admitted_meeting_id: number | null;
  ended_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface OfficeTable {
  id: Generated<number>;
  alliance_id: number;
  kind: string;
  title: Json;
  person_id: number | null;
  institution_id: number | null;
  started_on: string | null;
  ended_on: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}
