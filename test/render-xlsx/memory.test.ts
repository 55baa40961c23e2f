// The writer keeps the XML waiting for compression bounded: exceljs ignores the zip's
// backpressure, and SheetWriter.throttle relies on exceljs/archiver internals to see it.
// If an upgrade moves them, this fails instead of memory quietly growing with the round.
import { renderAnnex2 } from '../../src/render/xlsx';
import { BACKLOG, SheetWriter } from '../../src/render/xlsx/sheet';
import { mediumModel } from './fixture';

test('the backlog stays within the limit while a large sheet is written', async () => {
  const seen: (number | null)[] = [];
  const original = SheetWriter.prototype.throttle;
  const spy = jest.spyOn(SheetWriter.prototype, 'throttle').mockImplementation(async function (this: SheetWriter) {
    seen.push(this.backlog);
    await original.call(this);
  });
  try {
    // 4 sections × 12,000 accounts: about 25 MB of XML per sheet, more than the limit
    await renderAnnex2(mediumModel(12000));
  } finally {
    spy.mockRestore();
  }
  expect(seen.length).toBeGreaterThan(100);
  expect(seen.every((b) => typeof b === 'number')).toBe(true);
  const max = Math.max(...(seen as number[]));
  // the backlog did build up (the check is not vacuous) but never far past the limit
  expect(max).toBeGreaterThan(BACKLOG / 2);
  expect(max).toBeLessThan(BACKLOG + (1 << 20));
}, 60000);
