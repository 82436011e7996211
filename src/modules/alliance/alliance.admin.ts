// Admin pages of the alliance module: offices and the member roster.
import type { FastifyInstance } from 'fastify';
import { guardAdmin } from '../../http/admin.ts';
import { officeAdmin } from './office.admin.ts';
import { rosterAdmin } from './roster.admin.ts';

export async function allianceAdmin(app: FastifyInstance): Promise<void> {
  guardAdmin(app);
  await officeAdmin(app);
  await rosterAdmin(app);
}
