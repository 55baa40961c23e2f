// The Word notice: what the build command and other passes import.
export { renderNotice, noticeFileName, type RenderNoticeOptions } from './notice';
export { renderNoticeBlocks, ANNEX_INLINE_MAX_ROWS } from '../template/notice';
export type { Block, BlockKind } from '../blocks';
