// A server-side, offline map of where an institution is: an inline <svg> with the
// country shapes around one pin. No JavaScript, no tiles, no network: pages must work
// on a closed network (see the architecture notes), and a location map must show even
// where a Leaflet map is not wanted.
//
// Data: Natural Earth countries at 1:50m from `world-atlas`. Measured for the default
// regional view (24 degrees of longitude, 480x300): Hangzhou is 7.7 kB at 50m against
// 1.2 kB at 110m, the busiest view tried (Istanbul: the Balkans and the Aegean) 22 kB
// against 4.7 kB, and a render takes about 1 ms at 50m, 0.5 ms at 110m, once loaded.
// 50m stays far under the ~60 kB budget and shows what a regional map needs: small
// countries and territories (Hong Kong, Macao, Singapore, Bahrain, Malta, most of
// Oceania) that 110m leaves out, and coastlines that are not a handful of straight
// lines (110m draws the whole Yangtze delta around Hangzhou with a few points). The
// one-off cost is reading 0.75 MB of TopoJSON: about 0.2 s on the first call, not 60 ms.
//
// Projection: equirectangular with a standard parallel at the pin's latitude (capped at
// 60 degrees), i.e. x = lon * cos(phi1), y = lat. It is the plain lon/lat grid scaled
// differently along the two axes, so every country is projected once, in lon/lat units,
// and each call only crops and scales. The standard parallel keeps shapes near the pin
// true, where plate carree would stretch Hangzhou by 15% and Oslo by 100%.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry, Position } from 'geojson';

export interface MapPin { lat: number; lon: number; label: string }

export interface MapOptions {
  /** Width of the SVG in px (default 480). */
  width?: number;
  /** Height of the SVG in px (default 300). */
  height?: number;
  /** Degrees of longitude across the view (default 24). */
  spanDegrees?: number;
  /** BCP 47 language of the label, set as `lang` on the <svg>. */
  lang?: string;
}

const ATLAS = 'world-atlas/countries-50m.json';

const DEFAULT_WIDTH = 480;
const DEFAULT_HEIGHT = 300;
const DEFAULT_SPAN = 24;
/** The view never reaches beyond these latitudes (the poles are useless on this projection). */
const LAT_LIMIT = 85;
/** Above this latitude the standard parallel stops following the pin: cos() would blow the view up. */
const MAX_STANDARD_PARALLEL = 60;
/** Clip this many px outside the view, so the cut edges and their strokes are never visible. */
const CLIP_MARGIN_PX = 4;
/** Drop a vertex closer than this (px) to the previous one kept: invisible; saves little at the default span, more on wide views. */
const MIN_STEP_PX = 0.6;

/** Radius of the pin marker with its halo, in px. */
const PIN_EXTENT = 8;

const COLOURS = {
  sea: '#d4e6f1',
  land: '#ece8dc',
  border: '#9c9684',
  pin: '#d62828',
};

/** One ring in projected units: x = lon (unwrapped, may pass 180), y = -lat. */
interface Ring {
  xy: Float64Array;
  minX: number; maxX: number; minY: number; maxY: number;
}

interface Country {
  id: string;
  rings: Ring[];
  minX: number; maxX: number; minY: number; maxY: number;
}

let countries: Country[] | undefined;

/** Load and project the atlas once, on first use. */
function atlas(): Country[] {
  if (countries) return countries;
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve(ATLAS), 'utf8')) as Topology;
  const object = topo.objects['countries'] as GeometryCollection<{ name?: string }>;
  const collection = feature(topo, object);
  countries = collection.features.map(toCountry).filter((c): c is Country => c !== undefined);
  return countries;
}

function toCountry(f: Feature<Geometry | null, { name?: string } | null>): Country | undefined {
  const g = f.geometry;
  if (!g) return undefined;
  const polygons: Position[][][] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    for (const positions of polygon) {
      const ring = toRing(positions);
      if (ring) rings.push(ring);
    }
  }
  if (rings.length === 0) return undefined;
  // A few features (Kosovo, Somaliland, N. Cyprus...) have no ISO numeric id: use the name.
  const id = f.id !== undefined ? String(f.id) : (f.properties?.name ?? '');
  return {
    id,
    rings,
    minX: Math.min(...rings.map((r) => r.minX)),
    maxX: Math.max(...rings.map((r) => r.maxX)),
    minY: Math.min(...rings.map((r) => r.minY)),
    maxY: Math.max(...rings.map((r) => r.maxY)),
  };
}

/**
 * Natural Earth cuts land at the antimeridian but some rings (Chukotka, Fiji) still
 * jump from +180 to -180 and back. Unwrap longitudes so consecutive points never
 * differ by more than 180 degrees: such a ring then runs on past 180, and the renderer
 * draws it shifted by -360/0/+360 where the view needs it. A ring that goes round a pole
 * (Antarctica) ends 360 degrees from where it started: it is closed through the pole.
 */
function toRing(positions: Position[]): Ring | undefined {
  if (positions.length < 4) return undefined;
  const out: number[] = [];
  let offset = 0;
  let prev = positions[0]![0]!;
  let latSum = 0;
  for (const p of positions) {
    const lon = p[0]!;
    const lat = p[1]!;
    if (lon - prev > 180) offset -= 360;
    else if (prev - lon > 180) offset += 360;
    prev = lon;
    out.push(lon + offset, -lat);
    latSum += lat;
  }
  if (offset !== 0) {
    const pole = latSum < 0 ? 90 : -90; // y = -lat
    const lastX = out[out.length - 2]!;
    const firstX = out[0]!;
    out.push(lastX, pole, firstX, pole, out[0]!, out[1]!);
  }
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < out.length; i += 2) {
    const x = out[i]!, y = out[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // Keep every ring's west edge in [-180, 180) so shifts of -360/0/+360 cover any view.
  const shift = minX < -180 ? 360 * Math.ceil((-180 - minX) / 360) : minX >= 180 ? -360 * Math.floor((minX + 180) / 360) : 0;
  if (shift !== 0) for (let i = 0; i < out.length; i += 2) out[i]! += shift;
  return { xy: Float64Array.from(out), minX: minX + shift, maxX: maxX + shift, minY, maxY };
}

/** Is this a usable map position (finite numbers, latitude within +-90, longitude within +-180)? */
export function isValidPin(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === 'number' && typeof lon === 'number' &&
    Number.isFinite(lat) && Number.isFinite(lon) &&
    lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
  );
}

/** The view in projected units (x = lon, y = -lat) and the scale to SVG px. */
interface View {
  x0: number; y0: number; // top-left corner
  x1: number; y1: number; // bottom-right corner
  kx: number; ky: number; // px per degree
}

/** An inline <svg> string: country shapes around the pin on an equirectangular projection, the pin, and an accessible title. */
export function mapSvg(pin: MapPin, opts: MapOptions = {}): string {
  if (!isValidPin(pin.lat, pin.lon)) throw new RangeError(`not a map position: ${pin.lat}, ${pin.lon}`);
  const width = positive(opts.width, DEFAULT_WIDTH);
  const height = positive(opts.height, DEFAULT_HEIGHT);
  const span = Math.min(positive(opts.spanDegrees, DEFAULT_SPAN), 360);

  const lon = pin.lon >= 180 ? pin.lon - 360 : pin.lon;
  const cosPhi = Math.cos((Math.min(Math.abs(pin.lat), MAX_STANDARD_PARALLEL) * Math.PI) / 180);
  const kx = width / span; // px per degree of longitude
  const ky = kx / cosPhi; // px per degree of latitude
  // Latitude covered, at most the whole allowed band; the centre moves so the view stays inside it.
  const halfLat = Math.min(height / ky / 2, LAT_LIMIT);
  const centreLat = Math.max(-LAT_LIMIT + halfLat, Math.min(LAT_LIMIT - halfLat, pin.lat));
  const view: View = {
    x0: lon - span / 2, x1: lon + span / 2,
    y0: -centreLat - halfLat, y1: -centreLat + halfLat,
    kx, ky,
  };

  const paths: string[] = [];
  for (const country of atlas()) {
    const d = countryPath(country, view);
    if (d) paths.push(`<path data-id="${escapeXml(country.id)}" d="${d}"/>`);
  }

  // The pin sits at its exact projected point; only when it falls outside the clamped
  // view (a pin near a pole) is it held just inside the edge, whole, so that it shows.
  const px = round1((lon - view.x0) * kx);
  const y = (-pin.lat - view.y0) * ky;
  const py = round1(y < 0 ? Math.min(PIN_EXTENT, height / 2) : y > height ? Math.max(height - PIN_EXTENT, height / 2) : y);

  const label = escapeXml(cleanText(String(pin.label ?? '')));
  const lang = opts.lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(opts.lang) ? ` lang="${opts.lang}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" aria-label="${label}"${lang}` +
    ` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:100%;height:auto">` +
    `<title>${label}</title>` +
    `<rect class="map-sea" width="${width}" height="${height}" fill="${COLOURS.sea}"/>` +
    `<g class="map-land" fill="${COLOURS.land}" fill-rule="evenodd" stroke="${COLOURS.border}" stroke-width=".6" stroke-linejoin="round">` +
    paths.join('') +
    `</g>` +
    // a soft dark halo keeps the white outline visible on pale land
    `<circle class="map-pin-halo" cx="${px}" cy="${py}" r="8" fill="#000" fill-opacity=".3"/>` +
    `<circle class="map-pin" cx="${px}" cy="${py}" r="6" fill="${COLOURS.pin}" stroke="#fff" stroke-width="2"/>` +
    `</svg>`
  );
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The `d` of one country: each ring that meets the view, shifted across the antimeridian as needed, clipped and scaled. */
function countryPath(country: Country, view: View): string {
  const margin = CLIP_MARGIN_PX / view.kx;
  const marginY = CLIP_MARGIN_PX / view.ky;
  const cx0 = view.x0 - margin, cx1 = view.x1 + margin;
  const cy0 = view.y0 - marginY, cy1 = view.y1 + marginY;
  if (country.minY > cy1 || country.maxY < cy0) return '';
  let d = '';
  for (const shift of [-360, 0, 360]) {
    if (country.minX + shift > cx1 || country.maxX + shift < cx0) continue;
    for (const ring of country.rings) {
      if (ring.minX + shift > cx1 || ring.maxX + shift < cx0 || ring.minY > cy1 || ring.maxY < cy0) continue;
      const inside = ring.minX + shift >= cx0 && ring.maxX + shift <= cx1 && ring.minY >= cy0 && ring.maxY <= cy1;
      let pts = shifted(ring.xy, shift);
      if (!inside) {
        // Sutherland-Hodgman, only against the sides the ring crosses. Concave shapes may
        // come out joined by edges along the clip rectangle: it lies outside the view.
        if (ring.minX + shift < cx0) pts = clipEdge(pts, 0, cx0, true);
        if (ring.maxX + shift > cx1) pts = clipEdge(pts, 0, cx1, false);
        if (ring.minY < cy0) pts = clipEdge(pts, 1, cy0, true);
        if (ring.maxY > cy1) pts = clipEdge(pts, 1, cy1, false);
      }
      d += ringPath(pts, view);
    }
  }
  return d;
}

function shifted(xy: Float64Array, shift: number): number[] {
  const out = new Array<number>(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = xy[i]! + shift;
    out[i + 1] = xy[i + 1]!;
  }
  return out;
}

/** Keep the side of the line coord[axis] = at where coord >= at (keepAbove) or <= at. */
function clipEdge(pts: number[], axis: 0 | 1, at: number, keepAbove: boolean): number[] {
  const n = pts.length;
  if (n === 0) return pts;
  const out: number[] = [];
  const inside = (v: number) => (keepAbove ? v >= at : v <= at);
  let px = pts[n - 2]!, py = pts[n - 1]!;
  let pIn = inside(axis === 0 ? px : py);
  for (let i = 0; i < n; i += 2) {
    const x = pts[i]!, y = pts[i + 1]!;
    const cIn = inside(axis === 0 ? x : y);
    if (cIn !== pIn) {
      if (axis === 0) out.push(at, py + ((y - py) * (at - px)) / (x - px));
      else out.push(px + ((x - px) * (at - py)) / (y - py), at);
    }
    if (cIn) out.push(x, y);
    px = x; py = y; pIn = cIn;
  }
  return out;
}

/**
 * One closed subpath in SVG units, rounded to 0.1 px: an absolute move, then relative
 * steps between the rounded points (exact, so no drift), thinned to MIN_STEP_PX.
 */
function ringPath(pts: number[], view: View): string {
  if (pts.length < 6) return '';
  const minStep = MIN_STEP_PX * 10;
  const xs: number[] = [];
  const ys: number[] = [];
  let lx = NaN, ly = NaN;
  for (let i = 0; i < pts.length; i += 2) {
    // integers in tenths of a px
    const x = Math.round((pts[i]! - view.x0) * view.kx * 10);
    const y = Math.round((pts[i + 1]! - view.y0) * view.ky * 10);
    if (Math.abs(x - lx) < minStep && Math.abs(y - ly) < minStep) continue;
    xs.push(x); ys.push(y);
    lx = x; ly = y;
  }
  const n = xs.length;
  if (n < 3) return '';
  // A ring that the clip reduced to a sliver (or to edges of the clip rectangle) has no area.
  let area = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) area += xs[j]! * ys[i]! - xs[i]! * ys[j]!;
  if (Math.abs(area) < 200) return ''; // 200 tenths^2 = 1 px^2 (the sum is twice the area)
  let d = `M${tenths(xs[0]!)}${sep(ys[0]!)}${tenths(ys[0]!)}l`;
  let first = true;
  for (let i = 1; i < n; i++) {
    const dx = xs[i]! - xs[i - 1]!;
    const dy = ys[i]! - ys[i - 1]!;
    d += `${first ? '' : sep(dx)}${tenths(dx)}${sep(dy)}${tenths(dy)}`;
    first = false;
  }
  return `${d}z`;
}

/** Separator before a number: a minus sign already separates. */
function sep(n: number): string {
  return n < 0 ? '' : ' ';
}

/** An integer count of tenths as the shortest decimal: 12 -> "1.2", -5 -> "-.5", 30 -> "3". */
function tenths(n: number): string {
  const neg = n < 0;
  const a = neg ? -n : n;
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  const s = frac === 0 ? String(whole) : whole === 0 ? `.${frac}` : `${whole}.${frac}`;
  return neg ? `-${s}` : s;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF) would break an SVG served on its own. */
function cleanText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}
