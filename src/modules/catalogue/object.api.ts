// GET /api/v1/objects and /api/v1/objects/{id}
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, LangMapJson, Nullable } from '../../http/api.schemas.ts';
import { getObject, listObjects } from './object.service.ts';

const ObjectSummary = Type.Object({
  id: Type.String({ description: 'public id; never changes' }),
  identifier: Type.String({ description: "the record's identifier in its source" }),
  institution: Type.Object({ id: Type.String(), slug: Type.String() }),
  title: LangMapJson,
  earliest: Nullable(Type.Integer({ description: 'year, negative before the common era' })),
  latest: Nullable(Type.Integer()),
  updatedAt: Type.String(),
});

export async function objectApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/objects',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Objects of the shared catalogue',
        description:
          "limit=0 answers the count alone (total). The demo collection's objects (held by publishers marked as demo data, not members) are left out unless asked for: by their institution, or with demo=true.",
        querystring: Type.Object({
          institution: Type.Optional(Type.String({ maxLength: 100, description: 'institution public id or slug' })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          demo: Type.Optional(Type.Boolean({ description: 'include the demo collection (default: only when asked for by institution)' })),
          limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 200, default: 20 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(ObjectSummary) }), ...errorResponses },
      },
    },
    async (req) => {
      const { demo, ...query } = req.query;
      const { total, items } = await listObjects(app.db, { ...query, ...(demo !== undefined ? { includeDemo: demo } : {}) });
      return { total, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0, items: items.map(({ data: _d, withdrawn: _w, ...o }) => o) };
    },
  );
  r.get(
    '/api/v1/objects/:id',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One object, fully normalised',
        params: Type.Object({ id: Type.String() }),
        response: { 200: Type.Intersect([ObjectSummary, Type.Object({ data: Type.Unknown() })]), ...errorResponses },
      },
    },
    async (req) => {
      const { withdrawn: _w, ...o } = await getObject(app.db, req.params.id);
      return o;
    },
  );
}
