// Calendar arithmetic for the eras museum records use next to the Gregorian one. Every
// function answers in years of the common era (negative before it, no year zero), which
// is what the catalogue stores. A year of another calendar usually straddles two of
// ours, so each conversion gives the first and the last year it touches.
//
// Days are counted as Julian Day Numbers. A day before 15 October 1582 is named in the
// Julian calendar, later days in the Gregorian one: the convention of historians (and of
// the museums' own "AD" dates), not the proleptic Gregorian calendar of Intl.

export interface YearSpan {
  /** the year of the calendar's first day of that year */
  start: number;
  /** the year of its last day */
  end: number;
}

/** JDN of 1 Muharram AH 1 in the tabular (civil) calendar: Friday 16 July 622 (Julian). */
const ISLAMIC_EPOCH = 1948440;
/** JDN of 15 October 1582, the first day of the Gregorian calendar. */
const GREGORIAN_REFORM = 2299161;

/**
 * The Julian Day Number of 1 Muharram of a Hijri year, in the tabular Islamic calendar
 * (30-year cycle with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29: the "civil"
 * form of Reingold & Dershowitz, Calendrical Calculations, and ICU's islamic-civil).
 * The observed (sighting-based) calendar can differ by a day or two; at year precision
 * that matters only for a date within two days of 1 Muharram.
 */
export function hijriNewYearJdn(year: number): number {
  return ISLAMIC_EPOCH + 354 * (year - 1) + Math.floor((3 + 11 * year) / 30);
}

/** The calendar year (Julian before the reform, Gregorian after) of a Julian Day Number. */
export function yearOfJdn(jdn: number): number {
  let y: number;
  let m: number;
  if (jdn >= GREGORIAN_REFORM) {
    const a = jdn + 32044;
    const b = Math.floor((4 * a + 3) / 146097);
    const c = a - Math.floor((146097 * b) / 4);
    const d = Math.floor((4 * c + 3) / 1461);
    const e = c - Math.floor((1461 * d) / 4);
    m = Math.floor((5 * e + 2) / 153);
    y = 100 * b + d - 4800 + Math.floor(m / 10);
  } else {
    const c = jdn + 32082;
    const d = Math.floor((4 * c + 3) / 1461);
    const e = c - Math.floor((1461 * d) / 4);
    m = Math.floor((5 * e + 2) / 153);
    y = d - 4800 + Math.floor(m / 10);
  }
  // astronomical year 0 is 1 BCE
  return y <= 0 ? y - 1 : y;
}

/** The common-era years a Hijri (lunar, AH) year overlaps, e.g. AH 1000 -> 1591..1592. */
export function hijriYearSpan(year: number): YearSpan {
  return {
    start: yearOfJdn(hijriNewYearJdn(year)),
    end: yearOfJdn(hijriNewYearJdn(year + 1) - 1),
  };
}

/**
 * The common-era years a Solar Hijri (Iranian, SH/ش) year overlaps. Its year begins at
 * Nowruz (20 or 21 March), so SH y runs from March of y + 621 to March of y + 622.
 */
export function solarHijriYearSpan(year: number): YearSpan {
  return { start: year + 621, end: year + 622 };
}

/**
 * The common-era years a Byzantine Anno Mundi year overlaps. Its year begins on
 * 1 September, so AM y runs from September of y - 5509 to August of y - 5508.
 */
export function annoMundiYearSpan(year: number): YearSpan {
  const start = year - 5509;
  const end = year - 5508;
  return { start: start <= 0 ? start - 1 : start, end: end <= 0 ? end - 1 : end };
}
