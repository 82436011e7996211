// Conferences and their programmes: the meetings table grows (parent event, theme,
// status, time zone, venue, capacity), and around it the organisations' roles, sub-topics,
// rooms, sessions, contributions, agenda items, reported figures, published programme
// versions and delegate registrations.
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { dialectOf, jsonType, withId } from '../dialect/ddl.ts';

const NEW_MEETING_COLUMNS = ['parent_id', 'theme', 'status', 'mode', 'time_zone', 'venue', 'country', 'capacity'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const d = await dialectOf(db);
  const json = jsonType(d);
  const emptyMap = d === 'postgres' ? sql`'{}'::jsonb` : sql`'{}'`;
  const stamps = <T extends string>(t: CreateTableBuilder<T, any>) =>
    t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

  // SQLite takes one ADD COLUMN per statement
  await db.schema.alterTable('meetings').addColumn('parent_id', 'integer', (c) => c.references('meetings.id').onDelete('set null')).execute();
  await db.schema.alterTable('meetings').addColumn('theme', json, (c) => c.notNull().defaultTo(emptyMap)).execute();
  await db.schema.alterTable('meetings').addColumn('status', 'text', (c) => c.notNull().defaultTo('planned')).execute();
  await db.schema.alterTable('meetings').addColumn('mode', 'text', (c) => c.notNull().defaultTo('in_person')).execute();
  await db.schema.alterTable('meetings').addColumn('time_zone', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('venue', json, (c) => c.notNull().defaultTo(emptyMap)).execute();
  await db.schema.alterTable('meetings').addColumn('country', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('capacity', 'integer').execute();
  // meetings recorded before this migration whose date has passed were held
  await sql`update meetings set status = 'held' where coalesce(ends_on, starts_on) < ${new Date().toISOString().slice(0, 10)}`.execute(db);

  await withId(db.schema.createTable('meeting_organisations'), d)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_organisations_unique', ['meeting_id', 'institution_id', 'role'])
    .execute();
  await db.schema.createIndex('meeting_organisations_institution').on('meeting_organisations').column('institution_id').execute();

  await stamps(
    withId(db.schema.createTable('meeting_topics'), d)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('meeting_topics_slug', ['meeting_id', 'slug']),
  ).execute();

  await stamps(
    withId(db.schema.createTable('meeting_rooms'), d)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('name', json, (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('meeting_rooms_meeting').on('meeting_rooms').column('meeting_id').execute();

  // "sessions" is taken by the login sessions
  await stamps(
    withId(db.schema.createTable('meeting_sessions'), d)
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('theme', json, (c) => c.notNull())
      .addColumn('topic_id', 'integer', (c) => c.references('meeting_topics.id').onDelete('set null'))
      .addColumn('date', 'text')
      .addColumn('start_time', 'text')
      .addColumn('end_time', 'text')
      .addColumn('time_note', json, (c) => c.notNull())
      .addColumn('room_id', 'integer', (c) => c.references('meeting_rooms.id').onDelete('set null'))
      .addColumn('place_institution_id', 'integer', (c) => c.references('institutions.id').onDelete('set null'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('meeting_sessions_meeting').on('meeting_sessions').columns(['meeting_id', 'date']).execute();

  await stamps(
    withId(db.schema.createTable('contributions'), d)
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('session_id', 'integer', (c) => c.references('meeting_sessions.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('institution_id', 'integer', (c) => c.references('institutions.id').onDelete('set null'))
      .addColumn('post', json, (c) => c.notNull())
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('mode', 'text')
      .addColumn('start_time', 'text')
      .addColumn('end_time', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('contributions_meeting').on('contributions').columns(['meeting_id', 'session_id']).execute();
  await db.schema.createIndex('contributions_person').on('contributions').column('person_id').execute();

  await stamps(
    withId(db.schema.createTable('agenda_items'), d)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('session_id', 'integer', (c) => c.references('meeting_sessions.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('reference', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').column('meeting_id').execute();

  await stamps(
    withId(db.schema.createTable('meeting_figures'), d)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('session_id', 'integer', (c) => c.references('meeting_sessions.id').onDelete('set null'))
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('qualifier', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('label', json, (c) => c.notNull())
      .addColumn('reported_on', 'text')
      .addColumn('source', json, (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('meeting_figures_meeting').on('meeting_figures').column('meeting_id').execute();

  await withId(db.schema.createTable('programme_versions'), d)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('note', json, (c) => c.notNull())
    .addColumn('changes', json, (c) => c.notNull())
    .addColumn('snapshot', json, (c) => c.notNull())
    .addUniqueConstraint('programme_versions_unique', ['meeting_id', 'version'])
    .execute();

  await stamps(
    withId(db.schema.createTable('registrations'), d)
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id').onDelete('cascade'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('post', json, (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attendance', 'text', (c) => c.notNull().defaultTo('unknown'))
      .addColumn('note', 'text')
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .addColumn('waitlisted_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addUniqueConstraint('registrations_person', ['meeting_id', 'person_id']),
  ).execute();
  await db.schema.createIndex('registrations_status').on('registrations').columns(['meeting_id', 'status']).execute();
  await db.schema.createIndex('registrations_institution').on('registrations').columns(['meeting_id', 'institution_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['registrations', 'programme_versions', 'meeting_figures', 'agenda_items', 'contributions', 'meeting_sessions', 'meeting_rooms', 'meeting_topics', 'meeting_organisations']) {
    await db.schema.dropTable(t).execute();
  }
  for (const c of [...NEW_MEETING_COLUMNS].reverse()) await db.schema.alterTable('meetings').dropColumn(c).execute();
}
