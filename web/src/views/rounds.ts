// The rounds under DATA_ROOT (route #/).
import { API, enc } from '../client.js';
import { append, byId, clear, fmtTime, h } from '../dom.js';
import { state } from '../state.js';
import { crumbs } from './round.js';

const VERIFY: Record<string, [string, string]> = {
  ok: ['已是最新', 'ok'],
  changed: ['数据已改动，待重新生成', 'warn'],
  missing: ['输出文件缺失', 'warn'],
};

export async function showRounds(): Promise<void> {
  const main = byId('main');
  state.name = null;
  state.view = null;
  document.title = '通报助手 · 全部轮次';
  crumbs(null);
  clear(main);
  main.append(h('p', { class: 'loading' }, '正在读取各轮数据……'));
  let data;
  try {
    data = await API.rounds();
  } catch (e) {
    clear(main).append(h('div', { class: 'error-box', role: 'alert' }, (e as Error).message));
    return;
  }
  state.root = data.root ?? '';
  byId('root-path').textContent = state.root ? `数据目录：${state.root}` : '';
  state.rounds = data.rounds ?? [];
  state.tools = data.tools ?? state.tools;
  clear(main);
  const body = h('tbody');
  for (const r of state.rounds) {
    const [vText, vKind] = (r.verify && VERIFY[r.verify]) || ['尚未生成', 'muted'];
    const open = () => (location.hash = `#/r/${enc(r.name)}`);
    body.append(
      h(
        'tr',
        { class: 'clickable', on: { click: (ev: MouseEvent) => (ev.target as HTMLElement).tagName !== 'A' && open() } },
        h('td', {}, h('a', { href: `#/r/${enc(r.name)}`, class: 'round-link' }, r.name)),
        h('td', {}, r.title || h('span', { class: 'muted' }, '（数据有错误，暂时没有标题）')),
        h('td', { class: 'num' }, r.errors ? h('span', { class: 'badge error' }, `${r.errors} 个错误`) : h('span', { class: 'badge ok' }, '无错误')),
        h('td', { class: 'num' }, r.warnings ? h('span', { class: 'badge warn' }, `${r.warnings} 个提示`) : '—'),
        h('td', {}, r.lastBuild ? fmtTime(r.lastBuild) : h('span', { class: 'muted' }, '尚未生成')),
        h('td', {}, h('span', { class: `badge ${vKind}` }, vText)),
      ),
    );
  }
  append(main, [
    h('section', { class: 'card rounds' },
      h('h1', {}, '各轮检查数据'),
      h('p', { class: 'hint' }, '每一行是数据目录下的一个文件夹（一轮检查）。点击轮次打开，查看和修改检查结果、预览通报、生成文件。'),
      state.rounds.length
        ? h('table', { class: 'grid' },
            h('thead', {}, h('tr', {}, ...['轮次', '通报标题', '错误', '提示', '上次生成', '生成状态'].map((t) => h('th', { scope: 'col' }, t)))),
            body)
        : h('p', { class: 'empty' }, '数据目录下还没有任何一轮的数据（每轮一个文件夹，内含 notice.yaml、sites.yaml、accounts.yaml）。'),
    ),
    h('section', { class: 'card rounds help' },
      h('h2', {}, '使用步骤'),
      h('ol', {},
        h('li', {}, '点击上表中的轮次，打开这一轮。'),
        h('li', {}, '在“政务新媒体”“政府网站”表格中核对检查结果：点“合格/不合格”即可切换，名称、网址、主办单位、问题可直接修改，离开输入框即保存（原文件自动留存历史版本）。'),
        h('li', {}, '右侧预览随每次修改更新；表格上方列出数据中的错误和校对提示，点击可跳到对应位置。'),
        h('li', {}, '核对无误后点“生成”，得到通报（Word）和两个附件（Excel）；只改了附件内容时可点“只更新附件”；要报领导签发时点“送签包”。'),
        h('li', {}, '在“输出文件与历史版本”中下载本次和以往生成的文件。在 Excel/WPS 里改过的附件，可用“从 Excel 导入”读回。'),
      ),
      h('p', { class: 'hint' }, '本页面只在本机运行，不需要联网；关闭运行 tongbao serve 的命令行窗口即停止。'),
    ),
  ]);
  main.focus({ preventScroll: true });
}
