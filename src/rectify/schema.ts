// rectify.yaml's shape: what comes back from each unit the round's circular names as failing.
// One strict zod schema, Chinese messages as the round's own files have them (src/validate/schema.ts).
import { z } from 'zod';
import { isoDate } from '../validate/schema';

export const REVIEW_RESULTS = ['合格', '不合格', '未复查'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const PLATFORM_NAMES = ['政务微博', '政务微信'] as const;

const text = z.string().trim().min(1, { error: '不能为空' });

const review = z.enum(REVIEW_RESULTS, {
  error: (iss) => `复查结果“${String(iss.input)}”无效，只能是“合格”“不合格”或“未复查”`,
});

// what every entry may say about the unit's report and its review
const returned = {
  reported: isoDate.nullable().optional().describe('整改报告报送日期（YYYY-MM-DD）；未收到写 ~ 或不写'),
  summary: text.nullable().optional().describe('整改情况，一两句话'),
  review: review.optional().describe('复查结果：合格、不合格或未复查（缺省为未复查）'),
  reviewed: isoDate.nullable().optional().describe('复查日期（YYYY-MM-DD）'),
};

export const rectifySiteSchema = z.strictObject({
  url: text.describe('网址，与 sites.yaml 一致：网站按网址认定'),
  name: text.optional().describe('网站名称，只为便于阅读；写了就须与 sites.yaml 一致'),
  ...returned,
});

export const rectifyAccountSchema = z.strictObject({
  name: text.describe('账号名称，与 accounts.yaml 一致'),
  platform: z
    .enum(PLATFORM_NAMES, { error: (iss) => `平台“${String(iss.input)}”无效，只能是“政务微博”或“政务微信”` })
    .describe('政务微博或政务微信：账号按名称加平台认定'),
  owner: text.optional().describe('主办单位，只为便于阅读；写了就须与 accounts.yaml 一致'),
  ...returned,
});

export const rectifySchema = z
  .strictObject({
    sites: z.array(rectifySiteSchema).nullable().optional().describe('本轮不合格的政府网站报回的整改情况'),
    accounts: z.array(rectifyAccountSchema).nullable().optional().describe('本轮不合格的政务新媒体报回的整改情况'),
  })
  .describe('整改情况：本轮通报列为不合格的单位报回的整改报告和复查结果（可选文件）');

export type RectifySiteEntry = z.infer<typeof rectifySiteSchema>;
export type RectifyAccountEntry = z.infer<typeof rectifyAccountSchema>;
export type RectifyInput = z.infer<typeof rectifySchema>;
