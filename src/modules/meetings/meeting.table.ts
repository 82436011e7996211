import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

/** A conference or any other meeting; the larger event it is part of is a meeting too (parent_id). */
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
  parent_id: number | null;
  /** columns added with defaults: optional on insert */
  theme: ColumnType<Json, Json | undefined, Json>;
  status: ColumnType<string, string | undefined, string>;
  mode: ColumnType<string, string | undefined, string>;
  /** IANA time zone the local dates and times of the meeting are in */
  time_zone: string | null;
  venue: ColumnType<Json, Json | undefined, Json>;
  country: string | null;
  capacity: number | null;
}

export interface MeetingOrganisationTable {
  id: Generated<number>;
  meeting_id: number;
  institution_id: number;
  role: string;
  position: number;
  created_at: string;
}

export interface MeetingTopicTable {
  id: Generated<number>;
  meeting_id: number;
  slug: string;
  title: Json;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface MeetingRoomTable {
  id: Generated<number>;
  meeting_id: number;
  name: Json;
  capacity: number | null;
  position: number;
  created_at: string;
  updated_at: string;
}

/** A slot of the programme. Dates and times are local to the meeting's time zone. */
export interface MeetingSessionTable {
  id: Generated<number>;
  uid: string;
  meeting_id: number;
  kind: string;
  title: Json;
  theme: Json;
  topic_id: number | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** HH:MM */
  start_time: string | null;
  end_time: string | null;
  /** when only a phrase is known ("in the evening") */
  time_note: Json;
  room_id: number | null;
  place_institution_id: number | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface ContributionTable {
  id: Generated<number>;
  uid: string;
  meeting_id: number;
  /** null: the source names the meeting but not the session */
  session_id: number | null;
  kind: string;
  person_id: number | null;
  /** the institution the speaker spoke for, at the time */
  institution_id: number | null;
  /** the speaker's post at the time, as a language map */
  post: Json;
  title: Json;
  mode: string | null;
  start_time: string | null;
  end_time: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  session_id: number | null;
  kind: string;
  title: Json;
  person_id: number | null;
  reference: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

/** A figure as a source reported it ("more than 100 representatives"), never computed. */
export interface MeetingFigureTable {
  id: Generated<number>;
  meeting_id: number;
  session_id: number | null;
  measure: string;
  qualifier: string;
  value: number;
  label: Json;
  reported_on: string | null;
  source: Json;
  source_url: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeVersionTable {
  id: Generated<number>;
  meeting_id: number;
  version: number;
  published_at: string;
  published_by: string;
  note: Json;
  changes: Json;
  snapshot: Json;
}

export interface RegistrationTable {
  id: Generated<number>;
  uid: string;
  meeting_id: number;
  institution_id: number;
  person_id: number;
  post: Json;
  email: string | null;
  status: string;
  attendance: string;
  note: string | null;
  registered_by: string;
  waitlisted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_at: string;
  updated_at: string;
}
