// Upload a member list, see what it would do, then import all of it or nothing.
// The uploaded file waits in DATA_DIR/uploads/imports under a random name bound to the
// uploader, so the confirmation imports exactly the file that was previewed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { adminMain } from '../../http/admin.ts';
import { actorFor, type PageCtx } from '../../http/context.ts';
import { field, type Body } from '../../http/forms.ts';
import { html, type Html } from '../../http/html.ts';
import { csrfField, href, localized, tr } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { AppError } from '../../shared/errors.ts';
import { assertCan } from '../accounts/permission.policy.ts';
import { exportRoster, importRoster, previewRoster, type RosterPreview } from './roster.service.ts';

const TOKEN = /^\d+-[a-f0-9]{32}\.(csv|xlsx)$/;
const MAX_AGE_MS = 3600_000;
const expired = () => new AppError('not_found', 'This preview has expired; upload the file again', [], 'import.expired');

function uploadDir(app: FastifyInstance): string {
  return path.join(app.config.dataDir, 'uploads', 'imports');
}

async function readUpload(app: FastifyInstance, req: FastifyRequest, token: string): Promise<{ bytes: Buffer; filename: string; file: string }> {
  // the token names a file of this user only; anything else is treated as expired
  if (!TOKEN.test(token) || !token.startsWith(`${req.user!.userId}-`)) throw expired();
  const file = path.join(uploadDir(app), token);
  try {
    const st = await fs.stat(file);
    if (Date.now() - st.mtimeMs > MAX_AGE_MS) throw new Error('old');
    return { bytes: await fs.readFile(file), filename: token, file };
  } catch {
    throw expired();
  }
}

function previewTable(ctx: PageCtx, p: RosterPreview): Html {
  return html`<p role="status">${tr(ctx, 'import.summary', { create: p.counts.create, update: p.counts.update, unchanged: p.counts.unchanged })}</p>
${p.problems.length
  ? html`<div class="problems" role="alert"><p>${tr(ctx, 'import.problems', { n: p.problems.length })}</p>
  <table class="list"><thead><tr><th>${tr(ctx, 'import.line')}</th><th>${tr(ctx, 'import.reason')}</th></tr></thead><tbody>
  ${p.problems.map((x) => html`<tr><td>${x.line}</td><td>${x.field ? html`<code>${x.field}</code>: ` : ''}${x.message}</td></tr>`)}</tbody></table></div>`
  : ''}
<table class="list"><thead><tr><th>${tr(ctx, 'import.line')}</th><th>${tr(ctx, 'import.action')}</th><th>${tr(ctx, 'form.slug')}</th><th>${tr(ctx, 'form.name')}</th><th>${tr(ctx, 'form.country')}</th><th>${tr(ctx, 'form.status')}</th></tr></thead><tbody>
${p.rows.map((r) => html`<tr class="action-${r.action}"><td>${r.line}</td><td>${tr(ctx, `import.action.${r.action}`)}</td><td><code>${r.slug}</code></td><td>${localized(ctx, r.name)}</td><td>${r.country ?? ''}</td><td>${r.status ? tr(ctx, `status.${r.status as 'member'}`) : ''}</td></tr>`)}
</tbody></table>`;
}

export async function rosterAdmin(app: FastifyInstance): Promise<void> {
  for (const url of langPaths('/admin/members/import')) {
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'members.import');
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'import.title'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/members/import', html`<h1>${tr(ctx, 'import.title')}</h1><p>${tr(ctx, 'import.help')}</p>
<form method="post" enctype="multipart/form-data" action="${href(ctx, '/admin/members/import')}?_csrf=${encodeURIComponent(ctx.csrf)}" class="record">
<p class="field"><label for="file">${tr(ctx, 'form.file')}</label><input id="file" name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></p>
<p class="actions"><button type="submit">${tr(ctx, 'import.preview')}</button></p></form>
<p><a href="${href(ctx, '/admin/members/export.csv')}">${tr(ctx, 'admin.export')}</a></p>`),
      }));
    });

    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'members.import');
      const part = await req.file();
      if (!part) throw new AppError('validation_failed', 'Choose a file', [{ field: 'file', message: 'is required' }]);
      const bytes = await part.toBuffer(); // throws 413 past UPLOAD_LIMIT_MB
      const ext = /\.xlsx$/i.test(part.filename) || bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'binary')) ? 'xlsx' : 'csv';
      const preview = await previewRoster(app.db, actor, { bytes, filename: part.filename });
      let token = '';
      if (!preview.problems.length) {
        token = `${req.user!.userId}-${randomBytes(16).toString('hex')}.${ext}`;
        await fs.mkdir(uploadDir(app), { recursive: true });
        await fs.writeFile(path.join(uploadDir(app), token), bytes, { mode: 0o600 });
      }
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'import.title'),
        section: 'admin',
        status: preview.problems.length ? 422 : 200,
        main: adminMain(ctx, actor, '/admin/members/import', html`<h1>${tr(ctx, 'import.title')}: ${tr(ctx, 'import.preview')}</h1>
<p><code>${part.filename}</code></p>${previewTable(ctx, preview)}
${token
  ? html`<form method="post" action="${href(ctx, '/admin/members/import/confirm')}">${csrfField(ctx)}<input type="hidden" name="token" value="${token}">
    <p class="actions"><button type="submit">${tr(ctx, 'import.confirm')}</button> <a href="${href(ctx, '/admin/members/import')}">${tr(ctx, 'admin.cancel')}</a></p></form>`
  : html`<p><a class="button" href="${href(ctx, '/admin/members/import')}">${tr(ctx, 'import.title')}</a></p>`}`),
      }));
    });
  }

  for (const url of langPaths('/admin/members/import/confirm'))
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'members.import');
      const upload = await readUpload(app, req, field((req.body ?? {}) as Body, 'token'));
      const counts = await importRoster(app.db, actor, upload);
      await fs.rm(upload.file, { force: true });
      return sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'import.title'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/members/import', html`<h1>${tr(ctx, 'import.title')}</h1>
<p class="notice" role="status">${tr(ctx, 'import.done', counts)}</p><p><a href="${href(ctx, '/admin/institutions')}">${tr(ctx, 'admin.institutions')}</a></p>`),
      }));
    });

  for (const url of langPaths('/admin/members/export.csv'))
    app.get(url, async (req, reply) => {
      assertCan(actorFor(req), 'members.import');
      const csv = await exportRoster(app.db);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="members-${date}.csv"`)
        .send(`\uFEFF${csv}`); // BOM: Excel then reads the file as UTF-8
    });
}
