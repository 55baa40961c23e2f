// Stage 2a, validate the shape: one strict zod schema per file. Messages are Chinese;
// generic zod issues are translated in ./messages.ts. Cross-field rules live in ./rules.ts.
import { z } from 'zod';

/** A real calendar date written YYYY-MM-DD (2023-02-30 is rejected). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * The date a value not written YYYY-MM-DD stands for, when it can be read one way only as a
 * real date: 2024-4-8, 2024/4/8, 2024.4.8, 2024年4月8日, 20240408 → 2024-04-08; else null.
 */
export function readableDate(v: unknown): string | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m =
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s)?.filter((_, i) => i !== 2) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** What follows a malformed date in its message: the date it reads as, or an example. */
function dateHint(v: unknown, example: string): string {
  const d = readableDate(v);
  return d ? `；是不是 ${d}？` : example;
}

const text = z.string().trim().min(1, { error: '不能为空' });

export const isoDate = z
  // a date typed without dashes (20231123) or with slashes reaches here as a number or text
  .string({
    error: (iss) =>
      iss.input === undefined ? undefined : readableDate(iss.input) ? `日期应写作 YYYY-MM-DD，实际是“${String(iss.input)}”${dateHint(iss.input, '')}` : `日期应写作 YYYY-MM-DD（例如 2023-11-23），实际是“${String(iss.input)}”`,
  })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (iss) => `日期“${String(iss.input)}”格式不对，应写作 YYYY-MM-DD${dateHint(iss.input, '，例如 2023-11-23')}` })
  // only a well-formed date can be impossible; a malformed one is reported once, above
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isRealDate(v), { error: (iss) => `日期“${String(iss.input)}”不存在（该月没有这一天）` });

const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: (iss) => `月份“${String(iss.input)}”格式不对，应写作 YYYY-MM，例如 2023-08` });

export const resultSchema = z.enum(['合格', '不合格'], {
  error: (iss) =>
    // [合格，合格，合格] is one item: the list's commas were typed full-width
    typeof iss.input === 'string' && /^(不?合格)([，、；]\s*不?合格)+$/.test(iss.input)
      ? `结果“${iss.input}”中用了中文逗号：方括号列表的各项要用英文逗号“,”隔开，写作 [${iss.input.split(/[，、；]\s*/).join(', ')}]`
      : `结果“${String(iss.input)}”无效，只能是“合格”或“不合格”`,
});

const problems = z.array(text).optional().describe('问题曝光情况，每条一行');

const prose = z.strictObject({
  heading: text.describe('小标题，以“。”结尾，不写序号'),
  text: text.describe('正文'),
});

const levelsSchema = z.strictObject({
  department: text.describe('州直部门一级的名称，如“州直部门”'),
  county: text.describe('县级的名称，如“县（市）”'),
});

// Only the shape here: the ranges are checked once, by calendar/rules (rulesProblems).
const rulesSchema = z
  .strictObject({
    monthly_days: z.number().optional(),
    window_workdays: z.number().optional(),
    window_min_days: z.number().optional(),
    service_monthly_days: z.number().optional(),
    service_window_days: z.number().optional(),
    service_window_min_days: z.number().optional(),
  })
  .describe('新媒体月度更新规则的阈值（缺省：8、5、2、4、14、1）');

export const noticeSchema = z
  .strictObject({
    issuer: text.describe('发文机关，用于署名和正文'),
    scope: text.describe('辖区在正文中的称呼，如“全州”'),
    levels: levelsSchema,
    title: text.optional().describe('标题；缺省时由轮次生成'),
    doc_number: text.optional().describe('发文字号，如“黔东南政信〔2023〕5号”'),
    recipients: text.describe('主送机关'),
    basis: z
      .array(z.strictObject({ title: text.describe('文件名称，不带书名号'), number: text.optional().describe('文号') }))
      .min(1, { error: '至少要有一项检查依据' }),
    round: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, { error: (iss) => `轮次“${String(iss.input)}”格式不对，应写作 YYYY-Qn，例如 2023-Q4` }),
    inspection: z.strictObject({
      from: isoDate,
      to: isoDate,
      coverage: z
        .string({ error: (iss) => (iss.input === undefined ? undefined : `检查比例应写作百分数，例如 100%，实际是“${String(iss.input)}”`) })
        .regex(/^(100|[1-9]?\d)(\.\d+)?%$/, { error: (iss) => `检查比例应写作 0%–100% 的百分数，例如 100%，实际是“${String(iss.input)}”` })
        .describe('检查比例，如 100%'),
    }),
    months: z.array(yearMonth).min(1, { error: '至少要有一个检查月份' }).describe('新媒体检查月份，按列顺序，须连续'),
    issued: isoDate.describe('成文日期'),
    deadline: isoDate.describe('整改情况报送截止日期，须晚于成文日期'),
    contact: z.strictObject({
      name: text,
      phone: z.union([text, z.number()]).transform(String),
    }),
    problems: z.array(prose).min(1, { error: '至少要有一条存在的问题' }),
    requirements: z.array(prose).min(1, { error: '至少要有一条下步要求' }),
    failing_order: z
      .array(text)
      .optional()
      .describe('可选：正文列举不合格政务新媒体的顺序，每项写作“名称（政务微博）”；未列出的不合格账号按附件顺序插入'),
    previous: text
      .optional()
      .describe('可选：上一轮的数据文件夹，相对本轮文件夹，如“../2023-q4”；缺省时用同级文件夹中轮次为上一季度的那个'),
    compare: z
      .strictObject({
        paragraph: z.boolean().optional().describe('正文写入合格率、比上季度的变化、连续两个季度不合格和复查情况'),
        annex_column: z.boolean().optional().describe('附件表格加“上季度结果”一列'),
        rectification: z.boolean().optional().describe('正文写入上一轮通报问题的整改情况（上一轮文件夹中的 rectify.yaml），有单位未报送时加附件3'),
      })
      .optional()
      .describe('可选：与上一轮比较的内容写入通报（缺省都不写）'),
    rules: rulesSchema.optional(),
    lint: z.strictObject({ disable: z.array(text).optional() }).optional(),
  })
  .describe('通报本身的事实：发文机关、轮次、日期、依据、问题与要求');

const siteSchema = z.strictObject({
  name: text.describe('网站名称'),
  url: text.describe('网址，http:// 或 https:// 开头'),
  result: resultSchema,
  problems,
});

export const sitesSchema = z
  .strictObject({
    department: z.array(siteSchema).describe('州直部门网站，按附件顺序'),
    county: z.array(siteSchema).describe('县（市）政府网站，按附件顺序'),
  })
  .describe('政府网站（附件1）');

const accountSchema = z.strictObject({
  name: text.describe('账号名称'),
  owner: text.describe('主办单位'),
  results: z.array(resultSchema).optional().describe('每个检查月份一项，顺序同 notice.yaml 的 months'),
  problems,
  service: z.boolean().optional().describe('微信服务号'),
  updates: z.array(isoDate).optional().describe('发布日期，据此按规则判定各月结果'),
});

/** The keys a site and an account may have, as the schema says (for naming a key that is not one). */
export const SITE_KEYS: ReadonlySet<string> = new Set(Object.keys(siteSchema.shape));
export const ACCOUNT_KEYS: ReadonlySet<string> = new Set(Object.keys(accountSchema.shape));

const levelAccounts = z.strictObject({
  department: z.array(accountSchema),
  county: z.array(accountSchema),
});

export const accountsSchema = z
  .strictObject({
    weibo: levelAccounts.describe('政务微博'),
    wechat: levelAccounts.describe('政务微信'),
  })
  .describe('政务新媒体（附件2）');

export const SCHEMAS = { notice: noticeSchema, sites: sitesSchema, accounts: accountsSchema } as const;
export type FileKind = keyof typeof SCHEMAS;
export const FILE_KINDS: FileKind[] = ['notice', 'sites', 'accounts'];
/** One site and one account: what an editor checks a single unit against before saving it. */
export const UNIT_SCHEMAS = { sites: siteSchema, accounts: accountSchema } as const;
