// A national-scale round as a data folder (YAML written as a clerk's files are), for the
// import benchmark and its tests: the seed's notice and sites, 150,000 accounts from the
// synthetic model.
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { projectRoot } from '../src/paths';
import { syntheticModel } from './synthetic';
import type { Scale } from './synthetic';

const SEED = join(projectRoot(), 'data', '2023-q4');

export function writeNationalRound(dir: string, scale: Scale): void {
  mkdirSync(dir, { recursive: true });
  const model = syntheticModel(scale);
  // the seed's failing_order names seed accounts; a synthetic round lists in annex order
  const notice = readFileSync(join(SEED, 'notice.yaml'), 'utf8').replace(/\n# 正文列举[\s\S]*?\n(?=\n)/, '\n').replace(/\nfailing_order:\n(  - .*\n)+/, '\n');
  writeFileSync(join(dir, 'notice.yaml'), notice);
  writeFileSync(join(dir, 'sites.yaml'), readFileSync(join(SEED, 'sites.yaml')));
  const q = (s: string) => JSON.stringify(s);
  const parts: string[] = ['# 政务新媒体（性能测试数据）\n'];
  for (const platform of ['weibo', 'wechat'] as const) {
    parts.push(`${platform}:\n`);
    for (const level of ['department', 'county'] as const) {
      const s = model.annex2.sections.find((x) => x.platform === platform && x.level === level)!;
      parts.push(`  ${level}:\n`);
      for (const r of s.rows) {
        parts.push(`    - name: ${q(r.name)}\n      owner: ${q(r.owner)}\n      results: [${r.results.join(', ')}]\n`);
        if (r.problems.length) parts.push(`      problems:\n${r.problems.map((p) => `        - ${p}\n`).join('')}`);
      }
    }
  }
  writeFileSync(join(dir, 'accounts.yaml'), parts.join(''));
}
