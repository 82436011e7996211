// Standalone OAI records parsed again together (the prepare threads) give exactly what
// each parsed alone gives, including when one of them is not well-formed.
import { describe, expect, it } from 'vitest';
import { generateLidoRecords, loadFixtureLidoRecords, fixturesMissing } from '../../../test/support/oai-provider.ts';
import { parseContext, reparse, reparseOaiRecords } from './parse.ts';

const ctx = parseContext('en');
const standalone = (identifier: string, metadataXml: string) =>
  Buffer.from(`<record xmlns="http://www.openarchives.org/OAI/2.0/"><header><identifier>${identifier}</identifier></header><metadata>${metadataXml}</metadata></record>`);

describe('reparseOaiRecords', () => {
  const missing = fixturesMissing();
  if (missing) console.log(missing);
  const records = [...generateLidoRecords(12)].map((r) => ({ identifier: r.identifier, raw: standalone(r.identifier, r.metadataXml) }));
  const alone = (rs: typeof records) => rs.map((r) => reparse(r.raw, 'lido', ctx, { identifier: r.identifier, oai: true }));

  it('gives the records each parse alone gives', () => {
    const got = reparseOaiRecords(records, 'lido', ctx);
    expect(got).toEqual(alone(records));
    expect(got.every((r) => r.draft && !r.problem)).toBe(true);
  });

  it.skipIf(!!missing)('for the real LIDO fixtures too, broken ones included', () => {
    const real = loadFixtureLidoRecords({ includeBroken: true }).map((r) => ({ identifier: r.identifier, raw: standalone(r.identifier, r.metadataXml) }));
    const got = reparseOaiRecords(real, 'lido', ctx);
    expect(got).toEqual(alone(real));
    expect(got.some((r) => r.problem)).toBe(true);
  });

  it('a record that is not well-formed, or has no metadata, is read alone with its reason; the others as ever', () => {
    const broken = { identifier: 'oai:x:broken', raw: Buffer.from('<record xmlns="http://www.openarchives.org/OAI/2.0/"><header></headr><metadata/></record>') };
    const empty = { identifier: 'oai:x:empty', raw: Buffer.from('<record xmlns="http://www.openarchives.org/OAI/2.0/"><header/></record>') };
    const mixed = [records[0]!, broken, records[1]!, empty];
    const got = reparseOaiRecords(mixed, 'lido', ctx);
    expect(got).toEqual(alone(mixed));
    expect(got.map((r) => r.problem?.reason ?? 'ok')).toEqual(['ok', 'unparseable', 'ok', 'wrong_format']);
  });
});
