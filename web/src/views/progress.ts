// 还需填写: what is left to fill in a round started by 新建一季度, grouped and counted, each group
// a link to its first box; and how many result boxes are filled (已填 180/275).
import { byId, clear, h } from '../dom.js';
import { view } from '../state.js';
import { jumpTo } from './diagnostics.js';

export function renderProgress(): void {
  const box = clear(byId('progress'));
  const p = view().progress;
  if (!p.groups.length) return;
  box.append(
    h('section', { class: 'card progress', 'aria-labelledby': 'pg-title' },
      h('h2', { id: 'pg-title' }, `还需填写 ${p.toFill} 项`),
      h('p', { class: 'fill-line' }, '还需填写：',
        p.groups.flatMap((g, i) => [
          i ? '，' : null,
          h('button', { type: 'button', class: 'name-link', id: `fill-${g.key}`, title: '跳到第一个待填写的位置', on: { click: () => jumpTo(g.first) } }, `${g.label} ${g.count} 项`),
        ]),
      ),
      h('div', { class: 'meter-line' },
        h('label', { for: 'fill-meter' }, `检查结果已填 ${p.results.filled}/${p.results.total}`),
        h('meter', { id: 'fill-meter', min: '0', max: String(p.results.total || 1), value: String(p.results.filled) }),
      ),
      h('p', { class: 'hint' }, '待填写的结果在表格中显示为“待填写”。可先用表格上方的“批量填写”把一组全部设为合格，再逐个改出不合格的；通报信息在“通报信息”页填写。填完之前，预览中未填的结果暂按合格计。'),
    ),
  );
}
