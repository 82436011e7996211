// The page frame: header, navigation, language switcher, footer. RTL for Arabic comes
// from dir="rtl" and CSS logical properties; nothing else changes per language.
import { html, type Html, raw } from './html.ts';
import { DIR, NATIVE_NAME, t, UI_LANGS, BCP47, languageName, type UiLang, type MessageKey } from './i18n.ts';
import type { PageCtx } from './context.ts';
import { pick, type LangMap } from '../shared/langmap.ts';

/** Text from a language map in the page's language; marked when it falls back to another. */
export function localized(ctx: PageCtx, map: LangMap, opts: { mark?: boolean } = {}): Html {
  const p = pick(map, ctx.tag, ctx.chain);
  if (!p) return html``;
  if (!p.fallback) return html`<span lang="${p.lang}">${p.text}</span>`;
  const langName = languageName(ctx.tag, p.lang);
  return opts.mark === false
    ? html`<span lang="${p.lang}" dir="auto">${p.text}</span>`
    : html`<span lang="${p.lang}" dir="auto">${p.text}</span> <small class="fallback" title="${t(ctx.lang, 'site.shownIn', { lang: langName })}">[${p.lang}]</small>`;
}

/** Plain text from a language map (titles, attributes). */
export function text(ctx: PageCtx, map: LangMap): string {
  return pick(map, ctx.tag, ctx.chain)?.text ?? '';
}

export const tr = (ctx: PageCtx, key: MessageKey, vars?: Record<string, string | number>) => t(ctx.lang, key, vars);

export const href = (ctx: PageCtx, path: string) => `/${ctx.lang}${path === '/' ? '/' : path}`;

export function csrfField(ctx: PageCtx): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

export interface LayoutOptions {
  title: string;
  siteName: LangMap;
  main: Html;
  /** marks the current item of the main menu */
  section?: 'home' | 'members' | 'officers' | 'meetings' | 'admin' | 'login';
  head?: Html;
  status?: number;
}

export function layout(ctx: PageCtx, o: LayoutOptions): string {
  const site = text(ctx, o.siteName);
  const nav = (key: MessageKey, path: string, section: LayoutOptions['section']) =>
    html`<li><a href="${href(ctx, path)}"${raw(o.section === section ? ' aria-current="page"' : '')}>${tr(ctx, key)}</a></li>`;
  const switcher = UI_LANGS.map((l: UiLang) =>
    l === ctx.lang
      ? html`<li><span aria-current="true" lang="${BCP47[l]}">${NATIVE_NAME[l]}</span></li>`
      : html`<li><a href="/${l}${ctx.here === '/' ? '/' : ctx.here}" lang="${BCP47[l]}" hreflang="${BCP47[l]}">${NATIVE_NAME[l]}</a></li>`,
  );
  const account = ctx.user
    ? html`<form method="post" action="${href(ctx, '/logout')}" class="inline">${csrfField(ctx)}<span class="who">${tr(ctx, 'login.loggedInAs', { name: ctx.user.displayName })}</span> <button type="submit" class="link">${tr(ctx, 'nav.logout')}</button></form>`
    : html`<a href="${href(ctx, '/login')}">${tr(ctx, 'nav.login')}</a>`;
  return (
    '<!doctype html>\n' +
    html`<html lang="${ctx.tag}" dir="${DIR[ctx.lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${site}</title>
<link rel="stylesheet" href="/assets/site.css">
${UI_LANGS.map((l) => html`<link rel="alternate" hreflang="${BCP47[l]}" href="/${l}${ctx.here === '/' ? '/' : ctx.here}">`)}
${o.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${tr(ctx, 'site.skip')}</a>
<header class="site">
  <div class="bar">
    <a class="brand" href="${href(ctx, '/')}">${site}</a>
    <nav aria-label="${tr(ctx, 'site.language')}" class="langs"><ul>${switcher}</ul></nav>
  </div>
  <nav aria-label="${tr(ctx, 'nav.menu')}" class="main-nav"><ul>
    ${nav('nav.home', '/', 'home')}
    ${nav('nav.members', '/members', 'members')}
    ${nav('nav.officers', '/officers', 'officers')}
    ${nav('nav.meetings', '/meetings', 'meetings')}
    ${ctx.user ? nav('nav.admin', '/admin', 'admin') : ''}
    <li class="account">${account}</li>
  </ul></nav>
</header>
<main id="main" tabindex="-1">
${ctx.notice ? html`<p class="notice" role="status">${ctx.notice}</p>` : ''}
${o.main}
</main>
<footer class="site"><p>${tr(ctx, 'site.poweredBy')} <a href="/api/docs">${tr(ctx, 'site.apiLink')}</a></p></footer>
</body>
</html>`.value
  );
}
