import { SparkifyError } from '../errors.ts';
import { UsageError } from './args.ts';
import { createContext, type CommandModule, type ContextIo } from './context.ts';
import { handleSignals } from './signals.ts';

/** Commands load lazily so that `sparkify generate` does not pay for the AWS SDK, and so on. */
const COMMANDS: Record<string, () => Promise<{ command: CommandModule }>> = {
  start: () => import('./commands/start.ts'),
  'create-tables': () => import('./commands/create-tables.ts'),
  etl: () => import('./commands/etl.ts'),
  check: () => import('./commands/check.ts'),
  analytics: () => import('./commands/analytics.ts'),
  generate: () => import('./commands/generate.ts'),
  cluster: () => import('./commands/cluster.ts'),
  bench: () => import('./commands/bench.ts'),
  runs: () => import('./commands/runs.ts'),
};

export async function main(argv: readonly string[], io: ContextIo = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    await printHelp();
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`sparkify: unknown command '${name}'\n`);
    await printHelp();
    return 2;
  }
  const { command } = await load();
  const verbose = rest.includes('--verbose') || Boolean(process.env.SPARKIFY_DEBUG);
  const signals = handleSignals({ command: name, verbose });
  try {
    const context = createContext(rest, command, io);
    if (context.args.flags.help) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    const code = await command.run(context);
    return signals.exitCode() ?? code;
  } catch (error) {
    const code = reportFailure(name, error, verbose);
    return signals.exitCode() ?? code;
  } finally {
    signals.dispose();
  }
}

function reportFailure(name: string, error: unknown, verbose: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(`sparkify ${name}: ${error.message}\n`);
    return 2;
  }
  if (error instanceof SparkifyError) {
    process.stderr.write(`sparkify ${name} failed: ${error.message}\n`);
    if (verbose) process.stderr.write(`${describeCauses(error)}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sparkify ${name} failed unexpectedly: ${message}${verbose ? `\n${describeCauses(error)}` : ' (--verbose shows the stack)'}\n`);
  return 1;
}

function describeCauses(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current !== undefined; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    if (!(current instanceof Error)) break;
  }
  return parts.join('\ncaused by: ');
}

async function printHelp(): Promise<void> {
  const lines = ['usage: sparkify <command> [--config dwh.cfg] [--json]', '', 'commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { command } = await load();
    lines.push(`  ${name.padEnd(14)} ${command.summary}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}
