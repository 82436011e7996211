// OpenAPI 3 from the routes' own schemas, at /api/v1/openapi.json, and a browsable,
// server-rendered reference at /api/docs (no JavaScript, works offline).
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { html, type Html } from './html.ts';

interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary?: string; description?: string; parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: { type?: string; enum?: unknown[] } }>; responses?: Record<string, { description?: string }> }>>;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Caravanserai API',
        version: '1',
        description:
          'Read-only JSON API of the alliance registry. Errors have the shape {"error": {"code", "message", "fields"?}} with a stable code. Human texts are language maps keyed by BCP 47 tags.',
      },
      servers: [{ url: app.config.baseUrl }],
      tags: [
        { name: 'registry', description: 'Institutions, people, memberships, offices, counts' },
        { name: 'catalogue', description: 'Objects of the shared catalogue' },
      ],
    },
    hideUntagged: true,
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/docs', { schema: { hide: true } }, async (_req, reply) => {
    const doc = app.swagger() as unknown as OpenApiDoc;
    const ops: Html[] = [];
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        ops.push(html`<section class="op"><h2><code>${m.toUpperCase()} ${p}</code></h2>
<p>${op.summary ?? ''}</p>${op.description ? html`<p>${op.description}</p>` : ''}
${op.parameters?.length ? html`<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr></thead><tbody>
${op.parameters.map((x) => html`<tr><td><code>${x.name}</code>${x.required ? ' *' : ''}</td><td>${x.in}</td><td>${x.schema?.type ?? ''}${x.schema?.enum ? ` (${x.schema.enum.join(' | ')})` : ''}</td><td>${x.description ?? ''}</td></tr>`)}
</tbody></table>` : ''}
<p>Responses: ${Object.entries(op.responses ?? {}).map(([code, r]) => html`<code>${code}</code> ${r.description ?? ''} `)}</p>
${p.includes('{') ? '' : html`<p><a href="${p}">${p}</a></p>`}</section>`);
      }
    }
    reply.type('text/html; charset=utf-8');
    return (
      '<!doctype html>\n' +
      html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><main id="main" class="api-docs"><h1>${doc.info.title} v${doc.info.version}</h1><p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3)</p>${ops}</main></body></html>`.value
    );
  });
}
