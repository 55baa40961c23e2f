// A group or table with no rows prints the wording file's empty row, in the notice and in the workbooks.
import { loadModel } from '../../src/pipeline';
import { renderAnnex1, renderAnnex2 } from '../../src/render/xlsx';
import { renderNotice } from '../../src/render/docx/notice';
import JSZip from 'jszip';
import { SEED_DIR } from '../support/round-fixture';
import { readBook, sheetTexts } from './read';

test('an empty county group and empty county tables read 无', async () => {
  // the seed's model with every county site and county account taken out
  const model = await loadModel(SEED_DIR);
  model.annex1.groups[1].rows = [];
  for (const s of model.annex2.sections) if (s.level === 'county') s.rows = [];

  const a1 = sheetTexts((await readBook(await renderAnnex1(model))).wb.worksheets[0]);
  const i1 = a1.findIndex((r) => r[0] === model.annex1.groups[1].title);
  expect(a1[i1 + 1].filter(Boolean)).toEqual(['无']);

  const a2 = sheetTexts((await readBook(await renderAnnex2(model))).wb.worksheets[0]);
  const t3 = a2.findIndex((r) => r[0] === model.annex2.sections[2].title);
  expect(a2[t3 + 2].filter(Boolean)).toEqual(['无']); // after the section's own header row

  const xml = await (await JSZip.loadAsync(await renderNotice(model))).file('word/document.xml')!.async('string');
  expect(xml).toContain(`<w:t xml:space="preserve">${model.annex1.groups[1].title}</w:t>`);
  expect(xml.split('<w:t xml:space="preserve">无</w:t>').length - 1).toBe(3); // 附件1 county, 附件2 (三)(四)
});
