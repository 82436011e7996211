import type { Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

/** The registry needs to name the meeting that admitted a member; the meetings
 * module grows this table into conferences with programmes. */
export interface MeetingTable {
  id: Generated<number>;
  uid: string;
  slug: string;
  alliance_id: number;
  number: number | null;
  kind: string;
  title: Json;
  starts_on: string | null;
  ends_on: string | null;
  city: Json;
  created_at: string;
  updated_at: string;
}
