// The judge against a brute-force reference written independently here: dates as strings
// compared lexically, the calendar read from chinese-days' per-year files (not the combined
// file the library reads), weekdays by Sakamoto's method, every window counted from scratch.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { createWorkCalendar, judgeAccount } from '../../src/calendar';
import type { Rules } from '../../src/types';

const YEARS_DIR = path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
const yearData = new Map<number, { holidays: Record<string, string>; workdays: Record<string, string> }>();
function refIsWorkday(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  if (!yearData.has(y)) yearData.set(y, JSON.parse(fs.readFileSync(path.join(YEARS_DIR, `${y}.json`), 'utf8')));
  const data = yearData.get(y)!;
  if (iso in data.workdays) return true;
  if (iso in data.holidays) return false;
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const m = Number(iso.slice(5, 7));
  const yy = m < 3 ? y - 1 : y;
  const w = (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + t[m - 1] + Number(iso.slice(8))) % 7;
  return w !== 0 && w !== 6;
}

const pad = (n: number) => String(n).padStart(2, '0');
function monthDates(y: number, m: number): string[] {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const n = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return Array.from({ length: n }, (_, i) => `${y}-${pad(m)}-${pad(i + 1)}`);
}
function addMonths(y: number, m: number, k: number): [number, number] {
  const i = y * 12 + (m - 1) + k;
  return [Math.floor(i / 12), (i % 12) + 1];
}
const label = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8))}日`;

interface RefMonth {
  result: '合格' | '不合格';
  failing: string[]; // "from/to/count"
  reasons: string[];
}

function reference(updates: string[], month: string, service: boolean, r: Rules): RefMonth {
  const dates = monthDates(Number(month.slice(0, 4)), Number(month.slice(5)));
  const u = new Set(updates);
  const countIn = (from: string, to: string) => [...u].filter((x) => x >= from && x <= to).length;
  const monthly = countIn(dates[0], dates[dates.length - 1]);
  const need = service ? r.service_monthly_days : r.monthly_days;
  const min = service ? r.service_window_min_days : r.window_min_days;
  const size = service ? r.service_window_days : r.window_workdays;
  const windows: [string, string][] = [];
  if (service) {
    for (let i = 0; i + size <= dates.length; i++) windows.push([dates[i], dates[i + size - 1]]);
  } else {
    const wd = dates.filter(refIsWorkday);
    for (let i = 0; i + size <= wd.length; i++) windows.push([wd[i], wd[i + size - 1]]);
  }
  const failing = windows.map(([a, b]) => [a, b, countIn(a, b)] as const).filter(([, , c]) => c < min);
  const reasons: string[] = [];
  if (monthly < need) reasons.push(`${Number(month.slice(5))}月更新${monthly}天，少于${need}天`);
  if (failing.length) {
    let periods = 0;
    let end = '';
    for (const [a, b] of failing) if (a > end) (periods++, (end = b));
    const [a, b, c] = failing[0];
    reasons.push(
      `${label(a)}至${label(b)}连续${size}${service ? '天' : '个工作日'}${c ? `仅更新${c}天` : '未更新'}` +
        (periods > 1 ? `（另有${periods - 1}处）` : ''),
    );
  }
  return { result: reasons.length ? '不合格' : '合格', failing: failing.map((f) => f.join('/')), reasons };
}

const cal = createWorkCalendar();

const roundArb = fc
  .record({
    start: fc.oneof(fc.constant(2023 * 12 + 7), fc.integer({ min: 2005 * 12, max: 2026 * 12 + 9 })),
    length: fc.integer({ min: 1, max: 3 }),
    density: fc.integer({ min: 0, max: 100 }),
    picks: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 160, maxLength: 160 }),
    dupes: fc.array(fc.nat(), { maxLength: 5 }),
    service: fc.boolean(),
    rules: fc.record({
      monthly_days: fc.integer({ min: 0, max: 14 }),
      window_workdays: fc.integer({ min: 1, max: 8 }),
      window_min_days: fc.integer({ min: 0, max: 4 }),
      service_monthly_days: fc.integer({ min: 0, max: 8 }),
      service_window_days: fc.integer({ min: 1, max: 28 }),
      service_window_min_days: fc.integer({ min: 0, max: 3 }),
    }),
  })
  .map(({ start, length, density, picks, dupes, service, rules }) => {
    const y0 = Math.floor(start / 12);
    const m0 = (start % 12) + 1;
    const months = Array.from({ length }, (_, k) => addMonths(y0, m0, k)).map(([y, m]) => `${y}-${pad(m)}`);
    // candidates: the round's months plus the month on either side (dates there must be ignored)
    const candidates = Array.from({ length: length + 2 }, (_, k) => addMonths(y0, m0, k - 1)).flatMap(([y, m]) => monthDates(y, m));
    const chosen = candidates.filter((_, i) => picks[i % picks.length] < density);
    const updates = [...chosen, ...dupes.filter(() => chosen.length > 0).map((i) => chosen[i % chosen.length])].reverse();
    return { months, updates, service, rules };
  });

test('judge agrees with a brute-force reference', () => {
  fc.assert(
    fc.property(roundArb, ({ months, updates, service, rules }) => {
      const j = judgeAccount(updates, months, service, rules, cal);
      months.forEach((month, i) => {
        const ref = reference(updates, month, service, rules);
        const v = j.months[i];
        expect(v.result).toBe(ref.result);
        expect(j.results[i]).toBe(ref.result);
        expect(v.reasons).toEqual(ref.reasons);
        expect(j.reasons[i]).toEqual(ref.reasons);
        expect(v.rules[1].failing.map((w) => `${w.from}/${w.to}/${w.updates.length}`)).toEqual(ref.failing);
      });
    }),
    { numRuns: 400 },
  );
});

test('order and duplicates of the dates do not matter; one more update never turns 合格 into 不合格', () => {
  fc.assert(
    fc.property(roundArb, fc.nat(), ({ months, updates, service, rules }, extra) => {
      const j = judgeAccount(updates, months, service, rules, cal);
      const sorted = [...new Set(updates)].sort();
      expect(judgeAccount(sorted, months, service, rules, cal)).toEqual(j);
      const all = months.flatMap((m) => monthDates(Number(m.slice(0, 4)), Number(m.slice(5))));
      const more = judgeAccount([...updates, all[extra % all.length]], months, service, rules, cal);
      more.results.forEach((r, i) => {
        if (j.results[i] === '合格') expect(r).toBe('合格');
      });
    }),
    { numRuns: 200 },
  );
});

test('reported lapses do not overlap and start with the first failing window', () => {
  fc.assert(
    fc.property(roundArb, ({ months, updates, service, rules }) => {
      for (const v of judgeAccount(updates, months, service, rules, cal).months) {
        const w = v.rules[1];
        expect(w.ok).toBe(w.failing.length === 0);
        expect(w.periods[0]).toEqual(w.failing[0]);
        for (let i = 1; i < w.periods.length; i++) expect(w.periods[i].from > w.periods[i - 1].to).toBe(true);
        for (const p of w.periods) expect(w.failing).toContainEqual(p);
        expect(v.reasons.length > 0).toBe(v.result === '不合格');
      }
    }),
    { numRuns: 200 },
  );
});
