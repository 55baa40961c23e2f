// The small openings the server uses in other stages give the same results as the plain calls.
import * as path from 'path';
import { diffRounds } from '../../src/handoff/diff';
import { lintForBuild, noticeParagraphs } from '../../src/lint';
import type { TextFinding } from '../../src/lint';
import { assembleRound, loadRound, parseRoundFile } from '../../src/load/round';
import { loadValidated, modelOf } from '../../src/pipeline';
import { renderNoticeBlocks } from '../../src/render/template/notice';
import * as fs from 'fs';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

test('assembleRound from parsed files equals loadRound', () => {
  const parsed = Object.fromEntries(
    ['notice', 'sites', 'accounts'].map((k) => {
      const f = path.join(SEED, `${k}.yaml`);
      return [k, parseRoundFile(f, fs.readFileSync(f, 'utf8'), SEED)];
    }),
  );
  const a = assembleRound(SEED, SEED, parsed);
  const b = loadRound(SEED, SEED);
  expect(a.data).toEqual(b.data);
  expect(a.diagnostics).toEqual(b.diagnostics);
  // a missing required file is reported as loadRound reports it
  const { accounts: _gone, ...two } = parsed;
  expect(assembleRound(SEED, SEED, two).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^缺少文件 accounts\.yaml/)]);
});

test('proofreading through a memo finds the same, and the second pass lints nothing new', () => {
  const v = loadValidated(SEED, SEED);
  const m = modelOf(v);
  const plain = lintForBuild(v, m);
  const memo = new Map<string, TextFinding[]>();
  expect(lintForBuild(v, m, { memo })).toEqual(plain);
  const size = memo.size;
  // the memo holds the texts some rule could fault (a name of Chinese characters only is not even looked up: mayFind)
  expect(size).toBeGreaterThan(50);
  expect(lintForBuild(v, m, { memo, paragraphs: noticeParagraphs(m, renderNoticeBlocks(m)) })).toEqual(plain);
  expect(memo.size).toBe(size);
});

test('noticeParagraphs from blocks already rendered equals rendering them', () => {
  const m = modelOf(loadValidated(SEED, SEED));
  expect(noticeParagraphs(m, renderNoticeBlocks(m))).toEqual(noticeParagraphs(m));
});

test('diffRounds with the models passed in equals computing them', () => {
  const a = loadValidated(SEED, SEED);
  const b = loadValidated(SEED, SEED);
  b.round.sites.department[0].url = 'http://changed.gov.cn';
  expect(diffRounds(a, b, { before: modelOf(a), after: modelOf(b) })).toEqual(diffRounds(a, b));
});
