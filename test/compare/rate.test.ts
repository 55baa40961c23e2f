// Pass rates and their change: round half up on the exact fraction, worked by hand.
import fc from 'fast-check';
import { change, rate, roundedTenths, tenthsText } from '../../src/compare/rate';

describe('rate: one decimal, half up on the exact fraction', () => {
  it.each([
    // pass, total, printed           the arithmetic
    [10, 11, '90.9'], //                10/11 = 90.9090…%            → 90.9
    [5, 9, '55.6'], //                  5/9   = 55.5555…%            → 55.6
    [2, 3, '66.7'], //                  2/3   = 66.6666…%            → 66.7
    [1, 3, '33.3'], //                  1/3   = 33.3333…%            → 33.3
    [1, 8, '12.5'], //                  1/8   = 12.5% exactly        → 12.5
    [1, 16, '6.3'], //                  1/16  = 6.25% exactly, half  → up to 6.3 (not the even 6.2)
    [3, 16, '18.8'], //                 3/16  = 18.75% exactly, half → up to 18.8
    [1, 2000, '0.1'], //                1/2000 = 0.05% exactly, half → up to 0.1
    [1, 2001, '0.0'], //                1/2001 = 0.04997…%           → 0.0
    [1999, 2000, '100.0'], //           99.95% exactly, half         → up to 100.0
    [39999, 40000, '100.0'], //         99.9975%                     → 100.0
    [0, 7, '0.0'],
    [7, 7, '100.0'],
    // 201/400 = 50.25% exactly, half → up to 50.3. As a float, 201/400*1000 = 502.49999999999994,
    // so rounding the float would print 50.2.
    [201, 400, '50.3'],
    [1001, 2000, '50.1'], //            50.05% exactly; float 500.49999999999994 → would print 50.0
  ])('%i/%i → %s%%', (pass, total, text) => {
    expect(rate(pass, total).text).toBe(text);
  });

  it('the float artefact case really is one (the test above can fail a float implementation)', () => {
    expect(Math.round((201 / 400) * 1000)).toBe(502);
    expect(roundedTenths(201, 400)).toBe(503);
  });

  it('nothing inspected: no rate', () => {
    expect(rate(0, 0)).toEqual({ pass: 0, total: 0, tenths: null, text: null });
  });

  it('refuses impossible counts', () => {
    expect(() => roundedTenths(3, 2)).toThrow(RangeError);
    expect(() => roundedTenths(-1, 2)).toThrow(RangeError);
    expect(() => roundedTenths(1.5, 2)).toThrow(RangeError);
  });

  it('prints tenths with one decimal', () => {
    expect([0, 5, 10, 909, 1000, -34, -5].map(tenthsText)).toEqual(['0.0', '0.5', '1.0', '90.9', '100.0', '-3.4', '-0.5']);
  });
});

describe('change in 百分点: the difference of the printed rates', () => {
  it('90.9% after 87.5% is up 3.4', () => {
    // 10/11 → 90.9; 7/8 → 87.5; 90.9 − 87.5 = 3.4
    expect(change(rate(7, 8), rate(10, 11))).toEqual({ tenths: 34, text: '3.4', direction: 'up' });
  });

  it('66.7% → 33.3% is down 33.4 (what a reader subtracting the printed figures gets)', () => {
    // exact 2/3 − 1/3 = 33.33…, but the notice prints 66.7 and 33.3: 66.7 − 33.3 = 33.4
    expect(change(rate(2, 3), rate(1, 3))).toEqual({ tenths: -334, text: '33.4', direction: 'down' });
  });

  it('equal printed rates are 持平 even when the fractions differ', () => {
    // 1/2 = 50.0 and 1000/2000 = 50.0; 5/9 = 55.6 and 556/1000 = 55.6
    expect(change(rate(5, 9), rate(556, 1000))).toEqual({ tenths: 0, text: '0.0', direction: 'same' });
  });

  it('no change when a round inspected nothing of the kind', () => {
    expect(change(rate(0, 0), rate(1, 2))).toBeNull();
    expect(change(rate(1, 2), rate(0, 0))).toBeNull();
  });
});

describe('properties', () => {
  const counts = fc.integer({ min: 1, max: 200000 }).chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)));

  it('matches round-half-up computed with BigInt, and lies in [0, 100]', () => {
    fc.assert(
      fc.property(counts, ([pass, total]) => {
        const num = 1000n * BigInt(pass);
        const t = BigInt(total);
        // half up: the remainder counts when it is at least half the divisor
        const expected = Number(num / t + (2n * (num % t) >= t ? 1n : 0n));
        const r = rate(pass, total);
        return r.tenths === expected && r.tenths >= 0 && r.tenths <= 1000 && r.text === tenthsText(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a change is the current printed rate minus the previous one', () => {
    fc.assert(
      fc.property(counts, counts, ([p1, t1], [p2, t2]) => {
        const c = change(rate(p1, t1), rate(p2, t2))!;
        const diff = rate(p2, t2).tenths! - rate(p1, t1).tenths!;
        return c.tenths === diff && c.text === tenthsText(Math.abs(diff)) && c.direction === (diff > 0 ? 'up' : diff < 0 ? 'down' : 'same');
      }),
    );
  });
});
