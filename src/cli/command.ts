// One CLI command: its help text and what it does. main.ts holds the table of commands.
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** whether stderr is a terminal (progress is shown only then) */
  isTTY: boolean;
  cwd: string;
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean>;
  /** the working directory paths are read from (set by main): expectPositional checks DATA_DIR there */
  cwd?: string;
}

export interface Command {
  name: string;
  /** one line for `tongbao --help` */
  summary: string;
  /** full text for `tongbao help NAME` / `tongbao NAME --help` */
  usage: string;
  /** flags taking a value (others are booleans) */
  valueFlags?: string[];
  booleanFlags?: string[];
  /** exit status: 0 ok, 1 data errors / findings, 2 usage, 3 notice out of date (annexes) */
  run(args: ParsedArgs, io: Io): Promise<number>;
}
