// GET /api/v1/people and /api/v1/people/{id-or-slug}
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, InstitutionRef, LangMapJson, Nullable, OfficeJson, PageQuery } from '../../http/api.schemas.ts';
import { instRef, officeJson, personDetail } from '../alliance/registry.read.ts';
import { searchPeople } from './person.service.ts';

const PersonJson = Type.Object({ id: Type.String(), slug: Type.String(), name: LangMapJson, honorific: LangMapJson });

export async function personApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/people',
    {
      schema: {
        tags: ['registry'],
        summary: 'People of the registry',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...PageQuery }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(PersonJson) }), ...errorResponses },
      },
    },
    async (req) => {
      const { items, total } = await searchPeople(app.db, req.query.q ?? '', req.query.limit ?? 50, req.query.offset ?? 0);
      return { total, items: items.map(({ key: _k, ...p }) => p) };
    },
  );

  r.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One person with posts and alliance offices',
        params: Type.Object({ id: Type.String({ description: 'public id or slug' }) }),
        response: {
          200: Type.Intersect([
            PersonJson,
            Type.Object({
              posts: Type.Array(Type.Object({ title: LangMapJson, startedOn: Nullable(Type.String()), endedOn: Nullable(Type.String()), institution: InstitutionRef })),
              offices: Type.Array(OfficeJson),
            }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const d = await personDetail(app.db, req.params.id);
      const { key: _k, ...p } = d.person;
      return {
        ...p,
        posts: d.posts.map((x) => ({ title: x.title, startedOn: x.startedOn, endedOn: x.endedOn, institution: instRef(x.institution) })),
        offices: d.offices.map(officeJson),
      };
    },
  );
}
