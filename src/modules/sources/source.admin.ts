// Admin pages of sources: list, register, and per source its status, run history,
// quarantined records (reason and the original bytes), mapping, and "harvest now".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain, guardAdmin } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor, type PageCtx } from '../../http/context.ts';
import { field, input, problemSummary, select, type Body } from '../../http/forms.ts';
import { html, type Html } from '../../http/html.ts';
import { csrfField, href, localized, text } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { moduleMessages } from '../../http/i18n.ts';
import { AppError, type FieldProblem } from '../../shared/errors.ts';
import { can, type Actor } from '../accounts/permission.policy.ts';
import { allInstitutions, institutionsByKeys } from '../institutions/institution.service.ts';
import { quarantinedBytes, requestHarvest, sourceStatus } from '../harvest/report.service.ts';
import type { Run } from '../harvest/run.service.ts';
import { createSource, listSources, SCHEDULES, SOURCE_FORMATS, updateSource } from './source.service.ts';
import en from './i18n/en.json' with { type: 'json' };
import zh from './i18n/zh.json' with { type: 'json' };
import ru from './i18n/ru.json' with { type: 'json' };
import ar from './i18n/ar.json' with { type: 'json' };

const m = moduleMessages<keyof typeof en>({ en, zh, ru, ar });
const tm = (ctx: PageCtx, key: keyof typeof en, vars?: Record<string, string | number>) => m(ctx.lang, key, vars);

interface SourceValues {
  institution: string;
  kind: string;
  format: string;
  baseUrl: string;
  setSpec: string;
  location: string;
  schedule: string;
  defaultLanguage: string;
  mapping: string;
}

function runRow(ctx: PageCtx, r: Run): Html {
  const c = r.counts;
  const reasons = Object.entries(c.byReason).map(([k, v]) => `${k}: ${v}`).join(', ');
  const rate = r.elapsedMs ? Math.round(c.seen / (r.elapsedMs / 1000)) : 0;
  return html`<tr><td>${r.id}</td><td>${tm(ctx, `kind.${r.kind}` as keyof typeof en)}</td><td>${tm(ctx, `status.${r.status}` as keyof typeof en)}</td>
<td><time datetime="${r.startedAt}">${r.startedAt.replace('T', ' ').slice(0, 19)}</time></td>
<td>${c.seen}</td><td>${c.new}</td><td>${c.updated}</td><td>${c.unchanged}</td><td>${c.deleted}</td><td>${c.quarantined}${reasons ? html`<br><small>${reasons}</small>` : ''}</td>
<td>${(r.elapsedMs / 1000).toFixed(1)} s</td><td>${rate}</td><td>${r.error ? html`<small class="error">${r.error}</small>` : ''}</td></tr>`;
}

async function visibleSources(app: FastifyInstance, actor: Actor) {
  const all = await listSources(app.db, actor.kind === 'user' && actor.role === 'member_editor' ? (actor.institutionId ?? -1) : undefined);
  return all.filter((s) => can(actor, 'source.write', { institutionIds: [s.institutionKey] }));
}

export async function sourceAdmin(app: FastifyInstance): Promise<void> {
  guardAdmin(app);

  for (const url of langPaths('/admin/sources'))
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      const sources = await visibleSources(app, actor);
      const insts = await institutionsByKeys(app.db, sources.map((s) => s.institutionKey));
      return sendPage(req, reply, (ctx) => ({
        title: tm(ctx, 'title'),
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/sources', html`<h1>${tm(ctx, 'title')}</h1>
<p><a class="button" href="${href(ctx, '/admin/sources/new')}">${tm(ctx, 'add')}</a></p>
${sources.length ? html`<table class="list"><thead><tr><th>${tm(ctx, 'source')}</th><th>${tm(ctx, 'institution')}</th><th>${tm(ctx, 'format')}</th><th>${tm(ctx, 'schedule')}</th><th>${tm(ctx, 'lastSuccess')}</th></tr></thead><tbody>
${sources.map((s) => html`<tr><td><a href="${href(ctx, `/admin/sources/${s.id}`)}">${s.label}</a>${s.isDemo ? html` <span class="badge">${tm(ctx, 'demo')}</span>` : ''}</td><td>${insts.get(s.institutionKey) ? localized(ctx, insts.get(s.institutionKey)!.name) : ''}</td><td>${s.kind} · ${s.format}</td><td>${tm(ctx, `schedule.${s.schedule}` as keyof typeof en)}</td><td>${s.lastSuccessAt?.replace('T', ' ').slice(0, 16) ?? '—'}</td></tr>`)}
</tbody></table>` : html`<p>${tm(ctx, 'none')}</p>`}`),
      }));
    });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, v: SourceValues, problems: FieldProblem[]) => {
    const actor = actorFor(req);
    const insts = (await allInstitutions(app.db)).filter((i) => can(actor, 'source.write', { institutionIds: [i.key] }));
    return sendPage(req, reply, (ctx) => ({
      title: tm(ctx, 'add'),
      section: 'admin',
      status: problems.length ? 422 : 200,
      main: adminMain(ctx, actor, '/admin/sources', html`<h1>${tm(ctx, 'add')}</h1>${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, '/admin/sources/new')}" class="record">${csrfField(ctx)}
${select(ctx, 'institution', 'form.institution', v.institution, insts.map((i) => [i.slug, text(ctx, i.name)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], ctx.tag)), problems)}
<p class="field"><label for="f-kind">${tm(ctx, 'kindLabel')}</label><select id="f-kind" name="kind">${(['oai', 'file', 'url'] as const).map((k) => html`<option value="${k}"${k === v.kind ? html` selected` : ''}>${tm(ctx, `sourceKind.${k}`)}</option>`)}</select></p>
<p class="field"><label for="f-format">${tm(ctx, 'format')}</label><select id="f-format" name="format">${SOURCE_FORMATS.map((f) => html`<option value="${f}"${f === v.format ? html` selected` : ''}>${f}</option>`)}</select></p>
${input(ctx, 'baseUrl', 'form.website', v.baseUrl, problems, { type: 'url' })}
<p class="field"><label for="f-setSpec">setSpec</label><input id="f-setSpec" name="setSpec" value="${v.setSpec}" maxlength="200"></p>
<p class="field"><label for="f-location">${tm(ctx, 'location')}</label><input id="f-location" name="location" value="${v.location}" maxlength="1000"></p>
<p class="field"><label for="f-schedule">${tm(ctx, 'schedule')}</label><select id="f-schedule" name="schedule">${SCHEDULES.map((s) => html`<option value="${s}"${s === v.schedule ? html` selected` : ''}>${tm(ctx, `schedule.${s}`)}</option>`)}</select></p>
<p class="field"><label for="f-defaultLanguage">${tm(ctx, 'defaultLanguage')}</label><input id="f-defaultLanguage" name="defaultLanguage" value="${v.defaultLanguage}" maxlength="35"></p>
<p class="field"><label for="f-mapping">${tm(ctx, 'mapping')}</label><textarea id="f-mapping" name="mapping" rows="8" dir="ltr">${v.mapping}</textarea><small>${tm(ctx, 'mappingHelp')}</small></p>
<p class="actions"><button type="submit">${tm(ctx, 'add')}</button></p></form>`),
    }));
  };

  for (const url of langPaths('/admin/sources/new')) {
    app.get(url, async (req, reply) =>
      newPage(req, reply, { institution: '', kind: 'oai', format: 'lido', baseUrl: '', setSpec: '', location: '', schedule: 'manual', defaultLanguage: 'en', mapping: '' }, []),
    );
    app.post(url, async (req, reply) => {
      const b = (req.body ?? {}) as Body;
      const v: SourceValues = {
        institution: field(b, 'institution'),
        kind: field(b, 'kind'),
        format: field(b, 'format'),
        baseUrl: field(b, 'baseUrl'),
        setSpec: field(b, 'setSpec'),
        location: field(b, 'location'),
        schedule: field(b, 'schedule'),
        defaultLanguage: field(b, 'defaultLanguage'),
        mapping: field(b, 'mapping'),
      };
      let mapping: unknown;
      if (v.mapping.trim()) {
        try {
          mapping = JSON.parse(v.mapping);
        } catch (e) {
          return newPage(req, reply, v, [{ field: 'mapping', message: `is not valid JSON: ${e instanceof Error ? e.message : ''}` }]);
        }
      }
      const r = await attempt(
        () =>
          createSource(app.db, actorFor(req), {
            institution: v.institution,
            kind: v.kind,
            format: v.format,
            baseUrl: v.baseUrl || null,
            metadataPrefix: v.kind === 'oai' ? v.format : null,
            setSpec: v.setSpec || null,
            location: v.location || null,
            schedule: v.schedule,
            defaultLanguage: v.defaultLanguage,
            ...(mapping !== undefined ? { mapping } : {}),
          }),
        'baseUrl',
      );
      if ('problems' in r) return newPage(req, reply, v, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin/sources/${r.ok.id}?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/sources/:id')) {
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      const page = Math.max(1, Number((req.query as Body).page) || 1);
      const st = await sourceStatus(app.db, actor, (req.params as { id: string }).id, page);
      const s = st.source;
      const [inst] = (await institutionsByKeys(app.db, [s.institutionKey])).values();
      return sendPage(req, reply, (ctx) => ({
        title: s.label,
        section: 'admin',
        main: adminMain(ctx, actor, '/admin/sources', html`<h1>${s.label}</h1>
<dl class="facts"><dt>${tm(ctx, 'institution')}</dt><dd>${inst ? localized(ctx, inst.name) : ''}</dd>
<dt>${tm(ctx, 'kindLabel')}</dt><dd>${tm(ctx, `sourceKind.${s.kind}`)} · ${s.format}${s.metadataPrefix ? ` (${s.metadataPrefix})` : ''}</dd>
${s.baseUrl ? html`<dt>URL</dt><dd><code>${s.baseUrl}</code>${s.setSpec ? html` set <code>${s.setSpec}</code>` : ''}</dd>` : ''}
${s.location ? html`<dt>${tm(ctx, 'location')}</dt><dd><code>${s.location}</code></dd>` : ''}
<dt>${tm(ctx, 'schedule')}</dt><dd>${tm(ctx, `schedule.${s.schedule}`)}</dd>
<dt>${tm(ctx, 'lastSuccess')}</dt><dd>${s.lastSuccessAt ?? '—'}${s.lastDatestamp ? html` (${tm(ctx, 'lastDatestamp')} ${s.lastDatestamp})` : ''}</dd></dl>
<form method="post" action="${href(ctx, `/admin/sources/${s.id}/harvest`)}">${csrfField(ctx)}
<p><button type="submit"${st.harvestQueued ? html` disabled` : ''}>${tm(ctx, 'harvestNow')}</button>${st.harvestQueued ? html` <span role="status">${tm(ctx, 'queued')}</span>` : ''}</p></form>
<h2>${tm(ctx, 'runs')}</h2>
${st.runs.length ? html`<div class="scroll"><table class="list"><thead><tr><th>#</th><th>${tm(ctx, 'kindLabel')}</th><th>${tm(ctx, 'status')}</th><th>${tm(ctx, 'started')}</th>
<th>${tm(ctx, 'seen')}</th><th>${tm(ctx, 'new')}</th><th>${tm(ctx, 'updated')}</th><th>${tm(ctx, 'unchanged')}</th><th>${tm(ctx, 'deleted')}</th><th>${tm(ctx, 'quarantined')}</th><th>${tm(ctx, 'duration')}</th><th>${tm(ctx, 'rate')}</th><th></th></tr></thead>
<tbody>${st.runs.map((r) => runRow(ctx, r))}</tbody></table></div>` : html`<p>${tm(ctx, 'noRuns')}</p>`}
<h2>${tm(ctx, 'quarantine')} (${st.quarantined})</h2>
${st.quarantine.length ? html`<table class="list"><thead><tr><th>${tm(ctx, 'identifier')}</th><th>${tm(ctx, 'reason')}</th><th>${tm(ctx, 'message')}</th><th></th></tr></thead><tbody>
${st.quarantine.map((q) => html`<tr><td><code>${q.identifier ?? '—'}</code></td><td>${q.reason}</td><td>${q.message}</td><td><a href="${href(ctx, `/admin/sources/${s.id}/quarantine/${q.id}`)}">${tm(ctx, 'original', { size: q.size })}</a></td></tr>`)}
</tbody></table>` : html`<p>${tm(ctx, 'noQuarantine')}</p>`}
${s.kind !== 'oai' ? html`<h2>${tm(ctx, 'mapping')}</h2><form method="post" action="${href(ctx, `/admin/sources/${s.id}/mapping`)}" class="record">${csrfField(ctx)}
<p class="field"><label for="f-mapping">${tm(ctx, 'mapping')}</label><textarea id="f-mapping" name="mapping" rows="14" dir="ltr">${s.mapping ? JSON.stringify(s.mapping, null, 2) : ''}</textarea><small>${tm(ctx, 'mappingHelp')}</small></p>
<p class="actions"><button type="submit">${tm(ctx, 'saveMapping')}</button></p></form>` : ''}`),
      }));
    });
  }

  for (const url of langPaths('/admin/sources/:id/harvest'))
    app.post(url, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      await requestHarvest(app.db, actorFor(req), id);
      return reply.redirect(`${langPrefix(req.url)}/admin/sources/${id}?done=saved`, 303);
    });

  for (const url of langPaths('/admin/sources/:id/mapping'))
    app.post(url, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const raw = field((req.body ?? {}) as Body, 'mapping');
      let mapping: unknown = null;
      try {
        mapping = raw.trim() ? JSON.parse(raw) : null;
      } catch (e) {
        throw new AppError('validation_failed', 'The mapping is not valid JSON', [{ field: 'mapping', message: e instanceof Error ? e.message : 'invalid JSON' }]);
      }
      await updateSource(app.db, actorFor(req), id, { mapping });
      return reply.redirect(`${langPrefix(req.url)}/admin/sources/${id}?done=saved`, 303);
    });

  for (const url of langPaths('/admin/sources/:id/quarantine/:qid'))
    app.get(url, async (req, reply) => {
      const { id, qid } = req.params as { id: string; qid: string };
      const q = await quarantinedBytes(app.db, actorFor(req), id, Number(qid));
      // shown as text, never rendered: the bytes are untrusted
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `inline; filename="quarantined-${qid}.txt"`)
        .header('x-content-type-options', 'nosniff')
        .send(q.bytes);
    });
}
