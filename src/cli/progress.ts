// Progress of slow steps (rendering a large round, PDF conversion) on one self-rewriting
// line of stderr — only on a terminal; piped or redirected output stays clean.
import { displayWidth } from '../text/width';
import type { Io } from './command';

export interface Progress {
  /** a step starts: `[2/5] 生成附件1：…` */
  step(label: string, index: number, total: number): void;
  /** clear the line before normal output continues */
  end(): void;
}

const SILENT: Progress = { step: () => undefined, end: () => undefined };

/** Cut to fit one terminal line: a wrapped line could not be rewritten in place. */
function fit(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > columns - 1) break;
    out += ch;
  }
  return out + '…';
}

/** `write` defaults to process.stderr; tests pass their own. */
export function createProgress(
  io: Pick<Io, 'isTTY'>,
  write: (s: string) => void = (s) => void process.stderr.write(s),
  columns: () => number = () => process.stderr.columns || 80,
): Progress {
  if (!io.isTTY) return SILENT;
  let shown = false;
  return {
    step(label, index, total) {
      write(`\r\x1b[K${fit(`[${index}/${total}] ${label}…`, columns())}`);
      shown = true;
    },
    end() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
