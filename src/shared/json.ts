/**
 * JSON with object keys sorted, for comparing values regardless of key order
 * (PostgreSQL's jsonb does not keep the order a language map was written in).
 */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}
