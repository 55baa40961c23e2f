// Control characters in data become spaces in the notice; a model without any is used as it is
// (not copied: a national round's model is large and rendered after every edit in tongbao serve).
import { sanitize } from '../../src/render/template/notice';

test('control characters become spaces, deep inside arrays and objects', () => {
  const model = { a: 'x\ty', rows: [{ name: 'ok' }, { name: 'line\u2028break', n: 3 }], keep: { s: 'plain' } };
  const out = sanitize(model);
  expect(out).toEqual({ a: 'x y', rows: [{ name: 'ok' }, { name: 'line break', n: 3 }], keep: { s: 'plain' } });
  // the input is untouched, and what had nothing to change is shared, not copied
  expect(model.a).toBe('x\ty');
  expect(model.rows[1].name).toBe('line\u2028break');
  expect(out.rows[0]).toBe(model.rows[0]);
  expect(out.keep).toBe(model.keep);
});

test('a value with no control characters comes back as the same object', () => {
  const model = { title: '关于', rows: Array.from({ length: 1000 }, (_, i) => ({ seq: i, name: `单位${i}` })) };
  expect(sanitize(model)).toBe(model);
});
