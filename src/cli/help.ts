import type { CommandModule } from './context.ts';

/** The options every command takes, shown at the end of each usage text. */
export const COMMON_OPTIONS_HELP = [
  'options of every command:',
  '  --config FILE  the config file (default: $SPARKIFY_CONFIG, else dwh.cfg in the working folder',
  '                 or the nearest folder above it, else the defaults, relative to the project folder)',
  '  --json         one JSON object on stdout, failures included: {"ok": false, "error": {"code", "message"}}',
  '  --verbose      debug messages, and the stack trace of a failure',
  '  --yes          answer yes to confirmation questions',
  '  -h, --help     this help',
].join('\n');

export function generalHelp(commands: Readonly<Record<string, CommandModule>>): string {
  const lines = ['usage: sparkify <command> [options]', '', 'commands:'];
  for (const [name, command] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(14)} ${command.summary}`);
    for (const [sub, spec] of Object.entries(command.subcommands ?? {})) lines.push(`    ${sub.padEnd(12)} ${spec.summary}`);
  }
  lines.push(
    '',
    COMMON_OPTIONS_HELP,
    '  -V, --version  the version',
    '',
    "Run 'sparkify help <command>' (or 'sparkify <command> --help') for a command's own options.",
  );
  return lines.join('\n');
}

/** A command's usage, or its subcommand's when one is named. */
export function commandHelp(name: string, command: CommandModule, subcommand?: string): string {
  const sub = subcommand === undefined ? undefined : command.subcommands?.[subcommand];
  const usage = sub ? sub.usage : command.usage;
  const subs =
    !sub && command.subcommands
      ? `\n\nsubcommands (sparkify ${name} <subcommand> --help for each):\n${Object.entries(command.subcommands)
          .map(([n, s]) => `  ${n.padEnd(10)} ${s.summary}`)
          .join('\n')}`
      : '';
  return `${usage.startsWith('usage: ') ? usage : `usage: ${usage}`}${subs}\n\n${COMMON_OPTIONS_HELP}`;
}

/** The first line of a usage text, shown under a usage error. */
export function usageLine(name: string, command: CommandModule | undefined, subcommand?: string): string {
  if (!command) return 'usage: sparkify <command> [options]';
  const sub = subcommand === undefined ? undefined : command.subcommands?.[subcommand];
  const first = (sub ? sub.usage : command.usage).split('\n')[0]!;
  return first.startsWith('usage: ') ? first : `usage: ${first}`;
}
