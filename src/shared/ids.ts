import { randomBytes } from 'node:crypto';
import { foldText } from './text.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** A public id that never changes: a letter for the kind, then 10 random base32 chars. */
export function newUid(prefix: string): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
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
