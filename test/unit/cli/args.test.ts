import { describe, expect, it } from 'vitest';
import { UsageError } from '#src/cli/args.ts';
import { parseCommandLine, type CommandModule } from '#src/cli/context.ts';

const noop = async () => 0;
const plain: CommandModule = { summary: 's', usage: 'sparkify plain', flags: { values: ['limit'], booleans: ['overwrite'] }, run: noop };
const withWord: CommandModule = { summary: 's', usage: 'sparkify worded [NAME]', positionals: [{ name: 'query', choices: ['a', 'b'] }], run: noop };
const withSubs: CommandModule = {
  summary: 's',
  usage: 'sparkify parent create|status',
  subcommands: {
    create: { summary: 'c', usage: 'sparkify parent create', flags: { values: ['poll-seconds'] } },
    status: { summary: 's', usage: 'sparkify parent status' },
  },
  run: noop,
};

function usageError(argv: string[], command: CommandModule): string {
  try {
    parseCommandLine(argv, command);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('strict command lines', () => {
  it('takes declared flags in every spelling', () => {
    const parsed = parseCommandLine(['--limit', '5', '--overwrite', '--config=x.cfg', '--json'], plain);
    expect(parsed.args.flags).toEqual({ limit: '5', overwrite: true, config: 'x.cfg', json: true });
    expect(parsed.help).toBe(false);
  });

  it.each([
    [['-x'], /unknown option -x/],
    [['-hx'], /unknown option -hx/],
    [['-v'], /unknown option -v/],
    [['--frobnicate'], /unknown option --frobnicate/],
    [['extra'], /unexpected argument 'extra' \(this command takes no words/],
    [['--overwrite=yes'], /--overwrite takes no value/],
    [['--limit'], /--limit needs a value/],
    [['--limit', '--json'], /--limit needs a value/],
    [['--limit', '1', '--limit', '2'], /--limit given twice/],
  ])('refuses %j', (argv, message) => {
    expect(usageError(argv, plain)).toMatch(message);
  });

  it('reads -h and --help as help on every command, before checking words', () => {
    expect(parseCommandLine(['-h'], plain).help).toBe(true);
    expect(parseCommandLine(['--help'], withSubs).help).toBe(true);
    expect(parseCommandLine(['create', '-h'], withSubs)).toMatchObject({ help: true, subcommand: 'create' });
  });

  it('takes the declared words and refuses others', () => {
    expect(parseCommandLine(['a'], withWord).args.positionals).toEqual(['a']);
    expect(parseCommandLine([], withWord).args.positionals).toEqual([]);
    expect(usageError(['c'], withWord)).toBe("unknown query 'c' (one of: a, b)");
    expect(usageError(['a', 'b'], withWord)).toBe("unexpected argument 'b'");
    expect(usageError(['--', '-x'], plain)).toMatch(/unexpected argument '-x'/);
  });

  it('requires a known subcommand and gives each only its own flags', () => {
    expect(parseCommandLine(['create', '--poll-seconds', '1'], withSubs)).toMatchObject({ subcommand: 'create', help: false });
    expect(usageError([], withSubs)).toBe('missing subcommand (one of: create, status)');
    expect(usageError(['resize'], withSubs)).toBe("unknown subcommand 'resize' (one of: create, status)");
    expect(usageError(['status', '--poll-seconds', '1'], withSubs)).toBe("--poll-seconds is not an option of 'status'");
    expect(usageError(['status', 'now'], withSubs)).toMatch(/^unexpected argument 'now'/);
  });
});
