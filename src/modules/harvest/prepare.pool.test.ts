// The prepare threads of an OAI-PMH run: batches come out in order with their records
// prepared, the head leaves without waiting for the next fetch, a failure of the list
// comes after what was read before it, and closing the pool fails what it still holds.
import { describe, expect, it } from 'vitest';
import { generateLidoRecords } from '../../../test/support/oai-provider.ts';
import type { ProducedBatch } from './batch.producer.ts';
import { checksumOf, type PreparedRecord } from './ingest.ts';
import { PreparePool, preparedInOrder } from './prepare.pool.ts';

const records = [...generateLidoRecords(30)];
const deferred = (i: number): PreparedRecord => {
  const r = records[i]!;
  const raw = Buffer.from(`<record xmlns="http://www.openarchives.org/OAI/2.0/"><header><identifier>${r.identifier}</identifier></header><metadata>${r.metadataXml}</metadata></record>`);
  return { identifier: r.identifier, raw, checksum: checksumOf(raw), deferred: true };
};
const batch = (from: number, to: number): ProducedBatch => ({ records: Array.from({ length: to - from }, (_, k) => deferred(from + k)), checkpoint: `t${to}`, pages: 1, repairs: [] });
const pool = () => new PreparePool(2, { format: 'lido', defaultLanguage: 'en' });

describe('preparedInOrder', () => {
  it('gives the batches in order, every record prepared with its own bytes; a failure of the list after what came before it', async () => {
    const p = pool();
    try {
      async function* list() {
        yield batch(0, 10);
        yield batch(10, 25);
        yield batch(25, 30);
        throw new Error('badArgument: no such set');
      }
      const got: ProducedBatch[] = [];
      await expect(
        (async () => {
          for await (const b of preparedInOrder(list(), p, 12)) got.push(b);
        })(),
      ).rejects.toThrow('badArgument');
      expect(got.map((b) => b.checkpoint)).toEqual(['t10', 't25', 't30']);
      const all = got.flatMap((b) => b.records);
      expect(all.map((r) => r.identifier)).toEqual(records.map((r) => r.identifier));
      for (const [i, r] of all.entries()) {
        expect(r.deferred).toBeUndefined();
        expect(JSON.parse(r.object!.title)).toMatchObject({ en: expect.any(String) });
        expect(r.raw.equals(deferred(i).raw)).toBe(true);
      }
    } finally {
      await p.close();
    }
  });

  it('lets the head go as soon as it is prepared, while the next fetch is still out', async () => {
    const p = pool();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    try {
      async function* list() {
        yield batch(0, 5);
        await gate; // the provider is slow to answer page 2
        yield batch(5, 10);
      }
      const out = preparedInOrder(list(), p, 1000);
      const first = await out.next();
      expect(first.value?.checkpoint).toBe('t5');
      release();
      expect((await out.next()).value?.checkpoint).toBe('t10');
      expect((await out.next()).done).toBe(true);
    } finally {
      release();
      await p.close();
    }
  });

  it('closing the pool fails what it still holds', async () => {
    const p = pool();
    // (the expectation is attached before the close, which rejects what is held at once)
    const held = expect(p.prepare(batch(0, 30))).rejects.toThrow(/closed|stopped/);
    await p.close();
    await held;
  });
});
