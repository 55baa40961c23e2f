// The 正文 of a notice .docx — what the leader read and signed: everything before the first 附件
// page (src/render/docx/parts.ts), with the package parts that shape it (styles, footers,
// settings, document properties). Its fingerprint goes into manifest.json, `annexes` refuses any
// correction that would change it, and when it would, the differences are told paragraph by
// paragraph in the notice's own words ("正文第二段：不合格政务微信、政务微博23个 → 24个；新增“…”").
import { createHash } from 'crypto';
import JSZip from 'jszip';
import { chineseNumber } from '../aggregate/chinese';
import { splitDocumentXml } from '../render/docx/parts';
import { STYLE } from '../render/docx/style-ids';
import { rowChanges } from '../render/annex-rows';

export type ParagraphKind = 'docnum' | 'title' | 'to' | 'h1' | 'p' | 'attach' | 'sign' | 'date' | 'note' | 'other';

export interface BodyParagraph {
  kind: ParagraphKind;
  text: string;
}

export interface NoticeBody {
  /** SHA-256 of the 正文: for a notice .docx, its document.xml without the 附件 pages plus every
   *  other package part; for any other file (the tests' fake renderers), the whole file */
  sha256: string;
  /** the 正文's paragraphs with text, in order (undefined when the file is not a notice .docx) */
  paragraphs?: BodyParagraph[];
  /** the 正文 part of document.xml, as bytes are compared (undefined as above) */
  xml?: string;
}

const KIND_OF_STYLE: Record<string, ParagraphKind> = {
  [STYLE.docnum]: 'docnum',
  [STYLE.title]: 'title',
  [STYLE.to]: 'to',
  [STYLE.h1]: 'h1',
  [STYLE.body]: 'p',
  [STYLE.attach]: 'attach',
  [STYLE.sign]: 'sign',
  [STYLE.date]: 'date',
};

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The paragraphs of the 正文 part of document.xml that carry text. */
export function bodyParagraphs(xml: string): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  let dated = false;
  for (const m of xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)) {
    const style = /<w:pStyle w:val="([^"]*)"\/>/.exec(m[1])?.[1] ?? '';
    let text = '';
    for (const t of m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) text += unescape(t[1]);
    let kind = KIND_OF_STYLE[style] ?? 'other';
    if (kind === 'date') dated = true;
    else if (kind === 'p' && dated) kind = 'note'; // （联系人：…）below the date
    if (text) out.push({ kind, text });
  }
  return out;
}

/** The 正文 of a notice file and its fingerprint. */
export async function readNoticeBody(file: Buffer): Promise<NoticeBody> {
  const whole = (): NoticeBody => ({ sha256: createHash('sha256').update(file).digest('hex') });
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    return whole();
  }
  const doc = zip.file('word/document.xml');
  const parts = doc ? splitDocumentXml(await doc.async('string')) : undefined;
  if (!parts) return whole();
  const h = createHash('sha256');
  // every part of the package in name order, document.xml without its 附件 pages
  for (const name of Object.keys(zip.files).sort()) {
    const e = zip.files[name];
    if (e.dir) continue;
    h.update(name).update('\0');
    h.update(name === 'word/document.xml' ? Buffer.from(parts.body + parts.tail, 'utf8') : await e.async('nodebuffer')).update('\0');
  }
  return { sha256: h.digest('hex'), paragraphs: bodyParagraphs(parts.body), xml: parts.body };
}

// ---- the differences in the notice's words ---------------------------------------------------

/** Each paragraph named as a reader of the notice would: 正文第二段, 标题, 成文日期… */
function names(paragraphs: BodyParagraph[]): string[] {
  let p = 0;
  let h = 0;
  return paragraphs.map((x) => {
    switch (x.kind) {
      case 'docnum':
        return '发文字号';
      case 'title':
        return '标题';
      case 'to':
        return '主送机关';
      case 'h1':
        return `小标题“${x.text}”`;
      case 'p':
        p++;
        return `正文第${p < 100 ? chineseNumber(p) : p}段`;
      case 'attach':
        return '附件说明';
      case 'sign':
        return '发文机关署名';
      case 'date':
        return '成文日期';
      case 'note':
        return '附注';
      default:
        h++;
        return `正文第 ${h} 处其他文字`;
    }
  });
}

const END = /[，。；：！？]$/;
const bare = (s: string) => s.replace(END, '');
const quoted = (s: string) => `“${bare(s)}”`;

/** Clauses ending at ，。；：！？ (kept with the clause). */
function clauses(text: string): string[] {
  return text.match(/[^，。；：！？]+[，。；：！？]?|[，。；：！？]/g) ?? [];
}

/** A digit run is not split when trimming to the changed part: 23 → 24, not 3 → 4. */
function backToNumberStart(s: string, i: number): number {
  while (i > 0 && /[0-9.%]/.test(s[i - 1]) && /[0-9.%]/.test(s[i] ?? '')) i--;
  return i;
}

/** One changed clause: the old one whole (shortened when long), and the new one from where it differs. */
function replaced(before: string, after: string): string {
  const a = bare(before);
  const b = bare(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  p = Math.min(backToNumberStart(a, p), backToNumberStart(b, p));
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const LONG = 40;
  const old = a.length <= LONG ? a : `${p > 12 ? '…' : ''}${a.slice(Math.max(0, p - 12), a.length - s)}${s > 0 ? '…' : ''}`;
  // the new text from the first difference when that is short (23个 → 24个), else whole
  const tail = b.length - s;
  const now = b.length - p <= 12 ? b.slice(p) : b.length <= LONG ? b : `${p > 12 ? '…' : ''}${b.slice(Math.max(0, p - 12), tail)}${s > 0 ? '…' : ''}`;
  return `${old} → ${now || '（删去）'}`;
}

/** How one paragraph's text changed: changed clauses old → new, list items 新增/删去. */
export function textChange(before: string, after: string): string {
  const out: string[] = [];
  const [was, now] = [clauses(before), clauses(after)];
  for (const c of rowChanges(was, now)) {
    if (c.before === undefined) out.push(`新增${quoted(c.after!)}`);
    else if (c.after === undefined) out.push(`删去${quoted(c.before)}`);
    else {
      // a list (、) that only gained or lost names says so by name
      const items = rowChanges(bare(c.before).split('、'), bare(c.after).split('、'));
      const whole = items.length > 0 && items.every((i) => i.before === undefined || i.after === undefined);
      if (whole) for (const i of items) out.push(i.before === undefined ? `新增“${i.after}”` : `删去“${i.before}”`);
      else {
        // a short clause says little alone (比上季度提升…): lead with the unchanged clause before it
        const prev = now[c.row - 2];
        const lead = bare(c.before).length <= 14 && prev !== undefined && was.includes(prev) ? prev : '';
        out.push(lead + replaced(c.before, c.after));
      }
    }
  }
  return out.join('；');
}

/** At most this many paragraphs are described; the rest are counted. */
const MAX_PARAGRAPHS = 12;

/**
 * The 正文 differences, one line per paragraph, e.g.
 * `正文第二段：不合格政务微信、政务微博23个 → 24个；新增“黔东南发展改革（政务微博）”`.
 * A paragraph added or removed is quoted whole; identical text in different XML (another
 * version of tongbao, a hand edit) is said as such.
 */
export function bodyDifferences(before: NoticeBody, after: NoticeBody): string[] {
  if (before.sha256 === after.sha256) return [];
  if (!before.paragraphs || !after.paragraphs) return [];
  const a = before.paragraphs;
  const b = after.paragraphs;
  const na = names(a);
  const nb = names(b);
  const out: string[] = [];
  for (const c of rowChanges(
    a.map((x) => `${x.kind}\u0001${x.text}`),
    b.map((x) => `${x.kind}\u0001${x.text}`),
  )) {
    const i = c.row - 1;
    if (c.before === undefined) out.push(`${nb[i]}（新增）：“${b[i].text}”`);
    else if (c.after === undefined) out.push(`${na[i]}（删去）：“${a[i].text}”`);
    else {
      const [ka, ta] = c.before.split('\u0001');
      const [kb, tb] = c.after.split('\u0001');
      out.push(ka === kb ? `${nb[i]}：${textChange(ta, tb)}` : `${nb[i]}：“${ta}” → “${tb}”`);
    }
  }
  if (out.length === 0) return ['正文文字相同，但格式或排版不同（可能是 tongbao 版本不同，或通报文件是另行生成的）'];
  return out.length > MAX_PARAGRAPHS ? [...out.slice(0, MAX_PARAGRAPHS), `另有 ${out.length - MAX_PARAGRAPHS} 段不同`] : out;
}
