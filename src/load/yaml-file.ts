// Stage 1, load: parse one YAML file keeping every node's position, so that any later
// problem can be reported at FILE:LINE:COL. YAML warnings count as errors.
import * as fs from 'fs';
import * as path from 'path';
import { Document, LineCounter, Scalar, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { detectEncoding, encodingMessage, positionOfByte } from './encoding';
import { fastParse, quotedEnd } from './fast-yaml';
import type { Positions } from './fast-yaml';

export type DataPath = (string | number)[];

export interface SourceFile {
  /** absolute path */
  path: string;
  /** path as shown in messages: relative to the working directory when inside it */
  display: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface Position {
  line: number;
  col: number;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: '键重复',
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少字符',
  UNEXPECTED_TOKEN: '出现了意外的内容',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能用作键',
  MULTILINE_IMPLICIT_KEY: '键不能跨行',
  TAB_AS_INDENT: '不能用制表符缩进',
  MULTIPLE_DOCS: '一个文件只能有一个 YAML 文档',
  BAD_ALIAS: '别名无效',
  TAG_RESOLVE_FAILED: '标签无法解析',
  BAD_SCALAR_START: '值的开头不合法',
  BAD_DIRECTIVE: '指令无效',
  UNEXPECTED_SCALAR_AT_NODE_END: '值后面有多余内容',
  KEY_OVER_1024_CHARS: '键超过 1024 个字符',
  ALIAS_PROPS: '别名不能带属性',
  IMPOSSIBLE: '无法解析',
  MISSING_TAG: '缺少标签',
  BAD_COLLECTION_TYPE: '集合类型不正确',
  BLOCK_IN_FLOW: '流式结构中不能有块结构',
  BAD_DQ_ESCAPE: '双引号字符串中的转义无效',
  DUPLICATE_MAP_KEY: '键重复',
  BAD_PROP_ORDER: '锚点或标签的位置不对',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点',
  MULTIPLE_TAGS: '一个值只能有一个标签',
  NON_STRING_KEY: '键必须是文字',
  RESOURCE_EXHAUSTION: '嵌套过深或别名展开过多，无法读取',
};

// The yaml package's messages (every one it can produce, see node_modules/yaml/dist) said
// plainly in Chinese; the error code alone can mislead (an unclosed [ is reported as BAD_INDENT).
const FLOW_NAME: Record<string, string> = {
  'flow map': '花括号 { } 映射',
  'flow sequence': '方括号 [ ] 列表',
  'flow collection': '括号内的列表或映射',
  collection: '列表或映射',
};
const flowName = (s: string) => FLOW_NAME[s.toLowerCase()] ?? '括号内的列表或映射';

export const YAML_MESSAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, () => '方括号列表 [ … ] 没有闭合（缺少 ]），或换行后的缩进不够'],
  [/^Flow map in block collection must be sufficiently indented and end with a \}/, () => '花括号映射 { … } 没有闭合（缺少 }），或换行后的缩进不够'],
  [/^Flow sequence must end with a \]/, () => '方括号列表 [ … ] 没有闭合（缺少 ]）'],
  [/^Flow map must end with a \}/, () => '花括号映射 { … } 没有闭合（缺少 }）'],
  [/^Flow end indicator should be more indented than parent/, () => '结束的 ] 或 } 缩进不够，要比上一层的键更靠右'],
  [/^Source contains multiple documents/, () => '一个文件只能有一个 YAML 文档：删去多余的 ---'],
  [/^Missing closing "quote/, () => '双引号没有闭合（缺少 "）'],
  [/^Missing closing 'quote/, () => "单引号没有闭合（缺少 '）"],
  [/^Tabs are not allowed as indentation/, () => '不能用制表符（Tab）缩进，请改用空格'],
  [/^Map keys must be unique/, () => '同一层里有重复的键'],
  [/^Unresolved tag: (\S+)/, (m) => `无法识别的标签“${m[1]}”：数据里不需要 ! 开头的标签`],
  [/^Nested mappings are not allowed in compact mappings/, () => '这一行的“键: 值”写法不对：冒号后要有空格，同一行不能再嵌套“键: 值”'],
  [/^Implicit keys of flow sequence pairs need to be on a single line/, () => '方括号列表中的“键: 值”必须写在一行内'],
  [/^Implicit keys need to be on a single line/, () => '键必须写在一行内（可能上一行少了引号或冒号）'],
  [/^Implicit map keys need to be followed by map values/, () => '键后面缺少冒号和值（应写作“键: 值”，冒号后有空格）'],
  [/^All mapping items must start at the same column/, () => '同一层的键要从同一列开始（检查缩进）'],
  [/^All sequence items must start at the same column/, () => '同一列表的各项（“- ”）要从同一列开始（检查缩进）'],
  [/^Sequence item without - indicator/, () => '列表项前缺少“- ”，或这一行的缩进与上下行不一致'],
  [/^A block sequence may not be used as an implicit map key/, () => '列表不能用作键（检查“-”前后的缩进）'],
  [/^An alias node must not specify any properties/, () => '别名（* 开头）不能再带锚点或标签'],
  [/^Alias cannot be an empty string/, () => '“*”后面缺少别名：文字中的 * 请加引号'],
  [/^Alias ending in : is ambiguous/, () => '别名以冒号结尾，含义不明：冒号后要加空格'],
  [/^Anchor cannot be an empty string/, () => '“&”后面缺少锚点名：文字中的 & 请加引号'],
  [/^Anchor ending in : is ambiguous/, () => '锚点名以冒号结尾，含义不明：冒号后要加空格'],
  [/^Anchor must not contain whitespace or control characters/, () => '锚点名不能含空格或控制字符'],
  [/^A node can have at most one anchor/, () => '一个值只能有一个锚点（&）'],
  [/^A node can have at most one tag/, () => '一个值只能有一个标签（!）'],
  [/^Unresolved alias \(the anchor must be set before the alias\): (\S+)/, (m) => `别名“${m[1]}”找不到对应的锚点：锚点（&）要写在别名（*）之前；文字中的 * 请加引号`],
  [/^Excessive alias count indicates a resource exhaustion attack/, () => '别名（*）展开后的数据过多，文件可能是恶意构造的'],
  [/^Anchors and tags must be after the (\S+) indicator/, (m) => `锚点和标签要写在“${m[1]}”之后`],
  [/^Tags and anchors must be separated from the next token by white space/, () => '标签或锚点后面要有空格'],
  [/^Missing newline after block sequence props/, () => '锚点或标签后面要换行再写列表'],
  [/^\S+ used for \S+ collection, but expects \S+/, () => '标签与列表或映射的类型不符：数据里不需要 ! 开头的标签'],
  [/^Invalid escape sequence (.*)/, (m) => `双引号文字中的转义“${m[1].trim()}”无效：反斜杠 \\ 要写成 \\\\，或改用单引号`],
  [/^Plain value cannot start with a tab/, () => '值不能以制表符（Tab）开头'],
  [/^Plain value cannot start with .*?(\S)$/, (m) => `值不能以“${m[1]}”开头：请给这个值加引号`],
  [/^Block collections are not allowed within flow collections/, () => '括号 [ ] 或 { } 里不能换行写“- ”列表或“键: 值”（可能缺少逗号）'],
  [/^Block scalar header not found/, () => '块文字的开头（| 或 >）不完整'],
  [/^Block scalar header includes extra characters: (.*)/, (m) => `块文字标记（| 或 >）后面有多余的字符“${m[1].trim()}”`],
  [/^Unexpected token in block scalar header/, () => '块文字标记（| 或 >）后面有多余的内容'],
  [/^Block scalars with more-indented leading empty lines must use an explicit indentation indicator/, () => '块文字开头的空行比正文缩进更多：删去这些空行'],
  [/^Block scalar values in collections must be indented/, () => '块文字（| 或 >）的内容要比它的键缩进更多'],
  [/^Block scalar lines must not be less indented than their/, () => '块文字各行的缩进不能少于第一行'],
  [/^Map comment with trailing content/, () => '注释后面还有内容'],
  [/^Comments must be separated from other tokens by white space characters/, () => '注释的 # 前面要有空格（文字中的 # 请加引号）'],
  [/^Block collection cannot start on same line with directives-end marker/, () => '“---”的同一行不能开始列表或映射'],
  [/^Missing directives-end(\/doc-start)? indicator line/, () => '% 开头的指令行之后缺少“---”行（数据文件不需要指令行）'],
  [/^Missing , between (.+?) items/, (m) => `${flowName(m[1])}的各项之间缺少半角逗号“,”`],
  [/^Missing , or : between (.+?) items/, (m) => `${flowName(m[1])}的各项之间缺少半角逗号“,”或冒号“:”`],
  [/^Missing space after : in (.+)/, (m) => `${flowName(m[1])}中的冒号后面缺少空格`],
  [/^Unexpected empty item in (.+)/, (m) => `${flowName(m[1])}中有空项（两个逗号之间没有值）`],
  [/^Unexpected , in (.+)/, (m) => `${flowName(m[1])}中有多余的逗号`],
  [/^Unexpected (\S+) at node end/, () => '值后面有多余的内容（文字中含有 : # 等符号时请加引号）'],
  [/^Unexpected block-seq-ind on same line with key/, () => '“- ”不能和键写在同一行：列表项要换行并缩进'],
  [/^Unexpected doc-end without preceding document/, () => '文件中的“...”之前没有内容'],
  [/^Unexpected (\S+) in (.+)/, (m) => `${flowName(m[2])}中出现了意外的“${m[1]}”`],
  [/^Unexpected .*token/, () => '出现了无法理解的内容（检查这一行的缩进、冒号和引号）'],
  [/^Expected a flow scalar value, but found/, () => '这里应是一个值'],
  [/^Unsupported token/, () => '出现了无法理解的内容（检查这一行的缩进、冒号和引号）'],
  [/^Not a YAML token/, () => '出现了无法理解的内容（检查这一行的缩进、冒号和引号）'],
  [/^Value may be parsed as either/, () => '这个值可以有两种理解：请加引号'],
  [/^(%TAG|%YAML) directive|^Unsupported YAML version|^Unknown directive/, () => '% 开头的指令无效（数据文件不需要指令行）'],
  [/^Not a valid tag|^Verbatim tags|^The \S+ tag has no suffix/, () => '标签无效：数据里不需要 ! 开头的标签'],
  [/^With stringKeys, all keys must be strings/, () => '键必须是文字'],
  [/Maximum call stack size exceeded/, () => '括号或缩进嵌套过深，无法读取'],
];

/** The Chinese message for one of the yaml package's errors (no English is ever shown). */
export function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  for (const [re, say] of YAML_MESSAGES) {
    const m = first.match(re);
    if (m) return say(m);
  }
  return YAML_CODES[code] ?? '无法理解这一处的写法（检查缩进、冒号和引号）';
}

/**
 * Largest data file read (bytes). A round's file is a few KB; a national round's accounts.yaml
 * tens of MB. Past this the file is refused before it is read, with a message, instead of
 * exhausting memory. TONGBAO_MAX_FILE_MB overrides it (tests use a small limit).
 */
export const MAX_FILE_MB = 100;
export function maxFileBytes(): number {
  const env = Number(process.env.TONGBAO_MAX_FILE_MB);
  return (Number.isFinite(env) && env > 0 ? env : MAX_FILE_MB) * 1024 * 1024;
}

/** Most values aliases (*name) may expand to in one file; a real round uses none. */
export const MAX_ALIAS_COUNT = 1000;

function fileDiag(display: string, line: number, col: number, message: string): Diagnostic {
  return { severity: 'error', file: display, line, col, message };
}

function emptyFile(display: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument('', { lineCounter });
  return { path: display, display, text, doc, lineCounter };
}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' } as const;

/** Parse a YAML file; never throws for bad content, returns diagnostics instead. */
export function parseYamlText(text: string, abs: string, display: string): { file: SourceFile; diagnostics: Diagnostic[] } {
  // Strip a UTF-8 BOM that Windows editors add; it is not content.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Plainly written data (nearly every file) is read by the quick reader; its Document (nodes,
  // ranges, comments: ~80 bytes of memory per byte of YAML) is built only when something asks
  // for it — an editor, or a message whose position the quick reader's index cannot give.
  const quick = fastParse(body, { units: false });
  if (quick) return { file: lazySourceFile(abs, display, body, quick.data), diagnostics: [] };
  return parseFull(body, abs, display);
}

function parseFull(body: string, abs: string, display: string): { file: SourceFile; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(body, { lineCounter, ...PARSE_OPTIONS });
  } catch (e) {
    // The parser itself gave up (nesting deep enough to exhaust the stack).
    const file = { ...emptyFile(display, body), path: abs };
    return { file, diagnostics: [fileDiag(display, 1, 1, `YAML 语法错误：${yamlMessage('RESOURCE_EXHAUSTION', e instanceof Error ? e.message : String(e))}`)] };
  }
  const file: SourceFile = { path: abs, display, text: body, doc, lineCounter };
  const diagnostics: Diagnostic[] = [];
  // After a syntax error the parser's later errors are mostly echoes of the first one, so
  // report the first error (and every warning, each of which stands alone).
  const problems = [...doc.errors.slice(0, 1), ...doc.warnings];
  for (const e of problems) {
    const pos = lineCounter.linePos(e.pos[0]);
    const what = causeOf(body, e.pos[0]) ?? yamlMessage(e.code, e.message);
    const more = e === doc.errors[0] && doc.errors.length > 1 ? `；其后 ${doc.errors.length - 1} 处语法错误可能由此引起，改正后再检查` : '';
    diagnostics.push(fileDiag(display, pos.line, pos.col, `YAML 语法错误：${what}${more}`));
  }
  if (diagnostics.length === 0 && (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))) {
    diagnostics.push(fileDiag(display, 1, 1, '文件为空：没有任何数据'));
  }
  return { file, diagnostics };
}

/**
 * Characters that break YAML without showing themselves, named instead of the parser's
 * symptom: a BOM inside the file (two files pasted together), a full-width space (U+3000) as
 * indentation (typed with a Chinese input method). Looked for on the error's line and the
 * line before it.
 */
function causeOf(text: string, offset: number): string | null {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1));
  const prevStart = start > 0 ? text.lastIndexOf('\n', start - 1) : -1;
  const end = text.indexOf('\n', offset);
  const near = text.slice(prevStart + 1, end < 0 ? text.length : end);
  if (near.includes('\ufeff')) return '有一个看不见的字节顺序标记“U+FEFF”，多半是把另一个文件的内容整段粘贴进来时带进来的：请删去它（在这一行或上一行的开头）';
  if (/(^|\n)[ \t]*\u3000/.test(near)) return `这一行（或上一行）用全角空格（　）缩进：YAML 只能用半角空格缩进，请把全角空格换成半角空格`;
  return null;
}


/** What the quick reader knows of a file it read: its value (until toData takes it) and, once asked for, where each key and value is. */
interface QuickInfo {
  data: unknown;
  taken: boolean;
  /** the value handed out by toData, while its holder keeps it (callers read it, never change
   *  it); held weakly so that a validated round does not keep a second copy of its data */
  value: WeakRef<object> | null;
  /** built on the first locate (only files with problems pay for it) */
  index: { data: unknown; positions: Positions; root: number } | null;
  /** false once the text changed or the Document was built (then the Document answers) */
  current: boolean;
}
const QUICK = new WeakMap<SourceFile, QuickInfo>();

/** The line starts the yaml package's parser records: 0 and after every \n. */
export function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** Whether `file` was read by the quick reader and is still as read (no Document built, text unchanged). */
export function isQuickRead(file: SourceFile): boolean {
  return QUICK.get(file)?.current === true;
}

/**
 * A quick-read SourceFile for `body` whose plain value `data` the caller already holds (an
 * editor that patched one unit of a quick-read file): what parseYamlText gives for that text,
 * with the value already handed over (toData on it reads the Document, as a second call does).
 */
export function quickSourceFile(abs: string, display: string, body: string, data: unknown): SourceFile {
  const file = lazySourceFile(abs, display, body, data);
  const info = QUICK.get(file)!;
  info.taken = true;
  info.data = undefined;
  return file;
}

/**
 * A SourceFile read by the quick reader: `doc` and `lineCounter` are built from the text on
 * first use (and may be replaced, as an editor does). Accessors are own enumerable properties,
 * so a spread copy still has them (it builds the Document).
 */
function lazySourceFile(abs: string, display: string, body: string, data: unknown): SourceFile {
  let text = body;
  let doc: Document.Parsed | undefined;
  let lineCounter: LineCounter | undefined;
  const file = { path: abs, display } as SourceFile;
  Object.defineProperties(file, {
    text: {
      enumerable: true,
      get: () => text,
      set: (t: string) => {
        if (t !== text) info.current = false;
        text = t;
      },
    },
    doc: {
      enumerable: true,
      get: () => {
        if (!doc) {
          info.current = false;
          const lc = new LineCounter();
          doc = parseDocument(text, { lineCounter: lc, ...PARSE_OPTIONS });
          lineCounter ??= lc;
        }
        return doc;
      },
      set: (d: Document.Parsed) => {
        info.current = false;
        doc = d;
      },
    },
    lineCounter: {
      enumerable: true,
      get: () => (lineCounter ??= lineCounterOf(text)),
      set: (lc: LineCounter) => {
        lineCounter = lc;
      },
    },
  });
  const info: QuickInfo = { data, taken: false, value: data !== null && typeof data === 'object' ? new WeakRef(data) : null, index: null, current: true };
  QUICK.set(file, info);
  return file;
}
/** A data file past the size limit: refused before it is read, instead of exhausting memory. */
export function sizeProblem(display: string, size: number): Diagnostic | null {
  const limit = maxFileBytes();
  if (size <= limit) return null;
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return fileDiag(display, 1, 1, `文件过大（${mb(size)}），超过上限 ${mb(limit)}，未读取：数据文件应只含本轮的数据，请检查是否存错了文件`);
}

/**
 * A data file's bytes, decoded and parsed: refused when not UTF-8 (one message, at the first
 * byte that is not UTF-8). `file` is null when the text could not be read at all.
 */
/** `decoded`: the bytes as UTF-8 text, when the caller has decoded them already (a large file is not decoded twice). */
export function parseYamlBytes(bytes: Buffer, abs: string, display: string, decoded?: string): { file: SourceFile | null; diagnostics: Diagnostic[] } {
  const d = decodeYamlBytes(bytes, display, decoded);
  return 'text' in d ? parseYamlText(d.text, abs, display) : { file: null, diagnostics: d.diagnostics };
}

/**
 * A data file's bytes as text, or the message why they are not UTF-8. Apart from parsing so that
 * a caller can let go of the bytes first (a 100 MB file would be held twice while parsed).
 */
export function decodeYamlBytes(bytes: Buffer, display: string, decoded?: string): { text: string } | { diagnostics: Diagnostic[] } {
  const info = detectEncoding(bytes);
  const problem = encodingMessage(info, path.dirname(display));
  if (problem) {
    const pos = positionOfByte(bytes, info.badOffset);
    return { diagnostics: [fileDiag(display, pos.line, pos.col, problem)] };
  }
  return { text: decoded ?? bytes.toString('utf8') };
}

/** Position of the first alias (*name) in the file, for the alias-bomb message. */
function firstAlias(file: SourceFile): Position {
  let at: number | undefined;
  visit(file.doc, {
    Alias(_, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return file.lineCounter.linePos(at ?? 0);
}

/** The file's plain JS value; aliases expanding past MAX_ALIAS_COUNT are a diagnostic. */
export function toData(file: SourceFile): { data?: unknown; diagnostics: Diagnostic[] } {
  const quick = QUICK.get(file);
  if (quick && !quick.taken) {
    // the quick reader's value, handed over once (a second call gets a fresh value, as toJS gives)
    quick.taken = true;
    const data = quick.data;
    quick.data = undefined;
    return { data, diagnostics: [] };
  }
  try {
    return { data: file.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch (e) {
    const pos = firstAlias(file);
    const msg = e instanceof Error ? e.message : String(e);
    const what = /alias count/i.test(msg) ? '别名（* 开头）展开后的数据过多，未读取：文件可能是恶意构造的，数据文件不需要锚点（&）和别名（*）' : `YAML 语法错误：${yamlMessage('RESOURCE_EXHAUSTION', msg)}`;
    return { diagnostics: [fileDiag(file.display, pos.line, pos.col, what)] };
  }
}

function posOf(file: SourceFile, offset: number): Position {
  return file.lineCounter.linePos(offset);
}

/**
 * Position of the node at `p` (its key with part 'key'). When the path does not exist
 * (a missing field), the position of the deepest existing parent is returned.
 */
export function locate(file: SourceFile, p: DataPath, part: 'key' | 'value' = 'value'): Position {
  const quick = QUICK.get(file);
  if (quick?.current) {
    quick.index ??= indexOf(file.text);
    if (quick.index) return posOf(file, quickOffset(quick.index, p, part));
  }
  let node: Node | null = file.doc.contents as Node | null;
  let keyNode: Node | null = null;
  let fallback: Position = { line: 1, col: 1 };
  if (node?.range) fallback = posOf(file, node.range[0]);
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    let next: Node | null = null;
    keyNode = null;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
      if (pair) {
        keyNode = pair.key as Node;
        next = (pair.value as Node | null) ?? null;
        if (!next && keyNode.range) return posOf(file, keyNode.range[0]);
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = (node.items[seg] as Node | undefined) ?? null;
    }
    if (!next) return fallback;
    node = next;
    if (part === 'key' && i === p.length - 1 && keyNode?.range) return posOf(file, keyNode.range[0]);
    if (node.range) fallback = posOf(file, node.range[0]);
  }
  return fallback;
}

/**
 * The path of the key or value at `offset` in a quick-read file, from the quick reader's offsets
 * (the index locate builds on a file's first message): at each level the last key or list item
 * that starts at or before the offset. Null when the file is not quick-read as it is (then its
 * Document answers). serve places a national round's diagnostics with it, not with a Document.
 */
export function quickPathAt(file: SourceFile, offset: number): (string | number)[] | null {
  const quick = QUICK.get(file);
  if (!quick?.current) return null;
  quick.index ??= indexOf(file.text);
  if (!quick.index) return null;
  const out: (string | number)[] = [];
  let node: unknown = quick.index.data;
  while (node !== null && typeof node === 'object') {
    const at = quick.index.positions.get(node);
    if (!at) break;
    const list = Array.isArray(node);
    const keys = list ? null : Object.keys(node);
    const count = list ? (node as unknown[]).length : keys!.length;
    const startOf = (j: number) => (list ? at[j] : at[2 * j]);
    // the last entry starting at or before the offset
    let lo = 0;
    let hi = count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (startOf(mid) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) break;
    const seg = list ? found : keys![found];
    out.push(seg);
    node = (node as Record<string | number, unknown>)[seg];
  }
  return out;
}

function indexOf(text: string): QuickInfo['index'] {
  const r = fastParse(text, { units: false, positions: true });
  return r ? { data: r.data, positions: r.positions!, root: r.rootOffset } : null;
}

/** locate's walk over the quick reader's offsets: the same answers as over the Document's ranges. */
function quickOffset(index: NonNullable<QuickInfo['index']>, p: DataPath, part: 'key' | 'value'): number {
  let node: unknown = index.data;
  let fallback = index.root;
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    if (node === null || typeof node !== 'object') return fallback;
    const at = index.positions.get(node)!;
    let value: number;
    if (Array.isArray(node)) {
      if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= node.length) return fallback;
      value = at[seg];
      node = node[seg];
    } else {
      const k = Object.keys(node).indexOf(String(seg));
      if (k < 0) return fallback;
      if (part === 'key' && i === p.length - 1) return at[2 * k];
      value = at[2 * k + 1];
      node = (node as Record<string, unknown>)[String(seg)];
    }
    fallback = value;
  }
  return fallback;
}

/**
 * The plain value of a file the quick reader read, while its text is unchanged and no
 * Document was built: lets a caller walk the values (lint's prose fields) without the
 * Document, asking quickScalar for the node of the few values it reports on. null otherwise.
 */
export function quickValue(file: SourceFile): unknown {
  const quick = QUICK.get(file);
  if (!quick?.current) return null;
  const held = quick.value?.deref();
  if (held) return held;
  // let go by its holder (a build lints after validating): read again, quickly, from the text
  const again = fastParse(file.text, { units: false });
  if (!again) return null;
  quick.value = again.data !== null && typeof again.data === 'object' ? new WeakRef(again.data) : null;
  return again.data;
}

/**
 * A Scalar like the Document's for the one-line string at `p` of a quick-read file (value,
 * range, type: what scalarSpans and positions need); null when there is none or the file is
 * no longer as read.
 */
export function quickScalar(file: SourceFile, p: DataPath): Scalar | null {
  const quick = QUICK.get(file);
  if (!quick?.current) return null;
  quick.index ??= indexOf(file.text);
  if (!quick.index) return null;
  let v: unknown = quick.index.data;
  for (const seg of p) v = v !== null && typeof v === 'object' && Object.hasOwn(v, seg) ? (v as Record<string | number, unknown>)[seg] : undefined;
  if (typeof v !== 'string') return null;
  const start = quickOffset(quick.index, p, 'value');
  // a plain string is its source text; a quoted one ends at its closing quote
  const end = quotedEnd(file.text, start) ?? start + v.length;
  const node = new Scalar(v);
  const c = file.text[start];
  node.type = c === '"' ? Scalar.QUOTE_DOUBLE : c === "'" ? Scalar.QUOTE_SINGLE : Scalar.PLAIN;
  node.range = [start, end, end];
  return node;
}
