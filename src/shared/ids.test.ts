import { describe, expect, it } from 'vitest';
import { newUid } from './ids.ts';

describe('newUid', () => {
  it('is the kind letter and ten Crockford base32 characters, unique across refills of the random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newUid('o')); // 50,000 random bytes: the 4 KB pool refills a dozen times
    for (const id of ids) expect(id).toMatch(/^o[0-9a-hjkmnp-tv-z]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // every character of the alphabet turns up (the bytes are not stuck at one value)
    expect(new Set(ids.map((id) => id.slice(1)).join('')).size).toBe(32);
  });
});
