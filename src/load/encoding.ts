// Data files must be UTF-8. Chinese Windows saves "ANSI" text as GBK and Notepad can save
// UTF-16; read as UTF-8 those give garbled names or parser noise, so they are recognised here
// and reported once per file, at the first byte that is not UTF-8.
import { isUtf8 } from 'buffer';

/** 'mixed': UTF-8 with some lines in GBK (text pasted from another file). */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'gbk' | 'mixed' | 'unknown';

export interface EncodingInfo {
  encoding: Encoding;
  /** byte offset of the first byte that is not UTF-8 (0 for a UTF-16 byte-order mark) */
  badOffset: number;
}

const BOM8 = [0xef, 0xbb, 0xbf];

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0): number {
  // the native check first: a national accounts.yaml (20 MB) is walked byte by byte only when it is not UTF-8
  if (isUtf8(b.subarray(from))) return -1;
  let i = from;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** UTF-16 without a byte-order mark: YAML keys are ASCII, so every other byte is 0. */
function utf16Guess(b: Uint8Array): 'utf16le' | 'utf16be' | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 16) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.2 && evenZero < pairs * 0.05) return 'utf16le';
  if (evenZero > pairs * 0.2 && oddZero < pairs * 0.05) return 'utf16be';
  return null;
}

/** Control characters other than line breaks and tabs, and private-use code points. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ue000-\uf8ff]/;

/** Whether bytes that are not UTF-8 read as sensible GB18030 (GBK) Chinese text. */
function plausibleGbk(b: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  // Control characters (other than line breaks and tabs) or private-use code points mean it is
  // not text in that encoding either.
  if (CONTROL.test(text)) return false;
  return /[\u4e00-\u9fff]/.test(text);
}

export function detectEncoding(b: Uint8Array): EncodingInfo {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf16le', badOffset: 0 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf16be', badOffset: 0 };
  const bom = b.length >= 3 && BOM8.every((x, i) => b[i] === x);
  const guess = utf16Guess(b);
  if (guess) return { encoding: guess, badOffset: Math.max(0, b.indexOf(0)) };
  const bad = firstInvalidUtf8(b, bom ? 3 : 0);
  // NUL is valid UTF-8 but never part of a text file someone typed: not text at all.
  const nul = b.indexOf(0);
  if (nul >= 0) return { encoding: 'unknown', badOffset: bad >= 0 ? Math.min(bad, nul) : nul };
  if (bad < 0) return { encoding: bom ? 'utf8-bom' : 'utf8', badOffset: -1 };
  // Chinese text that is UTF-8 before the first bad byte: the file is UTF-8 with pasted lines.
  const utf8Before = b.subarray(bom ? 3 : 0, bad).some((x) => x >= 0x80);
  if (utf8Before) return { encoding: mixedLines(b) !== null ? 'mixed' : 'unknown', badOffset: bad };
  if (plausibleGbk(b)) return { encoding: 'gbk', badOffset: bad };
  return { encoding: mixedLines(b) !== null ? 'mixed' : 'unknown', badOffset: bad };
}

/** Split bytes into lines (each keeping its line break). */
function lines(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) {
      out.push(b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < b.length) out.push(b.subarray(start));
  return out;
}

/** The text of a file whose lines are each UTF-8 or GBK, or null when some line is neither. */
function mixedLines(b: Uint8Array): string | null {
  let text = '';
  for (const line of lines(b)) {
    if (firstInvalidUtf8(line) < 0) {
      const t = Buffer.from(line).toString('utf8');
      if (CONTROL.test(t)) return null;
      text += t;
    } else if (plausibleGbk(line)) text += new TextDecoder('gb18030').decode(line);
    else return null;
  }
  return text.replace(/^\ufeff/, '');
}

/** 1-based line and column of a byte offset, counting the valid UTF-8 text before it. */
export function positionOfByte(b: Uint8Array, offset: number): { line: number; col: number } {
  let start = 0;
  if (b.length >= 3 && BOM8.every((x, i) => b[i] === x)) start = 3;
  const before = Buffer.from(b.buffer, b.byteOffset + start, Math.max(0, offset - start)).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

export const ENCODING_LABEL: Record<Encoding, string> = {
  utf8: 'UTF-8',
  'utf8-bom': 'UTF-8',
  utf16le: 'UTF-16',
  utf16be: 'UTF-16',
  gbk: 'GBK',
  mixed: 'UTF-8 夹杂 GBK',
  unknown: '未知编码',
};

/** The one message for a file that is not UTF-8; null when it is. */
export function encodingMessage(info: EncodingInfo, folder = '数据文件夹'): string | null {
  // the folder as the user typed it, so the command can be run as printed
  const convert = `，或运行“tongbao encoding ${/\s/.test(folder) ? `"${folder}"` : folder} --fix”自动转换`;
  switch (info.encoding) {
    case 'utf8':
    case 'utf8-bom':
      return null;
    case 'gbk':
      return `文件不是 UTF-8 编码，像是 GBK（Windows 记事本的“ANSI”），请另存为 UTF-8${convert}`;
    case 'utf16le':
    case 'utf16be':
      return `文件不是 UTF-8 编码，像是 UTF-16（记事本的“Unicode”），请另存为 UTF-8${convert}`;
    case 'mixed':
      return `这一行的文字不是 UTF-8 编码，像是 GBK（可能是从别的文件粘贴来的），文件的其余部分是 UTF-8：请重新输入这段文字后保存${convert}`;
    default:
      return '文件不是 UTF-8 编码，也不像 GBK 或 UTF-16（可能不是文本文件），请用文本编辑器另存为 UTF-8';
  }
}

/** The text of bytes in a detected encoding (for the conversion command). */
export function decodeAs(b: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'utf16le':
      return new TextDecoder('utf-16le').decode(b).replace(/^\ufeff/, '');
    case 'utf16be':
      return new TextDecoder('utf-16be').decode(b).replace(/^\ufeff/, '');
    case 'gbk':
      return new TextDecoder('gb18030', { fatal: true }).decode(b);
    case 'mixed': {
      const text = mixedLines(b);
      if (text === null) throw new Error('not UTF-8 or GBK line by line');
      return text;
    }
    default:
      return new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\ufeff/, '');
  }
}
