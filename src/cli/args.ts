/** A small, strict argv parser: `--flag`, `--key value`, `--key=value`, positionals; unknown flags are errors. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean>>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface FlagSpec {
  /** flags that take a value */
  readonly values?: readonly string[];
  /** flags that are on/off */
  readonly booleans?: readonly string[];
  /** one-dash spellings of declared flags, e.g. `{ '-f': 'file' }` */
  readonly short?: Readonly<Record<string, string>>;
}

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
      if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
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
