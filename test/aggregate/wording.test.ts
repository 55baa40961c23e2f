// The annex wording lives in templates/annexes.yaml; a prefecture can reword it without code.
import * as fs from 'fs';
import * as path from 'path';
import { aggregate } from '../../src/aggregate/aggregate';
import { loadWording } from '../../src/aggregate/wording';
import { templatesDir } from '../../src/paths';
import { loadValidated } from '../../src/pipeline';
import { SEED_DIR } from '../support/round-fixture';
import { tempDir } from '../support/tmp';

function reworded(edit: (text: string) => string): string {
  const file = path.join(tempDir('tongbao-wording-'), 'annexes.yaml');
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(templatesDir(), 'annexes.yaml'), 'utf8')));
  return file;
}

test('group titles, section titles, month and table columns follow the wording file', () => {
  const file = reworded((t) =>
    t
      .replace('"{{level}}政府网站"', '"{{level}}人民政府门户网站"')
      .replace('"{{month}}月更新情况"', '"{{month}}月"')
      .replace('site_name: 网站名称', 'site_name: 门户网站名称')
      .replace('failing: 是否不合格', 'failing: 不合格'),
  );
  const m = aggregate(loadValidated(SEED_DIR).round, loadWording(file));
  expect(m.annex1.groups[1].title).toBe('县（市）人民政府门户网站');
  expect(m.months.map((x) => x.column)).toEqual(['8月', '9月', '10月']);
  expect(m.columns.siteName).toBe('门户网站名称');
  expect(m.dataSheet.columns.failing).toBe('不合格');
});

test('a placeholder the model does not have fails loudly (strict templates)', () => {
  const file = reworded((t) => t.replace('"{{level}}网站"', '"{{levle}}网站"'));
  expect(() => aggregate(loadValidated(SEED_DIR).round, loadWording(file))).toThrow(/levle/);
});

test('a missing wording entry is named', () => {
  const file = reworded((t) => t.replace('  owner: 主办单位\n', ''));
  expect(() => loadWording(file)).toThrow('templates/annexes.yaml：columns.owner 应为文本');
});
