import { randomBytes } from 'node:crypto';
import { foldText } from './text.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// random bytes are drawn 4 KB at a time: one call per uid cost more than the row it
// names when a harvest stores thousands of objects a second
let pool = Buffer.alloc(0);
let used = 0;

/** A public id that never changes: a letter for the kind, then 10 random base32 chars. */
export function newUid(prefix: string): string {
  if (used + 10 > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  let s = '';
  for (let i = used; i < used + 10; i++) s += ALPHABET[pool[i]! & 31];
  used += 10;
  return `${prefix}${s}`;
}

/** URL slug from a Latin-script name; falls back to the uid when nothing is left. */
export function slugify(text: string, fallback: string): string {
  const s = foldText(text)
    .replace(/[^a-z0-9 ]/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80)
    .replace(/-+$/, '');
  return s || fallback;
}

export function nowIso(): string {
  return new Date().toISOString();
}
