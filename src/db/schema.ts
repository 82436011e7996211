// The whole database as Kysely sees it: one line per table, types live in their module.
import type { InstitutionTable } from '../modules/institutions/institution.table.ts';
import type { PersonTable, PostTable } from '../modules/people/person.table.ts';
import type { AllianceTable, MembershipTable, OfficeTable } from '../modules/alliance/alliance.table.ts';
import type {
  AgendaItemTable, ContributionTable, MeetingFigureTable, MeetingOrganisationTable, MeetingRoomTable, MeetingSessionTable, MeetingTable,
  MeetingTopicTable, ProgrammeVersionTable, RegistrationTable,
} from '../modules/meetings/meeting.table.ts';
import type { AuditEventTable, SessionTable, UserTable } from '../modules/accounts/account.table.ts';
import type { HarvestRunTable, JobTable, QuarantineTable, SourceRecordTable, SourceTable } from '../modules/sources/source.table.ts';
import type { ObjectTable } from '../modules/catalogue/object.table.ts';

export interface DB {
  alliances: AllianceTable;
  institutions: InstitutionTable;
  memberships: MembershipTable;
  people: PersonTable;
  posts: PostTable;
  offices: OfficeTable;
  meetings: MeetingTable;
  meeting_organisations: MeetingOrganisationTable;
  meeting_topics: MeetingTopicTable;
  meeting_rooms: MeetingRoomTable;
  meeting_sessions: MeetingSessionTable;
  contributions: ContributionTable;
  agenda_items: AgendaItemTable;
  meeting_figures: MeetingFigureTable;
  programme_versions: ProgrammeVersionTable;
  registrations: RegistrationTable;
  users: UserTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  sources: SourceTable;
  harvest_runs: HarvestRunTable;
  source_records: SourceRecordTable;
  quarantine: QuarantineTable;
  objects: ObjectTable;
  jobs: JobTable;
}
