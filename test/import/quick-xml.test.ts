// The quick sheet reader (src/import/quick-xml.ts) held to saxes, the full parser it stands in
// for: on generated XML, cut into chunks anywhere, it either gives up or calls back exactly as
// saxes does (and saxes finds nothing wrong). It must not give up on what workbooks hold, and a
// sheet it gives up on midway is read again by saxes without a row lost or read twice.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { QuickXml } from '../../src/import/quick-xml';
import { readWorkbook } from '../../src/import/workbook';
import { renderAnnex2 } from '../../src/render/xlsx';
import { mediumModel } from '../render-xlsx/fixture';
import { tempDir } from '../support/tmp';
import { workbookParts, zip } from './craft';

type Ev = (string | [string, string][])[];
const local = (n: string) => (n.includes(':') ? n.slice(n.indexOf(':') + 1) : n);
const attrs = (a: Record<string, string>) => Object.keys(a).map((k): [string, string] => [k, a[k]]);

/** What saxes calls back (as src/import/xlsx.ts sets it up), or 'error'. */
function saxes(chunks: string[]): Ev[] | 'error' {
  const out: Ev[] = [];
  const p = new SaxesParser({ position: true });
  p.on('error', (e) => {
    throw e;
  });
  p.on('doctype', () => {
    throw new Error('doctype');
  });
  p.on('opentag', (t) => out.push(['open', local(t.name), attrs(t.attributes as Record<string, string>)]));
  p.on('closetag', (t) => out.push(['close', local(t.name)]));
  p.on('text', (t) => out.push(['text', t]));
  p.on('cdata', (t) => out.push(['text', t]));
  try {
    for (const c of chunks) p.write(c);
    p.close();
  } catch {
    return 'error';
  }
  return out;
}

/** What the quick reader calls back, or 'gave up'. */
function quick(chunks: string[]): Ev[] | 'gave up' {
  const out: Ev[] = [];
  const q = new QuickXml(
    (n, a) => out.push(['open', n, attrs(a)]),
    (n) => out.push(['close', n]),
    (t) => out.push(['text', t]),
  );
  for (const c of chunks) if (!q.write(c)) return 'gave up';
  return q.end() ? out : 'gave up';
}

/** The text cut at the given places (taken modulo its length + 1). */
const cut = (s: string, at: number[]): string[] => {
  const out: string[] = [];
  let from = 0;
  for (const p of [...new Set(at.map((a) => a % (s.length + 1)))].sort((a, b) => a - b)) {
    out.push(s.slice(from, p));
    from = p;
  }
  out.push(s.slice(from));
  return out;
};

test('cut: the pieces join up to the text', () => {
  for (const at of [[], [0], [3, 1, 3], [100]]) expect(cut('abcdef', at).join('')).toBe('abcdef');
});

// pieces of sheet XML: whole elements and text the quick reader takes, and pieces it must give
// up on or get exactly right (entities, CR, odd spacing, prefixes, names like __proto__)
const USUAL = [
  '<row r="1"></row>', '<c r="A1" t="s"><v>12</v></c>', '<c r="B2" t="inlineStr" s="3"><is><t>合格</t></is></c>', '<c r="C3"/>', '<c r="C3" />',
  '<t xml:space="preserve"> a b </t>', '<x:c x:r="1"><x:v>1</x:v></x:c>', '<mergeCell ref="A1:B2"/>', '黔东南州', 'a b', ' ', '\n', '\r\n', '\r', '\t',
  '&amp;', '&lt;x&gt;', '&quot;&apos;', '>', ']]', "<a b='1' c = \"2\"/>", '<a __proto__="1" constructor="2"/>', '<_a.b-c/>', '<r><rPr><b/></rPr><t>不</t></r>',
];
const ODD = [
  '<row r="1">', '</row>', '</c>', '<v>', '</v>', '&#65;', '&#x4e00;', '&nbsp;', '&', ']]>', '<!-- note -->', '<![CDATA[<b>]]>', '<?pi x?>', '<!DOCTYPE x>',
  '\u0001', '\uFFFE', '<a b="1" b="2"/>', '<a b="x>y"/>', '<a b="1"c="2"/>', '<a b="x&amp;y"/>', '<a b="x\ty"/>', '<1a/>', '</ a>', '<a/ >', '<é/>', '<', '</', '="1"',
];
const PIECE = fc.oneof({ arbitrary: fc.constantFrom(...USUAL), weight: 12 }, { arbitrary: fc.constantFrom(...ODD), weight: 1 });
const DECLS = ['', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n', "<?xml version='1.0'?>", '<?xml version="1.1"?>', ' <?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'];

// compared as JSON: jest's deep equality is slow on thousands of events
const json = (e: unknown) => JSON.stringify(e);

test('generated XML, cut anywhere: the quick reader gives up or calls back as saxes does', () => {
  let compared = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...DECLS),
      fc.array(PIECE, { maxLength: 20 }),
      fc.constantFrom('', ' ', '\n', '<x/>', 'x', '<!-- end -->'),
      fc.array(fc.nat(2000), { maxLength: 6 }),
      (decl, pieces, after, at) => {
        const xml = `${decl}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${pieces.join('')}</sheetData></worksheet>${after}`;
        const chunks = cut(xml, at);
        const q = quick(chunks);
        if (q === 'gave up') return;
        compared++;
        expect(json(saxes([xml]))).toBe(json(q));
        expect(json(saxes(chunks))).toBe(json(q));
      },
    ),
    { numRuns: 2000 },
  );
  // not vacuous: many documents were read quickly and compared
  expect(compared).toBeGreaterThan(200);
});

test('well-formed sheets of the usual forms: read quickly, as saxes reads them', () => {
  const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}" spans="1:3"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" s="2"><v>4.5E-2</v></c><c r="C${i + 1}" t="inlineStr"><is><r><rPr><b/></rPr><t>不</t></r><r><t xml:space="preserve">合格 &amp; &lt;x&gt;</t></r></is></c><c r="D${i + 1}"><f>SUM(A1)</f><v>3</v></c><c r="E${i + 1}" s="1"/></row>`);
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:E50"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  fc.assert(
    fc.property(fc.array(fc.nat(xml.length), { maxLength: 20 }), (at) => {
      const chunks = cut(xml, at);
      const q = quick(chunks);
      expect(q).not.toBe('gave up');
      expect(json(saxes(chunks))).toBe(json(q));
    }),
    { numRuns: 50 },
  );
});

test("the annex writer's own sheets: read quickly, as saxes reads them", async () => {
  const book = await JSZip.loadAsync(await renderAnnex2(mediumModel(40)));
  const sheets = Object.keys(book.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  expect(sheets.length).toBeGreaterThanOrEqual(2);
  for (const n of sheets) {
    const xml = await book.file(n)!.async('string');
    const chunks = cut(xml, [4096, 65536, 65537, 100000]);
    const q = quick(chunks);
    expect(q).not.toBe('gave up');
    expect(json(saxes(chunks))).toBe(json(q));
  }
});

test('a sheet the quick reader gives up on midway is read again by saxes: every row once, in order', async () => {
  const dir = tempDir('tongbao-quick-');
  // 6,000 rows (several chunks of XML), a character reference (which only saxes reads) in row 5,000
  const rows = (ref: string) => Array.from({ length: 6000 }, (_, i) => [`单位${i + 1}${i === 4999 ? ref : ''}`, { inline: `合格${i}` }, i]);
  const read = async (file: string) => {
    const out: string[] = [];
    // (h: a hidden row, a cell in a hidden column — marks the second reading must keep too)
    for await (const s of readWorkbook(file)) for await (const r of s.rows) out.push(`${r.hidden ? 'h' : ''}${r.number}:${r.cells.map((c) => (c?.hidden ? 'h' : '') + (c?.text ?? '')).join('|')}`);
    return out;
  };
  const plain = path.join(dir, 'plain.xlsx');
  const hidden = { hidden_rows: [2, 5001], hidden_cols: [2] };
  fs.writeFileSync(plain, zip(workbookParts([{ name: '表', rows: rows('A'), ...hidden }])));
  const withRef = path.join(dir, 'ref.xlsx');
  const parts = workbookParts([{ name: '表', rows: rows(''), ...hidden }]);
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  sheet.data = String(sheet.data).replace('<t xml:space="preserve">合格4999</t>', '<t xml:space="preserve">&#x5408;格4999</t>');
  expect(String(sheet.data)).toContain('&#x5408;');
  fs.writeFileSync(withRef, zip(parts));
  const expected = await read(plain);
  expect(expected).toHaveLength(6000);
  expect(expected[4999]).toBe('5000:|单位5000A|h合格4999|4999');
  expect([expected[1], expected[5000]]).toEqual(['h2:|单位2|h合格1|1', 'h5001:|单位5001|h合格5000|5000']);
  const got = await read(withRef);
  expect(got.slice(0, 4999)).toEqual(expected.slice(0, 4999));
  expect(got[4999]).toBe('5000:|单位5000|h合格4999|4999');
  expect(got.slice(5000)).toEqual(expected.slice(5000));
  fs.rmSync(dir, { recursive: true, force: true });
});
