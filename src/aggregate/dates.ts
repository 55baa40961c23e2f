// Dates as the documents print them. Parsed from ISO strings with dayjs in strict mode;
// only the calendar fields are used, so the machine's time zone never matters.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { DateText } from './model';

dayjs.extend(customParseFormat);

export function dateText(iso: string): DateText {
  const d = dayjs(iso, 'YYYY-MM-DD', true);
  if (!d.isValid()) throw new RangeError(`无效日期：${iso}`);
  return {
    iso,
    year: d.year(),
    month: d.month() + 1,
    day: d.date(),
    text: d.format('YYYY年M月D日'),
    monthDay: d.format('M月D日'),
  };
}

/** The inspection span as the circular writes it: 2023年11月15至11月20日 (same year). */
export function spanText(from: DateText, to: DateText): string {
  if (from.iso === to.iso) return from.text;
  if (from.year !== to.year) return `${from.text}至${to.text}`;
  return `${from.year}年${from.month}月${from.day}至${to.monthDay}`;
}
