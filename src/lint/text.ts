// Character classes and text preparation shared by the rules.

const HAN_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
// Full-width and CJK punctuation, plus the curly quotes, ellipsis and dash Chinese text uses.
const CJK_PUNCT_RE = /[\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u2026\u2014\u00b7]/;

export function isHan(c: string | undefined): boolean {
  return !!c && HAN_RE.test(c);
}

export function isCjkPunct(c: string | undefined): boolean {
  return !!c && CJK_PUNCT_RE.test(c);
}

/** A Chinese character or a Chinese punctuation mark. */
export function isChinese(c: string | undefined): boolean {
  return isHan(c) || isCjkPunct(c);
}

export function hasHan(s: string): boolean {
  return HAN_RE.test(s);
}

export function isAsciiAlnum(c: string | undefined): boolean {
  return !!c && /[0-9A-Za-z]/.test(c);
}

export function isDigit(c: string | undefined): boolean {
  return !!c && c >= '0' && c <= '9';
}

/** Index of the nearest character before `i` that is not an ASCII space or tab. */
export function prevNonSpaceAt(s: string, i: number): number | undefined {
  let j = i - 1;
  while (j >= 0 && (s[j] === ' ' || s[j] === '\t')) j--;
  return j >= 0 ? j : undefined;
}

export function nextNonSpaceAt(s: string, i: number): number | undefined {
  let j = i + 1;
  while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
  return j < s.length ? j : undefined;
}

/** The nearest character before `i` that is not an ASCII space or tab. */
export function prevNonSpace(s: string, i: number): string | undefined {
  const j = prevNonSpaceAt(s, i);
  return j === undefined ? undefined : s[j];
}

export function nextNonSpace(s: string, i: number): string | undefined {
  const j = nextNonSpaceAt(s, i);
  return j === undefined ? undefined : s[j];
}

// A URL runs until white space or a Chinese character or mark: 见http://a.gov.cn。 ends before 。
// Unbalanced parentheses and a trailing . , ; : ! ? belong to the sentence around a URL.
const URL_CHAR = String.raw`[^\s()\u3000-\u303f\u3400-\u9fff\uff01-\uffef\u201c\u201d\u2018\u2019]`;
const URL_RE = new RegExp(String.raw`(?:(?:https?|ftp):\/\/|www\.)(?:${URL_CHAR}|\(${URL_CHAR}*\))+`, 'gi');
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A bare domain such as kjj.qdn.gov.cn (names of sites are sometimes typed without http://).
const DOMAIN_RE = /\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:gov|com|net|org|edu)(?:\.cn)?(?:\/[^\s()\u3000-\u303f\u3400-\u9fff\uff01-\uffef]*)?/gi;

/** Blank out URLs and e-mail addresses with 'x' (same length): no rule looks inside them. */
export function maskUrls(s: string): string {
  if (!/[.@]/.test(s)) return s; // no URL, address or domain without a dot
  let out = s;
  for (const re of [URL_RE, EMAIL_RE, DOMAIN_RE]) {
    out = out.replace(re, (m) => {
      const core = m.replace(/[.,;:!?]+$/, '');
      return 'x'.repeat(core.length) + m.slice(core.length);
    });
  }
  return out;
}

/** Index ranges [start, end) where `needle` occurs in `hay`. */
export function occurrences(hay: string, needle: string): [number, number][] {
  const out: [number, number][] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

/** Show a character in a message: spaces and full-width spaces by name, others quoted. */
export function showChar(c: string): string {
  if (c === ' ') return '半角空格';
  if (c === '\u3000') return '全角空格';
  if (c === '\t') return '制表符';
  return `“${c}”`;
}

/** ０-９ → 0-9 */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
