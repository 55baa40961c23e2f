// Corrections after signing, end to end with the real renderers: `annexes` corrects the
// workbooks and the notice's 附件 pages while the 正文 keeps its bytes, records each corrected
// row in 更正记录.txt, and refuses (exit 3, nothing written) a correction that would change the
// 正文, saying how in the notice's words. On the seed round, a round too long to print its
// annexes in the notice, and a round printing the 上季度结果 column (compare.annex_column).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { readNoticeBody } from '../../src/handoff/body';
import { readPrintedSheet } from '../../src/handoff/corrections';
import { readNoticeTables } from '../../src/handoff/notice-tables';
import { ANNEX_INLINE_MAX_ROWS } from '../../src/render/annex-rows';
import { splitDocumentXml } from '../../src/render/docx/parts';
import { cli } from '../support/cli';
import { ACCEPTANCE, pythonLxml, sharedFile, testIf } from '../support/needs';
import { hashes, roundCopy, snapshot } from '../support/round-fixture';
import { seedBuild } from '../support/seed-build';
import { tempDir } from '../support/tmp';

const ROOT = path.join(__dirname, '..', '..');
const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';
const ANNEX1 = '附件1 抽查网站名单及问题曝光情况.xlsx';

beforeAll(() => {
  process.env.TONGBAO_TODAY = '2023-12-05';
});
afterAll(() => {
  delete process.env.TONGBAO_TODAY;
});

function edit(file: string, find: string | RegExp, replace: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`${String(find)} not in ${file}`);
  fs.writeFileSync(file, next);
}

/** document.xml of a .docx, split into its 正文 and 附件 parts. */
async function parts(file: string) {
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
  return splitDocumentXml(xml)!;
}

/** Every zip entry but document.xml, with its bytes: the package around the body. */
async function packageParts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) if (name !== 'word/document.xml') out.set(name, await zip.files[name].async('base64'));
  return out;
}

describe('the seed round: a URL corrected after signing', () => {
  let cwd: string;
  let data: string;
  let out: string;
  let v1: Map<string, string>;

  beforeAll(async () => {
    const c = roundCopy();
    cwd = c.cwd;
    data = c.dir;
    out = path.join(cwd, 'out');
    // as `build round --out out` writes it: the run's one seed build, copied (same data, same bytes)
    fs.cpSync(seedBuild(), out, { recursive: true });
    v1 = snapshot(out);
  }, 120_000);
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  test('annexes: exit 0, the row named as printed, the files listed', async () => {
    edit(path.join(data, 'sites.yaml'), 'url: http://www.rongjiang.gov.cn', 'url: https://www.rongjiang.gov.cn/');
    const r = await cli(['annexes', 'round', '--out', 'out'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        '正文未变，附件已更正 1 处：',
        '  附件1 县（市）政府网站 序号 13（榕江县）：网址 http://www.rongjiang.gov.cn → https://www.rongjiang.gov.cn/',
        '已重新生成（通报只有附件页改变）：',
        `  ${path.join('out', NOTICE)}`,
        `  ${path.join('out', ANNEX1)}`,
        `  ${path.join('out', '附件2 抽查新媒体名单及问题曝光情况.xlsx')}`,
        `  ${path.join('out', '更正记录.txt')}`,
        `  ${path.join('out', 'manifest.json')}`,
        `上一版已移至 ${path.join('out', 'history', '1')}${path.sep}`,
        '',
      ].join('\n'),
    );
  }, 120_000);

  test('the 正文 (everything before the first 附件 page) is byte-identical, and so is the package around it', async () => {
    const before = await parts(path.join(out, 'history', '1', NOTICE));
    const after = await parts(path.join(out, NOTICE));
    expect(after.body).toBe(before.body);
    expect(after.tail).toBe(before.tail);
    expect(after.annex).not.toBe(before.annex);
    expect(await packageParts(path.join(out, NOTICE))).toEqual(await packageParts(path.join(out, 'history', '1', NOTICE)));
    // the 正文 ends with the 附注 and holds no annex table
    expect(after.body).toContain('联系人：顾思明');
    expect(after.body).not.toContain('TbCellHead');
    // the manifest's 正文 record is the first build's
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const m1 = JSON.parse(Buffer.from(v1.get('manifest.json')!, 'base64').toString('utf8'));
    expect(m.body).toEqual({ sha256: m1.body.sha256, since: m1.data.fingerprint, corrections: 1 });
    expect(m.body.sha256).toBe((await readNoticeBody(fs.readFileSync(path.join(out, NOTICE)))).sha256);
  });

  test('the 附件1 page and the 附件1 workbook show the new URL', async () => {
    const tables = await readNoticeTables(fs.readFileSync(path.join(out, NOTICE)));
    expect(tables![0]).toContain('13\t榕江县\thttps://www.rongjiang.gov.cn/\t合格');
    expect(tables!.flat().join('\n')).not.toContain('http://www.rongjiang.gov.cn');
    const sheet = await readPrintedSheet(fs.readFileSync(path.join(out, ANNEX1)));
    const county = sheet!.groups.find((g) => g.title === '县（市）政府网站')!;
    expect(county.rows[12].slice(0, 3)).toEqual(['13', '榕江县', 'https://www.rongjiang.gov.cn/']);
  });

  test('the earlier files are in history/1, byte for byte', () => {
    const h = snapshot(path.join(out, 'history', '1'));
    expect(h).toEqual(new Map([...v1].filter(([k]) => !k.includes(path.sep))));
  });

  test('更正记录.txt lists the correction, dated, old → new', () => {
    expect(fs.readFileSync(path.join(out, '更正记录.txt'), 'utf8')).toBe(
      '\uFEFF' +
        [
          '更正记录',
          '通报：《关于2023年第四季度全州政府网站和政务新媒体检查情况的通报》',
          `通报正文自首次生成（所用数据指纹 ${JSON.parse(Buffer.from(v1.get('manifest.json')!, 'base64').toString('utf8')).data.fingerprint.slice(0, 16)}）以来未改动。以下是此后对附件的更正，按日期先后排列，每行一处：更正的行，原内容 → 新内容。`,
          '',
          '2023年12月5日　第 1 次更正：附件已更正 1 处，正文未变',
          '附件1 县（市）政府网站 序号 13（榕江县）：网址 http://www.rongjiang.gov.cn → https://www.rongjiang.gov.cn/',
          '',
        ].join('\r\n'),
    );
  });

  test('verify --data passes and says the 正文 is unchanged', async () => {
    const r = await cli(['verify', 'out', '--data', 'round'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('说明：通报正文未变：仍是本轮首次生成的正文（按数据指纹 ');
    expect(r.out).toContain('此后附件已更正 1 处（见 更正记录.txt，最近一次在 2023年12月5日）');
    expect(r.out).toContain('结论：全部一致。');
  });

  test('build right after annexes changes nothing (no history entry of identical files)', async () => {
    const before = hashes(out);
    const r = await cli(['build', 'round', '--out', 'out'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('无变化');
    expect(hashes(out)).toEqual(before);
  }, 120_000);

  test('one more account 不合格: exit 3 naming it in the 正文\'s words, nothing written', async () => {
    const before = hashes(out);
    edit(path.join(data, 'accounts.yaml'), /(name: 黔东南发展改革\n\s+owner: [^\n]+\n\s+results: )\[合格, 合格, 合格\]/, '$1[合格, 不合格, 合格]');
    edit(path.join(data, 'notice.yaml'), '  - 三穗政务（政务微博）\n', '  - 三穗政务（政务微博）\n  - 黔东南发展改革（政务微博）\n');
    const r = await cli(['annexes', 'round', '--out', 'out'], cwd);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      [
        '这次更正会改变通报正文，未写入任何文件。正文将有以下不同：',
        '  正文第二段：全州有不合格政务微信、政务微博23个 → 24个；新增“黔东南发展改革（政务微博）”',
        '另外，通报附件页的表格有 1 行不同（附件页不属于正文）。',
        '通报正文是送签的文字，只更新附件时不能改动。确需改动正文，请运行 tongbao build 重新生成通报和附件，并重新送签。',
        '',
      ].join('\n'),
    );
    expect(hashes(out)).toEqual(before);
    // back to the signed data
    edit(path.join(data, 'accounts.yaml'), /(name: 黔东南发展改革\n\s+owner: [^\n]+\n\s+results: )\[合格, 不合格, 合格\]/, '$1[合格, 合格, 合格]');
    edit(path.join(data, 'notice.yaml'), '  - 黔东南发展改革（政务微博）\n', '');
  }, 120_000);

  test('package puts the 更正记录 in the bundle and says so in 送签说明; a second package changes nothing', async () => {
    const r = await cli(['package', 'round', '--out', 'out'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(out, 'history'))).toEqual(['1']);
    const zipName = fs.readdirSync(out).find((f) => f.endsWith('（送签稿）.zip'))!;
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, zipName)));
    expect(Object.keys(zip.files)).toEqual([NOTICE, ANNEX1, '附件2 抽查新媒体名单及问题曝光情况.xlsx', '更正记录.txt', 'manifest.json', '送签说明.txt']);
    expect(await zip.file('更正记录.txt')!.async('string')).toBe(fs.readFileSync(path.join(out, '更正记录.txt'), 'utf8'));
    const note = await zip.file('送签说明.txt')!.async('string');
    expect(note).toContain('4. 更正记录（文本文件）：更正记录.txt（送签后对附件的每一处更正，原内容和新内容）。');
    expect(note).toContain('更正：附件已更正 1 处，正文未变（每一处的原内容和新内容见更正记录.txt）');
    const before = hashes(out);
    expect((await cli(['package', 'round', '--out', 'out'], cwd)).code).toBe(0);
    expect(hashes(out)).toEqual(before);
    expect((await cli(['verify', path.join('out', zipName), '--data', 'round'], cwd)).code).toBe(0);
  }, 120_000);

  test('a second correction is added below the first, numbered; the count adds up', async () => {
    edit(path.join(data, 'sites.yaml'), 'url: http://www.kaili.gov.cn', 'url: http://www.kaili.gov.cn/');
    process.env.TONGBAO_TODAY = '2023-12-06';
    try {
      expect((await cli(['annexes', 'round', '--out', 'out'], cwd)).code).toBe(0);
    } finally {
      process.env.TONGBAO_TODAY = '2023-12-05';
    }
    const text = fs.readFileSync(path.join(out, '更正记录.txt'), 'utf8');
    expect(text.split('\r\n').slice(3)).toEqual([
      '',
      '2023年12月5日　第 1 次更正：附件已更正 1 处，正文未变',
      '附件1 县（市）政府网站 序号 13（榕江县）：网址 http://www.rongjiang.gov.cn → https://www.rongjiang.gov.cn/',
      '',
      '2023年12月6日　第 2 次更正：附件已更正 1 处，正文未变',
      '附件1 县（市）政府网站 序号 1（凯里市）：网址 http://www.kaili.gov.cn → http://www.kaili.gov.cn/',
      '',
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).body.corrections).toBe(2);
    const v = await cli(['verify', 'out', '--data', 'round'], cwd);
    expect(v.out).toContain('此后附件已更正 2 处（见 更正记录.txt，最近一次在 2023年12月6日）');
  }, 120_000);

  testIf(sharedFile('check-ooxml'), pythonLxml)('check-ooxml: the corrected notice and workbooks are schema-valid', () => {
    const files = fs.readdirSync(out).filter((f) => /\.(docx|xlsx)$/.test(f));
    expect(files).toHaveLength(3);
    const r = spawnSync('python3', [path.join(ACCEPTANCE, 'check-ooxml'), ...files.map((f) => path.join(out, f))], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stdout + r.stderr).toMatch(/^(\d+)\/\1 parts schema-valid$/m);
    expect(r.status).toBe(0);
  }, 240_000);
});

test('a round past ANNEX_INLINE_MAX_ROWS (no tables in the notice): the URL corrected in the workbook, the notice unchanged', async () => {
  const many = Array.from({ length: ANNEX_INLINE_MAX_ROWS + 1 }, (_, i) => `  - name: 测试网站${i + 1}\n    url: http://site${i + 1}.example.gov.cn\n    result: 合格\n`).join('');
  const { cwd, dir } = roundCopy([{ file: 'sites.yaml', replace_all: `department:\n${many}county:\n  - name: 凯里市\n    url: http://www.kaili.gov.cn\n    result: 合格\n` }]);
  try {
    expect((await cli(['build', 'round', '--out', 'out'], cwd)).code).toBe(0);
    const notice = hashes(path.join(cwd, 'out')).get(NOTICE);
    edit(path.join(dir, 'sites.yaml'), 'url: http://site1500.example.gov.cn', 'url: https://site1500.example.gov.cn');
    const r = await cli(['annexes', 'round', '--out', 'out'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('正文未变，附件已更正 1 处：\n  附件1 州直部门网站 序号 1500（测试网站1500）：网址 http://site1500.example.gov.cn → https://site1500.example.gov.cn\n');
    // the notice carries no table, so the correction leaves it byte for byte
    expect(hashes(path.join(cwd, 'out')).get(NOTICE)).toBe(notice);
    expect(fs.readFileSync(path.join(cwd, 'out', '更正记录.txt'), 'utf8')).toContain('附件1 州直部门网站 序号 1500（测试网站1500）：网址');
    expect((await cli(['verify', 'out', '--data', 'round'], cwd)).code).toBe(0);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 240_000);

test('a round printing 上季度结果 (compare.annex_column): a URL corrected; a result that changes the comparison refused', async () => {
  const cwd = tempDir('tongbao-corr-');
  try {
    for (const r of ['2024-q2', '2024-q3']) fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'rounds', r), path.join(cwd, r), { recursive: true });
    expect((await cli(['build', '2024-q3'], cwd)).code).toBe(0);
    const out = path.join(cwd, 'out', '2024-q3');
    const notice = fs.readdirSync(out).find((f) => f.endsWith('.docx'))!;
    const before = await parts(path.join(out, notice));
    edit(path.join(cwd, '2024-q3', 'sites.yaml'), 'url: https://jyj.example.gov.cn', 'url: https://jyj.example.gov.cn/index.html');
    const r = await cli(['annexes', '2024-q3'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^正文未变，附件已更正 1 处：\n {2}附件1 \S+ 序号 1（\S+）：网址 https:\/\/jyj\.example\.gov\.cn → https:\/\/jyj\.example\.gov\.cn\/index\.html\n/);
    const after = await parts(path.join(out, notice));
    expect(after.body).toBe(before.body);
    // the 上季度结果 column is still there, in the notice and in the workbook
    const a1 = fs.readdirSync(out).find((f) => f.startsWith('附件1'))!;
    const sheet = await readPrintedSheet(fs.readFileSync(path.join(out, a1)));
    expect(sheet!.header).toContain('上季度结果');
    const printed = (await readNoticeTables(fs.readFileSync(path.join(out, notice))))![0];
    expect(printed[0].split('\t')).toContain('上季度结果');
    expect(printed.join('\n')).toContain('https://jyj.example.gov.cn/index.html');
    expect((await cli(['verify', path.join('out', '2024-q3'), '--data', '2024-q3'], cwd)).code).toBe(0);

    // the previous round corrected: the comparison paragraph of the 正文 would change
    const snap = hashes(out);
    edit(path.join(cwd, '2024-q2', 'sites.yaml'), 'url: https://www.dongqu.example.gov.cn\n    result: 不合格', 'url: https://www.dongqu.example.gov.cn\n    result: 合格');
    const refused = await cli(['annexes', '2024-q3'], cwd);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/\n {2}正文第\S+段：/);
    expect(refused.err).toContain('东区人民政府');
    expect(hashes(out)).toEqual(snap);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 240_000);

test('a correction made with build (or package) under the same 正文 is recorded as annexes would; a new 正文 starts afresh', async () => {
  const { cwd, dir } = roundCopy();
  try {
    fs.cpSync(seedBuild(), path.join(cwd, 'out'), { recursive: true });
    edit(path.join(dir, 'accounts.yaml'), 'name: 黔东南民政\n', 'name: 黔东南州民政局\n');
    const r = await cli(['package', 'round', '--out', 'out'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('正文未变，附件已更正 1 处（已记入更正记录）：\n  附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局\n');
    expect(fs.readFileSync(path.join(cwd, 'out', '更正记录.txt'), 'utf8')).toContain('2023年12月5日　第 1 次更正：附件已更正 1 处，正文未变\r\n附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局\r\n');
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'manifest.json'), 'utf8')).body.corrections).toBe(1);
    // a deadline moved: a new 正文, a new record; the old 更正记录 stays with its set in history
    edit(path.join(dir, 'notice.yaml'), 'deadline: 2023-11-28', 'deadline: 2023-11-30');
    const b = await cli(['build', 'round', '--out', 'out'], cwd);
    expect(b.code).toBe(0);
    expect(b.out).not.toContain('附件已更正');
    // said plainly: a new 送签稿, what changed in the notice's words, where the signed one is kept
    const kept = `${path.join('out', 'history', '2')}${path.sep}`;
    expect(b.out.split('\n').slice(6)).toEqual([
      `  （上一版的 更正记录.txt 已从 out 移走，保存在 ${kept}）`,
      `  （上一版的 关于2023年第四季度全州政府网站和政务新媒体检查情况的通报（送签稿）.zip 已从 out 移走，保存在 ${kept}）`,
      '注意：通报正文与上一版不同，这是一份新的送签稿，须重新送签。正文有以下不同：',
      '  正文第十段：请于2023年11月28日前将整改情况经分管领导审定后 → 请于2023年11月30日前将整改情况经分管领导审定后',
      `上一版（原来的正文，连同它的更正记录和送签包）完整保存在 ${kept}`,
      '',
    ]);
    const m = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'manifest.json'), 'utf8'));
    expect(m.body).toMatchObject({ since: m.data.fingerprint, corrections: 0 });
    expect(fs.existsSync(path.join(cwd, 'out', '更正记录.txt'))).toBe(false);
    expect(fs.existsSync(path.join(cwd, 'out', 'history', '2', '更正记录.txt'))).toBe(true);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 240_000);
