// repeated-char: an accidental doubled character (的的) or mark (。。, 《《 》》 （（ ））), or a
// doubled word (进行进行). Chinese has many real reduplications, so doubling is allowed for the characters
// and words below, for AABB forms (认认真真) and for 一XX (一项项); terms.yaml can add words.
import type { Rule, RuleInput, TextFinding } from '../types';
import { isHan } from '../text';

// Characters whose doubling is itself a word in official and everyday writing.
const ALLOW_CHARS = new Set(
  [
    '常人天年月日家户层事处时刻个样件条种点滴往渐仅刚稍默纷频屡久慢轻偏恰谢妈爸哥姐弟妹爷奶星宝',
    '看想试说走听谈多好大小高长深紧牢切真明白清楚实干净方面形色林总兢业勤恳轰烈彬济冉蒸欣津斤',
    '念源滚步节级环头历栩孜匆悄静淡微略区寥茫熊洋堂赫翩侃滔谆循统通双岁代世生辈村组镇乡项桩',
    '笔声句字页篇块片一哈呵早苦缓团重每暗细满稳快平美亲红绿蓝草丝',
  ].join(''),
);

// Words where a doubled character is right although the character is not in the list above:
// two words meeting (学习|习近平, 部门|门户) or an idiom (不了了之).
const ALLOW_WORDS = [
  '学习习近平', '管理理念', '管理理论', '工作作风', '人民民主', '人民民生', '为了了解', '所有有关', '主要要求',
  '重要要求', '委员会会议', '常委会会议', '大会会议', '工会会员', '会议议程', '会议议定', '部门门户', '网站站群',
  '栏目目录', '项目目标', '机关关于', '单位位于', '审核核实', '检查查处', '公开开展',
  '不了了之', '心心相印', '比比皆是', '格格不入', '多多益善', '息息相关', '彬彬有礼', '人才济济', '小心翼翼',
  '忧心忡忡', '大名鼎鼎', '众目睽睽', '虎视眈眈', '信誓旦旦', '夸夸其谈', '落落大方', '姗姗来迟', '空空如也',
  '脉脉', '井井有条',
];

/** Whether an allowed word covers text[i, i + len): only occurrences starting in [i + len − |w|, i] can. */
function allowedAt(text: string, i: number, len: number, extra: string[]): boolean {
  for (const list of [ALLOW_WORDS, extra]) {
    for (const w of list) {
      if (!w) continue;
      // tried at each start in range, not searched for (indexOf would run on through a long text)
      for (let s = Math.max(0, i + len - w.length); s <= i; s++) {
        if (i + len <= s + w.length && text.startsWith(w, s)) return true;
      }
    }
  }
  return false;
}

function repeated({ text, masked, ctx }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  const extra = ctx.terms.allow;
  // character codes first: a national notice's paragraph of names is 400,000 characters long
  for (let i = 0; i + 1 < text.length; i++) {
    if (masked.charCodeAt(i) !== masked.charCodeAt(i + 1)) continue;
    const c = masked[i];
    if ('《》（）'.includes(c)) {
      // a doubled paired mark: a name typed with its own 《》 inside the template's (《《…》》);
      // a title inside a title takes 〈〉, brackets inside brackets another kind (GB/T 15834)
      const end = i + 2 + (masked[i + 2] === c ? 1 : 0);
      const message = '《》'.includes(c)
        ? `书名号“${masked.slice(i, end)}”重复（书名号里再用书名号时，里面的改用〈〉）`
        : `括号“${masked.slice(i, end)}”重复（括号里再用括号时，改用另一种括号，如〔〕）`;
      out.push({ rule: 'repeated-char', start: i, end, message, suggestion: `删去多余的“${c}”` });
      i = end - 1;
      continue;
    }
    if ('，、；：？！'.includes(c) || (c === '。' && masked[i + 2] !== '。' && masked[i - 1] !== '。')) {
      out.push({ rule: 'repeated-char', start: i, end: i + 2, message: `标点“${c}”重复`, suggestion: `删去一个“${c}”` });
      i++;
      continue;
    }
    if (!isHan(c)) continue;
    const aabb = (masked[i + 2] === masked[i + 3] && masked[i + 2] !== c && isHan(masked[i + 2])) || (masked[i - 2] === masked[i - 1] && masked[i - 1] !== c && isHan(masked[i - 1]));
    if (ALLOW_CHARS.has(c) || aabb || masked[i - 1] === '一' || allowedAt(text, i, 2, extra)) continue;
    if (masked[i + 2] === c) {
      i++;
      continue; // three in a row (哈哈哈) is deliberate
    }
    out.push({ rule: 'repeated-char', start: i, end: i + 2, message: `“${c}”重复`, suggestion: `删去一个“${c}”` });
    i++;
  }
  // A doubled two-character word: 进行进行. 一个一个 and the allow-list are fine.
  for (let i = 0; i + 3 < text.length; i++) {
    const a = masked.charCodeAt(i);
    const b = masked.charCodeAt(i + 1);
    if (a === b || masked.charCodeAt(i + 2) !== a || masked.charCodeAt(i + 3) !== b) continue;
    const w = masked.slice(i, i + 2);
    if (!isHan(w[0]) || !isHan(w[1])) continue;
    if (w[0] === '一' || allowedAt(text, i, 4, extra)) continue;
    out.push({ rule: 'repeated-char', start: i, end: i + 4, message: `“${w}”重复`, suggestion: `删去一个“${w}”` });
    i += 3;
  }
  return out.sort((a, b) => a.start - b.start);
}

export const repeatedRule: Rule = {
  id: 'repeated-char',
  title: '误重复的字词或标点（的的、。。、，，、《《》》）',
  fixable: false,
  kinds: ['prose', 'heading', 'paragraph'],
  check: repeated,
};
