// The shared catalogue: sources of members' collections, harvest runs with their
// checkpoints, every source record verbatim, quarantined records with their reason,
// the normalised objects, and the durable job queue of the worker role.
import { sql, type Kysely } from 'kysely';
import { dialectOf, jsonType, withId } from '../dialect/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = await dialectOf(db);
  const json = jsonType(d);
  const blob = d === 'postgres' ? sql`bytea` : sql`blob`;

  await withId(db.schema.createTable('sources'), d)
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // oai | file | url
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .addColumn('metadata_prefix', 'text')
    .addColumn('set_spec', 'text')
    .addColumn('location', 'text')
    .addColumn('mapping', json)
    .addColumn('default_language', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('granularity', 'text')
    .addColumn('last_datestamp', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sources_institution').on('sources').column('institution_id').execute();

  await withId(db.schema.createTable('harvest_runs'), d)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // harvest | import | renormalise
    .addColumn('status', 'text', (c) => c.notNull()) // running | succeeded | failed
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('worker', 'text') // host:pid that runs it; a dead pid means the run was killed
    .addColumn('from_param', 'text')
    .addColumn('checkpoint', 'text') // resumption token (or file position) to continue from
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', json, (c) => c.notNull())
    .addColumn('max_datestamp', 'text')
    .addColumn('next_from', 'text') // OAI: the first page's responseDate, the next harvest's from
    .addColumn('repairs', json)
    .addColumn('error', 'text')
    .addColumn('elapsed_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('harvest_runs_source').on('harvest_runs').columns(['source_id', 'id']).execute();

  await withId(db.schema.createTable('source_records'), d)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('datestamp', 'text')
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('bytes', blob, (c) => c.notNull())
    .addColumn('xml_ns', 'text') // namespace declarations in scope, so an XML slice re-parses alone
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('source_records_key', ['source_id', 'identifier'])
    .execute();

  await withId(db.schema.createTable('quarantine'), d)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addColumn('identifier', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('bytes', blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quarantine_source').on('quarantine').columns(['source_id', 'identifier']).execute();
  await db.schema.createIndex('quarantine_run').on('quarantine').column('run_id').execute();

  await withId(db.schema.createTable('objects'), d)
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('title', json, (c) => c.notNull())
    .addColumn('data', json, (c) => c.notNull())
    .addColumn('earliest', 'integer')
    .addColumn('latest', 'integer')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('objects_key', ['source_id', 'identifier'])
    .execute();
  await db.schema.createIndex('objects_institution').on('objects').columns(['institution_id', 'withdrawn']).execute();

  await withId(db.schema.createTable('jobs'), d)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | done | failed
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['jobs', 'objects', 'quarantine', 'source_records', 'harvest_runs', 'sources']) await db.schema.dropTable(t).execute();
}
