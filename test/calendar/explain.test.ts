import * as fs from 'fs';
import * as path from 'path';
import { createWorkCalendar, DEFAULT_RULES, explainAccount, resolveRules } from '../../src/calendar';
import { displayWidth } from '../../src/text/width';

const cal = createWorkCalendar();
const MONTHS = ['2023-08', '2023-09', '2023-10'];
const GOLDEN = path.join(__dirname, '__golden__');

/** Compares with test/calendar/__golden__/NAME; UPDATE_GOLDEN=1 rewrites the file instead. */
function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

// August fine, September thin, October fails around National Day; the given results claim
// September 合格, which the dates contradict.
const WEIBO_UPDATES = [
  '2023-07-31', // outside the round
  '2023-08-01', '2023-08-03', '2023-08-07', '2023-08-09', '2023-08-14', '2023-08-16', '2023-08-21', '2023-08-23', '2023-08-28', '2023-08-30',
  '2023-09-04', '2023-09-06', '2023-09-08', '2023-09-23', '2023-09-24', '2023-09-26',
  '2023-10-01', '2023-10-09', '2023-10-16', '2023-10-17', '2023-10-20', '2023-10-25', '2023-10-26', '2023-10-09',
];

test('微博 account: grid, verdicts, every failing window, given results compared', () => {
  const text = explainAccount(
    '黔东南州生态环境局',
    { owner: '黔东南州生态环境局', platform: 'weibo', updates: WEIBO_UPDATES, results: ['合格', '合格', '不合格'] },
    MONTHS,
    DEFAULT_RULES,
    cal,
  );
  golden('weibo.txt', text);
  expect(text).toContain('原因：10月更新7天，少于8天；10月7日至10月11日连续5个工作日仅更新1天');
  expect(text).toContain('填报：合格（与按更新日期判定的不一致）');
});

test('服务号: 14-day windows', () => {
  const text = explainAccount(
    '凯里发布',
    { owner: '凯里市融媒体中心', platform: 'wechat', service: true, updates: ['2023-08-02', '2023-08-12', '2023-08-20', '2023-08-31', '2023-09-15', '2023-09-18', '2023-09-29', '2023-10-15', '2023-10-20', '2023-10-25', '2023-10-29'] },
    MONTHS,
    DEFAULT_RULES,
    cal,
  );
  golden('service.txt', text);
  expect(text).toContain('原因：9月更新3天，少于4天；9月1日至9月14日连续14天未更新');
  expect(text).toContain('原因：10月1日至10月14日连续14天未更新');
});

test('results without dates: says so instead of guessing', () => {
  const text = explainAccount('某县发布', { owner: '某县', platform: 'wechat', results: ['合格', '不合格', '合格'] }, MONTHS, DEFAULT_RULES, cal);
  golden('results-only.txt', text);
});

test('custom thresholds and a user-supplied year are named', () => {
  const user = createWorkCalendar({ 2027: { holidays: ['2027-01-01'], workdays: [] } });
  const text = explainAccount('X', { updates: ['2027-01-04'] }, ['2027-01'], resolveRules({ monthly_days: 1, window_workdays: 25 }), user);
  expect(text).toContain('规则：连续25个工作日更新不少于2天，每月更新不少于1天');
  expect(text).toContain('工作日历：2027年据数据目录 calendar.yaml');
  expect(text).toContain('连续25个工作日更新不少于2天：本月不足25个工作日，无须检查　符合');
  expect(text).toContain(' 1 休'); // 1 January, a Friday, off
});

test('a month in a year without calendar data is an error, not a guess', () => {
  expect(() => explainAccount('X', { updates: [] }, ['2027-01'], DEFAULT_RULES, cal)).toThrow('缺少2027年的工作日历');
});

/** A line as terminal columns: a wide character fills its column and the next one (''). */
function columns(line: string): string[] {
  const out: string[] = [];
  for (const ch of line) {
    out.push(ch);
    if (displayWidth(ch) === 2) out.push('');
  }
  return out;
}

test('grid columns line up when a CJK character is two columns wide', () => {
  const text = explainAccount('X', { updates: WEIBO_UPDATES }, MONTHS, DEFAULT_RULES, cal);
  const lines = text.split('\n');
  let grids = 0;
  lines.forEach((line, i) => {
    if (!line.startsWith(' 一')) return;
    grids++;
    const header = columns(line);
    const weekday = (k: number) => header[7 * k + 1];
    expect([0, 1, 2, 3, 4, 5, 6].map(weekday)).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    for (let r = i + 1; lines[r] !== ''; r++) {
      const row = columns(lines[r]);
      expect(row.length).toBeLessThanOrEqual(7 * 7 - 1);
      while (row.length < 7 * 7 - 1) row.push(' '); // rows are printed without trailing spaces
      for (let k = 0; k < 7; k++) {
        const cell = row.slice(7 * k, 7 * k + 6).join('');
        // [dd]mark or  dd mark or blank; the day number sits under its weekday's name
        expect(cell).toMatch(/^(?:[[ ][ \d]\d[\] ](?:休|班|  |)| {0,6})$/);
        if (k < 6) expect(row[7 * k + 6]).toBe(' ');
      }
    }
  });
  expect(grids).toBe(3);
});
