import type { Generated } from 'kysely';
import type { Json } from '../institutions/institution.table.ts';

export interface UserTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: string;
  institution_id: number | null;
  display_name: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  before: Json | null;
  after: Json | null;
  ip: string | null;
}
