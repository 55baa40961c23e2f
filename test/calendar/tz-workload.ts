// A fixed batch of calendar and judge results, run by tz.test.ts in child processes with
// different TZ settings; the outputs must be identical.
import * as c from '../../src/calendar';

const pad = (n: number) => String(n).padStart(2, '0');

export function workload(): { offset: number; output: string } {
  const cal = c.createWorkCalendar({ 2027: { holidays: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-13'] } });
  const kinds: string[] = [];
  for (const y of [2023, 2024, 2027])
    for (let m = 1; m <= 12; m++)
      for (let d = 1; d <= 31; d++) {
        const iso = `${y}-${pad(m)}-${pad(d)}`;
        try {
          kinds.push(cal.kind(iso)[0]);
        } catch {
          kinds.push('-'); // day 31 of a 30-day month etc.
        }
      }
  const months = ['2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01'];
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const judged = [];
  for (let a = 0; a < 24; a++) {
    const density = rand();
    const updates: string[] = [];
    for (let m = 7; m <= 13; m++)
      for (let d = 1; d <= 28; d++) if (rand() < density) updates.push(m <= 12 ? `2023-${pad(m)}-${pad(d)}` : `2024-01-${pad(d)}`);
    judged.push(c.judgeAccount(updates, months, a % 3 === 0, c.DEFAULT_RULES, cal));
  }
  const explain = c.explainAccount('某局', { platform: 'weibo', updates: ['2023-09-29', '2023-10-07', '2023-10-08', '2023-10-31'] }, ['2023-09', '2023-10'], c.DEFAULT_RULES, cal);
  return {
    // a local-time reading, to prove the child really ran in the zone asked for
    offset: new Date(2023, 9, 1).getTimezoneOffset(),
    output: JSON.stringify({ kinds: kinds.join(''), judged, explain }),
  };
}
