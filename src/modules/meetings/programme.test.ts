// The programme without a database: order, the changes between versions, the clash
// warnings, local times in a zone, and iCalendar writing (read back by ical.js).
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsCalendar } from './ical.ts';
import { compareSessions, diffProgrammes, emptySnapshot, programmeWarnings, type ProgrammeSnapshot, type SnapContribution, type SnapSession } from './programme.ts';
import { isDate, isTime, isTimeZone, localToUtcIso, nextDay, offsetLabel } from './time.ts';

const person = (id: string, en: string) => ({ id, slug: id, name: { en }, honorific: {} });
const c = (id: string, p: ReturnType<typeof person> | null, extra: Partial<SnapContribution> = {}): SnapContribution => ({
  id, kind: 'speech', title: {}, mode: 'in_person', person: p, institution: null, post: {}, startTime: null, endTime: null, ...extra,
});
const s = (id: string, extra: Partial<SnapSession> = {}): SnapSession => ({
  id, kind: 'plenary', title: {}, theme: {}, topic: null, date: '2026-05-18', startTime: null, endTime: null, timeNote: {}, room: null, place: null, contributions: [], ...extra,
});
const prog = (sessions: SnapSession[], contributions: SnapContribution[] = []): ProgrammeSnapshot => ({ ...emptySnapshot('Asia/Shanghai'), sessions, contributions });

describe('session order', () => {
  it('puts dates first, then timed sessions by time, then the rest by position; undated last', () => {
    const xs = [
      { id: 'evening', date: '2025-10-19', startTime: null, position: 7 },
      { id: 'undated', date: null, startTime: null, position: 0 },
      { id: 'late', date: '2025-10-19', startTime: '14:00', position: 1 },
      { id: 'early', date: '2025-10-19', startTime: '09:00', position: 9 },
      { id: 'next-day', date: '2025-10-20', startTime: '08:00', position: 0 },
      { id: 'opening', date: '2025-10-19', startTime: null, position: 2 },
    ];
    expect(xs.sort(compareSessions).map((x) => x.id)).toEqual(['early', 'late', 'opening', 'evening', 'next-day', 'undated']);
  });
});

describe('changes between versions', () => {
  const luo = person('p1', 'Luo Wenli');
  const v1 = prog([s('s1', { kind: 'opening_ceremony', contributions: [c('c1', luo, { kind: 'presiding' })] }), s('s2', { kind: 'visit' })], [c('c9', person('p9', 'Ding Pengbo'))]);

  it('lists everything as added in a first version', () => {
    expect(diffProgrammes(null, v1).map((x) => [x.what, x.id, x.change])).toEqual([
      ['session', 's1', 'added'],
      ['session', 's2', 'added'],
      ['contribution', 'c1', 'added'],
      ['contribution', 'c9', 'added'],
    ]);
  });

  it('names the changed fields, moved contributions and removals', () => {
    const v2 = prog(
      [
        s('s1', { kind: 'opening_ceremony', startTime: '09:00', endTime: '10:00', room: { id: 3, name: { en: 'Hall A' } }, contributions: [c('c1', luo, { kind: 'presiding' }), c('c9', person('p9', 'Ding Pengbo'))] }),
        s('s3', { kind: 'evening_event', title: { en: 'Silk Road Night' } }),
      ],
      [],
    );
    const d = diffProgrammes(v1, v2);
    expect(d.map((x) => [x.what, x.id, x.change, x.fields])).toEqual([
      ['session', 's1', 'changed', ['startTime', 'endTime', 'room']],
      ['session', 's3', 'added', []],
      ['session', 's2', 'removed', []],
      ['contribution', 'c9', 'changed', ['session']],
    ]);
    expect(d.find((x) => x.id === 'c9')!.label).toEqual({ en: 'Ding Pengbo' });
  });

  it('sees no change between equal programmes, whatever the key order of a language map', () => {
    const a = prog([s('s1', { title: { en: 'A', 'zh-Hans': '甲' } })]);
    const b = prog([s('s1', { title: { 'zh-Hans': '甲', en: 'A' } })]);
    expect(diffProgrammes(a, b)).toEqual([]);
  });
});

describe('clash warnings', () => {
  const khan = person('p2', 'Shahbaz Khan');
  const hall = { id: 1, name: { en: 'Hall A' } };

  it('warns of a speaker in two overlapping sessions and a room booked twice', () => {
    const p = prog([
      s('a', { startTime: '09:00', endTime: '10:30', room: hall, contributions: [c('c1', khan)] }),
      s('b', { startTime: '10:00', endTime: '11:00', room: hall, contributions: [c('c2', khan)] }),
      s('c', { startTime: '10:30', endTime: '11:30', room: { id: 2, name: { en: 'Hall B' } } }),
    ]);
    expect(programmeWarnings(p).map((w) => [w.kind, w.subject.id, w.sessions])).toEqual([
      ['room_double_booked', '1', ['a', 'b']],
      ['speaker_double_booked', 'p2', ['a', 'b']],
    ]);
  });

  it('lets sessions touch end to start, in the same room or with the same speaker', () => {
    const p = prog([
      s('a', { startTime: '09:00', endTime: '10:00', room: hall, contributions: [c('c1', khan)] }),
      s('b', { startTime: '10:00', endTime: '11:00', room: hall, contributions: [c('c2', khan)] }),
    ]);
    expect(programmeWarnings(p)).toEqual([]);
  });

  it('uses a contribution’s own time within a long session', () => {
    const p = prog([
      s('a', { startTime: '09:00', endTime: '12:00', contributions: [c('c1', khan, { startTime: '09:00', endTime: '09:20' })] }),
      s('b', { startTime: '11:00', endTime: '12:00', contributions: [c('c2', khan)] }),
    ]);
    expect(programmeWarnings(p)).toEqual([]);
    p.sessions[0]!.contributions[0]!.startTime = '11:30';
    p.sessions[0]!.contributions[0]!.endTime = '11:45';
    expect(programmeWarnings(p).map((w) => w.kind)).toEqual(['speaker_double_booked']);
  });

  it('does not guess for sessions known only by their date, nor across days, nor within one session', () => {
    const p = prog([
      s('a', { contributions: [c('c1', khan)] }),
      s('b', { contributions: [c('c2', khan)] }),
      s('c', { date: '2026-05-19', startTime: '09:00', endTime: '10:00', room: hall, contributions: [c('c3', khan), c('c4', khan, { kind: 'presiding' })] }),
      s('d', { date: '2026-05-20', startTime: '09:00', endTime: '10:00', room: hall }),
    ]);
    expect(programmeWarnings(p)).toEqual([]);
  });
});

describe('local times', () => {
  it('checks dates, times and zones', () => {
    expect([isDate('2025-10-19'), isDate('2025-02-30'), isDate('2025-1-9')]).toEqual([true, false, false]);
    expect([isTime('09:05'), isTime('24:00'), isTime('9:05')]).toEqual([true, false, false]);
    expect([isTimeZone('Asia/Shanghai'), isTimeZone('Europe/Belgrade'), isTimeZone('UTC'), isTimeZone('Mars/Olympus'), isTimeZone('../etc')]).toEqual([true, true, true, false, false]);
  });

  it('turns a local time into UTC, across daylight saving time', () => {
    expect(localToUtcIso('2025-10-19', '09:30', 'Asia/Shanghai')).toBe('2025-10-19T01:30:00Z');
    expect(localToUtcIso('2025-10-19', '07:00', 'Asia/Shanghai')).toBe('2025-10-18T23:00:00Z');
    expect(localToUtcIso('2025-07-01', '10:00', 'Europe/Belgrade')).toBe('2025-07-01T08:00:00Z');
    expect(localToUtcIso('2025-12-01', '10:00', 'Europe/Belgrade')).toBe('2025-12-01T09:00:00Z');
    expect(localToUtcIso('2025-03-10', '10:00', 'America/Havana')).toBe('2025-03-10T14:00:00Z');
    expect(offsetLabel('Asia/Tehran', Date.UTC(2025, 0, 1))).toBe('+03:30');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
  });
});

describe('iCalendar writing', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const line = `SUMMARY:${'丝绸之路国际博物馆联盟'.repeat(6)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('writes all-day and UTC events that ical.js reads back', () => {
    const ics = icsCalendar({
      name: 'Test calendar',
      timeZone: 'Asia/Shanghai',
      language: 'zh-Hans',
      events: [
        { uid: 'a@x', summary: '丝路之夜; evening, late', start: { date: '2025-10-19' }, end: { date: '2025-10-20' }, description: 'in the evening\nsecond line', stamp: '2026-01-01T00:00:00.000Z', sequence: 2 },
        { uid: 'b@x', summary: 'Timed', start: { utc: '2025-10-19T01:30:00Z' }, end: { utc: '2025-10-19T03:00:00Z' }, stamp: '2026-01-01T00:00:00Z' },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Test calendar');
    const [a, b] = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect([a!.summary, a!.startDate.isDate, a!.startDate.toString(), a!.endDate.toString(), a!.description, a!.sequence]).toEqual([
      '丝路之夜; evening, late', true, '2025-10-19', '2025-10-20', 'in the evening\nsecond line', 2,
    ]);
    expect([b!.startDate.isDate, b!.startDate.zone?.tzid, b!.startDate.toJSDate().toISOString(), b!.endDate.toJSDate().toISOString()]).toEqual([
      false, 'UTC', '2025-10-19T01:30:00.000Z', '2025-10-19T03:00:00.000Z',
    ]);
  });
});
