// Pass rates as the circulars print them: a percentage with one decimal, and the change
// against the previous round in 百分点 with one decimal. All arithmetic is on integers
// (the exact rational pass/total), so no float artefact can tip a rounding:
//
//   rate tenths   = round-half-up(1000 × pass / total)   = ⌊(2000 × pass + total) / (2 × total)⌋
//   change tenths = current tenths − previous tenths
//
// The change is taken between the printed rates, so a reader who subtracts the two printed
// figures gets the printed change (90.9% − 87.5% = 3.4 个百分点), never a figure off by 0.1.

export interface Rate {
  /** units passing every inspected month (a site: its one result) */
  pass: number;
  /** units inspected */
  total: number;
  /** the rate in tenths of a percent, rounded half up (909 = 90.9%); null when nothing was inspected */
  tenths: number | null;
  /** the rate as printed without the % sign ("90.9"); null when nothing was inspected */
  text: string | null;
}

export type Direction = 'up' | 'down' | 'same';

export interface Change {
  /** current − previous, in tenths of a percentage point (34 = 3.4 个百分点; negative when down) */
  tenths: number;
  /** the size of the change as printed, without sign ("3.4") */
  text: string;
  direction: Direction;
}

/** 1000 × pass / total rounded half up, on integers. */
export function roundedTenths(pass: number, total: number): number {
  if (!Number.isSafeInteger(pass) || !Number.isSafeInteger(total) || pass < 0 || total <= 0 || pass > total) {
    throw new RangeError(`合格率参数无效：${pass}/${total}`);
  }
  // 2000 × pass + total stays far below 2^53 for any round a prefecture or a country inspects
  return Math.floor((2000 * pass + total) / (2 * total));
}

/** 909 → "90.9", 1000 → "100.0", 5 → "0.5", -34 → "-3.4" */
export function tenthsText(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const a = Math.abs(tenths);
  return `${sign}${Math.floor(a / 10)}.${a % 10}`;
}

export function rate(pass: number, total: number): Rate {
  if (total === 0) return { pass, total, tenths: null, text: null };
  const tenths = roundedTenths(pass, total);
  return { pass, total, tenths, text: tenthsText(tenths) };
}

/** The change from `previous` to `current`; null when either round inspected nothing. */
export function change(previous: Rate, current: Rate): Change | null {
  if (previous.tenths === null || current.tenths === null) return null;
  const tenths = current.tenths - previous.tenths;
  return { tenths, text: tenthsText(Math.abs(tenths)), direction: tenths > 0 ? 'up' : tenths < 0 ? 'down' : 'same' };
}
