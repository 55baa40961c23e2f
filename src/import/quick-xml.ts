// A quick reader for the XML that workbooks are made of, for the forms Excel, WPS, openpyxl and
// this tool's own annexes write: elements with ASCII names, attributes in quotes, text with the
// five predefined entities. It calls back exactly as saxes does for the same text (opentag,
// closetag, text, with the same strings), a few times faster, since a national workbook has
// hundreds of MB of sheet XML. Anything outside those forms (a comment, CDATA, a processing
// instruction, DOCTYPE, a character reference, a character XML does not allow, a tag that does
// not match, anything after the root) makes it give up (write or end returns false) without
// saying why: the caller then reads the part again with saxes, from its start, which says
// exactly what is wrong and where, or reads what is merely unusual. So what the quick reader
// accepts is a subset of what saxes accepts, read the same way (test/import/quick-xml.test.ts
// holds it to saxes on generated XML).

export type QuickOpen = (name: string, attrs: Record<string, string>) => void;
export type QuickClose = (name: string) => void;
export type QuickText = (text: string) => void;

/** Characters XML 1.0 does not allow (saxes reports them); \t, \n and \r are allowed. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
/** The XML declarations taken as they are (version 1.1 would change the rules). */
const XML_DECL = /^<\?xml[ \t\r\n]+version=(["'])1\.0\1(?:[ \t\r\n]+encoding=(["'])[Uu][Tt][Ff]-?8\2)?(?:[ \t\r\n]+standalone=(["'])(?:yes|no)\3)?[ \t\r\n]*\?>$/;
const ENTITY = /&(amp|lt|gt|quot|apos);/g;
const OTHER_AMP = /&(?!(?:amp|lt|gt|quot|apos);)/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NOT_SPACE = /[^ \t\r\n]/;
/**
 * Attributes by name, with no prototype (as saxes gives them: a name such as __proto__ or
 * constructor is an attribute like any other); made by a constructor, which is much cheaper
 * than Object.create(null) for every tag.
 */
const Attrs = function (this: Record<string, string>) {} as unknown as new () => Record<string, string>;
Attrs.prototype = Object.create(null);
/** the attributes of every tag without any (the callbacks only read them) */
const NONE: Record<string, string> = Object.freeze(new Attrs());

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** ASCII name characters: letters, digits, _ . - : (a name starts with a letter or _). */
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 58) || c === 45 || c === 46;

export class QuickXml {
  private rest = '';
  private text = '';
  private readonly stack: string[] = [];
  /** the names of `stack` without their prefixes */
  private readonly locals: string[] = [];
  private started = false;
  private sawRoot = false;
  private closedRoot = false;

  constructor(
    private readonly onOpen: QuickOpen,
    private readonly onClose?: QuickClose,
    private readonly onText?: QuickText,
  ) {}

  /** Text between two tags, as saxes hands it on; false where saxes would object or decode more. */
  private flush(): boolean {
    let t = this.text;
    if (!t) return true;
    this.text = '';
    if (this.stack.length === 0) {
      // outside the root: white space only
      if (NOT_SPACE.test(t)) return false;
    } else {
      if (t.includes('&')) {
        if (OTHER_AMP.test(t)) return false;
        t = t.replace(ENTITY, (_m, e: string) => ENTITIES[e]);
      }
      if (t.includes(']]>')) return false;
    }
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    this.onText?.(t);
    return true;
  }

  /** The next piece of the part; false: not one of the quick forms (read it with saxes). */
  write(chunk: string): boolean {
    const s = this.rest ? this.rest + chunk : chunk;
    // (the test on the joined string also makes it flat, which the scan below reads faster)
    if (NOT_XML.test(s)) return false;
    this.rest = '';
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        this.text += s.slice(i);
        break;
      }
      if (lt > i) this.text += s.slice(i, lt);
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0) {
        this.rest = s.slice(lt);
        break;
      }
      const first = !this.started;
      this.started = true;
      const c = s.charCodeAt(lt + 1);
      if (c === 63) {
        // <?: only the XML declaration, at the very start (nothing before it, not even space)
        if (!first || lt !== 0 || this.text !== '' || !XML_DECL.test(s.slice(lt, gt + 1))) return false;
        i = gt + 1;
        continue;
      }
      if (this.text !== '' && !this.flush()) return false;
      if (c === 47) {
        // </name>, closing the element open last
        const top = this.stack[this.stack.length - 1];
        if (top === undefined || !s.startsWith(top, lt + 2)) return false;
        let e = lt + 2 + top.length;
        while (e < gt && isSpace(s.charCodeAt(e))) e++;
        if (e !== gt) return false;
        this.stack.pop();
        const ln = this.locals.pop()!;
        if (this.stack.length === 0) this.closedRoot = true;
        this.onClose?.(ln);
        i = gt + 1;
        continue;
      }
      if (!isNameStart(c) || this.closedRoot) return false;
      let j = lt + 2;
      let colon = -1;
      for (let d = s.charCodeAt(j); isNameChar(d); d = s.charCodeAt(++j)) if (d === 58) colon = j;
      const name = s.slice(lt + 1, j);
      const ln = colon < 0 ? name : s.slice(colon + 1, j);
      let attrs = NONE;
      let selfClosing = false;
      for (;;) {
        const at = j;
        while (isSpace(s.charCodeAt(j))) j++;
        if (j === gt) break;
        if (s.charCodeAt(j) === 47 && j + 1 === gt) {
          selfClosing = true;
          break;
        }
        // an attribute, after white space: name = "value"
        if (j === at || !isNameStart(s.charCodeAt(j))) return false;
        const from = j;
        while (isNameChar(s.charCodeAt(j))) j++;
        const key = s.slice(from, j);
        while (isSpace(s.charCodeAt(j))) j++;
        if (s.charCodeAt(j) !== 61) return false;
        j++;
        while (isSpace(s.charCodeAt(j))) j++;
        const q = s.charCodeAt(j);
        if (q !== 34 && q !== 39) return false;
        const end = s.indexOf(q === 34 ? '"' : "'", j + 1);
        // a value holding > (which ended the tag too soon), <, &, or white space saxes would normalise
        if (end < 0 || end > gt) return false;
        for (let k = j + 1; k < end; k++) {
          const v = s.charCodeAt(k);
          if (v === 60 || v === 38 || v === 9 || v === 10 || v === 13) return false;
        }
        const value = s.slice(j + 1, end);
        if (attrs === NONE) attrs = new Attrs();
        else if (attrs[key] !== undefined) return false;
        attrs[key] = value;
        j = end + 1;
      }
      this.sawRoot = true;
      this.onOpen(ln, attrs);
      if (selfClosing) {
        if (this.stack.length === 0) this.closedRoot = true;
        this.onClose?.(ln);
      } else {
        this.stack.push(name);
        this.locals.push(ln);
      }
      i = gt + 1;
    }
    return true;
  }

  /** The end of the part; false: not complete (saxes says what is missing). */
  end(): boolean {
    if (this.rest || !this.sawRoot || this.stack.length) return false;
    return this.flush();
  }
}
