// The notice's width measures are read character by character through a table of what each
// code point is (render/docx/layout.ts); they must give exactly what the straightforward
// definitions give, for any text: the page breaks of the preview and the docx depend on them.
import fc from 'fast-check';
import { charWidth, printedWidth, textWidth } from '../../src/render/docx/layout';
import { isWideCodePoint } from '../../src/text/width';

// the definitions as first written: per character of `for…of`, regexes per character
const wide = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return isWideCodePoint(c) || [0x2014, 0x2026, 0x201c, 0x201d, 0x2018, 0x2019].includes(c);
};
const ALNUM = /[\p{L}\p{N}]/u;
function textWidthRef(text: string): number {
  let w = 0;
  for (const ch of text) w += wide(ch) ? 1 : 0.5;
  return w;
}
function printedWidthRef(text: string): number {
  const chars = [...text];
  let w = textWidthRef(text);
  for (let i = 1; i < chars.length; i++) if (ALNUM.test(chars[i - 1]) && ALNUM.test(chars[i]) && wide(chars[i - 1]) !== wide(chars[i])) w += 0.25;
  return w;
}

// Chinese, Latin, digits, full-width forms, quotes and dashes, astral ideographs (𠀀), emoji, lone surrogates
const piece = fc.constantFrom('局', '教育', 'A', 'b9', '2023', '年', '（', '）', '“', '”', '——', '…', ' ', '．', 'Ｂ', '〇', '𠀀', '😀', '\ud800', '\udc00', '\u3000', 'é', '\t');
const text = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));

test('textWidth and printedWidth equal their definitions for any text', () => {
  fc.assert(
    fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 30 })), (s) => {
      expect(textWidth(s)).toBe(textWidthRef(s));
      expect(printedWidth(s)).toBe(printedWidthRef(s));
    }),
    { numRuns: 2000 },
  );
});

test('charWidth of each code point is what textWidth counts for it', () => {
  for (const ch of ['局', 'A', '“', '—', '…', '𠀀', '😀', '\ud800', '，', ',']) expect(charWidth(ch.codePointAt(0)!)).toBe(textWidthRef(ch));
  expect(printedWidth('2023年11月23日')).toBe(8.25);
});
