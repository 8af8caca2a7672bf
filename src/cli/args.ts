/**
 * A small, strict argv parser: `--flag`, `--key value`, `--key=value`, `-h`, positionals. Anything it was
 * not told about is a usage error: an unknown `--flag`, any other short flag (`-x`, `-hx`), a word past
 * the declared positionals. A command that meets one does nothing (exit 2).
 */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean>>;
}

export class UsageError extends Error {
  override name = 'UsageError';
  readonly code = 'USAGE';
}

export interface FlagSpec {
  /** flags that take a value */
  readonly values?: readonly string[];
  /** flags that are on/off */
  readonly booleans?: readonly string[];
  /** one-dash spellings of declared flags, e.g. `{ '-f': 'file' }` */
  readonly short?: Readonly<Record<string, string>>;
}

/** One word a command takes after its name (or its subcommand's name), in order. */
export interface PositionalSpec {
  readonly name: string;
  readonly required?: boolean;
  /** When set, the word must be one of these. */
  readonly choices?: readonly string[];
}

/** Short flags every command understands; nothing else may be written with one dash. */
const SHORT_FLAGS: Readonly<Record<string, string>> = { '-h': 'help' };

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  for (let i = 0; i < argv.length; i++) {
    const given = argv[i]!;
    const arg = spec.short?.[given] !== undefined ? `--${spec.short[given]}` : given;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg in SHORT_FLAGS) {
      flags[SHORT_FLAGS[arg]!] = true;
      continue;
    }
    if (arg.startsWith('-') && !arg.startsWith('--') && arg !== '-') {
      throw new UsageError(`unknown option ${arg} (options are spelled out: --name; -h is --help)`);
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (values.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('-') && value !== '-' && !/^-\d/.test(value))) throw new UsageError(`--${name} needs a value`);
      if (flags[name] !== undefined) throw new UsageError(`--${name} given twice`);
      flags[name] = value;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

/** Checks the words against what the command declares: required ones present, choices kept, no extra. */
export function checkPositionals(positionals: readonly string[], spec: readonly PositionalSpec[] = []): Record<string, string | undefined> {
  const named: Record<string, string | undefined> = {};
  spec.forEach((p, i) => {
    const value = positionals[i];
    if (value === undefined) {
      if (p.required) throw new UsageError(`missing ${p.name}${p.choices ? ` (one of: ${p.choices.join(', ')})` : ''}`);
    } else if (p.choices && !p.choices.includes(value)) {
      throw new UsageError(`unknown ${p.name} '${value}' (one of: ${p.choices.join(', ')})`);
    }
    named[p.name] = value;
  });
  if (positionals.length > spec.length) {
    const extra = positionals.slice(spec.length);
    throw new UsageError(
      `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((w) => `'${w}'`).join(' ')}${spec.length === 0 ? ' (this command takes no words, only --options)' : ''}`,
    );
  }
  return named;
}

export function integerFlag(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const value = args.flags[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || number < min) {
    throw new UsageError(`--${name} must be a whole number >= ${min}, got '${String(value)}'`);
  }
  return number;
}
