// What changed since the last build, as `tongbao diff` says it.
import { byId, clear, h } from '../dom.js';
import type { Child } from '../dom.js';
import { view } from '../state.js';
import { changeLines, lineList } from './round.js';

export function renderChanges(): void {
  const box = clear(byId('changes'));
  const c = view().changes;
  let body: Child[];
  if (!c) body = [h('p', { class: 'muted' }, '还没有生成过这一轮的通报，生成后这里会列出之后的改动。')];
  else if (!c.sinceBuild) body = [h('p', { class: 'good-text' }, '数据与上次生成时相同，无需重新生成。')];
  else
    body = [
      c.noticeChanges
        ? h('p', { class: 'badge-line bad' }, '通报正文会改变：需要重新“生成”（并重新送签）。')
        : h('p', { class: 'badge-line ok' }, '通报正文不变，只有附件会变：可以用“只更新附件”。'),
      lineList(changeLines(c)),
    ];
  box.append(h('section', { class: 'card changes', 'aria-labelledby': 'ch-title' }, h('h2', { id: 'ch-title' }, '自上次生成以来的改动'), ...body));
}
