/** The logger every module takes as a parameter; nothing in src/ writes to the console itself. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
  error() {},
});

/** Messages go to stderr so that stdout stays clean for `--json` output. */
export function stderrLogger(options: { verbose?: boolean } = {}): Logger {
  const write = (prefix: string, message: string) => process.stderr.write(`${prefix}${message}\n`);
  return {
    debug: (m) => (options.verbose ? write('debug: ', m) : undefined),
    info: (m) => write('', m),
    warn: (m) => write('warning: ', m),
    error: (m) => write('error: ', m),
  };
}
