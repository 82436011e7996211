import { describe, expect, it } from 'vitest';
import { normaliseRights, type NormalisedRights } from './rights.ts';

const BY_NC_4 = { uri: 'http://creativecommons.org/licenses/by-nc/4.0/', label: 'CC BY-NC 4.0' };
const BY_4 = { uri: 'http://creativecommons.org/licenses/by/4.0/', label: 'CC BY 4.0' };
const ZERO = { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0 1.0' };
const MARK = { uri: 'http://creativecommons.org/publicdomain/mark/1.0/', label: 'Public Domain Mark 1.0' };
const rs = (code: string, label: string) => ({ uri: `http://rightsstatements.org/vocab/${code}/1.0/`, label });

const ROWS: Array<[string | undefined, NormalisedRights]> = [
  // Creative Commons URLs in every spelling met in records
  ['https://creativecommons.org/licenses/by-nc/4.0/', BY_NC_4],
  ['http://creativecommons.org/licenses/by-nc/4.0/', BY_NC_4],
  ['http://creativecommons.org/licenses/by-nc/4.0', BY_NC_4],
  ['https://creativecommons.org/licenses/by-nc/4.0/deed.en', BY_NC_4],
  ['https://creativecommons.org/licenses/by-nc/4.0/legalcode', BY_NC_4],
  ['https://creativecommons.org/licenses/by-nc/4.0/legalcode.zh-Hans', BY_NC_4],
  ['https://www.creativecommons.org/licenses/by-nc/4.0/', BY_NC_4],
  ['HTTPS://CreativeCommons.org/Licenses/BY-NC/4.0/', BY_NC_4],
  ['creativecommons.org/licenses/by-nc/4.0\\', BY_NC_4],
  ['<https://creativecommons.org/licenses/by-nc/4.0/>', BY_NC_4],
  ['http://creativecommons.org/licenses/by/4.0/legalcode', BY_4],
  ['https://creativecommons.org/licenses/by/4.0/deed.de', BY_4],
  ['http://creativecommons.org/licenses/by-sa/3.0/de/', { uri: 'http://creativecommons.org/licenses/by-sa/3.0/de/', label: 'CC BY-SA 3.0 DE' }],
  ['https://creativecommons.org/licenses/by/3.0/igo/', { uri: 'http://creativecommons.org/licenses/by/3.0/igo/', label: 'CC BY 3.0 IGO' }],
  ['http://creativecommons.org/licenses/by-nc-sa/4.0/deed.de', { uri: 'http://creativecommons.org/licenses/by-nc-sa/4.0/', label: 'CC BY-NC-SA 4.0' }],
  ['http://creativecommons.org/licenses/by-nc-nd/4.0/', { uri: 'http://creativecommons.org/licenses/by-nc-nd/4.0/', label: 'CC BY-NC-ND 4.0' }],
  ['http://creativecommons.org/licenses/by/1.0/legalcode', { uri: 'http://creativecommons.org/licenses/by/1.0/', label: 'CC BY 1.0' }],
  ['https://creativecommons.org/licenses/by/2.5/', { uri: 'http://creativecommons.org/licenses/by/2.5/', label: 'CC BY 2.5' }],
  // names
  ['CC BY-NC 4.0', BY_NC_4],
  ['cc by-nc 4.0', BY_NC_4],
  ['CC-BY-NC-4.0', BY_NC_4],
  ['CC BY NC 4.0', BY_NC_4],
  ['CC BY-NC 4.0 International', BY_NC_4],
  ['Creative Commons Attribution-NonCommercial 4.0 International', BY_NC_4],
  ['Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)', BY_NC_4],
  ['Creative Commons Namensnennung - Nicht kommerziell 4.0 International', BY_NC_4],
  ['Creative Commons Attribution-ShareAlike 4.0', { uri: 'http://creativecommons.org/licenses/by-sa/4.0/', label: 'CC BY-SA 4.0' }],
  ['CC BY-NC-ND 3.0', { uri: 'http://creativecommons.org/licenses/by-nc-nd/3.0/', label: 'CC BY-NC-ND 3.0' }],
  ['CC BY-SA 4', { uri: 'http://creativecommons.org/licenses/by-sa/4.0/', label: 'CC BY-SA 4.0' }],
  ['CC BY-NC', { uri: null, label: 'CC BY-NC' }], // no version: its terms are unknown
  ['CC BY-ND-SA 4.0', { uri: null, label: 'CC BY-ND-SA 4.0' }], // no such licence
  // CC0 and the Public Domain Mark
  ['CC0', ZERO],
  ['CC0 1.0', ZERO],
  ['CC0 1.0 Universal', ZERO],
  ['CC-0', ZERO],
  ['cc0-1.0', ZERO],
  ['https://creativecommons.org/publicdomain/zero/1.0/', ZERO],
  ['http://creativecommons.org/publicdomain/zero/1.0/legalcode', ZERO],
  ['Public Domain Mark', MARK],
  ['Public Domain Mark 1.0', MARK],
  ['PDM', MARK],
  // public domain said in the members' languages, and a link followed by what it says (dLibra)
  ['Domena publiczna', MARK],
  ['Publiek Domein', MARK],
  ['Kamu malı', MARK],
  ['http://domenapubliczna.org/co-to-jest-domena-publiczna/ Domena publiczna', MARK],
  ['https://creativecommons.org/licenses/by/4.0/ CC BY 4.0', BY_4],
  ['http://a.example/x http://b.example/y Domena publiczna', { uri: null, label: 'http://a.example/x http://b.example/y Domena publiczna' }],
  ['publicdomain/mark/1.0', MARK],
  ['https://creativecommons.org/publicdomain/mark/1.0/', MARK],
  ['Public domain', MARK],
  ['公有领域', MARK],
  // rightsstatements.org
  ['http://rightsstatements.org/vocab/InC/1.0/', rs('InC', 'In Copyright')],
  // Europeana's rights URIs before rightsstatements.org: the statement each was retired for
  ['http://www.europeana.eu/rights/rr-f/', rs('InC', 'In Copyright')],
  ['http://www.deutsche-digitale-bibliothek.de/lizenzen/rv-fz/', rs('InC', 'In Copyright')],
  ['\n  http://www.deutsche-digitale-bibliothek.de/lizenzen/rv-ez/ ', rs('InC', 'In Copyright')],
  ['http://www.europeana.eu/rights/rr-r/', rs('InC', 'In Copyright')],
  ['http://www.europeana.eu/rights/unknown/', rs('CNE', 'Copyright Not Evaluated')],
  ['http://www.europeana.eu/rights/orphan-work-eu/', rs('InC-OW-EU', 'In Copyright - EU Orphan Work')],
  ['https://rightsstatements.org/vocab/InC/1.0/', rs('InC', 'In Copyright')],
  ['http://rightsstatements.org/page/InC/1.0/', rs('InC', 'In Copyright')],
  ['https://rightsstatements.org/page/InC/1.0/?language=en', rs('InC', 'In Copyright')],
  ['http://rightsstatements.org/vocab/InC/1.0', rs('InC', 'In Copyright')],
  ['http://rightsstatements.org/data/InC/1.0/', rs('InC', 'In Copyright')],
  ['http://rightsstatements.org/vocab/inc/1.0/', rs('InC', 'In Copyright')],
  ['http://rightsstatements.org/vocab/InC', rs('InC', 'In Copyright')],
  ['http://rightsstatements.org/vocab/InC-EDU/1.0/', rs('InC-EDU', 'In Copyright - Educational Use Permitted')],
  ['http://rightsstatements.org/vocab/InC-OW-EU/1.0/', rs('InC-OW-EU', 'In Copyright - EU Orphan Work')],
  ['http://rightsstatements.org/vocab/NoC-US/1.0/', rs('NoC-US', 'No Copyright - United States')],
  ['http://rightsstatements.org/vocab/NoC-NC/1.0/', rs('NoC-NC', 'No Copyright - Non-Commercial Use Only')],
  ['http://rightsstatements.org/vocab/NoC-OKLR/1.0/', rs('NoC-OKLR', 'No Copyright - Other Known Legal Restrictions')],
  ['http://rightsstatements.org/vocab/CNE/1.0/', rs('CNE', 'Copyright Not Evaluated')],
  ['https://rightsstatements.org/page/UND/1.0/', rs('UND', 'Copyright Undetermined')],
  ['http://rightsstatements.org/vocab/NKC/1.0/', rs('NKC', 'No Known Copyright')],
  ['InC', rs('InC', 'In Copyright')],
  ['InC-EDU', rs('InC-EDU', 'In Copyright - Educational Use Permitted')],
  ['NoC-US', rs('NoC-US', 'No Copyright - United States')],
  ['In Copyright - Educational Use Permitted', rs('InC-EDU', 'In Copyright - Educational Use Permitted')],
  ['No Known Copyright', rs('NKC', 'No Known Copyright')],
  // nothing to recognise
  [undefined, { uri: null }],
  ['', { uri: null }],
  ['   ', { uri: null }],
  ['© The Walters Art Museum', { uri: null, label: '© The Walters Art Museum' }],
  ['All rights reserved', { uri: null, label: 'All rights reserved' }],
  ['http://rightsstatements.org/vocab/[PERMISSIONS]/1.0/', { uri: null, label: 'http://rightsstatements.org/vocab/[PERMISSIONS]/1.0/' }],
  ['  Copyright  2020   M+  ', { uri: null, label: 'Copyright 2020 M+' }],
];

describe('normaliseRights', () => {
  it.each(ROWS)('%s', (input, expected) => {
    expect(normaliseRights(input)).toEqual(expected);
  });

  it('answers only http:// URIs, which IIIF validators accept', () => {
    for (const [input] of ROWS) {
      const { uri } = normaliseRights(input);
      if (uri) expect(uri).toMatch(/^http:\/\/(creativecommons|rightsstatements)\.org\/.+\/$/);
    }
  });
});
