// Stage 4 for rectification: one 整改通知 per responsible unit, worded by templates/rectify.hbs
// and laid out on the notice's GB/T 9704 page by the notice's own code (styles, paragraphs,
// signature block). The package is built once; each unit's .docx is that package with its own
// body and title, so 20,000 notices cost 20,000 small deflates, not 20,000 docx packings.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import { templatesDir } from '../paths';
import type { Block } from '../render/blocks';
import { coreXml, layoutBlocks, noticePackage } from '../render/docx/notice';
import { documentXml } from '../render/docx/wordml';
import { replaceZipEntry } from '../render/docx/zip-entry';
import { compileTemplate } from '../render/template/env';
import { parseBlocks, sanitize } from '../render/template/notice';
import { pinZipTimes } from '../write/zip-times';
import type { RectifyModel, RectifyUnit } from './model';

export function rectifyTemplatePath(): string {
  return path.join(templatesDir(), 'rectify', 'notice.hbs');
}

let compiled: ((ctx: unknown) => string) | null = null;

function template(): (ctx: unknown) => string {
  compiled ??= compileTemplate(fs.readFileSync(rectifyTemplatePath(), 'utf8'), 'rectify/notice.hbs') as (ctx: unknown) => string;
  return compiled;
}

/** How the notice names what a unit runs: 政府网站, 政务新媒体, or both. */
export function kindsOf(unit: Pick<RectifyUnit, 'sites' | 'accounts'>): string {
  return unit.sites && unit.accounts ? '政府网站和政务新媒体' : unit.sites ? '政府网站' : '政务新媒体';
}

/** One unit's notice as paragraphs. */
export function unitBlocks(m: RectifyModel, unit: RectifyUnit): Block[] {
  const ctx = sanitize({
    unit: { name: unit.name, title: unit.title, items: unit.items, count: unit.items.length, sites: unit.sites, accounts: unit.accounts },
    kinds: kindsOf(unit),
    noticeTitle: m.noticeTitle,
    issuer: m.issuer,
    round: m.round,
    issued: m.issued,
    deadline: m.deadline,
    contact: m.contact,
  });
  return parseBlocks(template()(ctx), 'rectify/notice.hbs');
}

/** Renders every unit's notice with one shared package. */
export async function unitNoticeRenderer(model: ReportModel): Promise<(m: RectifyModel, unit: RectifyUnit) => Buffer> {
  const { zip, section } = await noticePackage(model);
  return (m, unit) => {
    const body = documentXml(layoutBlocks(unitBlocks(m, unit), model), section);
    let buf = replaceZipEntry(zip, 'word/document.xml', Buffer.from(body, 'utf8'));
    buf = replaceZipEntry(buf, 'docProps/core.xml', Buffer.from(coreXml(model, unit.title), 'utf8'));
    return pinZipTimes(buf, m.issued.iso);
  };
}
