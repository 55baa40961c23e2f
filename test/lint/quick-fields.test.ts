// Lint's fields of a quick-read sites.yaml/accounts.yaml (values walked, a node made only for a
// finding) are the fields of the walk over the yaml Document: same paths, kinds, values, and
// nodes with the same type and source range.
import * as fs from 'fs';
import * as path from 'path';
import { proseFields } from '../../src/lint/source';
import { parseYamlText } from '../../src/load/yaml-file';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

const EXTRA = `# 写法各异的单位
department:
  - name: "带\\"引号\\"的网站"
    url: http://a.gov.cn
    result: 合格
    problems:
      - '单引号''里的''问题'
      - 普通的问题  # 注
  - name: 市市场监督管理局
    url: http://b.gov.cn
    result: 不合格
    problems: ["第一", '第二', 第三]
county: []
`;

test.each([
  ['sites', fs.readFileSync(path.join(SEED, 'sites.yaml'), 'utf8')],
  ['accounts', fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8')],
  ['sites', EXTRA],
  ['sites', EXTRA.replace(/\n/g, '\r\n')],
] as const)('%s: the same fields with and without the Document', (role, text) => {
  const quick = parseYamlText(text, `/x/${role}.yaml`, `${role}.yaml`).file;
  const full = parseYamlText(text, `/x/${role}.yaml`, `${role}.yaml`).file;
  void full.doc; // built: proseFields walks the Document
  const shape = (f: ReturnType<typeof proseFields>[number]) => ({ path: f.path, kind: f.kind, value: f.value, type: f.node.type, range: f.node.range!.slice(0, 2) });
  const a = proseFields(quick, role).map(shape);
  const b = proseFields(full, role).map(shape);
  expect(a.length).toBeGreaterThan(3);
  expect(a).toEqual(b);
});
