// Progress of slow steps (rendering a large round, PDF conversion) on one self-rewriting
// line of stderr — only on a terminal; piped or redirected output stays clean.
import type { Io } from './command';

export interface Progress {
  /** a step starts: `[2/5] 生成附件1：…` */
  step(label: string, index: number, total: number): void;
  /** clear the line before normal output continues */
  end(): void;
}

const SILENT: Progress = { step: () => undefined, end: () => undefined };

/** `write` defaults to process.stderr; tests pass their own. */
export function createProgress(io: Pick<Io, 'isTTY'>, write: (s: string) => void = (s) => void process.stderr.write(s)): Progress {
  if (!io.isTTY) return SILENT;
  let shown = false;
  return {
    step(label, index, total) {
      write(`\r\x1b[K[${index}/${total}] ${label}…`);
      shown = true;
    },
    end() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
