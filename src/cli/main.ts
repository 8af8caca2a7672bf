import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertKnownVariables, KNOWN_KEYS, projectRoot } from '../config/index.ts';
import { UsageError } from './args.ts';
import { createContext, parseCommandLine, type CommandModule, type ContextIo } from './context.ts';
import { commandHelp, generalHelp, usageLine } from './help.ts';
import { reportFailure } from './output/failure.ts';
import { createOutput, type CliOutput } from './output/output.ts';
import { handleSignals, type SignalHandling } from './signals.ts';

/** Commands load lazily so that `sparkify generate` does not pay for the AWS SDK, and so on. */
const COMMANDS: Record<string, () => Promise<{ command: CommandModule }>> = {
  start: () => import('./commands/start.ts'),
  'create-tables': () => import('./commands/create-tables.ts'),
  etl: () => import('./commands/etl.ts'),
  check: () => import('./commands/check.ts'),
  analytics: () => import('./commands/analytics.ts'),
  sql: () => import('./commands/sql.ts'),
  report: () => import('./commands/report.ts'),
  generate: () => import('./commands/generate.ts'),
  cluster: () => import('./commands/cluster.ts'),
  bench: () => import('./commands/bench.ts'),
  runs: () => import('./commands/runs.ts'),
};

/** Options that may also come before the command name (`sparkify --json check`). */
const LEADING_BOOLEANS = ['--json', '--verbose', '--yes'];

/**
 * Runs one command line; returns the exit code (0 done, 1 failed, 2 usage error: nothing done).
 * Every failure, usage errors included, is reported once by reportFailure (one JSON object with --json).
 */
export async function main(argv: readonly string[], io: ContextIo = {}): Promise<number> {
  const options = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined);
  const output = createOutput(io.stdout ?? process.stdout, options.includes('--json'));
  const verbose = options.includes('--verbose') || Boolean((io.env ?? process.env).SPARKIFY_DEBUG);
  let label = 'sparkify';
  let usage: string | undefined;
  let signals: SignalHandling | undefined;
  try {
    const invocation = splitInvocation(argv);
    if (invocation.kind === 'version') return printVersion(output);
    if (invocation.kind === 'help') return await printHelp(invocation.words, output);
    const command = await loadCommand(invocation.name);
    label = `sparkify ${invocation.name}`;
    // A usage error in `cluster status --poll-seconds 1` is reported with the status usage.
    const subcommand = invocation.args.find((word) => command.subcommands?.[word] !== undefined);
    label = subcommand ? `${label} ${subcommand}` : label;
    usage = usageLine(invocation.name, command, subcommand);
    const parsed = parseCommandLine(invocation.args, command);
    if (parsed.help) return show(output, commandHelp(invocation.name, command, parsed.subcommand));
    assertKnownVariables(io.env ?? process.env, KNOWN_KEYS);
    // From here the command may touch the warehouse: Ctrl-C / SIGTERM cancel it and exit 130 / 143.
    signals = handleSignals({ command: invocation.name, verbose });
    const context = createContext(invocation.args, command, io, output, parsed);
    const code = await command.run(context);
    const exitCode = signals.exitCode() ?? code;
    // --json promises one object per run, even from a command that wrote none.
    if (!output.jsonWritten)
      output.printJson(exitCode === 0 ? { ok: true } : { ok: false, error: { code: 'FAILED', message: `${label} exited with code ${exitCode}` } });
    return exitCode;
  } catch (error) {
    const code = reportFailure(error, { label, output, verbose, usage: error instanceof UsageError ? (usage ?? usageLine('', undefined)) : undefined });
    return signals?.exitCode() ?? code;
  } finally {
    signals?.dispose();
  }
}

type Invocation = { kind: 'version' } | { kind: 'help'; words: string[] } | { kind: 'command'; name: string; args: string[] };

/** Splits `[leading options] <command> [args]`; leading options move after the command. */
function splitInvocation(argv: readonly string[]): Invocation {
  const leading: string[] = [];
  let help = false;
  let version = false;
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--'; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '-V' || arg === '--version') version = true;
    else if (LEADING_BOOLEANS.includes(arg)) leading.push(arg);
    else if (arg === '--config') {
      if (argv[i + 1] === undefined) throw new UsageError('--config needs a value');
      leading.push(arg, argv[++i]!);
    } else if (arg.startsWith('--config=')) leading.push(arg);
    else throw new UsageError(`unknown option ${arg} (before the command: --config, --json, --verbose, --yes, -h/--help, -V/--version)`);
  }
  const words = argv.slice(i);
  if (version) {
    if (words.length > 0 || help) throw new UsageError(`--version takes nothing else, got ${[...(help ? ['--help'] : []), ...words].join(' ')}`);
    return { kind: 'version' };
  }
  const [name, ...rest] = words;
  if (help || name === 'help') return { kind: 'help', words: help ? words : rest };
  if (name === undefined || name === '--') throw new UsageError('a command is required');
  return { kind: 'command', name, args: [...rest, ...leading] };
}

async function loadCommand(name: string): Promise<CommandModule> {
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command '${name}' (one of: ${Object.keys(COMMANDS).join(', ')}, help)`);
  return (await load()).command;
}

async function printHelp(words: readonly string[], output: CliOutput): Promise<number> {
  const unknown = words.find((w) => w.startsWith('-') && !['--json', '--verbose', '-h', '--help'].includes(w));
  if (unknown !== undefined) throw new UsageError(`unknown option ${unknown} for help`);
  const [name, subcommand, ...extra] = words.filter((w) => !w.startsWith('-'));
  if (name === undefined) {
    const commands: Record<string, CommandModule> = {};
    for (const commandName of Object.keys(COMMANDS)) commands[commandName] = await loadCommand(commandName);
    return show(output, generalHelp(commands));
  }
  const command = await loadCommand(name);
  if (subcommand !== undefined && !command.subcommands?.[subcommand]) {
    throw new UsageError(
      command.subcommands
        ? `unknown subcommand '${subcommand}' of ${name} (one of: ${Object.keys(command.subcommands).join(', ')})`
        : `${name} has no subcommands`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  return show(output, commandHelp(name, command, subcommand));
}

/** Help goes to stdout (it was asked for); with --json, as the run's one object. */
function show(output: CliOutput, text: string): number {
  output.print(text);
  output.printJson({ usage: text });
  return 0;
}

function printVersion(output: CliOutput): number {
  const { name, version } = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  output.print(`sparkify ${version} (${name}, node ${process.version})`);
  output.printJson({ name, version, node: process.version });
  return 0;
}
