import { describe, expect, it } from 'vitest';
import { annoMundiYearSpan, hijriNewYearJdn, hijriYearSpan, solarHijriYearSpan, yearOfJdn } from './calendars.ts';

/** JDN → a UTC Date in the proleptic Gregorian calendar, as Intl counts. */
function dateOfJdn(jdn: number): Date {
  return new Date((jdn - 2440588) * 86_400_000);
}

describe('Hijri (tabular) years', () => {
  it.each([
    // AH 1 began on Friday 16 July 622 (Julian)
    [1, 622, 623],
    [100, 718, 719],
    [622, 1225, 1226],
    [1000, 1591, 1592],
    [1003, 1594, 1595],
    [1121, 1709, 1710],
    [1203, 1788, 1789],
    [1283, 1866, 1867],
    [1400, 1979, 1980],
    [1445, 2023, 2024],
  ])('AH %i overlaps %i–%i', (ah, start, end) => {
    expect(hijriYearSpan(ah)).toEqual({ start, end });
  });

  it('AH 1000 runs from October 1591 to October 1592, AH 1445 from July 2023 to July 2024 (tabular dates)', () => {
    expect(dateOfJdn(hijriNewYearJdn(1000)).toISOString().slice(0, 10)).toBe('1591-10-19');
    expect(dateOfJdn(hijriNewYearJdn(1001)).toISOString().slice(0, 10)).toBe('1592-10-08');
    expect(dateOfJdn(hijriNewYearJdn(1445)).toISOString().slice(0, 10)).toBe('2023-07-19');
    expect(dateOfJdn(hijriNewYearJdn(1446)).toISOString().slice(0, 10)).toBe('2024-07-08');
  });

  it('1 Muharram of every year from AH 900 to 1500 is day 1 of month 1 in ICU islamic-civil', () => {
    const fmt = new Intl.DateTimeFormat('en-u-ca-islamic-civil', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    for (let ah = 900; ah <= 1500; ah++) {
      const parts = fmt.formatToParts(dateOfJdn(hijriNewYearJdn(ah)));
      const get = (t: string) => Number(parts.find((p) => p.type === t)?.value.replace(/\D.*$/, ''));
      expect([get('year'), get('month'), get('day')]).toEqual([ah, 1, 1]);
      const before = fmt.formatToParts(dateOfJdn(hijriNewYearJdn(ah) - 1));
      expect(Number(before.find((p) => p.type === 'year')?.value.replace(/\D.*$/, ''))).toBe(ah - 1);
    }
  });

  it('names days before 15 October 1582 in the Julian calendar', () => {
    expect(yearOfJdn(2299160)).toBe(1582); // 4 October 1582 (Julian), the day before the reform
    expect(yearOfJdn(2299161)).toBe(1582); // 15 October 1582 (Gregorian)
    expect(yearOfJdn(1721424)).toBe(1); // 1 January 1 CE (Julian)
    expect(yearOfJdn(1721423)).toBe(-1); // 31 December 1 BCE: no year 0
  });
});

describe('other calendars', () => {
  it('Solar Hijri: SH 1350 runs from March 1971 to March 1972', () => {
    expect(solarHijriYearSpan(1350)).toEqual({ start: 1971, end: 1972 });
    expect(solarHijriYearSpan(1403)).toEqual({ start: 2024, end: 2025 });
  });

  it('Byzantine Anno Mundi: AM 7192 runs from September 1683 to August 1684', () => {
    expect(annoMundiYearSpan(7192)).toEqual({ start: 1683, end: 1684 });
    expect(annoMundiYearSpan(5509)).toEqual({ start: -1, end: 1 });
  });
});
