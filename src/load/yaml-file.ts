// Stage 1, load: parse one YAML file keeping every node's position, so that any later
// problem can be reported at FILE:LINE:COL. YAML warnings count as errors.
import * as fs from 'fs';
import * as path from 'path';
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostics';

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
};

// The yaml package's messages for the mistakes people make most, said plainly in Chinese (the
// error code alone can mislead: an unclosed [ is reported as BAD_INDENT).
const YAML_MESSAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, () => '方括号列表 [ … ] 没有闭合（缺少 ]），或换行后的缩进不够'],
  [/^Flow map in block collection must be sufficiently indented and end with a \}/, () => '花括号映射 { … } 没有闭合（缺少 }），或换行后的缩进不够'],
  [/^Source contains multiple documents/, () => '一个文件只能有一个 YAML 文档：删去多余的 ---'],
  [/^Missing closing "quote/, () => '双引号没有闭合（缺少 "）'],
  [/^Missing closing 'quote/, () => "单引号没有闭合（缺少 '）"],
  [/^Tabs are not allowed as indentation/, () => '不能用制表符（Tab）缩进，请改用空格'],
  [/^Map keys must be unique/, () => '同一层里有重复的键'],
  [/^Unresolved tag: (\S+)/, (m) => `无法识别的标签“${m[1]}”：数据里不需要 ! 开头的标签`],
  [/^Nested mappings are not allowed in compact mappings/, () => '这一行的“键: 值”写法不对：冒号后要有空格，同一行不能再嵌套“键: 值”'],
  [/^Implicit keys need to be on a single line/, () => '键必须写在一行内（可能上一行少了引号或冒号）'],
  [/^All mapping items must start at the same column/, () => '同一层的键要从同一列开始（检查缩进）'],
  [/^A block sequence may not be used as an implicit map key/, () => '列表不能用作键（检查“-”前后的缩进）'],
];

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  for (const [re, say] of YAML_MESSAGES) {
    const m = first.match(re);
    if (m) return say(m);
  }
  return `${YAML_CODES[code] ?? 'YAML 语法错误'}（${first}）`;
}

/** Parse a YAML file; never throws for bad content, returns diagnostics instead. */
export function parseYamlText(text: string, abs: string, display: string): { file: SourceFile; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // Strip a UTF-8 BOM that Windows editors add; it is not content.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const file: SourceFile = { path: abs, display, text: body, doc, lineCounter };
  const diagnostics: Diagnostic[] = [];
  // After a syntax error the parser's later errors are mostly echoes of the first one, so
  // report the first error (and every warning, each of which stands alone).
  const problems = [...doc.errors.slice(0, 1), ...doc.warnings];
  for (const e of problems) {
    const pos = lineCounter.linePos(e.pos[0]);
    const what = yamlMessage(e.code, e.message);
    const more = e === doc.errors[0] && doc.errors.length > 1 ? `；其后 ${doc.errors.length - 1} 处语法错误可能由此引起，改正后再检查` : '';
    diagnostics.push({
      severity: 'error',
      file: display,
      line: pos.line,
      col: pos.col,
      message: `YAML 语法错误：${what}${more}`,
    });
  }
  if (diagnostics.length === 0 && (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))) {
    diagnostics.push({ severity: 'error', file: display, line: 1, col: 1, message: '文件为空：没有任何数据' });
  }
  return { file, diagnostics };
}

export function readYamlFile(abs: string, cwd: string): { file: SourceFile; diagnostics: Diagnostic[] } {
  return parseYamlText(fs.readFileSync(abs, 'utf8'), abs, displayPath(abs, cwd));
}

function posOf(file: SourceFile, offset: number): Position {
  return file.lineCounter.linePos(offset);
}

/**
 * Position of the node at `p` (its key with part 'key'). When the path does not exist
 * (a missing field), the position of the deepest existing parent is returned.
 */
export function locate(file: SourceFile, p: DataPath, part: 'key' | 'value' = 'value'): Position {
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
