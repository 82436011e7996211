// The meetings module's own interface messages (i18n/{en,zh,ru,ar}.json): every key in
// every language (meeting.i18n.test.ts checks), kept out of the shared message files.
import type { PageCtx } from '../../http/context.ts';
import { moduleMessages, type UiLang } from '../../http/i18n.ts';
import en from './i18n/en.json' with { type: 'json' };
import zh from './i18n/zh.json' with { type: 'json' };
import ru from './i18n/ru.json' with { type: 'json' };
import ar from './i18n/ar.json' with { type: 'json' };

export type MeetingKey = keyof typeof en;
export const MEETING_MESSAGES: Record<UiLang, Record<MeetingKey, string>> = { en, zh, ru, ar };

export const mtLang = moduleMessages<MeetingKey>(MEETING_MESSAGES);

/** A message of the meetings module in the page's language. */
export const mt = (ctx: Pick<PageCtx, 'lang'>, key: MeetingKey, vars?: Record<string, string | number>) => mtLang(ctx.lang, key, vars);

/** For keys built from a value (a session kind, a status): falls back to the key's last part. */
export function mtOf(ctx: Pick<PageCtx, 'lang'>, prefix: string, value: string, vars?: Record<string, string | number>): string {
  const key = `${prefix}.${value}` as MeetingKey;
  return key in MEETING_MESSAGES.en ? mt(ctx, key, vars) : value;
}
