// 附件3 of the next circular as a planned output of `build` (and `annexes`): present only when
// notice.yaml asks for the rectification paragraph and some unit did not report.
// exceljs is loaded when the file is written, not when it is planned.
import * as fs from 'fs';
import type { ReportModel } from '../aggregate/model';
import type { OutputRole } from '../write/manifest';
import { safeFileName } from '../write/file-name';

export interface Annex3Output {
  role: OutputRole;
  name: string;
  write(file: string): Promise<void>;
}

export function annex3FileName(model: ReportModel): string | null {
  const a = model.compare?.rectification ? model.rectification?.annex : null;
  return a ? safeFileName(`${a.label} ${a.title}`, '.xlsx', a.label || '附件') : null;
}

export function annex3Outputs(model: ReportModel): Annex3Output[] {
  const name = annex3FileName(model);
  if (!name) return [];
  return [
    {
      role: 'annex3',
      name,
      write: async (file) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { writeAnnex3 } = require('./ledger') as typeof import('./ledger');
        await writeAnnex3(model, model.rectification!, file);
        if (!fs.existsSync(file)) throw new Error(`未写出 ${name}`);
      },
    },
  ];
}
