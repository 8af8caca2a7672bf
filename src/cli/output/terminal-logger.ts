import type { Logger } from '../../logger.ts';
import { sanitizeText } from './sanitize.ts';

/** The CLI's logger: messages on stderr (stdout stays clean for --json), control characters escaped. */
export function terminalLogger(options: { verbose: boolean }, write: (text: string) => void = (text) => process.stderr.write(text)): Logger {
  const line = (prefix: string, message: string) => write(`${prefix}${sanitizeText(message)}\n`);
  return {
    debug: (m) => (options.verbose ? line('debug: ', m) : undefined),
    info: (m) => line('', m),
    warn: (m) => line('warning: ', m),
    error: (m) => line('error: ', m),
  };
}
