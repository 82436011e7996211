import { describe, expect, it } from 'vitest';
import { CHINESE_PERIODS, chinesePeriodById, chinesePeriodNames } from './chinese-periods.ts';
import { WORLD_PERIODS } from './world-periods.ts';
import { parseDateText } from './dates.ts';

const reignsOf = (dynasty: string) => CHINESE_PERIODS.filter((p) => p.kind === 'reign' && p.parent === dynasty);

describe('the table of Chinese dynasties and reign periods', () => {
  it('has unique ids, start ≤ end, and parents that exist and contain their children', () => {
    const ids = CHINESE_PERIODS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of CHINESE_PERIODS) {
      expect(p.start, p.id).toBeLessThanOrEqual(p.end);
      expect(p.hans.length, p.id).toBeGreaterThan(0);
      expect(p.hant.length, p.id).toBeGreaterThan(0);
      if (p.parent) {
        const parent = chinesePeriodById(p.parent);
        expect(parent, `${p.id} → ${p.parent}`).toBeDefined();
        expect(p.start, p.id).toBeGreaterThanOrEqual(parent!.start);
        expect(p.end, p.id).toBeLessThanOrEqual(parent!.end);
      }
    }
  });

  it('lists every Ming and Qing reign, in order, without gaps, sharing at most the year of a change', () => {
    for (const [dynasty, count] of [['ming', 17], ['qing', 10]] as const) {
      const list = reignsOf(dynasty).sort((a, b) => a.start - b.start || a.end - b.end);
      expect(list.length, dynasty).toBe(count);
      const d = chinesePeriodById(dynasty)!;
      expect(list[0]!.start).toBe(d.start);
      expect(list[list.length - 1]!.end).toBe(d.end);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        // no overlap beyond the one year in which the era name changed, and no gap
        expect(cur.start, `${prev.id} / ${cur.id}`).toBeGreaterThanOrEqual(prev.end);
        expect(cur.start, `${prev.id} / ${cur.id}`).toBeLessThanOrEqual(prev.end + 1);
      }
    }
  });

  it('shares a year only where the era changed within it', () => {
    const shared: string[] = [];
    for (const dynasty of ['ming', 'later-jin', 'qing', 'tang']) {
      const list = reignsOf(dynasty).sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i++) if (list[i]!.start === list[i - 1]!.end) shared.push(`${list[i - 1]!.id}/${list[i]!.id} ${list[i]!.start}`);
    }
    expect(shared).toEqual([
      'ming.jingtai/ming.tianshun 1457',
      'ming.wanli/ming.taichang 1620',
      'later-jin.tiancong/later-jin.chongde 1636',
    ]);
  });

  it('puts every Qing reign inside the Qing (1644–1911)', () => {
    for (const r of reignsOf('qing')) {
      expect(r.start, r.id).toBeGreaterThanOrEqual(1644);
      expect(r.end, r.id).toBeLessThanOrEqual(1911);
    }
  });

  it('has no reign name twice within a dynasty, in characters or pinyin', () => {
    for (const dynasty of ['ming', 'qing', 'later-jin', 'tang', 'song']) {
      const names = reignsOf(dynasty).flatMap((r) => [r.hans[0]!, r.hant[0]!, r.pinyin]);
      const seen = new Map<string, number>();
      for (const r of reignsOf(dynasty)) for (const n of new Set([r.hans[0]!, r.hant[0]!, r.pinyin])) seen.set(n, (seen.get(n) ?? 0) + 1);
      expect([...seen].filter(([, n]) => n > 1), dynasty).toEqual([]);
      expect(names.length).toBeGreaterThan(0);
    }
  });

  it('resolves every name of every period to its years (unless the name is ambiguous)', () => {
    const ambiguous = new Set(['jin', 'Jīn', 'Jìn', 'Hòujīn', 'Hòu Jìn', 'Chia-ching', "Chia-ch'ing"]);
    for (const p of CHINESE_PERIODS) {
      for (const name of chinesePeriodNames(p)) {
        if (ambiguous.has(name)) continue;
        const r = parseDateText(name);
        expect(r && [r.earliest, r.latest], `${p.id}: ${name}`).toEqual([p.start, p.end]);
      }
    }
    for (const p of WORLD_PERIODS) {
      for (const name of p.names) {
        const r = parseDateText(name);
        expect(r && [r.earliest, r.latest], `${p.id}: ${name}`).toEqual([p.start, p.end]);
      }
    }
  });

  it('answers the same for Simplified, Traditional, pinyin with and without tones, and Wade–Giles', () => {
    for (const name of ['乾隆', 'Qiánlóng', 'Qianlong', "Ch'ien-lung", 'Chien-lung', 'Цяньлун']) {
      expect(parseDateText(name), name).toEqual({ earliest: 1736, latest: 1795, precision: 'period' });
    }
    for (const name of ['永乐', '永樂', 'Yǒnglè', 'Yongle', 'Yung-lo']) {
      expect(parseDateText(name), name).toEqual({ earliest: 1403, latest: 1424, precision: 'period' });
    }
  });
});
