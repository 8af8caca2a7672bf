import { createInterface } from 'node:readline/promises';
import { loadConfig, type DwhConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { checkPositionals, parseArgs, UsageError, type FlagSpec, type ParsedArgs, type PositionalSpec } from './args.ts';
import { createOutput, type CliOutput } from './output/output.ts';
import { terminalLogger } from './output/terminal-logger.ts';

/** Flags every command accepts (-h is --help). */
export const COMMON_FLAGS = { values: ['config', 'wait-lock'], booleans: ['json', 'verbose', 'yes', 'help'] } as const;

/**
 * What a command gets: its parsed arguments, the config (read on demand, once), a logger on stderr,
 * and the CLI's output layer: the only place in src/ that writes to stdout.
 */
export interface CommandContext {
  readonly args: ParsedArgs;
  /** The subcommand (e.g. `create` in `cluster create`) when the command has subcommands. */
  readonly subcommand: string | undefined;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  config(): DwhConfig;
  /** Human output (suppressed with --json), control characters escaped. */
  print(text: string): void;
  /** Machine output: one JSON object on stdout (only with --json); call it once per run. */
  printJson(value: unknown): void;
  /** Asks yes/no on an interactive terminal; --yes answers yes; with no terminal, the answer is no. */
  confirm(question: string): Promise<boolean>;
  /** True when stderr is a terminal (progress lines may redraw). */
  readonly interactive: boolean;
  /** Standard input, for commands that read from it (the sql prompt). */
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Standard output, for a prompt drawn by readline; everything else goes through print(). */
  readonly stdout: NodeJS.WritableStream;
}

/** One subcommand of a command (`cluster create`): its own usage text, flags and words. */
export interface SubcommandSpec {
  readonly summary: string;
  readonly usage: string;
  readonly flags?: FlagSpec;
  readonly positionals?: readonly PositionalSpec[];
}

/**
 * A command: what it says in help, which flags and words it takes (anything else is a usage error
 * before it runs), and the work. With `subcommands`, the first word must name one of them; the
 * subcommand's words follow it.
 */
export interface CommandModule {
  readonly summary: string;
  readonly usage: string;
  readonly flags?: FlagSpec;
  readonly positionals?: readonly PositionalSpec[];
  readonly subcommands?: Readonly<Record<string, SubcommandSpec>>;
  run(context: CommandContext): Promise<number>;
}

export interface ContextIo {
  stdout?: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ParsedCommandLine {
  readonly args: ParsedArgs;
  readonly subcommand: string | undefined;
  /** -h / --help was given: show the (sub)command's usage and do nothing else. */
  readonly help: boolean;
}

/**
 * Parses a command's argv strictly: flags of the command and of its subcommand only, the words it
 * declares and no more. Throws UsageError; with --help, the words are not checked (so
 * `cluster --help` works without an action).
 */
export function parseCommandLine(argv: readonly string[], command: CommandModule): ParsedCommandLine {
  const subcommands = command.subcommands ?? {};
  const allSubFlags = Object.values(subcommands).map((s) => s.flags ?? {});
  const spec = mergeFlags(COMMON_FLAGS, command.flags ?? {}, ...allSubFlags);
  const args = parseArgs(argv, spec);
  const help = args.flags.help === true;
  const names = Object.keys(subcommands);
  if (names.length === 0) {
    if (!help) checkPositionals(args.positionals, command.positionals);
    return { args, subcommand: undefined, help };
  }
  const [first, ...rest] = args.positionals;
  const subcommand = first !== undefined && names.includes(first) ? first : undefined;
  if (help) return { args, subcommand, help };
  if (subcommand === undefined) {
    throw new UsageError(
      first === undefined ? `missing subcommand (one of: ${names.join(', ')})` : `unknown subcommand '${first}' (one of: ${names.join(', ')})`,
    );
  }
  const sub = subcommands[subcommand]!;
  const allowed = mergeFlags(COMMON_FLAGS, command.flags ?? {}, sub.flags ?? {});
  for (const flag of Object.keys(args.flags)) {
    if (![...(allowed.values ?? []), ...(allowed.booleans ?? [])].includes(flag)) throw new UsageError(`--${flag} is not an option of '${subcommand}'`);
  }
  checkPositionals(rest, sub.positionals);
  return { args, subcommand, help };
}

function mergeFlags(...specs: FlagSpec[]): FlagSpec {
  return {
    values: [...new Set(specs.flatMap((s) => s.values ?? []))],
    booleans: [...new Set(specs.flatMap((s) => s.booleans ?? []))],
    short: Object.assign({}, ...specs.map((s) => s.short ?? {})) as Record<string, string>,
  };
}

export function createContext(
  argv: readonly string[],
  command: CommandModule,
  io: ContextIo = {},
  output: CliOutput = createOutput(io.stdout ?? process.stdout, argv.includes('--json')),
  parsed: ParsedCommandLine = parseCommandLine(argv, command),
): CommandContext {
  const { args, subcommand } = parsed;
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const verbose = args.flags.verbose === true;
  const logger = terminalLogger({ verbose });
  let config: DwhConfig | undefined;
  return {
    args,
    subcommand,
    json: output.json,
    verbose,
    env,
    cwd,
    logger,
    interactive: Boolean(process.stderr.isTTY),
    stdin,
    stdout,
    config() {
      if (config) return config;
      const file = typeof args.flags.config === 'string' ? args.flags.config : undefined;
      config = loadConfig({ file, env, cwd });
      logger.debug(`config: ${config.file ?? `none found; defaults relative to ${config.baseDir}`}`);
      return config;
    },
    print: (text) => output.print(text),
    printJson: (value) => output.printJson(value),
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
