// Printed by LibreOffice Calc to PDF, each annex is on A4 with its header row on every
// page. Needs soffice and pdftotext; without them the test is skipped with a note.
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { annexFileNames, renderAnnex1, renderAnnex2 } from '../../src/render/xlsx';
import { mediumModel } from './fixture';
import { norm } from './read';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const available = has('soffice') && has('pdftotext') && has('pdfinfo');
if (!available) {
  // eslint-disable-next-line no-console
  console.warn('print.test: soffice/pdftotext not installed — the LibreOffice print check is SKIPPED');
}
const maybe = available ? describe : describe.skip;

interface Page {
  text: string;
  width: number;
  height: number;
}

function pages(pdf: string): Page[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  // one pdftotext for the whole file (not one per page): it ends each page with a form feed
  const texts = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f');
  expect(texts.length).toBe(sizes.length + 1);
  return sizes.map(([width, height], i) => ({ width, height, text: norm(texts[i]) }));
}

const A4 = { short: 595.3, long: 841.9 };
const isA4 = (p: Page, portrait: boolean) =>
  Math.abs((portrait ? p.width : p.height) - A4.short) < 1 && Math.abs((portrait ? p.height : p.width) - A4.long) < 1;

maybe('printed through LibreOffice', () => {
  let dir: string;
  const model = mediumModel(45);
  const names = annexFileNames(model);
  const printed: Record<'annex1' | 'annex2', Page[]> = { annex1: [], annex2: [] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tongbao-print-'));
    writeFileSync(join(dir, names.annex1), await renderAnnex1(model));
    writeFileSync(join(dir, names.annex2), await renderAnnex2(model));
    // a profile of its own: no clash with a running LibreOffice or another test
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, names.annex1), join(dir, names.annex2)],
      { stdio: 'ignore', timeout: 120000 },
    );
    printed.annex1 = pages(join(dir, names.annex1.replace(/\.xlsx$/, '.pdf')));
    printed.annex2 = pages(join(dir, names.annex2.replace(/\.xlsx$/, '.pdf')));
  }, 150000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const annexHeader = {
    annex1: ['序号', '网站名称', '网址', '合格/不合格', '问题曝光情况'],
    annex2: ['序号', '名称', '主办单位', ...model.months.map((m) => m.column), '问题曝光情况'],
  };
  const dataHeader = ['类型', '级别', '名称', '主办单位', '网址', ...model.months.map((m) => m.column), '是否不合格', '问题'];

  test.each(['annex1', 'annex2'] as const)('%s: the annex prints on several A4 portrait pages, each with the header row', (which) => {
    // LibreOffice prints every sheet: the annex pages (portrait) first, then the 数据 pages (landscape)
    const annexPages = printed[which].filter((p) => p.height > p.width);
    expect(annexPages.length).toBeGreaterThanOrEqual(2);
    expect(printed[which].slice(0, annexPages.length)).toEqual(annexPages);
    for (const p of annexPages) {
      expect(isA4(p, true)).toBe(true);
      expect(p.text).not.toContain('是否不合格');
      for (const h of annexHeader[which]) expect(p.text).toContain(norm(h));
      expect(p.text).toMatch(/第\d+页共\d+页/);
    }
    expect(annexPages[0].text).toContain(norm(model[which].title));
  });

  test.each(['annex1', 'annex2'] as const)('%s: the 数据 sheet prints on several A4 landscape pages, header on every page', (which) => {
    const dataPages = printed[which].filter((p) => p.width > p.height);
    expect(dataPages.length).toBeGreaterThanOrEqual(2);
    for (const p of dataPages) {
      expect(isA4(p, false)).toBe(true);
      for (const h of dataHeader) expect(p.text).toContain(norm(h));
    }
  });

  test('every row reaches the paper: the last account of the last section is printed', () => {
    const last = model.annex2.sections[3].rows[44];
    expect(printed.annex2.some((p) => p.text.includes(norm(last.name)))).toBe(true);
  });
});
