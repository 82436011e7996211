import { describe, expect, it } from 'vitest';
import { collapseWhitespace, decodeXml, nestingBound, parseXml, scanXml, sliceOf, textOf, XML_NS, XMLNS_NS, XmlError, type XmlElement, type XmlScan } from './xml.ts';

const opts = { maxBytes: 1 << 20, maxDepth: 64 };

function fault(fn: () => unknown): XmlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error('no XmlError thrown');
}

describe('safety', () => {
  it('refuses a billion-laughs document at its DOCTYPE, quickly, expanding nothing', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    const t0 = performance.now();
    const e = fault(() => parseXml(lol, opts));
    expect(e.reason).toBe('unparseable');
    expect(e.message).toBe('line 2: DOCTYPE declarations are not accepted (no DTD or entity is ever resolved)');
    expect(e.message).not.toMatch(/lollol/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses an XXE document and never reads the file it names', () => {
    const xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    const e = fault(() => parseXml(xxe, opts));
    expect(e.reason).toBe('unparseable');
    expect(e.message).not.toMatch(/root:/);
    // and in streaming mode too
    const e2 = fault(() => [...scanXml(xxe, { ...opts, maxRecordDepth: 64, isRecord: () => true })]);
    expect(e2.reason).toBe('unparseable');
  });

  it('an undefined entity is a fault, not an expansion', () => {
    expect(fault(() => parseXml('<x>&nbsp;</x>', opts)).message).toMatch(/undefined entity/);
  });

  it('caps nesting: too_deep with the line', () => {
    const deep = '<a>'.repeat(100) + '</a>'.repeat(100);
    const e = fault(() => parseXml(deep, opts));
    expect(e.reason).toBe('too_deep');
    expect(e.message).toBe('line 1: nesting deeper than 64 elements');
  });

  it('caps the document size', () => {
    expect(fault(() => parseXml('<x>12345</x>', { maxBytes: 5, maxDepth: 8 })).reason).toBe('too_large');
  });
});

describe('decodeXml', () => {
  it('decodes a Windows-1252 declared file (0x92 is ’)', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><t>it'), Buffer.from([0x92]), Buffer.from('s</t>')]);
    const d = decodeXml(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(textOf(parseXml(d.text, opts))).toBe('it’s');
  });

  it('reads ISO-8859-1 as its superset Windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from("<?xml version='1.0' encoding='ISO-8859-1'?><t>"), Buffer.from([0xe9, 0x93, 0x94]), Buffer.from('</t>')]);
    expect(textOf(parseXml(decodeXml(bytes).text, opts))).toBe('é“”');
  });

  it('drops a UTF-8 BOM and whitespace before the declaration, and says so', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n  \r\n<?xml version="1.0" encoding="UTF-8"?><t>ok</t>')]);
    const d = decodeXml(bytes);
    expect(d.repairs).toEqual(['UTF-8 byte order mark removed', 'whitespace before the XML declaration removed']);
    expect(textOf(parseXml(d.text, opts))).toBe('ok');
  });

  it('removes control characters XML forbids', () => {
    const d = decodeXml(Buffer.from('<t>a\u0003b\u001Ac</t>'));
    expect(d.text).toBe('<t>abc</t>');
    expect(d.repairs).toEqual(['2 control characters removed']);
  });

  it('reads stray Windows-1252 bytes in a UTF-8 file as Windows-1252, and says so', () => {
    const d = decodeXml(Buffer.concat([Buffer.from('<t>It'), Buffer.from([0x92]), Buffer.from('s 1750'), Buffer.from([0x96]), Buffer.from('1760 — ü'), Buffer.from([0xff]), Buffer.from('</t>')]));
    expect(d.text).toBe('<t>It’s 1750–1760 — üÿ</t>');
    expect(d.repairs).toEqual(['bytes that are not UTF-8 read as Windows-1252']);
  });

  it('leaves valid UTF-8 alone (a real U+FFFD included)', () => {
    const d = decodeXml(Buffer.from('<t>𝒜 \uFFFD 漢</t>'));
    expect(d.text).toBe('<t>𝒜 \uFFFD 漢</t>');
    expect(d.repairs).toEqual([]);
  });
});

describe('namespaces and offsets', () => {
  const doc = `<r:root xmlns:r="urn:r" xmlns="urn:d" xml:lang="de"><child a="1" r:b="2" xml:lang="en">x</child><r:k>𝒜 y</r:k><plain xmlns=""/></r:root>`;
  const root = parseXml(doc, opts);
  const [child, k, plain] = root.children as XmlElement[];

  it('resolves prefixes, the default namespace and its undeclaration', () => {
    expect([root.ns, root.local, root.name]).toEqual(['urn:r', 'root', 'r:root']);
    expect([child!.ns, child!.local]).toEqual(['urn:d', 'child']);
    expect([k!.ns, k!.local]).toEqual(['urn:r', 'k']);
    expect(plain!.ns).toBe('');
  });

  it('keys attributes by expanded name: unprefixed ones have no namespace', () => {
    expect(child!.nsAttrs).toEqual({ '{}a': '1', '{urn:r}b': '2', [`{${XML_NS}}lang`]: 'en' });
    expect(child!.attrs).toEqual({ a: '1', 'r:b': '2', 'xml:lang': 'en' });
  });

  it('inherits xml:lang', () => {
    expect([root.lang, child!.lang, k!.lang]).toEqual(['de', 'en', 'de']);
  });

  it('slices an element exactly, astral characters included', () => {
    expect(sliceOf(doc, k!)).toBe('<r:k>𝒜 y</r:k>');
    expect(sliceOf(doc, plain!)).toBe('<plain xmlns=""/>');
    expect(sliceOf(doc, root)).toBe(doc);
  });

  it('an unbound prefix is not well-formed', () => {
    const e = fault(() => parseXml('<a><lido:x/></a>', opts));
    expect(e.reason).toBe('unparseable');
    // where the start tag ends
    expect(e.message).toBe('1:12: unbound namespace prefix: "lido".');
    expect(fault(() => parseXml('<a x:y="1"/>', opts)).message).toMatch(/unbound namespace prefix: "x"/);
  });

  it('the same prefixed name resolves in each scope it stands in', () => {
    const r = parseXml('<r><x:e xmlns:x="urn:A" x:a="1"/><x:e xmlns:x="urn:B" x:a="2"/><x:e xmlns:x="urn:A" x:a="3"/></r>', opts);
    expect((r.children as XmlElement[]).map((e) => [e.ns, Object.keys(e.nsAttrs)])).toEqual([
      ['urn:A', [`{${XMLNS_NS}}x`, '{urn:A}a']],
      ['urn:B', [`{${XMLNS_NS}}x`, '{urn:B}a']],
      ['urn:A', [`{${XMLNS_NS}}x`, '{urn:A}a']],
    ]);
  });

  it('an empty xml:lang inherits the language in force', () => {
    const r = parseXml('<a xml:lang="de"><b xml:lang=""/></a>', opts);
    expect((r.children[0] as XmlElement).lang).toBe('de');
  });

  it('attrs inherit nothing: an attribute may be named __proto__ or constructor', () => {
    const r = parseXml('<a __proto__="p" constructor="c"><b/></a>', opts);
    expect(Object.keys(r.attrs)).toEqual(['__proto__', 'constructor']);
    expect(r.attrs.__proto__).toBe('p');
    const b = r.children[0] as XmlElement;
    expect(Object.keys(b.attrs)).toEqual([]);
    expect('constructor' in b.attrs || 'toString' in b.attrs).toBe(false);
  });

  it('text either side of a comment, a CDATA section and a child element stays apart, in order', () => {
    const r = parseXml('<a>x<!--c-->y<![CDATA[z]]><b>t</b>w</a>', opts);
    expect(r.children.map((c) => (typeof c === 'string' ? c : c.children))).toEqual(['x', 'y', 'z', ['t'], 'w']);
  });

  it('an element and an attribute of the same name resolve apart', () => {
    const r = parseXml('<type xmlns="urn:d"><type type="t"/></type>', opts);
    const inner = r.children[0] as XmlElement;
    expect(inner.ns).toBe('urn:d');
    expect(inner.nsAttrs).toEqual({ '{}type': 't' });
  });
});

describe('scanXml', () => {
  const record = (i: number) => `<rec n="${i}" xmlns:p="urn:p"><p:t>𝒜${'x'.repeat(i % 7)} ${i}</p:t>\n  <p:u/></rec>`;
  const doc = `<?xml version="1.0"?>\n<wrap xmlns="urn:w">\n${Array.from({ length: 300 }, (_, i) => record(i)).join('\n')}\n</wrap>`;

  it('yields every record whole, across chunk boundaries, and keeps no record in the skeleton', () => {
    const scan: XmlScan = {};
    const got = [...scanXml(doc, { ...opts, maxRecordDepth: 8, chunkSize: 1024, isRecord: (el) => el.local === 'rec' }, scan)];
    expect(got).toHaveLength(300);
    got.forEach(({ el, tooDeep }, i) => {
      expect(tooDeep).toBe(false);
      expect(el.attrs.n).toBe(String(i));
      expect(sliceOf(doc, el)).toBe(record(i));
      expect(textOf(el)).toBe(`𝒜${'x'.repeat(i % 7)} ${i}`);
      // indentation inside records is not kept; the element children are
      expect(el.children.filter((c) => typeof c === 'string')).toEqual([]);
    });
    expect(scan.root?.local).toBe('wrap');
    expect(scan.root?.children).toEqual([]);
  });

  it('cuts a record nested deeper than its cap and marks it, and goes on', () => {
    const deep = `<w><rec>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</rec><rec><a>ok</a></rec></w>`;
    const got = [...scanXml(deep, { ...opts, maxRecordDepth: 64, isRecord: (el) => el.local === 'rec' })];
    expect(got.map((g) => g.tooDeep)).toEqual([true, false]);
    expect(textOf(got[1]!.el)).toBe('ok');
    expect(sliceOf(deep, got[0]!.el)).toBe(`<rec>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</rec>`);
  });

  it('stops at the first fault with its position; a record whose end tag is wrong is not handed over', () => {
    const got: string[] = [];
    const e = fault(() => {
      for (const r of scanXml('<w><rec n="1"/><rec n="2"></w>', { ...opts, maxRecordDepth: 8, isRecord: (el) => el.local === 'rec' })) got.push(r.el.attrs.n!);
    });
    expect(e.reason).toBe('unparseable');
    expect(e.message).toBe('1:30: unexpected close tag.');
    expect(got).toEqual(['1']);
  });

  it('keeps text either side of a pruned or cut subtree, in order', () => {
    const doc = '<w><rec>a<skip>s</skip>b<deep><x><y>z</y></x></deep>c</rec></w>';
    const [r] = [...scanXml(doc, { ...opts, maxRecordDepth: 3, isRecord: (el) => el.local === 'rec', prune: (_ns, local) => local === 'skip' })];
    expect(r!.tooDeep).toBe(true);
    expect(r!.el.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['a', 'b', 'deep', 'c']);
    expect((r!.el.children[2] as XmlElement).children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['x']);
  });
});

describe('text helpers', () => {
  it('collapses whitespace, returning clean strings untouched', () => {
    const s = 'already clean';
    expect(collapseWhitespace(s)).toBe(s);
    expect(collapseWhitespace('  a \n\t b  ')).toBe('a b');
    expect(collapseWhitespace('a\u00a0 b')).toBe('a b');
    expect(collapseWhitespace('')).toBe('');
  });

  it('textOf joins nested text and CDATA', () => {
    expect(textOf(parseXml('<a> x <b>y</b><![CDATA[ <z> ]]></a>', opts))).toBe('x y <z>');
  });
});

describe('nestingBound', () => {
  it('is the deepest nesting below an element, from the document parseXml read, without a walk', () => {
    const root = parseXml('<a><b><c><d/></c></b><e/></a>', { maxBytes: 1000, maxDepth: 10 });
    expect(nestingBound(root)).toBe(4);
    const b = root.children[0] as XmlElement;
    const e = root.children[1] as XmlElement;
    // an upper bound for any element: the document's deepest nesting, counted from its level
    expect(nestingBound(b)).toBe(3);
    expect(nestingBound(e)).toBe(3);
  });

  it('is unknown for a tree not built by parseXml', () => {
    const el: XmlElement = { name: 'x', local: 'x', ns: '', attrs: {}, nsAttrs: {}, children: [], lang: undefined, start: 0, end: 4, parent: undefined };
    expect(nestingBound(el)).toBeUndefined();
  });
});
