// A strict, non-validating XML 1.0 tokenizer over a whole string (the caller always has
// the whole decoded document). It reports tags, text and CDATA to a handler, checks
// well-formedness as it goes (the checks saxes made, with its messages and positions
// where it had them) and never reads a DTD: a DOCTYPE is reported to the handler and is
// then an error. Scanning is by indexOf and charCodeAt; text and attribute values are
// slices of the document unless an entity or a line end has to be rewritten.
//
// Positions: offsets are UTF-16 indices into the text. An error's line:column is that of
// the character that gave the fault (column counted in characters, 1 for the first of a
// line), as saxes wrote it; it is computed only when an error is raised.
//
// Where it is stricter or plainer than saxes: a lone surrogate is refused (saxes took it
// with the character after it); a bare "&" is reported where it stands (saxes read on to
// the next ";"); a construct cut short by the end says which; a faulty XML declaration has
// one message; an XML 1.1 declaration is read by the XML 1.0 rules.

export interface XmlTokenHandler {
  /**
   * A start tag `<name a="v">` from `start` (its "<") to `end` (after its ">"); the
   * attributes, in document order, decoded and normalised, are tokenizer.attrNames and
   * attrValues [0, attrCount). A self-closing tag is an openTag then a closeTag at the same end.
   * tokenizer.nameSlot and attrSlots give each name a number below tokenizer.nameSlots, the
   * same for the same name nearly always: an index for the handler's caches (which must check the name).
   */
  openTag(name: string, start: number, end: number, attrCount: number): void;
  /** the end tag of the innermost open element (or of a self-closing one); end is after its ">" */
  closeTag(end: number): void;
  /** character data inside the root element, entities decoded, line ends normalised; CDATA sections come as text of their own; never empty */
  text(s: string): void;
  /** text of whitespace only (spaces, tabs, line ends) is met inside the root: report it? (if not, it is not even built) */
  keepsBlank(lineBreak: boolean): boolean;
  /** a <!DOCTYPE at `start`; the tokenizer raises an error when this returns */
  doctype(start: number): void;
}

export class XmlSyntaxError extends Error {
  constructor(
    /** without the position */
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

// ASCII name characters: 1 NameStartChar, 2 NameChar only
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 58 || c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) NAME[c] = 1;
  else if (c === 45 || c === 46 || (c >= 48 && c <= 57)) NAME[c] = 2;
}

/** NameStartChar above ASCII (XML 1.0 fifth edition, production 4) */
function isWideNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

/** NameChar above ASCII (production 4a) */
function isWideNameChar(c: number): boolean {
  return isWideNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** XML 1.0 Char (production 2), for character references */
function isChar(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

// Characters XML 1.0 never allows: C0 controls but tab, LF and CR; U+FFFE/U+FFFF; a
// surrogate that is not half of a pair. Every character is checked once where it is read:
// names and the insides of tags by the loops that read them, text by TEXT_RUN, the rest
// (comments, processing instructions, CDATA) by NOT_CHAR over their span.
// eslint-disable-next-line no-control-regex
const TEXT_RUN = /[^<\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*/y;
// eslint-disable-next-line no-control-regex
const NOT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;

// the XML declaration: version, then encoding and standalone, in this order (as saxes checked)
const XML_DECL =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

const NONE = Number.POSITIVE_INFINITY;

const isS = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

export class XmlTokenizer {
  /** attribute names and values of the start tag being reported, [0, attrCount) */
  readonly attrNames: string[] = [];
  readonly attrValues: string[] = [];
  readonly attrSlots: number[] = [];
  /** the slot of the element name being reported */
  nameSlot = 0;
  /** how many slots there are, more for a longer text (for a few dozen to a few hundred names) */
  readonly nameSlots: number;
  private readonly s: string;
  private readonly n: number;
  private pos: number;
  /** where an XML declaration may stand (0, or 1 after a byte order mark) */
  private readonly docStart: number;
  /** names of the open elements, innermost last ([0, depth)) */
  private readonly stack: string[] = [];
  private depth = 0;
  private sawRoot = false;
  private closedRoot = false;
  private ended = false;
  // the next "&", CR and "]]>" at or after the text being read (Infinity: none); each is
  // searched again only once the reading has passed it, so the whole text is scanned once
  private nextAmp = -1;
  private nextCr = -1;
  private nextCdEnd = -1;
  /** the names met so far, by slot (a hash of some of their characters and their length): one string object per name */
  private readonly names: (string | undefined)[];
  /** 32 - log2(nameSlots): the hash's top bits choose the first slot */
  private readonly hashShift: number;
  private slot = 0;
  private refEnd = 0;

  constructor(
    text: string,
    private readonly handler: XmlTokenHandler,
  ) {
    this.s = text;
    this.n = text.length;
    this.docStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.pos = this.docStart;
    // from 32 slots (a small record) to 2048 (a page of records)
    const bits = Math.min(11, Math.max(5, Math.ceil(Math.log2(text.length / 16 + 1))));
    this.nameSlots = 1 << bits;
    this.hashShift = 32 - bits;
    this.names = new Array<string | undefined>(this.nameSlots);
  }

  /** Report every token that starts before limit (a token is always read whole). */
  advance(limit: number): void {
    const s = this.s;
    const end = Math.min(limit, this.n);
    let pos = this.pos;
    // (after an error the tokenizer is not used again)
    while (pos < end) {
      if (s.charCodeAt(pos) !== 60 /* < */) {
        pos = this.textRun(pos);
        continue;
      }
      const c = s.charCodeAt(pos + 1);
      if (c === 47 /* / */) pos = this.closeTag(pos);
      else if (c === 33 /* ! */) pos = this.bang(pos);
      else if (c === 63 /* ? */) pos = this.pi(pos);
      else pos = this.openTag(pos);
    }
    this.pos = pos;
  }

  /** The end of the document: everything read, the root element there and closed. */
  end(): void {
    this.advance(this.n);
    if (this.ended) return;
    if (!this.sawRoot) this.fail(this.n, 'document must contain a root element.');
    if (this.depth > 0) this.fail(this.n, `unclosed tag: ${this.stack[this.depth - 1]!}`);
    this.ended = true;
  }

  /** line (from 1) and column (characters read on that line) after `offset` characters */
  lineCol(offset: number): { line: number; column: number } {
    const s = this.s;
    const at = Math.min(offset, this.n);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c === 13) {
        if (s.charCodeAt(i + 1) === 10) i++;
        line++;
        lineStart = i + 1;
      }
    }
    let column = 0;
    for (let i = lineStart; i < at; i++) {
      const c = s.charCodeAt(i);
      // a surrogate pair is one character
      if (c >= 0xdc00 && c <= 0xdfff && i > lineStart) {
        const p = s.charCodeAt(i - 1);
        if (p >= 0xd800 && p <= 0xdbff) continue;
      }
      column++;
    }
    return { line, column };
  }

  /** an error at the character before `at` (when that is one XML does not allow, that is the error) */
  fail(at: number, reason: string): never {
    if (at > 0 && this.notChar(at - 1)) reason = 'disallowed character.';
    const { line, column } = this.lineCol(at);
    throw new XmlSyntaxError(reason, at, line, column);
  }

  /** is the character at i one XML does not allow (a lone surrogate included) */
  private notChar(i: number): boolean {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c < 0x20) return c !== 9 && c !== 10 && c !== 13;
    if (c < 0xd800) return false;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      return !(d >= 0xdc00 && d <= 0xdfff);
    }
    if (c <= 0xdfff) {
      const d = s.charCodeAt(i - 1);
      return !(d >= 0xd800 && d <= 0xdbff);
    }
    return c === 0xfffe || c === 0xffff;
  }

  /** the span [a, b) (a comment, a processing instruction, CDATA) must hold only characters XML allows */
  private check(a: number, b: number): void {
    // on a slice: a search from a in the whole text would run on to its end
    const span = this.s.slice(a, b);
    NOT_CHAR.lastIndex = 0;
    for (;;) {
      const m = NOT_CHAR.exec(span);
      if (!m) return;
      const i = a + m.index;
      if (this.notChar(i)) this.fail(i + 1, 'disallowed character.');
      NOT_CHAR.lastIndex = m.index + 2; // a surrogate pair
    }
  }

  /** the text ran out inside a construct (`what`) */
  private truncated(what: string): never {
    this.fail(this.n, `unexpected end of the document in ${what}.`);
  }

  // ---- names ------------------------------------------------------------------------

  /** length (1 or 2 code units) of a NameStartChar at p, or 0 */
  private nameStart(p: number): number {
    const c = this.s.charCodeAt(p);
    if (c < 128) return NAME[c] === 1 ? 1 : 0;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.s.charCodeAt(p + 1);
      return d >= 0xdc00 && d <= 0xdfff && isWideNameStart(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)) ? 2 : 0;
    }
    return c === c && isWideNameStart(c) ? 1 : 0;
  }

  /** the end of the run of NameChars from p */
  private nameEnd(p: number): number {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c < 128) {
        if (NAME[c] === 0) return p;
        p++;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(p + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff && isWideNameChar(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)))) return p;
        p += 2;
      } else if (c === c && isWideNameChar(c)) p++;
      else return p; // NaN: the end of the text
    }
  }

  /** s.slice(a, b), the same string object as the last time this name was met */
  private name(a: number, b: number): string {
    const s = this.s;
    const len = b - a;
    // names often share a prefix ("lido:"): the last characters, the middle one and the length tell them apart
    const home = Math.imul(s.charCodeAt(b - 1) ^ (s.charCodeAt(b - 2) << 7) ^ (s.charCodeAt(a + (len >> 1)) << 14) ^ (len << 21), 0x9e3779b1) >>> this.hashShift;
    const name = s.slice(a, b);
    const names = this.names;
    const mask = this.nameSlots - 1;
    // a few slots from the hash's (a few dozen names in as many slots would otherwise share some)
    for (let k = 0; k < 4; k++) {
      const i = (home + k) & mask;
      const known = names[i];
      if (known === undefined) {
        names[i] = name;
        this.slot = i;
        return name;
      }
      if (known === name) {
        this.slot = i;
        return known;
      }
    }
    // all taken by other names: this one takes its first
    names[home] = name;
    this.slot = home;
    return name;
  }

  // ---- character data ---------------------------------------------------------------

  /** text from pos to the next "<" (or the end) */
  private textRun(pos: number): number {
    const s = this.s;
    const n = this.n;
    // whitespace only (indentation, mostly)? it is built only if the handler wants it
    let i = pos;
    let lineBreak = false;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || c === 13) lineBreak = true;
      else if (c !== 32 && c !== 9) break;
    }
    let lt = i;
    let bad = false;
    if (i < n && s.charCodeAt(i) !== 60 /* < */) {
      // to the "<", stopping at a character XML does not allow (a surrogate pair goes on)
      for (;;) {
        TEXT_RUN.lastIndex = lt;
        TEXT_RUN.test(s);
        lt = TEXT_RUN.lastIndex;
        if (lt >= n || s.charCodeAt(lt) === 60) break;
        if (this.notChar(lt)) {
          bad = true;
          break;
        }
        lt += 2;
      }
    } else if (this.depth === 0 || !this.handler.keepsBlank(lineBreak)) return lt;
    if (this.nextAmp < pos) this.nextAmp = find(s, '&', pos);
    if (this.nextCr < pos) this.nextCr = find(s, '\r', pos);
    const amp = this.nextAmp;
    if (this.depth === 0) {
      // outside the root only whitespace; saxes reported it at the "&" or "<" that ended it
      if (amp < lt) this.fail(amp + 1, 'text data outside of root node.');
      if (bad) this.fail(lt + 1, 'disallowed character.');
      this.fail(lt < n ? lt + 1 : n, 'text data outside of root node.');
    }
    if (this.nextCdEnd < pos) this.nextCdEnd = find(s, ']]>', pos);
    if (this.nextCdEnd + 2 < lt) {
      // an entity error before it comes first
      if (amp < this.nextCdEnd) this.decodeText(pos, this.nextCdEnd);
      this.fail(this.nextCdEnd + 3, 'the string "]]>" is disallowed in char data.');
    }
    const t = amp < lt || this.nextCr < lt ? this.decodeText(pos, lt) : s.slice(pos, lt);
    if (bad) this.fail(lt + 1, 'disallowed character.');
    if (t.length) this.handler.text(t);
    return lt;
  }

  /** [a, b) with references decoded and CR LF / CR as LF */
  private decodeText(a: number, b: number): string {
    const s = this.s;
    let out = '';
    let from = a;
    // from one "&" or CR to the next by the cached positions (kept for the text after b)
    for (;;) {
      const amp = this.nextAmp;
      const cr = this.nextCr;
      if (amp < cr) {
        if (amp >= b) break;
        out += s.slice(from, amp) + this.reference(amp);
        from = this.refEnd;
        this.nextAmp = find(s, '&', from);
      } else {
        if (cr >= b) break;
        out += `${s.slice(from, cr)}\n`;
        from = s.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        this.nextCr = find(s, '\r', from);
      }
    }
    return from === a ? s.slice(a, b) : out + s.slice(from, b);
  }

  /** the entity or character reference at i ("&"); this.refEnd is set after its ";" */
  private reference(i: number): string {
    const s = this.s;
    let p = i + 1;
    if (s.charCodeAt(p) === 35 /* # */) {
      p++;
      let cp = 0;
      let digits = 0;
      if (s.charCodeAt(p) === 120 /* x */) {
        p++;
        for (;; p++, digits++) {
          const c = s.charCodeAt(p);
          const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
          if (d < 0) break;
          cp = Math.min(cp * 16 + d, 0x110000);
        }
      } else {
        for (;; p++, digits++) {
          const c = s.charCodeAt(p);
          if (!(c >= 48 && c <= 57)) break;
          cp = Math.min(cp * 10 + (c - 48), 0x110000);
        }
      }
      if (digits === 0 || s.charCodeAt(p) !== 59 /* ; */) this.fail(Math.min(p + 1, this.n), 'malformed character entity.');
      if (!isChar(cp)) this.fail(p + 1, 'malformed character entity.');
      this.refEnd = p + 1;
      return String.fromCodePoint(cp);
    }
    const first = this.nameStart(p);
    const e = first ? this.nameEnd(p + first) : p;
    if (!first || s.charCodeAt(e) !== 59 /* ; */) this.fail(i + 1, 'bare "&" (not an entity or character reference; write &amp;).');
    this.refEnd = e + 1;
    switch (s.slice(p, e)) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        // no DTD, so no other entity is ever defined
        return this.fail(e + 1, 'undefined entity.');
    }
  }

  // ---- tags ---------------------------------------------------------------------------

  private openTag(lt: number): number {
    const s = this.s;
    const first = this.nameStart(lt + 1);
    if (!first) {
      if (lt + 1 >= this.n) this.truncated('a start tag');
      this.fail(lt + 2, 'disallowed character in tag name');
    }
    let p = this.nameEnd(lt + 1 + first);
    if (p >= this.n) this.truncated('a start tag');
    const name = this.name(lt + 1, p);
    const nameSlot = this.slot;
    this.sawRoot = true;
    if (this.closedRoot) this.fail(p + 1, 'documents may contain only one root.');
    const names = this.attrNames;
    const values = this.attrValues;
    let count = 0;
    let c = s.charCodeAt(p);
    let selfClosing = false;
    // after the name or a value: whitespace, ">" or "/>"
    for (;;) {
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) {
        if (s.charCodeAt(p + 1) !== 62) {
          if (p + 1 >= this.n) this.truncated('a start tag');
          this.fail(p + 2, 'forward-slash in opening tag not followed by >.');
        }
        selfClosing = true;
        p++;
        break;
      }
      if (!isS(c)) {
        if (p >= this.n) this.truncated('a start tag');
        if (count === 0) this.fail(p + 1, 'disallowed character in tag name.');
        this.fail(p + 1, this.nameStart(p) ? 'no whitespace between attributes.' : 'disallowed character in attribute name.');
      }
      do c = s.charCodeAt(++p);
      while (isS(c));
      if (c === 62 || c === 47) continue;
      // an attribute
      const a = this.nameStart(p);
      if (!a) {
        if (p >= this.n) this.truncated('a start tag');
        this.fail(p + 1, 'disallowed character in attribute name.');
      }
      const ne = this.nameEnd(p + a);
      const an = this.name(p, ne);
      this.attrSlots[count] = this.slot;
      p = ne;
      c = s.charCodeAt(p);
      while (isS(c)) c = s.charCodeAt(++p);
      if (c !== 61 /* = */) {
        if (p >= this.n) this.truncated('a start tag');
        this.fail(p + 1, ne === p && c !== 62 ? 'disallowed character in attribute name.' : 'attribute without value.');
      }
      do c = s.charCodeAt(++p);
      while (isS(c));
      if (c !== 34 && c !== 39) {
        if (p >= this.n) this.truncated('a start tag');
        this.fail(p + 1, 'unquoted attribute value.');
      }
      const v0 = p + 1;
      const q = s.indexOf(c === 34 ? '"' : "'", v0);
      if (q < 0) {
        const lt2 = s.indexOf('<', v0);
        if (lt2 >= 0) this.fail(lt2 + 1, 'disallowed character.');
        this.truncated('a start tag');
      }
      let i = v0;
      while (i < q) {
        const k = s.charCodeAt(i);
        if (k < 32 || k === 38 || k === 60 || k >= 0xd800) break;
        i++;
      }
      names[count] = an;
      values[count] = i === q ? s.slice(v0, q) : this.decodeAttr(v0, i, q);
      count++;
      p = q + 1;
      c = s.charCodeAt(p);
    }
    const end = p + 1;
    if (count > 1) this.checkDuplicates(count, end);
    this.stack[this.depth++] = name;
    this.nameSlot = nameSlot;
    this.handler.openTag(name, lt, end, count);
    if (selfClosing) {
      this.depth--;
      if (this.depth === 0) this.closedRoot = true;
      this.handler.closeTag(end);
    }
    return end;
  }

  /** an attribute value [a, b) whose first character to rewrite is at i */
  private decodeAttr(a: number, i: number, b: number): string {
    const s = this.s;
    let out = '';
    let from = a;
    while (i < b) {
      const c = s.charCodeAt(i);
      if (c === 38 /* & */) {
        // a reference is not normalised: &#10; stays a line feed
        out += s.slice(from, i) + this.reference(i);
        i = from = this.refEnd;
      } else if (c === 60 /* < */) {
        this.fail(i + 1, 'disallowed character.');
      } else if (c === 9 || c === 10 || c === 13) {
        // attribute-value normalisation (CDATA type): a literal tab or line end is a space
        out += `${s.slice(from, i)} `;
        i += c === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
        from = i;
      } else {
        if ((c < 32 || c >= 0xd800) && this.notChar(i)) this.fail(i + 1, 'disallowed character.');
        i++;
      }
    }
    return out + s.slice(from, b);
  }

  private checkDuplicates(count: number, end: number): void {
    const names = this.attrNames;
    if (count <= 16) {
      for (let i = 1; i < count; i++) {
        const a = names[i]!;
        for (let j = 0; j < i; j++) if (names[j] === a) this.fail(end, `duplicate attribute: ${a}.`);
      }
      return;
    }
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      if (seen.has(names[i]!)) this.fail(end, `duplicate attribute: ${names[i]!}.`);
      seen.add(names[i]!);
    }
  }

  private closeTag(lt: number): number {
    const s = this.s;
    const start = lt + 2;
    const top = this.depth > 0 ? this.stack[this.depth - 1]! : undefined;
    let p: number;
    let matched = false;
    // (comparing a slice is native, and faster than a loop over the characters or startsWith)
    if (top !== undefined && s.slice(start, start + top.length) === top) {
      p = start + top.length;
      const c = s.charCodeAt(p);
      // "</ab>" is not "</a>"
      matched = c === 62 || isS(c);
      if (!matched) p = this.nameEnd(p);
    } else p = this.nameEnd(start);
    let c = s.charCodeAt(p);
    while (isS(c)) c = s.charCodeAt(++p);
    if (c !== 62 /* > */) {
      if (p >= this.n) this.truncated('an end tag');
      this.fail(p + 1, 'disallowed character in closing tag.');
    }
    const end = p + 1;
    if (!matched) {
      const name = s.slice(start, this.nameEnd(start));
      if (name === '') this.fail(end, 'weird empty close tag.');
      if (top === undefined) this.fail(end, `unmatched closing tag: ${name}.`);
      this.fail(end, 'unexpected close tag.');
    }
    if (--this.depth === 0) this.closedRoot = true;
    this.handler.closeTag(end);
    return end;
  }

  // ---- <! and <? ---------------------------------------------------------------------

  private bang(lt: number): number {
    const s = this.s;
    if (s.startsWith('--', lt + 2)) {
      const k = s.indexOf('--', lt + 4);
      this.check(lt + 4, k < 0 ? this.n : k);
      if (k < 0) this.truncated('a comment');
      if (s.charCodeAt(k + 2) !== 62 /* > */) {
        if (k + 2 >= this.n) this.truncated('a comment');
        this.fail(k + 3, 'malformed comment.');
      }
      return k + 3;
    }
    if (s.startsWith('[CDATA[', lt + 2)) {
      if (this.depth === 0) this.fail(lt + 9, 'text data outside of root node.');
      const k = s.indexOf(']]>', lt + 9);
      this.check(lt + 9, k < 0 ? this.n : k);
      if (k < 0) this.truncated('a CDATA section');
      let t = s.slice(lt + 9, k);
      if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
      if (t.length) this.handler.text(t);
      return k + 3;
    }
    if (s.startsWith('DOCTYPE', lt + 2)) {
      if (this.sawRoot) this.fail(lt + 9, 'inappropriately located doctype declaration.');
      this.handler.doctype(lt);
      // nothing of a DTD is ever read
      this.fail(lt + 9, 'DOCTYPE declarations are not accepted.');
    }
    if (lt + 9 > this.n) this.truncated('markup');
    this.fail(lt + 9, 'incorrect syntax.');
  }

  private pi(lt: number): number {
    const s = this.s;
    const first = this.nameStart(lt + 2);
    if (!first) {
      if (lt + 2 >= this.n) this.truncated('a processing instruction');
      const c = s.charCodeAt(lt + 2);
      this.fail(lt + 3, c === 63 || isS(c) ? 'processing instruction without a target.' : 'disallowed character in processing instruction name.');
    }
    const te = this.nameEnd(lt + 2 + first);
    const c = s.charCodeAt(te);
    if (!(c === 63 || isS(c))) {
      if (te >= this.n) this.truncated('a processing instruction');
      this.fail(te + 1, 'disallowed character in processing instruction name.');
    }
    const target = s.slice(lt + 2, te);
    if (target === 'xml') {
      if (lt !== this.docStart) this.fail(te + 1, 'an XML declaration must be at the start of the document.');
      XML_DECL.lastIndex = lt;
      if (!XML_DECL.test(s)) {
        // reported at its "?>", or at the "<" met before one
        const k = s.indexOf('?>', te);
        const next = s.indexOf('<', te);
        if (next >= 0 && (k < 0 || next < k)) this.fail(next + 1, 'malformed XML declaration (version="1.0", then optionally encoding and standalone).');
        if (k < 0) this.truncated('the XML declaration');
        this.fail(k + 2, 'malformed XML declaration (version="1.0", then optionally encoding and standalone).');
      }
      return XML_DECL.lastIndex;
    }
    const k = s.indexOf('?>', te);
    this.check(te, k < 0 ? this.n : k);
    if (k < 0) this.truncated('a processing instruction');
    if (target.toLowerCase() === 'xml') this.fail(k + 2, 'the XML declaration must appear at the start of the document.');
    return k + 2;
  }
}

function find(s: string, what: string, from: number): number {
  const i = s.indexOf(what, from);
  return i < 0 ? NONE : i;
}
