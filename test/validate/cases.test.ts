// Table of bad-data cases (test/validate/cases/*/case.yaml): each applies edits to a copy of the
// seed round and expects exit 1 with exactly the messages in expected.txt, no stack trace and
// no file written.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { cli } from '../support/cli';
import { expectGolden } from '../support/golden';
import { roundCopy, snapshot } from '../support/round-fixture';
import type { Edit } from '../support/round-fixture';

const CASES = path.join(__dirname, 'cases');
const names = fs.readdirSync(CASES).filter((n) => fs.existsSync(path.join(CASES, n, 'case.yaml'))).sort();

describe.each(names)('bad data: %s', (name) => {
  const spec = parse(fs.readFileSync(path.join(CASES, name, 'case.yaml'), 'utf8')) as { description: string; edits: Edit[] };

  test(spec.description, async () => {
    const { cwd } = roundCopy(spec.edits);
    const before = snapshot(cwd);
    const r = await cli(['check', 'round'], cwd);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    // Every line but the closing count is FILE:LINE:COL: 错误: …, in Chinese, without a stack trace.
    const lines = r.err.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^共 \d+ 个错误，未生成任何文件。$/);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^round\/[a-z]+\.yaml:\d+:\d+: 错误: .*[\u4e00-\u9fff]/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(snapshot(cwd)).toEqual(before);
    expectGolden(path.join(CASES, name, 'expected.txt'), r.err);
  });
});
