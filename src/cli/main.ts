import { SparkifyError } from '../errors.ts';
import { UsageError } from './args.ts';
import { createContext, type CommandModule, type ContextIo } from './context.ts';

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
  try {
    const context = createContext(rest, command, io);
    if (context.args.flags.help) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(context);
  } catch (error) {
    return reportFailure(name, error);
  }
}

function reportFailure(name: string, error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`sparkify ${name}: ${error.message}\n`);
    return 2;
  }
  if (error instanceof SparkifyError) {
    process.stderr.write(`sparkify ${name} failed: ${error.message}\n`);
    if (process.env.SPARKIFY_DEBUG) process.stderr.write(`${describeCauses(error)}\n`);
    return 1;
  }
  process.stderr.write(`sparkify ${name} failed unexpectedly:\n${describeCauses(error)}\n`);
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
