// iCalendar (RFC 5545) writing: CRLF lines folded at 75 octets without splitting a
// UTF-8 character, TEXT values escaped, instants in UTC ("Z"), and all-day events as
// DATE values with an exclusive end (a session known only by its date).

export type EventTime = { date: string } | { utc: string };

export interface IcsEvent {
  uid: string;
  summary: string;
  start: EventTime;
  /** omitted for an instant known only by its start */
  end?: EventTime;
  description?: string;
  location?: string;
  url?: string;
  /** the programme version: calendars replace an event when it grows */
  sequence?: number;
  /** ISO instant of the publication */
  stamp: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  description?: string;
  /** IANA zone the organisers' local times are in (a hint to clients: the times themselves are UTC) */
  timeZone?: string | null;
  /** the calendar's language, BCP 47 */
  language?: string;
  url?: string;
  events: IcsEvent[];
}

/** Escape a TEXT value (RFC 5545 3.3.11). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Fold a content line into chunks of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (curBytes + b > limit) {
      out.push(cur);
      cur = '';
      curBytes = 0;
      limit = 74; // the leading space takes one octet
    }
    cur += ch;
    curBytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const basicUtc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const basicDate = (d: string) => d.replace(/-/g, '');

function timeProp(name: string, t: EventTime): string {
  return 'date' in t ? `${name};VALUE=DATE:${basicDate(t.date)}` : `${name}:${basicUtc(t.utc)}`;
}

export function icsCalendar(c: IcsCalendar): string {
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Caravanserai//Meetings//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  const lang = c.language ? `;LANGUAGE=${c.language}` : '';
  lines.push(`X-WR-CALNAME${lang}:${escapeText(c.name)}`);
  if (c.description) lines.push(`X-WR-CALDESC${lang}:${escapeText(c.description)}`);
  if (c.timeZone) lines.push(`X-WR-TIMEZONE:${c.timeZone}`);
  if (c.url) lines.push(`URL:${c.url}`);
  for (const e of c.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${basicUtc(e.stamp)}`, timeProp('DTSTART', e.start));
    if (e.end) lines.push(timeProp('DTEND', e.end));
    lines.push(`SUMMARY${lang}:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION${lang}:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION${lang}:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.categories?.length) lines.push(`CATEGORIES${lang}:${e.categories.map(escapeText).join(',')}`);
    if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
    lines.push(`STATUS:${e.status ?? 'CONFIRMED'}`);
    // an all-day session does not block the whole day in the visitor's calendar
    if ('date' in e.start) lines.push('TRANSP:TRANSPARENT');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
