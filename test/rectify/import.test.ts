// The 整改台账 filled in Excel comes back into rectify.yaml through `tongbao import`: an
// untouched ledger changes nothing; edited cells change only those values (comments and the
// rest of the file stay byte for byte); bad cells are reported at their cell, nothing written.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cli } from '../support/cli';
import { snapshot } from '../support/round-fixture';
import { rectifyRound, RECTIFY_FIXTURE } from './helpers';

const LEDGER = '2023年第四季度整改台账.xlsx';

async function ledgerEdited(cwd: string, edit: (ws: ExcelJS.Worksheet, row: (name: string) => number) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(cwd, 'o', '整改', LEDGER));
  const ws = wb.getWorksheet('整改台账')!;
  const row = (name: string) => {
    for (let r = 3; r <= ws.rowCount; r++) if (String((ws.getCell(`D${r}`).value as { richText?: { text: string }[] })?.richText?.[0]?.text ?? ws.getCell(`D${r}`).value) === name) return r;
    throw new Error(name);
  };
  edit(ws, row);
  const file = path.join(cwd, 'edited.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('import of the 整改台账', () => {
  test('the ledger as generated: nothing to import', async () => {
    const { cwd } = rectifyRound();
    expect((await cli(['rectify', 'round', '--out', 'o'], cwd)).code).toBe(0);
    const r = await cli(['import', 'round', `o/整改/${LEDGER}`, '--apply'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('整改台账 23 行');
    expect(r.out).toContain('没有需要导入的改动');
    expect(fs.readFileSync(path.join(cwd, 'round', 'rectify.yaml'), 'utf8')).toBe(fs.readFileSync(RECTIFY_FIXTURE, 'utf8'));
  });

  test('edited cells change only those values; the round trip shows them in the next ledger', async () => {
    const { cwd } = rectifyRound();
    expect((await cli(['rectify', 'round', '--out', 'o'], cwd)).code).toBe(0);
    const file = await ledgerEdited(cwd, (ws, row) => {
      ws.getCell(`H${row('三穗政务')}`).value = '2023-12-02';
      ws.getCell(`J${row('三穗政务')}`).value = '已恢复更新';
      // Excel turns a typed date into a date cell
      ws.getCell(`H${row('锦屏县政府')}`).value = new Date(Date.UTC(2023, 11, 1));
      ws.getCell(`K${row('黔东南商务')}`).value = '不合格';
      ws.getCell(`J${row('健康黔东南')}`).value = null;
    });
    const before = fs.readFileSync(path.join(cwd, 'round', 'rectify.yaml'), 'utf8');
    const preview = await cli(['import', 'round', 'edited.xlsx'], cwd);
    expect(preview.err).toBe('');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('将改动 5 处');
    expect(preview.out).toMatch(/整改台账!H\d+\s+三穗政务（政务微博）\s+报送日期\s+（空）\s+2023-12-02/);
    expect(fs.readFileSync(path.join(cwd, 'round', 'rectify.yaml'), 'utf8')).toBe(before);

    const r = await cli(['import', 'round', 'edited.xlsx', '--apply'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('原文件存入 round/history/1/');
    const after = fs.readFileSync(path.join(cwd, 'round', 'rectify.yaml'), 'utf8');
    // worked out by hand: exactly these values change
    const expected = before
      .replace('  - name: 三穗政务\n    platform: 政务微博\n    reported: ~\n', '  - name: 三穗政务\n    platform: 政务微博\n    reported: 2023-12-02\n    summary: 已恢复更新\n')
      .replace('  - name: 锦屏县政府\n    platform: 政务微信\n', '  - name: 锦屏县政府\n    platform: 政务微信\n    reported: 2023-12-01\n')
      .replace('    reported: 2023-12-05\n    summary: 已恢复更新\n    review: 合格\n', '    reported: 2023-12-05\n    summary: 已恢复更新\n    review: 不合格\n')
      .replace('  - name: 健康黔东南\n    platform: 政务微信\n    reported: 2023-11-27\n    summary: 已落实专人负责，按规定更新\n', '  - name: 健康黔东南\n    platform: 政务微信\n    reported: 2023-11-27\n');
    expect(expected).not.toBe(before);
    expect(after).toBe(expected);

    expect((await cli(['rectify', 'round', '--out', 'o'], cwd)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(cwd, 'o', '整改', LEDGER));
    const ws = wb.getWorksheet('整改台账')!;
    const text = (c: string) => {
      const v = ws.getCell(c).value as { richText?: { text: string }[] } | string | null;
      return v && typeof v === 'object' ? v.richText!.map((t) => t.text).join('') : (v ?? '');
    };
    const rows = Array.from({ length: ws.rowCount - 2 }, (_, i) => i + 3);
    const sansui = rows.find((r) => text(`D${r}`) === '三穗政务')!;
    expect(['H', 'I', 'J', 'K'].map((c) => text(`${c}${sansui}`))).toEqual(['2023-12-02', '是', '已恢复更新', '不合格']);
    // and importing that ledger again changes nothing
    const again = await cli(['import', 'round', `o/整改/${LEDGER}`], cwd);
    expect(again.out).toContain('没有需要导入的改动');
  });

  test('a round without rectify.yaml: the import creates it', async () => {
    const { cwd, dir } = rectifyRound();
    fs.rmSync(path.join(dir, 'rectify.yaml'));
    expect((await cli(['rectify', 'round', '--out', 'o'], cwd)).code).toBe(0);
    const file = await ledgerEdited(cwd, (ws, row) => {
      ws.getCell(`H${row('黔东南公安')}`).value = '2023/11/27';
      ws.getCell(`K${row('黔东南公安')}`).value = '合格';
      ws.getCell(`L${row('黔东南公安')}`).value = '2024-01-05';
    });
    const r = await cli(['import', 'round', path.basename(file), '--apply'], cwd);
    expect(r.err).toBe('');
    expect(r.out).toContain('已新建');
    expect(fs.readFileSync(path.join(dir, 'rectify.yaml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/rectify.schema.json\n# 整改情况：本轮通报列为不合格的单位报回的整改报告和复查结果（格式见 docs/rectify.md）\n' +
        'accounts:\n  - name: 黔东南公安\n    platform: 政务微信\n    owner: 黔东南州公安局\n    reported: 2023-11-27\n    review: 合格\n    reviewed: 2024-01-05\n',
    );
    expect((await cli(['check', 'round', '--as-of', '2023-12-01'], cwd)).code).toBe(0);
  });

  test('bad cells are reported at the cell, all at once; nothing is written', async () => {
    const { cwd } = rectifyRound();
    expect((await cli(['rectify', 'round', '--out', 'o'], cwd)).code).toBe(0);
    let rows: number[] = [];
    const file = await ledgerEdited(cwd, (ws, row) => {
      rows = [row('三穗政务'), row('黔东南商务'), row('锦屏县政府'), row('黔东南公安')];
      ws.getCell(`D${rows[0]}`).value = '三穗政物';
      ws.getCell(`H${rows[1]}`).value = '12月5日';
      ws.getCell(`K${rows[2]}`).value = '基本合格';
      ws.getCell(`C${rows[3]}`).value = '微信';
    });
    const before = snapshot(cwd);
    const r = await cli(['import', 'round', path.basename(file), '--apply'], cwd);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      `edited.xlsx 整改台账!D${rows[0]}: 错误: 本轮不合格的网站和账号中没有“三穗政物”（政务微博）；是不是“三穗政务（政务微博）”？`,
      `edited.xlsx 整改台账!H${rows[1]}: 错误: 日期“12月5日”无效，应写作 YYYY-MM-DD，例如 2023-11-27；未收到整改报告写“未报送”或留空`,
      `edited.xlsx 整改台账!K${rows[2]}: 错误: 复查结果“基本合格”无效，只能是“合格”“不合格”或“未复查”`,
      `edited.xlsx 整改台账!C${rows[3]}: 错误: 类型“微信”无效，只能是“政府网站”“政务微博”或“政务微信”`,
      '共 4 个错误，未改动任何文件。',
    ].sort((a, b) => (a.startsWith('共') ? 1 : b.startsWith('共') ? -1 : Number(/!\D(\d+)/.exec(a)![1]) - Number(/!\D(\d+)/.exec(b)![1]))));
    expect(snapshot(cwd)).toEqual(before);
  });
});
