// Rights statements as records write them → the canonical URI, in the http:// form that
// IIIF validators and Europeana accept (https://creativecommons.org/… is rejected by the
// IIIF Presentation validator, IIIF/presentation-validator#206).
//
// * Creative Commons licences in any form: https or http, www or not, with or without
//   the trailing slash, /deed.xx, /legalcode(.xx), ported versions (…/3.0/de/ keeps its
//   port), SPDX ids ("CC-BY-NC-4.0"), short names ("CC BY-NC 4.0") and long names
//   ("Creative Commons Attribution-NonCommercial 4.0 International", also German and
//   French) → http://creativecommons.org/licenses/by-nc/4.0/. A licence named without a
//   version ("CC BY") is not given one: the versions differ in their terms, so the text is
//   kept as the label and the URI is null.
// * CC0 ("CC0", "CC0 1.0 Universal", publicdomain/zero/1.0) →
//   http://creativecommons.org/publicdomain/zero/1.0/; the Public Domain Mark ("Public
//   Domain Mark", "PDM", publicdomain/mark/1.0), and a bare "Public domain", →
//   http://creativecommons.org/publicdomain/mark/1.0/ (the tool for marking a work free
//   of known copyright, as Europeana maps it).
// * rightsstatements.org in any variant (https, /page/ or /data/ instead of /vocab/, no
//   trailing slash, any case of the code, no version), the bare codes ("InC-EDU") and the
//   statements' English names → http://rightsstatements.org/vocab/InC-EDU/1.0/.
// * anything else → { uri: null, label: the text as given }.

export interface NormalisedRights {
  uri: string | null;
  /** the statement's name (canonical when recognised, else the text as found) */
  label?: string;
}

const CC_TYPES = new Set(['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd']);
const CC_VERSIONS = new Set(['1.0', '2.0', '2.1', '2.5', '3.0', '4.0']);
const CC_ZERO = 'http://creativecommons.org/publicdomain/zero/1.0/';
const CC_MARK = 'http://creativecommons.org/publicdomain/mark/1.0/';

const RS: ReadonlyArray<[code: string, label: string]> = [
  ['InC', 'In Copyright'],
  ['InC-OW-EU', 'In Copyright - EU Orphan Work'],
  ['InC-EDU', 'In Copyright - Educational Use Permitted'],
  ['InC-NC', 'In Copyright - Non-Commercial Use Permitted'],
  ['InC-RUU', 'In Copyright - Rights-holder(s) Unlocatable or Unidentifiable'],
  ['NoC-CR', 'No Copyright - Contractual Restrictions'],
  ['NoC-NC', 'No Copyright - Non-Commercial Use Only'],
  ['NoC-OKLR', 'No Copyright - Other Known Legal Restrictions'],
  ['NoC-US', 'No Copyright - United States'],
  ['CNE', 'Copyright Not Evaluated'],
  ['UND', 'Copyright Undetermined'],
  ['NKC', 'No Known Copyright'],
];

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_–—-]+/g, ' ').replace(/[()]/g, '').trim();
}

const RS_BY_CODE = new Map(RS.map(([code, label]) => [code.toLowerCase(), { code, label }]));
const RS_BY_LABEL = new Map(RS.map(([code, label]) => [squash(label), { code, label }]));

const CC_URL = /(?:creativecommons\.org\/|^\/?)(licenses|publicdomain)\/([a-z+-]+)\/(\d(?:\.\d)?)(?:\/([a-z]{2,}(?:-[a-z]{2,})?)(?=\/|$|[^a-z.-]))?/;
const RS_URL = /rightsstatements\.org\/(?:vocab|page|data)\/([a-z-]+)(?:\/(\d(?:\.\d)?))?/;
// Europeana's own rights URIs before rightsstatements.org (still in older EDM and LIDO):
// the statement each was retired for
const EUROPEANA_RIGHTS = /europeana\.eu\/rights\/(rr-f|rr-p|rr-r|unknown|orphan-work-eu)\b/;
// the Deutsche Digitale Bibliothek's own statements, "Rechte vorbehalten" with free or
// restricted access: in copyright, as Europeana reads them
const DDB_RIGHTS = /deutsche-digitale-bibliothek\.de\/lizenzen\/(rv-fz|rv-ez)\b/;
const DDB_TO_RS: Record<string, string> = { 'rv-fz': 'inc', 'rv-ez': 'inc' }; // both "rights reserved", free or restricted access
const EUROPEANA_TO_RS: Record<string, string> = { 'rr-f': 'inc', 'rr-p': 'inc', 'rr-r': 'inc', unknown: 'cne', 'orphan-work-eu': 'inc-ow-eu' };
const CC_SHORT = /(?<![a-z])cc[\s_-]*(by(?:[\s_-]*(?:nc|nd|sa)(?![a-z]))*)(?:[\s_-]*v?(\d(?:\.\d)?))?(?![\d.]*\d)/;
const CC_ZERO_TEXT = /(?<![a-z])(?:cc[\s_-]?0|cc[\s_-]?zero|cczero)(?![a-z\d])|public domain dedication|creative commons zero/;
const PD_MARK_TEXT = /public[\s-]*domain[\s-]*mark|(?<![a-z])pdm(?![a-z])/;
const PUBLIC_DOMAIN = /^(?:public[\s-]*domain|pd|domaine public|dominio p[uú]blico|gemeinfrei|общественное достояние|公有领域|公有領域|公共领域|公共領域|domena publiczna|publiek domein|pubblico dominio|kamu malı|dom[ií]nio p[uú]blico|domeniul? public|volné dílo|javno dobro|közkincs|allmän egendom|суспільне надбання|الملك العام)\.?$/;
// "http://domenapubliczna.org/… Domena publiczna" (dLibra): a link, then what it says
const LINK_THEN_WORDS = /^(https?:\/\/\S+)\s+(\S.*)$/;
const VERSION = /(?<![\d.])(\d\.\d)(?![\d.]*\d)/;

function ccUri(type: string, version: string, port?: string): NormalisedRights | null {
  const v = version.includes('.') ? version : `${version}.0`;
  if (!CC_TYPES.has(type) || !CC_VERSIONS.has(v)) return null;
  const uri = `http://creativecommons.org/licenses/${type}/${v}/${port ? `${port}/` : ''}`;
  return { uri, label: `CC ${type.toUpperCase()} ${v}${port ? ` ${port.toUpperCase()}` : ''}` };
}

/** by + nc/nd/sa elements in their canonical order (by-nc-sa, by-nc-nd). */
function ccType(elements: Iterable<string>): string | null {
  const set = new Set(elements);
  if (set.has('nd') && set.has('sa')) return null;
  return ['by', set.has('nc') ? 'nc' : '', set.has('nd') ? 'nd' : '', set.has('sa') ? 'sa' : ''].filter(Boolean).join('-');
}

// long names: English, German, French
const ATTRIBUTION = /attribution|namensnennung|paternit[eé]/;
const NON_COMMERCIAL = /non[\s-]?commercial|nicht[\s-]?kommerziell|pas d.utilisation commerciale/;
const NO_DERIVATIVES = /no[\s-]?deriv|keine bearbeitung|pas de modification/;
const SHARE_ALIKE = /share[\s-]?alike|weitergabe unter gleichen bedingungen|partage dans les m[eê]mes conditions/;

function fromText(text: string, lower: string): NormalisedRights | null {
  const rsCode = RS_BY_CODE.get(lower.replace(/\s+/g, ''));
  if (rsCode) return { uri: `http://rightsstatements.org/vocab/${rsCode.code}/1.0/`, label: rsCode.label };
  const rsLabel = RS_BY_LABEL.get(squash(text));
  if (rsLabel) return { uri: `http://rightsstatements.org/vocab/${rsLabel.code}/1.0/`, label: rsLabel.label };

  if (CC_ZERO_TEXT.test(lower)) return { uri: CC_ZERO, label: 'CC0 1.0' };
  if (PD_MARK_TEXT.test(lower) || PUBLIC_DOMAIN.test(lower)) return { uri: CC_MARK, label: 'Public Domain Mark 1.0' };

  const short = CC_SHORT.exec(lower);
  if (short) {
    const type = ccType(short[1]!.split(/[\s_-]+/).filter(Boolean));
    const version = short[2] ?? VERSION.exec(lower.slice(short.index))?.[1];
    if (type && version) return ccUri(type, version);
    return null;
  }
  if ((lower.includes('creative commons') || lower.includes('creativecommons')) && ATTRIBUTION.test(lower)) {
    const elements = ['by'];
    if (NON_COMMERCIAL.test(lower)) elements.push('nc');
    if (NO_DERIVATIVES.test(lower)) elements.push('nd');
    if (SHARE_ALIKE.test(lower)) elements.push('sa');
    const type = ccType(elements);
    const version = VERSION.exec(lower)?.[1];
    if (type && version) return ccUri(type, version);
  }
  return null;
}

const MEMO = new Map<string, NormalisedRights>();

/** The canonical rights URI (and its name) for a statement as a record gives it. */
export function normaliseRights(input: string | undefined | null): NormalisedRights {
  if (typeof input !== 'string') return { uri: null };
  // a source states the same few rights on every record
  let r = MEMO.get(input);
  if (!r) {
    r = compute(input);
    if (MEMO.size >= 5000) MEMO.clear();
    MEMO.set(input, r);
  }
  return { ...r };
}

function compute(input: string, split = true): NormalisedRights {
  const text = input.replace(/\s+/g, ' ').trim().replace(/^[<"'“«\s]+|[>"'”»\s]+$/g, '');
  if (!text) return { uri: null };
  const both = split ? LINK_THEN_WORDS.exec(text) : null;
  if (both) {
    // once: the words are not split again
    const byLink = compute(both[1]!, false);
    if (byLink.uri) return byLink;
    const byWords = compute(both[2]!, false);
    if (byWords.uri) return byWords;
  }
  const lower = text.toLowerCase().replace(/\\/g, '/');

  const cc = CC_URL.exec(lower);
  if (cc) {
    const [, kind, type, version, port] = cc;
    if (kind === 'publicdomain') {
      if (type === 'zero') return { uri: CC_ZERO, label: 'CC0 1.0' };
      if (type === 'mark') return { uri: CC_MARK, label: 'Public Domain Mark 1.0' };
    } else {
      const p = port && !/^(?:deed|legalcode|rdf)/.test(port) ? port : undefined;
      const elements = type!.split('-');
      const t = elements[0] === 'by' ? ccType(elements) : null;
      const r = t ? ccUri(t, version!, p) : null;
      if (r) return r;
    }
    return { uri: null, label: text };
  }
  const eu = EUROPEANA_RIGHTS.exec(lower);
  const ddb = eu ? null : DDB_RIGHTS.exec(lower);
  const rs = eu ? [eu[0], EUROPEANA_TO_RS[eu[1]!]!] : ddb ? [ddb[0], DDB_TO_RS[ddb[1]!]!] : RS_URL.exec(lower);
  if (rs) {
    const found = RS_BY_CODE.get(rs[1]!);
    if (found) return { uri: `http://rightsstatements.org/vocab/${found.code}/1.0/`, label: found.label };
    return { uri: null, label: text };
  }
  return fromText(text, lower) ?? { uri: null, label: text };
}
