// Safe values and deterministic bytes.
import fc from 'fast-check';
import { renderAnnex1, renderAnnex2, writeAnnex1 } from '../../src/render/xlsx';
import { dosDateTime } from '../../src/write/zip-times';
import { smallModel } from './fixture';
import { cellText, readBook, zipEntryTimes } from './read';

describe('values that look like formulas stay text', () => {
  test('no cell of either workbook is a formula; =, +, -, @ values are inline strings', async () => {
    let lookalikes = 0;
    for (const render of [renderAnnex1, renderAnnex2]) {
      const b = await readBook(await render(smallModel()));
      const sheets = Object.keys(b.zip.files).filter((n) => n.startsWith('xl/worksheets/sheet'));
      expect(sheets.length).toBe(2);
      for (const name of sheets) {
        const xml = await b.part(name);
        expect(xml).not.toMatch(/<f[ >]/);
        expect(xml).not.toMatch(/t="str"/);
        for (const cell of xml.split('</c>')) {
          if (!/<t[^>]*>[=+\-@]/.test(cell)) continue;
          lookalikes++;
          expect(cell).toMatch(/<c r="[A-Z]+\d+" s="\d+" t="inlineStr"><is><r><t/);
        }
      }
    }
    // the fixture's =1+1 (附件1), =HYPERLINK…, +86…, -从江… (附件2), each on the annex and the 数据 sheet
    expect(lookalikes).toBe(8);
  });

  test('text cells carry the text number format, so an edited "=…" stays text in Excel', async () => {
    const b = await readBook(await renderAnnex2(smallModel()));
    const ws = b.wb.worksheets[0];
    expect(ws.getCell('B6').numFmt).toBe('@'); // =HYPERLINK(…)
    expect(ws.getCell('C6').numFmt).toBe('@'); // +86 …
    expect(ws.getCell('D5').numFmt).toBe('@'); // results
  });

  test('any name, owner and problem reads back exactly, never as a formula', async () => {
    const printable = fc.string({ unit: fc.constantFrom(...'=+-@<>&"\'abc 黔东南（）：，;/\\'.split('')), minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('=', '+', '-', '@', ''), printable, printable, printable, async (lead, name, owner, problem) => {
        const m = smallModel();
        const row = m.annex2.sections[0].rows[0];
        row.name = lead + name;
        row.owner = lead + owner;
        row.problems = [lead + problem];
        const b = await readBook(await renderAnnex2(m));
        const ws = b.wb.worksheets[0];
        for (const [ref, want] of [['B5', row.name], ['C5', row.owner], ['G5', row.problems[0]]] as const) {
          const cell = ws.getCell(ref);
          expect(cell.formula).toBeUndefined();
          expect(cellText(cell)).toBe(want);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('deterministic bytes', () => {
  test('two builds of the same data are byte-identical', async () => {
    expect((await renderAnnex1(smallModel())).equals(await renderAnnex1(smallModel()))).toBe(true);
    expect((await renderAnnex2(smallModel())).equals(await renderAnnex2(smallModel()))).toBe(true);
  });

  test('the clock does not reach the file: a build "in 2031" gives the same bytes', async () => {
    const before = await renderAnnex2(smallModel());
    // only Date is faked; timers and I/O keep running for the streams
    jest.useFakeTimers({
      now: new Date('2031-05-05T12:34:56Z'),
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
    });
    try {
      expect(new Date().getUTCFullYear()).toBe(2031);
      const after = await renderAnnex2(smallModel());
      expect(after.equals(before)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  test('workbook dates are the 成文日期 of the model', async () => {
    const m = smallModel();
    let b = await readBook(await renderAnnex1(m));
    let core = await b.part('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-23T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-23T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:creator>州政府政务信息中心</dc:creator>');
    m.issued = { ...m.issued, iso: '2024-02-29', year: 2024, month: 2, day: 29 };
    b = await readBook(await renderAnnex1(m));
    core = await b.part('docProps/core.xml');
    expect(core).toContain('2024-02-29T00:00:00Z</dcterms:created>');
  });

  test('every zip entry is stamped with the 成文日期, in the central directory and the local headers', async () => {
    const { date, time } = dosDateTime('2023-11-23');
    const entries = zipEntryTimes(await renderAnnex2(smallModel()));
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'docProps/core.xml', 'xl/styles.xml']));
    for (const e of entries) expect(e).toMatchObject({ date, time, localDate: date, localTime: time });
  });
});

test('an unwritable path rejects (no hang, no stray exception)', async () => {
  await expect(writeAnnex1(smallModel(), '/nonexistent-dir/附件1.xlsx')).rejects.toMatchObject({ code: 'ENOENT' });
});

describe('the part of the model the annex thread is sent', () => {
  // src/render/xlsx/parallel.ts copies only annexPart(model, n) to the thread: the workbook made
  // from it must be the one made from the whole model (and the other annex's rows are left out).
  test.each([1, 2] as const)('附件%d from annexPart is byte-identical', async (which) => {
    const { annexPart } = await import('../../src/render/xlsx/parallel');
    const model = smallModel();
    const part = annexPart(model, which);
    if (which === 1) expect(part.annex2.sections).toEqual([]);
    else expect(part.annex1.groups).toEqual([]);
    const render = which === 1 ? renderAnnex1 : renderAnnex2;
    expect((await render(part)).equals(await render(model))).toBe(true);
  });
});
