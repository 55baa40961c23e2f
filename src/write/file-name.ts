// Output file names come from the data (the notice's title, the annex titles), and the clerks
// who open them are on Windows: a name Windows refuses, or silently changes, would lose a file
// or make verify miss it. These rules hold on every platform, so a folder built on Linux copies
// to a Windows PC unchanged.

/** Characters Windows refuses in a file name, and the full-width look-alikes that replace them. */
const LOOK_ALIKE: Record<string, string> = {
  '<': '＜',
  '>': '＞',
  ':': '：',
  '"': '＂',
  '/': '／',
  '\\': '＼',
  '|': '｜',
  '?': '？',
  '*': '＊',
};

/** Device names Windows reserves whatever the extension or case (CON, con.txt, Com1.docx…). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Longest base name (before the extension), in UTF-16 units as Windows counts them. Windows
 * allows 255 per name but 259 for the whole path in Word, Excel and Explorer; the output
 * folder, `history\<n>\`, the temporary prefix and `（送签稿）.zip` must fit in the rest.
 */
export const MAX_BASE_LENGTH = 100;

/** Linux and macOS file systems allow 255 BYTES per name (UTF-8: a Chinese character is 3). */
export const MAX_NAME_BYTES = 255;

/**
 * The most the tool ever adds around a base name: the temporary prefix before it and
 * `（送签稿）.zip` after it (the handoff archive's temporary file, `.tongbao-tmp-<base>（送签稿）.zip`;
 * `.docx`, `.xlsx`, `.pdf` and LibreOffice's `.~lock.<name>#` are shorter). Kept equal to
 * TMP_PREFIX and packageFileName by test/write/file-name.test.ts.
 */
export const LONGEST_ADDITION = '.tongbao-tmp-（送签稿）.zip';

/** Longest base name in UTF-8 bytes: whatever the tool adds, the name stays within MAX_NAME_BYTES. */
export const MAX_BASE_BYTES = MAX_NAME_BYTES - Buffer.byteLength(LONGEST_ADDITION);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Is this name (with or without extension) one that Windows reserves for a device? */
export function isReservedName(name: string): boolean {
  const stem = name.split('.')[0].replace(/[ ]+$/, '');
  return RESERVED.test(stem);
}

/**
 * A base name (no extension) that Windows accepts and keeps as written: refused characters
 * become their full-width look-alikes, control characters spaces; runs of white space one
 * space; no leading or trailing spaces or dots; a reserved device name gets `_` after it;
 * at most MAX_BASE_LENGTH units and MAX_BASE_BYTES bytes (cut at the end, never inside a
 * character, the same way every time); empty → `fallback`. `keep` (already a safe name part,
 * e.g. `（2）`) is put after the text and survives the cut.
 */
export function safeBaseName(text: string, fallback: string, keep = ''): string {
  let s = clean(text + keep);
  if (!fits(s, 0, 0)) {
    // room for what follows the cut: `keep`, and the `_` a reserved stem (CON.…) gets below
    const extra = isReservedName(clean(text)) ? 1 : 0;
    s = trimEnds(cut(clean(text), keep.length + extra, Buffer.byteLength(keep) + extra)) + keep;
  }
  if (!s) s = fallback;
  if (isReservedName(s)) {
    const dot = s.indexOf('.');
    s = dot < 0 ? `${s}_` : `${s.slice(0, dot)}_${s.slice(dot)}`;
  }
  return s;
}

function clean(text: string): string {
  const s = text.replace(CONTROL, ' ').replace(/[<>:"/\\|?*]/g, (c) => LOOK_ALIKE[c]);
  return trimEnds(s.replace(/\s+/g, ' '));
}

/** Within the limits, less `units` UTF-16 units and `bytes` bytes kept for what follows. */
function fits(s: string, units: number, bytes: number): boolean {
  return s.length + units <= MAX_BASE_LENGTH && Buffer.byteLength(s) + bytes <= MAX_BASE_BYTES;
}

/** The longest start of `s` that fits, whole code points only. */
function cut(s: string, units: number, bytes: number): string {
  let n = 0;
  let size = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (n + ch.length + units > MAX_BASE_LENGTH || size + b + bytes > MAX_BASE_BYTES) break;
    n += ch.length;
    size += b;
  }
  return s.slice(0, n);
}

/** `safeBaseName(text, fallback, keep) + ext`, e.g. safeFileName('CON', '.docx', '通报') → `CON_.docx`. */
export function safeFileName(text: string, ext: string, fallback: string, keep = ''): string {
  return safeBaseName(text, fallback, keep) + ext;
}

function trimEnds(s: string): string {
  return s.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}
