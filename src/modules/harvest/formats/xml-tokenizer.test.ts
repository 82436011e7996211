import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, XmlTokenizer, type XmlTokenHandler } from './xml-tokenizer.ts';
import { decodeXml, parseXml, XML_NS, type XmlElement } from './xml.ts';

type Token = ['open', string, [string, string][], number, number] | ['close', number] | ['text', string] | ['doctype', number];

/** the tokens of a whole document up to its end or its first fault */
function record(text: string): { tokens: Token[]; error?: XmlSyntaxError } {
  const out: Token[] = [];
  const tok: XmlTokenizer = new XmlTokenizer(text, {
    openTag: (name, start, end, n) => out.push(['open', name, tok.attrNames.slice(0, n).map((k, i) => [k, tok.attrValues[i]!]), start, end]),
    closeTag: (end) => out.push(['close', end]),
    text: (s) => out.push(['text', s]),
    keepsBlank: () => true,
    doctype: (start) => out.push(['doctype', start]),
  });
  try {
    tok.end();
    return { tokens: out };
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { tokens: out, error: e };
    throw e;
  }
}

/** every token of a whole document, then the end checks */
function tokens(text: string): Token[] {
  const r = record(text);
  if (r.error) throw r.error;
  return r.tokens;
}

/** the error a document gives ("line:column: reason") */
function fault(text: string): string {
  try {
    tokens(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return e.message;
    throw e;
  }
  throw new Error('no XmlSyntaxError thrown');
}

describe('XmlTokenizer: what it reports', () => {
  it('start tags with their attributes in document order, end tags, offsets of "<" and after ">"', () => {
    const doc = `<a x="1" y='two' z = "3"><b/></a >`;
    const b = doc.indexOf('<b');
    expect(tokens(doc)).toEqual([
      ['open', 'a', [['x', '1'], ['y', 'two'], ['z', '3']], 0, b],
      ['open', 'b', [], b, b + 4],
      ['close', b + 4],
      ['close', doc.length],
    ]);
  });

  it('a self-closing tag is a start and an end at the same offset, after "/>"', () => {
    expect(tokens('<r><e a="1" /></r>')).toEqual([['open', 'r', [], 0, 3], ['open', 'e', [['a', '1']], 3, 14], ['close', 14], ['close', 18]]);
  });

  it('decodes the five entities and decimal and hex character references in text', () => {
    const doc = '<t>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1D49C;&#233;</t>';
    expect(tokens(doc)).toEqual([['open', 't', [], 0, 3], ['text', `<>&"' AB𝒜é`], ['close', doc.length]]);
  });

  it('decodes references in attribute values and normalises literal tab, LF and CR LF to spaces (a reference stays as it is)', () => {
    const doc = '<t a="x\ty\nz\r\nw" b="&lt;&#10;&#x9;" c="1 &amp; 2"/>';
    expect(tokens(doc)[0]).toEqual(['open', 't', [['a', 'x y z w'], ['b', '<\n\t'], ['c', '1 & 2']], 0, doc.length]);
  });

  it('normalises CR LF and a lone CR to LF in text and CDATA', () => {
    expect(tokens('<t>a\r\nb\rc<![CDATA[d\r\ne]]></t>').filter((t) => t[0] === 'text')).toEqual([['text', 'a\nb\nc'], ['text', 'd\ne']]);
  });

  it('CDATA is text of its own, read verbatim ("]]" and markup inside); an empty one reports nothing', () => {
    const doc = '<t>a<![CDATA[<b> & ]] ]]]><![CDATA[]]>c</t>';
    expect(tokens(doc)).toEqual([['open', 't', [], 0, 3], ['text', 'a'], ['text', '<b> & ]] ]'], ['text', 'c'], ['close', doc.length]]);
  });

  it('skips comments, processing instructions and the XML declaration; text either side of them stays apart', () => {
    const doc = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- c --><?pi data?><t>a<!-- - x -->b<?x y?>c</t><!--after--><?pi?>\n';
    const t = doc.indexOf('<t>');
    expect(tokens(doc)).toEqual([['open', 't', [], t, t + 3], ['text', 'a'], ['text', 'b'], ['text', 'c'], ['close', doc.indexOf('<!--after')]]);
  });

  it('accepts a byte order mark and whitespace outside the root, and reports none of it', () => {
    expect(tokens('\uFEFF<?xml version="1.0"?>\r\n <t/> \n\t')).toEqual([['open', 't', [], 25, 29], ['close', 29]]);
  });

  it('">" in text and in attribute values, "]]" not followed by ">" in text', () => {
    expect(tokens('<t a="b>c">x > y ]] z</t>')).toEqual([['open', 't', [['a', 'b>c']], 0, 11], ['text', 'x > y ]] z'], ['close', 25]]);
  });

  it('names: colons, digits, dots and hyphens after the first character, non-ASCII and astral names', () => {
    expect(tokens('<lido:a.b-1 x:y="1"><名前 属性="値"/><𐀀𐀁/></lido:a.b-1>').filter((t) => t[0] === 'open').map((t) => [t[1], t[2]])).toEqual([
      ['lido:a.b-1', [['x:y', '1']]],
      ['名前', [['属性', '値']]],
      ['𐀀𐀁', []],
    ]);
  });

  it('asks the handler whether it wants a text of whitespace only (saying if it holds a line end) before building it', () => {
    const asked: boolean[] = [];
    const texts: string[] = [];
    const tok = new XmlTokenizer('<a> <b/>\r\n<c/>\t<d/> x </a>\n', {
      openTag: () => undefined,
      closeTag: () => undefined,
      text: (s) => texts.push(s),
      keepsBlank: (lineBreak) => {
        asked.push(lineBreak);
        return !lineBreak;
      },
      doctype: () => undefined,
    });
    tok.end();
    expect(asked).toEqual([false, true, false]);
    expect(texts).toEqual([' ', '\t', ' x ']);
  });

  it('more distinct names than name slots: each is still reported as written', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `n${i.toString(36)}`);
    const doc = `<r>${names.map((n) => `<${n} ${n}="1"/>`).join('')}</r>`;
    const open = tokens(doc).filter((t) => t[0] === 'open');
    expect(open.map((t) => [t[1], t[2]])).toEqual([['r', []], ...names.map((n) => [n, [[n, '1']]])]);
  });

  it('a DOCTYPE is reported, then refused: nothing of the DTD is read', () => {
    const seen: number[] = [];
    const tok = new XmlTokenizer('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', {
      openTag: () => seen.push(-1),
      closeTag: () => seen.push(-2),
      text: () => seen.push(-3),
      keepsBlank: () => true,
      doctype: (start) => seen.push(start),
    });
    expect(() => tok.end()).toThrow('2:9: DOCTYPE declarations are not accepted.');
    expect(seen).toEqual([22]);
  });

  it('advance(limit) reports the tokens that start before limit, each whole (text is not split)', () => {
    const doc = '<r><a>long text here</a><b/></r>';
    const seen: string[] = [];
    const tok = new XmlTokenizer(doc, {
      openTag: (name) => seen.push(`<${name}>`),
      closeTag: () => seen.push('</>'),
      text: (s) => seen.push(s),
      keepsBlank: () => true,
      doctype: () => undefined,
    });
    tok.advance(7);
    expect(seen).toEqual(['<r>', '<a>', 'long text here']);
    tok.advance(8);
    expect(seen).toHaveLength(3);
    tok.advance(25);
    expect(seen).toEqual(['<r>', '<a>', 'long text here', '</>', '<b>', '</>']);
    tok.end();
    expect(seen).toHaveLength(7);
  });

  it('the same name is the same string object each time, with the same slot', () => {
    const names: string[] = [];
    const slots: number[] = [];
    const tok: XmlTokenizer = new XmlTokenizer('<r><lido:term/><lido:term/></r>', {
      openTag: (name) => {
        names.push(name);
        slots.push(tok.nameSlot);
      },
      closeTag: () => undefined,
      text: () => undefined,
      keepsBlank: () => true,
      doctype: () => undefined,
    });
    tok.end();
    expect(names).toEqual(['r', 'lido:term', 'lido:term']);
    expect(slots[1]).toBe(slots[2]);
  });
});

describe('XmlTokenizer: what it refuses, and where (line:column of the offending character)', () => {
  it.each([
    ['a mismatched end tag', '<a><b></a></b>', '1:10: unexpected close tag.'],
    ['an end tag that only begins like the open element', '<a></ab>', '1:8: unexpected close tag.'],
    ['an end tag with no element open', '<a/></a>', '1:8: unmatched closing tag: a.'],
    ['an empty end tag', '<a></>', '1:6: weird empty close tag.'],
    ['whitespace before the name of an end tag', '<a></ a>', '1:7: disallowed character in closing tag.'],
    ['an unclosed element', '<a>\n<b></b>', '2:7: unclosed tag: a'],
    ['a second root element', '<a/><b/>', '1:7: documents may contain only one root.'],
    ['text after the root', '<a/>x', '1:5: text data outside of root node.'],
    ['text before the root (at the "<" that ends it)', '<?xml version="1.0"?>\nmalformed\n<a/>', '3:1: text data outside of root node.'],
    ['a reference outside the root', '<a/>&amp;', '1:5: text data outside of root node.'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', '1:9: text data outside of root node.'],
    ['"<" in an attribute value', '<a b="x<y"/>', '1:8: disallowed character.'],
    ['an undefined entity (no DTD: only the five)', '<a>&nbsp;</a>', '1:9: undefined entity.'],
    ['a bare "&"', '<a>Smith & Sons</a>', '1:10: bare "&" (not an entity or character reference; write &amp;).'],
    ['a bare "&" in an attribute', '<a b="&x y"/>', '1:7: bare "&" (not an entity or character reference; write &amp;).'],
    ['an entity without its ";"', '<a>&amp</a>', '1:4: bare "&" (not an entity or character reference; write &amp;).'],
    ['a character reference to a character XML forbids', '<a>&#0;</a>', '1:7: malformed character entity.'],
    ['a character reference to a surrogate', '<a>&#xD800;</a>', '1:11: malformed character entity.'],
    ['a character reference beyond Unicode', '<a>&#x110000;</a>', '1:13: malformed character entity.'],
    ['a character reference with an upper-case X', '<a>&#X41;</a>', '1:6: malformed character entity.'],
    ['a character reference without digits', '<a>&#;</a>', '1:6: malformed character entity.'],
    ['a duplicate attribute', '<a b="1" c="2" b="3"/>', '1:22: duplicate attribute: b.'],
    ['an unquoted attribute value', '<a b=1/>', '1:6: unquoted attribute value.'],
    ['an attribute without a value', '<a b>', '1:5: attribute without value.'],
    ['no whitespace between attributes', '<a b="1"c="2"/>', '1:9: no whitespace between attributes.'],
    ['"/" not followed by ">"', '<a/ >', '1:4: forward-slash in opening tag not followed by >.'],
    ['a tag name that starts with a digit', '<1a/>', '1:2: disallowed character in tag name'],
    ['"--" inside a comment', '<a><!-- x -- y --></a>', '1:13: malformed comment.'],
    ['"]]>" in text', '<a>x]]>y</a>', '1:7: the string "]]>" is disallowed in char data.'],
    ['no root element', '<?xml version="1.0"?>\n<!-- c -->\n', '3:0: document must contain a root element.'],
    ['an empty document', '', '1:0: document must contain a root element.'],
    ['an unterminated comment', '<a><!-- x', '1:9: unexpected end of the document in a comment.'],
    ['an unterminated CDATA section', '<a><![CDATA[x]]', '1:15: unexpected end of the document in a CDATA section.'],
    ['an unterminated start tag', '<a><b c="1"', '1:11: unexpected end of the document in a start tag.'],
    ['an unterminated attribute value', '<a b="1', '1:7: unexpected end of the document in a start tag.'],
    ['an unterminated end tag', '<a></a', '1:6: unexpected end of the document in an end tag.'],
    ['an unterminated processing instruction', '<a><?pi x', '1:9: unexpected end of the document in a processing instruction.'],
    ['"<!" that is no comment, CDATA or DOCTYPE', '<a><!ELEMENT a></a>', '1:12: incorrect syntax.'],
    ['an XML declaration that is not at the start', ' <?xml version="1.0"?><a/>', '1:7: an XML declaration must be at the start of the document.'],
    ['a processing instruction named "xml" in another case', '<a><?XML x?></a>', '1:12: the XML declaration must appear at the start of the document.'],
    ['an XML declaration without a version', '<?xml encoding="UTF-8"?><a/>', '1:24: malformed XML declaration (version="1.0", then optionally encoding and standalone).'],
    ['an XML declaration not closed before markup', '<?xml version="1.0"\n<a/>', '2:1: malformed XML declaration (version="1.0", then optionally encoding and standalone).'],
    ['a DOCTYPE after the root element', '<a><!DOCTYPE a></a>', '1:12: inappropriately located doctype declaration.'],
    ['a control character', '<a>x\u0001y</a>', '1:5: disallowed character.'],
    ['U+FFFF', '<a b="\uFFFF"/>', '1:7: disallowed character.'],
    ['a lone surrogate', '<a>\uD800x</a>', '1:4: disallowed character.'],
    ['a lone low surrogate after a pair', '<a>𝒜\uDC00</a>', '1:5: disallowed character.'],
    ['a disallowed character before a later fault comes first', '<a>\u0002</b>', '1:4: disallowed character.'],
  ])('%s', (_what, doc, message) => {
    expect(fault(doc)).toBe(message);
  });

  it('counts lines at LF, CR LF and CR, and columns in characters (an astral one is one)', () => {
    // line 3 is "<b>𝒜𝒜</c>": the ">" of </c> is its 9th character (11 UTF-16 units)
    expect(fault('<a>\r\n\r<b>𝒜𝒜</c>')).toBe('3:9: unexpected close tag.');
  });

  it('the error carries the offset, line and column apart', () => {
    try {
      tokens('<a>\n&bogus;</a>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlSyntaxError);
      expect(e).toMatchObject({ reason: 'undefined entity.', offset: 11, line: 2, column: 7 });
    }
  });

  it('reads in linear time: 40,000 comments, CDATA sections, processing instructions, references and CR LF', () => {
    const doc = `<r>${'<!-- c --><![CDATA[d]]><?p q?>&amp;x\r\n<e a="&lt;"/>'.repeat(40_000)}</r>`;
    const t0 = performance.now();
    expect(tokens(doc)).toHaveLength(2 + 40_000 * 4);
    // a search from each construct to the end of the text would take minutes
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('a fault is met where it is: tokens before it were reported, none after', () => {
    const seen: string[] = [];
    const tok = new XmlTokenizer('<r><a/><b></c><d/></r>', {
      openTag: (name) => seen.push(name),
      closeTag: () => seen.push('/'),
      text: () => undefined,
      keepsBlank: () => true,
      doctype: () => undefined,
    });
    expect(() => tok.end()).toThrow(XmlSyntaxError);
    expect(seen).toEqual(['r', 'a', '/', 'b']);
  });
});

// ---- differential: saxes (the parser this replaces, kept as a reference here only) -----------

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures');
const fixtures = fs.existsSync(FIXTURES) ? walk(FIXTURES).filter((f) => f.endsWith('.xml')) : [];

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const STOP = new Error('stop');

/** saxes over the text, with the handlers `on` sets, stopped at its first error (or DOCTYPE); that error */
function withSaxes<X extends boolean>(xmlns: X, text: string, on: (p: SaxesParser<{ xmlns: X; position: true }>) => void): string | undefined {
  const p = new SaxesParser({ xmlns, position: true });
  let error: string | undefined;
  p.on('error', (e) => {
    error ??= e.message;
    throw STOP;
  });
  p.on('doctype', () => {
    error ??= 'DOCTYPE';
    throw STOP;
  });
  on(p);
  try {
    p.write(text).close();
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return error;
}

/** the tokens saxes reports (non-namespace mode, as xml.ts used it) and its first error */
function saxesTokens(text: string): { tokens: Token[]; error?: string } {
  const out: Token[] = [];
  let attrs: [string, string][] = [];
  let depth = 0;
  const error = withSaxes(false, text, (p) => {
    p.on('attribute', (a) => attrs.push([a.name, a.value]));
    p.on('opentag', (t) => {
      out.push(['open', t.name, attrs, text.lastIndexOf('<', p.position - 1), p.position]);
      attrs = [];
      if (!t.isSelfClosing) depth++;
    });
    p.on('closetag', (t) => {
      out.push(['close', p.position]);
      if (!t.isSelfClosing) depth--;
    });
    const onText = (s: string) => {
      if (s && depth > 0) out.push(['text', s]);
    };
    p.on('text', onText);
    p.on('cdata', onText);
  });
  return error === undefined ? { tokens: out } : { tokens: out, error };
}

function ourTokens(text: string): { tokens: Token[]; error?: string } {
  const { tokens: all, error } = record(text);
  const tokens = all.filter((t) => t[0] !== 'doctype');
  if (!error) return { tokens };
  return { tokens, error: tokens.length < all.length ? 'DOCTYPE' : error.message };
}

interface Plain {
  name: string;
  local: string;
  ns: string;
  attrs: [string, string][];
  nsAttrs: [string, string][];
  lang: string | undefined;
  start: number;
  end: number;
  parent: string | null;
  children: (Plain | string)[];
}

const plain = (el: XmlElement): Plain => ({
  name: el.name,
  local: el.local,
  ns: el.ns,
  attrs: Object.entries(el.attrs),
  nsAttrs: Object.entries(el.nsAttrs),
  lang: el.lang,
  start: el.start,
  end: el.end,
  parent: el.parent?.name ?? null,
  children: el.children.map((c) => (typeof c === 'string' ? c : plain(c))),
});

/** the element tree as saxes in namespace mode reads it (names, namespaces, attributes, text, xml:lang, offsets) */
function saxesTree(text: string): Plain | string {
  const stack: Plain[] = [];
  let root: Plain | undefined;
  const error = withSaxes(true, text, (p) => {
    p.on('opentag', (t) => {
      const parent = stack[stack.length - 1];
      const attrs = Object.values(t.attributes);
      const nsAttrs = attrs.map((a): [string, string] => [`{${a.uri}}${a.local}`, a.value]);
      const el: Plain = {
        name: t.name,
        local: t.local,
        ns: t.uri,
        attrs: attrs.map((a) => [a.name, a.value]),
        nsAttrs,
        lang: nsAttrs.find(([k]) => k === `{${XML_NS}}lang`)?.[1] || parent?.lang,
        start: text.lastIndexOf('<', p.position - 1),
        end: -1,
        parent: parent?.name ?? null,
        children: [],
      };
      if (parent) parent.children.push(el);
      else root ??= el;
      stack.push(el);
    });
    p.on('closetag', () => {
      stack.pop()!.end = p.position;
    });
    const onText = (s: string) => {
      if (s && stack.length) stack[stack.length - 1]!.children.push(s);
    };
    p.on('text', onText);
    p.on('cdata', onText);
  });
  return error ?? root!;
}

function ourTree(text: string): Plain | string {
  try {
    return plain(parseXml(text, { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth: 256 }));
  } catch (e) {
    return (e as Error).message;
  }
}

describe.skipIf(!fixtures.length)('differential against saxes, every XML fixture (../shared/fixtures)', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(100);
  });

  it.each(fixtures.map((f) => [path.relative(FIXTURES, f), f]))('%s: the same tokens, offsets and verdict (and message)', (_name, file) => {
    const text = decodeXml(fs.readFileSync(file)).text;
    const ref = saxesTokens(text);
    const got = ourTokens(text);
    expect(got.error).toBe(ref.error);
    // (saxes reports the end tag it refuses before refusing it; no token comes after a fault here)
    expect(got.tokens).toEqual(ref.error ? ref.tokens.slice(0, got.tokens.length) : ref.tokens);
  });

  it.each(fixtures.map((f) => [path.relative(FIXTURES, f), f]))('%s: parseXml gives the element tree saxes reads (namespaces resolved)', (_name, file) => {
    const text = decodeXml(fs.readFileSync(file)).text;
    const ref = saxesTree(text);
    const got = ourTree(text);
    if (typeof ref === 'string') expect(typeof got).toBe('string');
    else expect(got).toEqual(ref);
  });

  it('mutated fixtures (seeded): saxes and the tokenizer accept and refuse the same documents, and report the same tokens', () => {
    const small = fixtures.map((f) => decodeXml(fs.readFileSync(f)).text).filter((t) => t.length < 12_000);
    expect(small.length).toBeGreaterThan(10);
    let seed = 20_251;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    // (not lone surrogates: saxes takes a high surrogate and the character after it as one)
    const inserts = ['<', '>', '&', '"', "'", '/', '=', ' ', ']]>', '<!--', '--', '-->', '&amp;', '&#0;', '&#x10FFFF;', '&#xD800;', '<?xml version="1.0"?>', '<?pi x?>', '<![CDATA[x]]>', '\r', '\r\n', '\u0001', '\uFFFE', '&foo;', ':', '<a>', '</a>', '<!DOCTYPE x>', 'x="1"', '?>', '<?', '<!', '&#', ';', '\t'];
    let refused = 0;
    for (let k = 0; k < 600; k++) {
      const base = small[Math.floor(rnd() * small.length)]!;
      const at = Math.floor(rnd() * base.length);
      const doc = rnd() < 0.3 ? base.slice(0, at) + base.slice(at + 1 + Math.floor(rnd() * 3)) : base.slice(0, at) + inserts[Math.floor(rnd() * inserts.length)]! + base.slice(at);
      const ref = saxesTokens(doc);
      const got = ourTokens(doc);
      if (ref.error) refused++;
      expect({ k, refused: !!got.error }).toEqual({ k, refused: !!ref.error });
      if (!ref.error) expect(got.tokens).toEqual(ref.tokens);
    }
    // the mutations do break documents, and not all of them
    expect(refused).toBeGreaterThan(200);
    expect(refused).toBeLessThan(600);
  });
});
