// The alliance registry and accounts: institutions, people, posts, memberships,
// offices, the meetings that admit members, users, sessions and the audit trail.
import type { Kysely } from 'kysely';
import { dialectOf, jsonType, realType, withId } from '../dialect/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = await dialectOf(db);
  const json = jsonType(d);
  const stamps = <T extends string>(t: import('kysely').CreateTableBuilder<T, any>) =>
    t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

  await stamps(
    withId(db.schema.createTable('alliances'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', json, (c) => c.notNull())
      .addColumn('short_name', json, (c) => c.notNull())
      .addColumn('working_languages', json, (c) => c.notNull())
      .addColumn('categories', json, (c) => c.notNull())
      .addColumn('founded_on', 'text')
      .addColumn('website', 'text'),
  ).execute();

  await stamps(
    withId(db.schema.createTable('institutions'), d)
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', json, (c) => c.notNull())
      .addColumn('short_name', json, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('city', json, (c) => c.notNull())
      .addColumn('latitude', realType(d))
      .addColumn('longitude', realType(d))
      .addColumn('website', 'text')
      .addColumn('wikidata', 'text')
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('search_text', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('institutions_country').on('institutions').column('country').execute();

  await stamps(
    withId(db.schema.createTable('meetings'), d)
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('alliance_id', 'integer', (c) => c.notNull().references('alliances.id'))
      .addColumn('number', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('starts_on', 'text')
      .addColumn('ends_on', 'text')
      .addColumn('city', json, (c) => c.notNull()),
  ).execute();

  await stamps(
    withId(db.schema.createTable('memberships'), d)
      .addColumn('alliance_id', 'integer', (c) => c.notNull().references('alliances.id'))
      .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id').onDelete('cascade'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('member_since', 'text')
      .addColumn('member_number', 'integer')
      .addColumn('admitted_meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null'))
      .addColumn('ended_on', 'text')
      .addUniqueConstraint('memberships_alliance_institution', ['alliance_id', 'institution_id']),
  ).execute();
  await db.schema.createIndex('memberships_status').on('memberships').columns(['alliance_id', 'status']).execute();

  await stamps(
    withId(db.schema.createTable('people'), d)
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', json, (c) => c.notNull())
      .addColumn('honorific', json, (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull()),
  ).execute();

  await stamps(
    withId(db.schema.createTable('posts'), d)
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id').onDelete('cascade'))
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('started_on', 'text')
      .addColumn('ended_on', 'text'),
  ).execute();
  await db.schema.createIndex('posts_institution').on('posts').column('institution_id').execute();
  await db.schema.createIndex('posts_person').on('posts').column('person_id').execute();

  await stamps(
    withId(db.schema.createTable('offices'), d)
      .addColumn('alliance_id', 'integer', (c) => c.notNull().references('alliances.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', json, (c) => c.notNull())
      .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('institution_id', 'integer', (c) => c.references('institutions.id').onDelete('set null'))
      .addColumn('started_on', 'text')
      .addColumn('ended_on', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await stamps(
    withId(db.schema.createTable('users'), d)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('institution_id', 'integer', (c) => c.references('institutions.id').onDelete('set null'))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at', 'text'),
  ).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db.schema.createTable('audit_events'), d)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('before', json)
    .addColumn('after', json)
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_events_entity').on('audit_events').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_events', 'sessions', 'users', 'offices', 'posts', 'people', 'memberships', 'meetings', 'institutions', 'alliances']) {
    await db.schema.dropTable(t).execute();
  }
}
