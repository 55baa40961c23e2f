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
 * at most MAX_BASE_LENGTH units (never splitting a character); empty → `fallback`.
 */
export function safeBaseName(text: string, fallback: string): string {
  let s = text.replace(CONTROL, ' ').replace(/[<>:"/\\|?*]/g, (c) => LOOK_ALIKE[c]);
  s = s.replace(/\s+/g, ' ');
  s = trimEnds(s);
  if (s.length > MAX_BASE_LENGTH) {
    let cut = MAX_BASE_LENGTH;
    const code = s.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--; // keep a surrogate pair whole
    s = trimEnds(s.slice(0, cut));
  }
  if (!s) s = fallback;
  if (isReservedName(s)) {
    const dot = s.indexOf('.');
    s = dot < 0 ? `${s}_` : `${s.slice(0, dot)}_${s.slice(dot)}`;
  }
  return s;
}

/** `safeBaseName(text) + ext`, e.g. safeFileName('CON', '.docx', '通报') → `CON_.docx`. */
export function safeFileName(text: string, ext: string, fallback: string): string {
  return safeBaseName(text, fallback) + ext;
}

function trimEnds(s: string): string {
  return s.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}
