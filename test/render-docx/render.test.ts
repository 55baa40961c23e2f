// The notice as LibreOffice prints it: converted to PDF (with fonts/fonts.conf standing in the
// free fonts for the official ones), then read back with pdftotext. Skipped, with a note, where
// soffice or poppler-utils are not installed.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadModel } from '../../src/pipeline';
import { renderNotice } from '../../src/render/docx/notice';
import { projectRoot } from '../../src/paths';
import { SEED_DIR } from '../support/round-fixture';
import { fixtureModel, spec } from './fixture';

const ROOT = path.join(__dirname, '..', '..');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = ['soffice', 'pdftotext', 'pdfinfo'].filter((t) => !has(t));
const hasSeed = fs.existsSync(path.join(SEED_DIR, 'notice.yaml'));

if (tools.length) {
  // eslint-disable-next-line no-console
  console.warn(`render-docx: LibreOffice render test skipped, missing ${tools.join(', ')} (libreoffice-writer-nogui, poppler-utils)`);
}

(tools.length ? describe.skip : describe)('LibreOffice render', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-render-'));
  const pdf: Record<string, string> = {};

  function pages(file: string): string[] {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  }

  beforeAll(async () => {
    const fixture = fixtureModel(spec((s) => (s.sites.county[1].result = '不合格')));
    fs.writeFileSync(path.join(dir, 'fixture.docx'), await renderNotice(fixture));
    if (hasSeed) fs.writeFileSync(path.join(dir, 'seed.docx'), await renderNotice(await loadModel(SEED_DIR, ROOT)));
    const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.docx'));
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, ...docs.map((d) => path.join(dir, d))],
      { timeout: 180_000, stdio: 'ignore', env: { ...process.env, FONTCONFIG_FILE: path.join(projectRoot(), 'fonts', 'fonts.conf') } },
    );
    for (const d of docs) pdf[d.replace('.docx', '')] = path.join(dir, d.replace('.docx', '.pdf'));
  }, 200_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the fixture notice: title, text, page numbers and annex pages', () => {
    const ps = pages(pdf.fixture);
    expect(ps.length).toBeGreaterThanOrEqual(3);
    expect(ps.length).toBeLessThanOrEqual(8);
    const all = ps.join('\n').replace(/[ \u3000]/g, '');
    expect(all).toContain('关于2024年第二季度全市政府网站');
    expect(all).toContain('不合格的政府网站是：西河县。');
    ps.forEach((p, i) => expect(p.replace(/ /g, '')).toContain(`—${i + 1}—`));
    // each annex starts a page of its own
    const first = ps.map((p) => p.trim().split('\n')[0].replace(/ /g, ''));
    expect(first).toEqual(expect.arrayContaining(['附件1', '附件2']));
  });

  (hasSeed ? it : it.skip)('prints the seed notice with fonts, 22 lines a page at most and the annexes after the text', () => {
    const info = execFileSync('pdfinfo', [pdf.seed], { encoding: 'utf8' });
    const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(count).toBeGreaterThanOrEqual(8);
    expect(count).toBeLessThanOrEqual(16);
    const fonts = execFileSync('pdffonts', [pdf.seed], { encoding: 'utf8' });
    // the fontconfig file maps 仿宋/黑体/楷体/小标宋 to Noto Serif, Noto Sans, AR PL UKai and Noto Serif Bold
    for (const f of ['NotoSerifCJK', 'NotoSansCJK', 'UKai']) expect(fonts).toContain(f);
    const ps = pages(pdf.seed);
    const annex = ps.findIndex((p) => p.replace(/ /g, '').trim().startsWith('附件1'));
    expect(annex).toBeGreaterThan(1);
    // body pages: text lines inside the 版心 (37 mm from the top, 35 mm from the bottom), at most 22,
    // 28.95 pt apart
    const top = (37 / 25.4) * 72;
    const bottom = ((297 - 35) / 25.4) * 72;
    const bbox = execFileSync('pdftotext', ['-bbox-layout', pdf.seed, '-'], { encoding: 'utf8' });
    const gaps: number[] = [];
    [...bbox.matchAll(/<page [^>]*>([\s\S]*?)<\/page>/g)].slice(0, annex).forEach((page) => {
      const ys = [...page[1].matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)]
        .map((m) => [Number(m[1]), Number(m[2])])
        .filter(([y0, y1]) => y0 >= top - 4 && y1 <= bottom + 4)
        .map(([y0, y1]) => (y0 + y1) / 2)
        .sort((a, b) => a - b);
      const rows = ys.filter((y, i) => i === 0 || y - ys[i - 1] > 8);
      expect(rows.length).toBeLessThanOrEqual(22);
      rows.slice(1).forEach((y, i) => gaps.push(y - rows[i]));
    });
    gaps.sort((a, b) => a - b);
    expect(Math.abs(gaps[Math.floor(gaps.length / 2)] - 28.95)).toBeLessThan(0.6);
    expect(ps[0].replace(/ /g, '')).toContain('关于2023年第四季度全州政府网站');
  });
});
