import { describe, it, expect } from 'vitest';
import { mapSvg, isValidPin } from './map.ts';

const HANGZHOU = { lat: 30.25, lon: 120.17, label: 'China National Silk Museum' };

/** The pin circle's centre. */
function pinOf(svg: string): { cx: number; cy: number } {
  const m = /<circle class="map-pin" cx="([-\d.]+)" cy="([-\d.]+)"/.exec(svg);
  if (!m) throw new Error('no pin');
  return { cx: Number(m[1]), cy: Number(m[2]) };
}

function ids(svg: string): string[] {
  return [...svg.matchAll(/<path data-id="([^"]*)"/g)].map((m) => m[1]!);
}

function pathOf(svg: string, id: string): string {
  const m = new RegExp(`<path data-id="${id}" d="([^"]*)"`).exec(svg);
  if (!m) throw new Error(`no path ${id}`);
  return m[1]!;
}

function landOf(svg: string): string {
  return /<g class="map-land".*<\/g>/.exec(svg)![0];
}

/** Absolute points of a path `d` (M, L, l, z), split into subpaths. */
function subpaths(d: string): Array<Array<[number, number]>> {
  const tokens = d.match(/[MmLlZz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  const out: Array<Array<[number, number]>> = [];
  let cmd = 'M';
  let x = 0, y = 0;
  let current: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (/[A-Za-z]/.test(t)) {
      cmd = t;
      i++;
      if (t === 'z' || t === 'Z') {
        if (current.length) out.push(current);
        current = [];
      }
      continue;
    }
    const a = Number(t), b = Number(tokens[i + 1]);
    i += 2;
    if (cmd === 'M') { x = a; y = b; current = [[x, y]]; cmd = 'L'; }
    else if (cmd === 'm') { x += a; y += b; current = [[x, y]]; cmd = 'l'; }
    else if (cmd === 'L') { x = a; y = b; current.push([x, y]); }
    else { x += a; y += b; current.push([x, y]); }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The widest horizontal extent of any one segment in the SVG, closing segments included.
 * With `visibleOnly`, segments wholly outside the view (where clipping runs along the
 * clip rectangle, a few px outside) are not counted.
 */
function widestSegment(svg: string, visibleOnly = false): number {
  const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number) as [number, number, number];
  const outside = (a: [number, number], b: [number, number]) =>
    (a[0] < 0 && b[0] < 0) || (a[0] > w && b[0] > w) || (a[1] < 0 && b[1] < 0) || (a[1] > h && b[1] > h);
  let widest = 0;
  for (const m of svg.matchAll(/ d="([^"]*)"/g)) {
    for (const ring of subpaths(m[1]!)) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!, b = ring[(i + 1) % ring.length]!;
        if (visibleOnly && outside(a, b)) continue;
        widest = Math.max(widest, Math.abs(a[0] - b[0]));
      }
    }
  }
  return widest;
}

describe('mapSvg', () => {
  it('puts the pin at the exact centre of the view', () => {
    const svg = mapSvg(HANGZHOU);
    expect(svg).toContain('viewBox="0 0 480 300"');
    expect(pinOf(svg)).toEqual({ cx: 240, cy: 150 });
    expect(pinOf(mapSvg({ lat: -33.86, lon: 151.21, label: 'Sydney' }, { width: 600, height: 401 }))).toEqual({ cx: 300, cy: 200.5 });
  });

  it('is an accessible, self-styled inline SVG', () => {
    const svg = mapSvg(HANGZHOU, { lang: 'en' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain(' role="img"');
    expect(svg).toContain(' lang="en"');
    expect(svg).toContain('<title>China National Silk Museum</title>');
    expect(svg).toContain(' width="480" height="300" style="max-width:100%;height:auto"');
    expect(svg).toMatch(/<rect class="map-sea" width="480" height="300" fill="#[0-9a-f]{6}"\/>/);
    expect(svg).toMatch(/<g class="map-land" fill="#[0-9a-f]{6}"[^>]* stroke="#[0-9a-f]{6}"/);
    expect(svg).toMatch(/<circle class="map-pin" [^>]*fill="#[0-9a-f]{6}" stroke="#fff"/);
    // at most one decimal anywhere in the geometry
    expect(svg).not.toMatch(/ d="[^"]*\d\.\d\d/);
  });

  it('shows the countries around the pin and only those', () => {
    const around = ids(mapSvg(HANGZHOU));
    expect(around).toContain('156'); // China
    expect(around).toContain('410'); // South Korea
    expect(around).toContain('392'); // Japan
    expect(around).not.toContain('076'); // Brazil
    expect(around).not.toContain('643'); // Russia
    const rio = ids(mapSvg({ lat: -22.91, lon: -43.17, label: 'Rio de Janeiro' }));
    expect(rio).toContain('076');
    expect(rio).not.toContain('156');
  });

  it('shows small countries and territories (the 1:50m atlas)', () => {
    expect(ids(mapSvg({ lat: 22.3, lon: 114.17, label: 'Hong Kong' }))).toEqual(expect.arrayContaining(['344', '156']));
    // Macao is under a pixel at the default span; a closer view shows it
    expect(ids(mapSvg({ lat: 22.2, lon: 113.55, label: 'Macao' }, { spanDegrees: 3 }))).toEqual(expect.arrayContaining(['446', '344', '156']));
    expect(ids(mapSvg({ lat: 25.29, lon: 51.53, label: 'Doha' }))).toEqual(expect.arrayContaining(['634', '048']));
    expect(ids(mapSvg({ lat: 40.18, lon: 44.51, label: 'Yerevan' }))).toContain('051');
  });

  it('clamps the view near the poles and keeps the pin visible', () => {
    const north = mapSvg({ lat: 89, lon: 0, label: 'North' });
    // every pin beyond the limit gets the same view: the one whose top edge is at 85 degrees
    expect(landOf(north)).toBe(landOf(mapSvg({ lat: 86, lon: 0, label: 'North' })));
    expect(landOf(north)).toBe(landOf(mapSvg({ lat: 83, lon: 0, label: 'North' })));
    expect(landOf(north)).not.toBe(landOf(mapSvg({ lat: 80, lon: 0, label: 'North' })));
    // the pin is held inside the top edge, whole (its halo has radius 8)
    expect(pinOf(north)).toEqual({ cx: 240, cy: 8 });
    const south = mapSvg({ lat: -89, lon: 0, label: 'South' });
    expect(pinOf(south)).toEqual({ cx: 240, cy: 292 });
    expect(ids(south)).toContain('010'); // Antarctica, closed through the pole
    // the ice sheet covers the whole view: only the clip rectangle, outside the view, is wide
    expect(widestSegment(south)).toBeGreaterThan(480);
    expect(widestSegment(south, true)).toBe(0);
  });

  it('escapes the label and keeps any script', () => {
    const label = `<script>alert("x")</script> & 'Ü' 中国丝绸博物馆 المتحف\u0007`;
    const svg = mapSvg({ ...HANGZHOU, label });
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ü&#39; 中国丝绸博物馆 المتحف';
    expect(svg).toContain(`<title>${escaped}</title>`);
    expect(svg).toContain(` aria-label="${escaped}"`);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0007');
  });

  it('accepts only a well-formed lang', () => {
    expect(mapSvg(HANGZHOU, { lang: 'zh-Hans' })).toContain(' lang="zh-Hans"');
    expect(mapSvg(HANGZHOU, { lang: '"><x' })).not.toContain('lang=');
  });

  it('draws across the antimeridian without streaks', () => {
    for (const pin of [
      { lat: 66, lon: 179.5, label: 'Chukotka' },
      { lat: 66, lon: -179.5, label: 'Chukotka' },
      { lat: -17.7, lon: 178.0, label: 'Fiji' },
      { lat: -16.6, lon: 179.9, label: 'Fiji' },
      { lat: 0, lon: 179.5, label: 'Kiribati' },
    ]) {
      expect(widestSegment(mapSvg(pin)), pin.label).toBeLessThanOrEqual(240);
    }
    const chukotka = mapSvg({ lat: 66, lon: 179.5, label: 'Chukotka' });
    expect(ids(chukotka)).toEqual(expect.arrayContaining(['643', '840'])); // Russia, and the US island of St Lawrence
    // Chukotka east of 180 is drawn on the right of the pin, not wrapped to the far left
    const xs = subpaths(pathOf(chukotka, '643')).flat().map((p) => p[0]);
    expect(Math.max(...xs)).toBeGreaterThan(400);
    // lon 180 and -180 are the same place
    expect(mapSvg({ lat: -16, lon: 180, label: 'x' })).toBe(mapSvg({ lat: -16, lon: -180, label: 'x' }));
  });

  it('honours the span and size', () => {
    const wide = mapSvg(HANGZHOU, { spanDegrees: 90, width: 800, height: 400 });
    expect(wide).toContain('viewBox="0 0 800 400"');
    expect(pinOf(wide)).toEqual({ cx: 400, cy: 200 });
    expect(ids(wide)).toEqual(expect.arrayContaining(['156', '643', '356'])); // China, Russia, India
    expect(ids(mapSvg(HANGZHOU, { spanDegrees: 4 }))).toEqual(['156']);
  });

  it('refuses a position that is not one', () => {
    expect(() => mapSvg({ lat: Number.NaN, lon: 0, label: 'x' })).toThrow(RangeError);
    expect(() => mapSvg({ lat: 91, lon: 0, label: 'x' })).toThrow(RangeError);
  });

  it('renders fast after the first call (printed, not asserted)', () => {
    mapSvg(HANGZHOU);
    const pins = [HANGZHOU, { lat: 41, lon: 29, label: 'Istanbul' }, { lat: 66, lon: 179.5, label: 'Chukotka' }];
    const n = 300;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) mapSvg(pins[i % pins.length]!);
    const perCall = (performance.now() - t0) / n;
    const bytes = Buffer.byteLength(mapSvg(HANGZHOU));
    console.log(`mapSvg: ${perCall.toFixed(2)} ms per call; Hangzhou ${bytes} bytes`);
    expect(bytes).toBeGreaterThan(0);
  });
});

describe('isValidPin', () => {
  it('accepts finite numbers in range only', () => {
    expect(isValidPin(30.25, 120.17)).toBe(true);
    expect(isValidPin(-90, -180)).toBe(true);
    expect(isValidPin(90, 180)).toBe(true);
    expect(isValidPin(0, 0)).toBe(true);
    expect(isValidPin(90.1, 0)).toBe(false);
    expect(isValidPin(0, -180.1)).toBe(false);
    expect(isValidPin(Number.NaN, 0)).toBe(false);
    expect(isValidPin(0, Number.POSITIVE_INFINITY)).toBe(false);
    expect(isValidPin('30', '120')).toBe(false);
    expect(isValidPin(null, undefined)).toBe(false);
  });
});
