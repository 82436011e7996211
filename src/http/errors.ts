// One error handler: AppError and Fastify's own errors become a JSON body with a stable
// code under /api, and a page in the visitor's language elsewhere. A 5xx never shows
// internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldProblem } from '../shared/errors.ts';
import { html } from './html.ts';
import { langOf } from './context.ts';
import { t, type MessageKey, DIR, BCP47 } from './i18n.ts';
import { sendPage } from './page.ts';

const PAGE_MESSAGE: Partial<Record<ErrorCode, MessageKey>> = {
  not_found: 'error.notFound',
  forbidden: 'error.forbidden',
  unauthenticated: 'error.unauthenticated',
  csrf_invalid: 'error.csrf',
  validation_failed: 'error.validation',
  bad_request: 'error.validation',
  payload_too_large: 'error.tooLarge',
  rate_limited: 'login.tooMany',
  internal: 'error.internal',
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }> };
  if (e?.validation) {
    const fields: FieldProblem[] = e.validation.map((v) => ({
      field: (v.instancePath || String(v.params?.missingProperty ?? '')).replace(/^\//, '').replace(/\//g, '.') || 'request',
      message: v.message ?? 'is invalid',
    }));
    // the request's shape is wrong (a query parameter out of range, a missing field): 400
    return new AppError('bad_request', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }
  switch (e?.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError('csrf_invalid', 'The form token is missing or invalid');
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large', 'The request is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Unsupported content type');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The body is not valid JSON');
  }
  if (e?.statusCode === 429) return new AppError('rate_limited', 'Too many requests: wait and try again');
  if (e?.statusCode === 404) return new AppError('not_found', 'Not found');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('bad_request', e.message);
  return new AppError('internal', 'Internal error');
}

export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

export function errorPage(req: FastifyRequest, err: AppError): string {
  const lang = langOf(req);
  return (
    '<!doctype html>\n' +
    html`<html lang="${BCP47[lang]}" dir="${DIR[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(lang, 'error.title')}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><main id="main" class="error-page"><h1>${t(lang, 'error.title')}</h1><p>${errorMessage(req, err)}</p>
${err.fields.length ? html`<ul class="problems">${err.fields.map((f) => html`<li><strong>${f.field}</strong>: ${f.message}</li>`)}</ul>` : ''}
${err.code === 'unauthenticated' ? html`<p><a href="/${lang}/login?next=${encodeURIComponent(req.url)}">${t(lang, 'nav.login')}</a></p>` : ''}
<p><a href="/${lang}/">${t(lang, 'error.back')}</a></p></main></body></html>`.value
  );
}

/** The message a page shows for an error: the interface's words, or the error's own when it has a message key. */
export function errorMessage(req: FastifyRequest, err: AppError): string {
  const lang = langOf(req);
  return err.messageKey ? t(lang, err.messageKey as MessageKey) : t(lang, PAGE_MESSAGE[err.code] ?? 'error.internal');
}

export async function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): Promise<FastifyReply> {
  reply.status(err.status);
  const wantsJson = isApi(req) || (req.headers.accept ?? '').startsWith('application/json');
  if (wantsJson) {
    return reply.type('application/json; charset=utf-8').send({ error: { code: err.code, message: err.message, ...(err.fields.length ? { fields: err.fields } : {}) } });
  }
  // the error in the site's frame (menu, language switch); a bare page if even that fails
  try {
    if (err.status >= 500) throw err;
    return await sendPage(req, reply, () => ({ title: t(langOf(req), 'error.title'), status: err.status, main: errorBody(req, err) }));
  } catch {
    return reply.type('text/html; charset=utf-8').send(errorPage(req, err));
  }
}

function errorBody(req: FastifyRequest, err: AppError) {
  const lang = langOf(req);
  return html`<div class="error-page"><h1>${t(lang, 'error.title')}</h1><p>${errorMessage(req, err)}</p>
${err.fields.length ? html`<ul class="problems">${err.fields.map((f) => html`<li><strong>${f.field}</strong>: ${f.message}</li>`)}</ul>` : ''}
${err.code === 'unauthenticated' ? html`<p><a href="/${lang}/login?next=${encodeURIComponent(req.url)}">${t(lang, 'nav.login')}</a></p>` : ''}
<p><a href="/${lang}/">${t(lang, 'error.back')}</a></p></div>`;
}

/** Errors Fastify raises before any hook runs (a malformed or over-long URL): same answer, same headers. */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'self'; frame-ancestors 'none'");
  const err = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('not_found', 'No such page: the address is too long') : new AppError('bad_request', 'The address is malformed');
  void sendError(req, reply, err);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, req, reply) => {
    const err = toAppError(error);
    if (err.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: err.code, msg: err.message }, 'request refused');
    return sendError(req, reply, err);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`)));
}
