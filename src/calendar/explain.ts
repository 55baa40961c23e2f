// `tongbao explain DATA_DIR NAME`: an account's months as week grids with its update dates
// marked, each rule's verdict with the numbers, and every failing window spelled out, so a unit
// disputing a 不合格 can check it day by day. Plain text; columns assume a CJK character is two
// terminal columns wide, and only ASCII and wide characters are used in the grid (no ●, ·, …
// whose width differs between terminals).
import type { Platform, Result, Rules } from '../types';
import { isoDate, monthSpan, monthTitle, normalizeDates, weekday } from './dates';
import { calendarYears, judgeAccount, spanLabel, updatedPhrase, type MonthVerdict, type UpdateWindow } from './judge';
import { describeRules } from './rules';
import { chineseDaysVersion, type DayKind, type WorkCalendar } from './workdays';
import { displayWidth } from '../text/width';

export interface ExplainAccount {
  owner?: string;
  platform?: Platform;
  service?: boolean;
  updates?: string[];
  results?: Result[];
}

const PLATFORM_LABEL: Record<Platform, string> = { weibo: '政务微博', wechat: '政务微信' };
const WEEK_HEADER = ['一', '二', '三', '四', '五', '六', '日'];
const KIND_MARK: Record<DayKind, string> = { workday: '  ', weekend: '  ', holiday: '休', makeup: '班' };

export function explainAccount(
  name: string,
  account: ExplainAccount,
  months: readonly string[],
  rules: Rules,
  cal: WorkCalendar,
): string {
  const service = account.service === true;
  const kinds = [account.platform ? PLATFORM_LABEL[account.platform] : '', service ? '服务号' : ''].filter(Boolean);
  const out: string[] = [kinds.length ? `${name}（${kinds.join('，')}）` : name];
  if (account.owner) out.push(`主办单位：${account.owner}`);
  out.push(`规则：${describeRules(rules, service)}`);

  if (!account.updates) {
    out.push('', '未填更新日期（updates），各月结果为填报值，无法按日核对：');
    months.forEach((m, i) => out.push(`  ${monthTitle(m)}：${account.results?.[i] ?? '未填'}`));
    return out.join('\n') + '\n';
  }

  const judged = judgeAccount(account.updates, months, service, rules, cal);
  const days = normalizeDates(account.updates);
  const inRound = judged.months.reduce((n, v) => n + v.updates.length, 0);
  const outside = days.length - inRound;
  out.push(`更新日期：检查月份内${inRound}天` + (outside ? `；另有${outside}天不在检查月份内，不计` : ''));
  out.push(
    '工作日历：' +
      calendarYears(months)
        .map((y) => `${y}年据${cal.source(y) === 'chinese-days' ? ` chinese-days ${chineseDaysVersion()}` : '数据目录 calendar.yaml'}`)
        .join('；'),
  );
  out.push(
    '',
    '图例：[ 9] 当天有更新　休 法定节假日　班 调休上班日',
    '　　　周一至周五上班、周六周日休息，标“休”“班”的日子除外',
  );
  if (service) out.push('　　　服务号的规则按自然日计算，与是否工作日无关');

  judged.months.forEach((v, i) => {
    out.push('', `${monthTitle(v.month)}　${v.result}`, ...grid(v, cal), '');
    out.push(...verdictLines(v));
    out.push(`  结果：${v.result}`);
    if (v.reasons.length) out.push(`  原因：${v.reasons.join('；')}`);
    const given = account.results?.[i];
    if (given) out.push(`  填报：${given}${given === v.result ? '（与按更新日期判定的一致）' : '（与按更新日期判定的不一致）'}`);
  });
  return out.join('\n') + '\n';
}

/** The month as a Monday-first week grid; each cell is 6 columns: [dd] plus a 2-column mark. */
function grid(v: MonthVerdict, cal: WorkCalendar): string[] {
  const { first, last } = monthSpan(v.month);
  const updated = new Set(v.updates);
  const cells: string[] = [];
  for (let i = 0; i < (weekday(first) + 6) % 7; i++) cells.push('      ');
  for (let d = first; d <= last; d++) {
    const iso = isoDate(d);
    const dd = String(Number(iso.slice(8))).padStart(2, ' ');
    const [open, close] = updated.has(iso) ? ['[', ']'] : [' ', ' '];
    cells.push(`${open}${dd}${close}${KIND_MARK[cal.kind(iso)]}`);
  }
  const rows = [WEEK_HEADER.map((h) => ` ${h}   `).join(' ').trimEnd()];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7).join(' ').trimEnd());
  return rows;
}

function verdictLines(v: MonthVerdict): string[] {
  const [count, window] = v.rules;
  const mark = (ok: boolean) => (ok ? '符合' : '不符合');
  const lines = [
    `  ${count.text}：本月更新${count.updates.length}天` +
      (count.updates.length ? `（${count.updates.map(dayOfMonth).join('、')}）` : '') +
      `　${mark(count.ok)}`,
  ];
  const unit = window.unit === 'workdays' ? '个工作日' : '天';
  if (window.checked === 0) {
    lines.push(`  ${window.text}：本月不足${window.size}${unit}，无须检查　符合`);
  } else if (window.ok) {
    lines.push(`  ${window.text}：共${window.checked}段，每段都更新不少于${window.required}天　符合`);
  } else {
    // Tag the non-overlapping lapses 第1处, 第2处 … so "（另有2处）" in the reason can be found here;
    // the untagged lines overlap the lapse above them.
    const tags = new Map(window.periods.map((p, i) => [p.from, `第${i + 1}处`]));
    lines.push(
      `  ${window.text}：共${window.checked}段，其中${window.failing.length}段更新少于${window.required}天，` +
        `互不重叠的有${window.periods.length}处　不符合`,
      ...window.failing.map((w) => `    ${padWidth(tags.get(w.from) ?? '', 7)}${spanLabel(w)}：${windowUpdates(w)}`),
    );
  }
  return lines;
}

/** 未更新 / 仅更新1天（9日） */
function windowUpdates(w: UpdateWindow): string {
  return updatedPhrase(w.updates.length) + (w.updates.length ? `（${w.updates.map(dayOfMonth).join('、')}）` : '');
}

/** 9日 (the month is clear from the context) */
function dayOfMonth(iso: string): string {
  return `${Number(iso.slice(8, 10))}日`;
}

function padWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

