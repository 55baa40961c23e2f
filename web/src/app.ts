// 通报助手: the page `tongbao serve` serves, in TypeScript compiled by the project's tsc to
// native ES modules (tsconfig.web.json → dist/page/), no framework, no bundler. Text from the
// data is only ever put into the page with textContent / value / setAttribute; the one HTML
// string inserted as is, the notice preview, comes escaped from the server's renderer.
import { pending } from './edit.js';
import { state } from './state.js';
import { applyZoom } from './views/preview.js';
import { ROUTES } from './views/index.js';

let here = location.hash;
function route(): void {
  for (const r of ROUTES) {
    const m = r.pattern.exec(location.hash);
    if (!m) continue;
    const target = r.round?.(m) ?? null;
    const leaving = state.name && target !== state.name;
    if (leaving && state.failed.size && !confirm(`这一轮有 ${state.failed.size} 处修改没有保存，离开后将丢失。确定离开吗？`)) {
      history.replaceState(null, '', here);
      return;
    }
    here = location.hash;
    void r.show(m);
    return;
  }
}

// leaving with edits that were not saved: the browser asks first
window.addEventListener('beforeunload', (ev) => {
  if (state.failed.size || pending > 0) ev.preventDefault();
});
window.addEventListener('resize', () => state.zoom === null && applyZoom());
window.addEventListener('hashchange', route);
route();
