// Local dates and times of a meeting and its IANA time zone. The programme keeps what
// the organisers publish (a local date, a local time, a zone); instants in UTC are
// derived when a calendar or the API needs them, so a change of a zone's rules never
// leaves a stored instant wrong.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export function isTime(s: string): boolean {
  return TIME.test(s);
}

/** A name Intl accepts as a time zone (Asia/Shanghai, Europe/Belgrade, UTC). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

const offsetMemo = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

/**
 * Offset of `tz` from UTC at the instant `ms`, in minutes (Asia/Shanghai: +480). Zones
 * change offset on a quarter hour at the finest, so the answer is kept per quarter hour
 * (formatToParts is slow enough to show in a 60-session calendar).
 */
export function offsetMinutes(tz: string, ms: number): number {
  const key = `${tz}|${Math.floor(ms / QUARTER_HOUR)}`;
  const known = offsetMemo.get(key);
  if (known !== undefined) return known;
  const v = computeOffset(tz, ms);
  if (offsetMemo.size > 10_000) offsetMemo.clear();
  offsetMemo.set(key, v);
  return v;
}

function computeOffset(tz: string, ms: number): number {
  let f = offsetFormats.get(tz);
  if (!f) offsetFormats.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +(m[3] ?? 0));
}

/** The UTC instant (ms) of a local date and time in `tz`. */
export function localToUtcMs(date: string, time: string, tz: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // two passes: the offset at the guessed instant, then at the corrected one (DST edges)
  let utc = asUtc - offsetMinutes(tz, asUtc) * 60_000;
  utc = asUtc - offsetMinutes(tz, utc) * 60_000;
  return utc;
}

export function localToUtcIso(date: string, time: string, tz: string): string {
  return new Date(localToUtcMs(date, time, tz)).toISOString().replace('.000Z', 'Z');
}

/** The next calendar day of a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Minutes since midnight of HH:MM. */
export const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** "+08:00" for the API and pages. */
export function offsetLabel(tz: string, ms: number): string {
  const o = offsetMinutes(tz, ms);
  const a = Math.abs(o);
  return `${o < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
