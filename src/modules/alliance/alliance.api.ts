// GET /api/v1/memberships, /api/v1/offices, /api/v1/counts
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, InstitutionRef, MembershipJson, OfficeJson, PageQuery } from '../../http/api.schemas.ts';
import { getCounts, listDirectory } from './directory.service.ts';
import { instRef, membershipJson, membershipsWithMeetings, officeJson } from './registry.read.ts';
import { listOffices } from './office.service.ts';

export async function allianceApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/memberships',
    {
      schema: {
        tags: ['registry'],
        summary: 'Memberships in the alliance',
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: ['applicant', 'member', 'suspended', 'withdrawn'], default: 'member' })),
          category: Type.Optional(Type.String({ maxLength: 50 })),
          country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Intersect([MembershipJson, Type.Object({ institution: InstitutionRef })])) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const { items, total } = await listDirectory(app.db, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      const { ms, meetings } = await membershipsWithMeetings(app.db, items.map((e) => e.institution.key));
      return {
        total,
        items: items.map((e) => ({ ...membershipJson(ms.get(e.institution.key), meetings)!, institution: instRef(e.institution) })),
      };
    },
  );

  r.get(
    '/api/v1/offices',
    {
      schema: {
        tags: ['registry'],
        summary: 'Alliance offices and who holds them',
        querystring: Type.Object({ current: Type.Optional(Type.Boolean({ default: false, description: 'only offices whose term has not ended' })) }),
        response: { 200: Type.Object({ items: Type.Array(OfficeJson) }) },
      },
    },
    async (req) => ({ items: (await listOffices(app.db, { current: req.query.current ?? false })).map(officeJson) }),
  );

  r.get(
    '/api/v1/counts',
    {
      schema: {
        tags: ['registry'],
        summary: 'Live counts computed from the registry',
        response: {
          200: Type.Object({
            members: Type.Integer(),
            countries: Type.Integer(),
            byCategory: Type.Record(Type.String(), Type.Integer()),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            byCountry: Type.Array(Type.Object({ country: Type.String(), n: Type.Integer() })),
          }),
        },
      },
    },
    async () => getCounts(app.db),
  );
}
