// GET /api/v1/institutions and /api/v1/institutions/{id-or-slug}
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, InstitutionJson, OfficeJson, PageQuery, PersonRef, LangMapJson, Nullable } from '../../http/api.schemas.ts';
import { listDirectory } from '../alliance/directory.service.ts';
import { institutionDetail, membershipJson, membershipsWithMeetings, officeJson, personRef } from '../alliance/registry.read.ts';
import type { Institution } from './institution.service.ts';

export function institutionJson(baseUrl: string, i: Institution, membership: ReturnType<typeof membershipJson>) {
  return {
    id: i.id,
    slug: i.slug,
    name: i.name,
    shortName: i.shortName,
    kind: i.kind,
    country: i.country,
    city: i.city,
    latitude: i.latitude,
    longitude: i.longitude,
    website: i.website,
    wikidata: i.wikidata,
    url: `${baseUrl}/en/members/${i.slug}`,
    membership,
  };
}

export async function institutionApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = app.config.baseUrl;

  r.get(
    '/api/v1/institutions',
    {
      schema: {
        tags: ['registry'],
        summary: 'Institutions of the registry, filtered',
        description: 'Members by default; status=any lists every institution. q matches names in any script.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200, description: 'words to find in any name, any script' })),
          country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
          category: Type.Optional(Type.String({ maxLength: 50 })),
          status: Type.Optional(Type.String({ enum: ['applicant', 'member', 'suspended', 'withdrawn', 'any'], default: 'member' })),
          kind: Type.Optional(Type.String({ maxLength: 50 })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(InstitutionJson) }),
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
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
        items: items.map((e) => institutionJson(base, e.institution, membershipJson(ms.get(e.institution.key), meetings))),
      };
    },
  );

  r.get(
    '/api/v1/institutions/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One institution with its membership, people and offices',
        params: Type.Object({ id: Type.String({ description: 'public id or slug' }) }),
        response: {
          200: Type.Intersect([
            InstitutionJson,
            Type.Object({
              posts: Type.Array(Type.Object({ title: LangMapJson, startedOn: Nullable(Type.String()), endedOn: Nullable(Type.String()), person: PersonRef })),
              offices: Type.Array(OfficeJson),
            }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const d = await institutionDetail(app.db, req.params.id);
      const meetings = new Map(d.admittedAt ? [[d.admittedAt.key, d.admittedAt]] : []);
      return {
        ...institutionJson(base, d.institution, membershipJson(d.membership, meetings)),
        posts: d.posts.map((p) => ({ title: p.title, startedOn: p.startedOn, endedOn: p.endedOn, person: personRef(p.person) })),
        offices: d.offices.map(officeJson),
      };
    },
  );
}
