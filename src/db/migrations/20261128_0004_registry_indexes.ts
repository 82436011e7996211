// Indexes for the member directory at thousands of institutions: the page is ordered by
// country and slug and filtered by membership status; demo publishers are left out.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('institutions_directory').on('institutions').columns(['is_demo', 'country', 'slug']).execute();
  await db.schema.createIndex('memberships_institution').on('memberships').columns(['institution_id', 'alliance_id', 'status', 'category']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('memberships_institution').execute();
  await db.schema.dropIndex('institutions_directory').execute();
}
