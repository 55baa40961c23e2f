// Table of bad-data cases (test/validate/cases/*/case.yaml): each applies edits to a copy of the
// seed round and expects exit 1 with exactly the messages in expected.txt, no stack trace and
// no file written. Every message is then scanned for English and internal key names.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { cli } from '../support/cli';
import type { CliResult } from '../support/cli';
import { englishIn } from '../support/english';
import { expectGolden } from '../support/golden';
import { roundCopy, snapshot } from '../support/round-fixture';
import type { Edit } from '../support/round-fixture';

const CASES = path.join(__dirname, 'cases');
const names = fs.readdirSync(CASES).filter((n) => fs.existsSync(path.join(CASES, n, 'case.yaml'))).sort();
const messages: { name: string; line: string }[] = [];

describe.each(names)('bad data: %s', (name) => {
  const spec = parse(fs.readFileSync(path.join(CASES, name, 'case.yaml'), 'utf8')) as {
    description: string;
    edits: Edit[];
    /** environment for the run (a small file-size limit) */
    env?: Record<string, string>;
  };
  const edits = spec.edits.map((e) => (e.bytes_from ? { ...e, replace_all: fs.readFileSync(path.join(CASES, name, e.bytes_from)) } : e));

  test(spec.description, async () => {
    const { cwd } = roundCopy(edits);
    try {
      const before = snapshot(cwd);
      const saved = Object.fromEntries(Object.keys(spec.env ?? {}).map((k) => [k, process.env[k]]));
      Object.assign(process.env, spec.env ?? {});
      let r: CliResult;
      try {
        r = await cli(['check', 'round'], cwd);
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      // Every line but the closing count is FILE:LINE:COL: 错误: …, in Chinese, without a stack trace.
      const lines = r.err.trimEnd().split('\n');
      expect(lines[lines.length - 1]).toMatch(/^共 \d+ 个错误，未生成任何文件。$/);
      for (const l of lines.slice(0, -1)) expect(l).toMatch(/^round\/[a-z]+\.yaml:\d+:\d+: 错误: .*[\u4e00-\u9fff]/);
      messages.push(...lines.slice(0, -1).map((line) => ({ name, line })));
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(snapshot(cwd)).toEqual(before);
      expectGolden(path.join(CASES, name, 'expected.txt'), r.err);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

// After every case above has run: no message shows English or an internal key (weibo.county).
test('no message a user sees is English or names an internal key', () => {
  expect(messages.length).toBeGreaterThan(names.length);
  const found = messages
    .map(({ name, line }) => ({ name, line, words: englishIn(line.replace(/^round\/[a-z]+\.yaml:\d+:\d+: 错误: /, '')) }))
    .filter((m) => m.words.length);
  expect(found).toEqual([]);
});
