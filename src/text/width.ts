// How wide text is: an East Asian wide or full-width character takes two columns (terminal),
// two half-width cells (Excel column widths) or one 字 (the notice's grid). One table for all.

/** East Asian Wide (W) and Fullwidth (F) ranges that occur in Chinese official text. */
export function isWideCodePoint(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Columns a string takes in a terminal (wide characters count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWideCodePoint(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}
