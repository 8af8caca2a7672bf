import { createInterface } from 'node:readline/promises';
import { loadConfig, type DwhConfig } from '../config/index.ts';
import { stderrLogger, type Logger } from '../logger.ts';
import { parseArgs, type FlagSpec, type ParsedArgs } from './args.ts';

/** Flags every command accepts. */
export const COMMON_FLAGS = { values: ['config', 'wait-lock'], booleans: ['json', 'verbose', 'yes', 'help'] } as const;

/**
 * What a command gets: its parsed arguments, the config (read on demand, once), a logger on stderr,
 * and the CLI's output layer: the only place in src/ that writes to stdout.
 */
export interface CommandContext {
  readonly args: ParsedArgs;
  readonly json: boolean;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  config(): DwhConfig;
  /** Human output (suppressed with --json). */
  print(text: string): void;
  /** Machine output: one JSON document on stdout (only with --json). */
  printJson(value: unknown): void;
  /** Asks yes/no on an interactive terminal; --yes answers yes; with no terminal, the answer is no. */
  confirm(question: string): Promise<boolean>;
  /** True when stderr is a terminal (progress lines may redraw). */
  readonly interactive: boolean;
}

export interface CommandModule {
  readonly summary: string;
  readonly usage: string;
  readonly flags?: FlagSpec;
  run(context: CommandContext): Promise<number>;
}

export interface ContextIo {
  stdout?: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function createContext(argv: readonly string[], command: CommandModule, io: ContextIo = {}): CommandContext {
  const flags: FlagSpec = {
    values: [...COMMON_FLAGS.values, ...(command.flags?.values ?? [])],
    booleans: [...COMMON_FLAGS.booleans, ...(command.flags?.booleans ?? [])],
  };
  const args = parseArgs(argv, flags);
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const json = args.flags.json === true;
  let config: DwhConfig | undefined;
  return {
    args,
    json,
    env,
    cwd,
    logger: stderrLogger({ verbose: args.flags.verbose === true }),
    interactive: Boolean(process.stderr.isTTY),
    config() {
      const file = typeof args.flags.config === 'string' ? args.flags.config : undefined;
      config ??= loadConfig({ file, env, cwd });
      return config;
    },
    print(text) {
      if (!json) stdout.write(`${text}\n`);
    },
    printJson(value) {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    async confirm(question) {
      if (args.flags.yes === true) return true;
      if (!stdin.isTTY) return false;
      const rl = createInterface({ input: stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}
