// The XML of one sheet row, written here instead of by exceljs: the same bytes exceljs
// 4.4.0's RowXform and CellXform write for the cells an annex has (inline text, numbers,
// styled empty and merged cells), without building a Row, Cell objects, a model and an
// XmlStream for every row — at national scale that machinery was most of a build's CPU.
// The escaping is exceljs's own function, so text comes out exactly as before: XML special
// characters escaped and read back literally, characters XML 1.0 forbids dropped.
// exceljs is pinned; test/render-xlsx/rows.test.ts compares these bytes with exceljs's rows.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { CellValue } from './layout';

const { xmlEncode } = require('exceljs/lib/utils/utils') as { xmlEncode(text: string): string };

/** exceljs's cell value types (lib/doc/enums.js); a style's id depends on the first type it is seen with. */
export const CELL_TYPE = (require('exceljs/lib/doc/enums') as { ValueType: { Null: number; Merge: number; Number: number; RichText: number } }).ValueType;

// TextXform: a text that starts or ends with white space or holds a line break keeps it
const PRESERVE = /^\s|\n|\s$/;

/** A value as the annex writes it: '' (and a missing value) is an empty cell. */
export function isEmpty(v: CellValue | undefined): v is null | undefined | '' {
  return v === null || v === undefined || v === '';
}

/**
 * One cell. Text is a one-run inline rich text (t="inlineStr"): a literal Excel never
 * evaluates, so text that looks like a formula stays text; a plain string would be t="str",
 * a formula's cached result. An empty or merged cell is written only for its style.
 */
export function cellXml(ref: string, styleId: number, v: CellValue | undefined, merged: boolean): string {
  const s = styleId ? ` s="${styleId}"` : '';
  if (merged) return `<c r="${ref}"${s}/>`;
  if (isEmpty(v)) return styleId ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number') return `<c r="${ref}"${s}><v>${xmlEncode(String(v))}</v></c>`;
  const space = PRESERVE.test(v) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><r><t${space}>${xmlEncode(v)}</t></r></is></c>`;
}

/**
 * A row around its cells' XML: `cells` columns from A, `height` in points or 0 for the
 * sheet default, `styleId` the row's own style (exceljs gives every row one; 0 writes none).
 */
export function rowXml(number: number, height: number, cells: number, styleId: number, body: string): string {
  let xml = `<row r="${number}"`;
  if (height) xml += ` ht="${xmlEncode(String(height))}" customHeight="1"`;
  if (cells > 0) xml += ` spans="1:${cells}"`;
  if (styleId) xml += ` s="${styleId}" customFormat="1"`;
  xml += ' x14ac:dyDescent="0.25"';
  return body ? `${xml}>${body}</row>` : `${xml}/>`;
}
