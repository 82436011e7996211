// Log in and out. Login is rate-limited per address (429 after 10 tries a minute) and
// answers the same for an unknown email and a wrong password.
import type { FastifyInstance } from 'fastify';
import { html } from '../../http/html.ts';
import { csrfField, href, tr } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { field, type Body } from '../../http/forms.ts';
import { logIn, logOut } from '../../http/auth.ts';
import { langOf } from '../../http/context.ts';
import type { PageCtx } from '../../http/context.ts';
import { authenticate } from './user.service.ts';
import { recordAudit } from './audit.service.ts';

/** Only local paths after login: never an open redirect. */
export function safeNext(next: string, lang: string): string {
  return /^\/(?!\/)[\w\-./?=&%]*$/.test(next) && !next.includes('..') ? next : `/${lang}/admin`;
}

function loginForm(ctx: PageCtx, email: string, next: string, failed: boolean) {
  return html`<h1>${tr(ctx, 'login.title')}</h1>
${failed ? html`<p class="problems" role="alert">${tr(ctx, 'login.failed')}</p>` : ''}
<form method="post" action="${href(ctx, '/login')}" class="narrow">
  ${csrfField(ctx)}<input type="hidden" name="next" value="${next}">
  <p class="field"><label for="email">${tr(ctx, 'login.email')}</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}" maxlength="320"></p>
  <p class="field"><label for="password">${tr(ctx, 'login.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"></p>
  <p><button type="submit">${tr(ctx, 'login.submit')}</button></p>
</form>`;
}

export async function accountPages(app: FastifyInstance): Promise<void> {
  for (const url of langPaths('/login')) {
    app.get(url, async (req, reply) =>
      sendPage(req, reply, (ctx) => ({
        title: tr(ctx, 'login.title'),
        section: 'login',
        main: loginForm(ctx, '', safeNext(String((req.query as Body).next ?? ''), ctx.lang), false),
      })),
    );
    app.post(
      url,
      {
        config: {
          rateLimit: {
            max: 10,
            timeWindow: 60_000,
            // 429 as a page in the visitor's language (the error handler renders it)
            errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'rate_limited', message: `Too many attempts; retry in ${Math.ceil(ctx.ttl / 1000)} s` }),
          },
        },
      },
      async (req, reply) => {
        const body = (req.body ?? {}) as Body;
        const email = field(body, 'email').slice(0, 320);
        const next = safeNext(field(body, 'next'), langOf(req));
        const user = await authenticate(app.db, email, field(body, 'password').slice(0, 1024));
        if (!user) {
          req.log.info({ email }, 'login failed');
          return sendPage(req, reply, (ctx) => ({ title: tr(ctx, 'login.title'), section: 'login', status: 401, main: loginForm(ctx, email, next, true) }));
        }
        await logIn(app, req, reply, user.id);
        await recordAudit(app.db, { kind: 'user', userId: user.id, role: user.role, institutionId: user.institutionId, label: user.email, ip: req.ip }, {
          action: 'user.login',
          entityType: 'user',
          entityId: user.id,
          summary: `${user.email} logged in`,
        });
        return reply.redirect(next, 303);
      },
    );
  }
  for (const url of langPaths('/logout'))
    app.post(url, async (req, reply) => {
      await logOut(app, req, reply);
      return reply.redirect(`/${langOf(req)}/`, 303);
    });
}
