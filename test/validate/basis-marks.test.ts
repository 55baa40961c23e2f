// 检查依据 prints as 《title》（number）: which values bring marks of their own, where the first
// extra mark is (the column reported), and the value suggested instead.
import { basisMarks } from '../../src/validate/rules';

test.each([
  // [field, value, index of the first extra mark, suggestion, as it would print] — null: fine as written
  ['title', '政府网站发展指引', null],
  ['title', '国务院办公厅关于印发〈政府网站发展指引〉的通知', null],
  ['title', '政府网站监管办法（试行）', null],
  ['title', '《政府网站发展指引》', [0, '政府网站发展指引', '《《政府网站发展指引》》']],
  ['title', '《《政府网站发展指引》》', [0, '政府网站发展指引', '《《《政府网站发展指引》》》']],
  ['title', '政府网站发展指引》', [8, '政府网站发展指引', '《政府网站发展指引》》']],
  ['title', '  《政府网站发展指引', [2, '政府网站发展指引', '《《政府网站发展指引》']],
  ['title', '<<政府网站发展指引>>', [0, '政府网站发展指引', '《<<政府网站发展指引>>》']],
  ['title', '《》', [0, '', '《《》》']],
  ['number', '国办发〔2017〕47号', null],
  ['number', '（国办发〔2017〕47号）', [0, '国办发〔2017〕47号', '（（国办发〔2017〕47号））']],
  ['number', '(国办发〔2017〕47号)', [0, '国办发〔2017〕47号', '（(国办发〔2017〕47号)）']],
  ['number', '国办发〔2017〕47号）', [12, '国办发〔2017〕47号', '（国办发〔2017〕47号））']],
] as const)('%s %j', (key, value, want) => {
  const found = basisMarks(key, value);
  expect(found && [found.at, found.fixed, found.printed]).toEqual(want);
});
