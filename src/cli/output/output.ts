import { escapeJsonText, sanitizeText } from './sanitize.ts';

/**
 * The CLI's output layer: the only place in src/ that writes to stdout. Human output is sanitised for
 * the terminal and suppressed with --json; with --json, exactly one JSON object is written per run
 * (the command's result, or the failure main() reports when the command wrote none).
 */
export interface CliOutput {
  readonly json: boolean;
  /** Human output (suppressed with --json). */
  print(text: string): void;
  /** Machine output: one JSON object on stdout (only with --json); `ok: true` is added when absent. */
  printJson(value: unknown): void;
  /** True once the run's JSON object has been written. */
  readonly jsonWritten: boolean;
}

export function createOutput(stdout: NodeJS.WritableStream, json: boolean): CliOutput {
  let jsonWritten = false;
  return {
    json,
    get jsonWritten() {
      return jsonWritten;
    },
    print(text) {
      if (!json) stdout.write(`${sanitizeText(text)}\n`);
    },
    printJson(value) {
      if (!json) return;
      if (jsonWritten) throw new Error('a command wrote its JSON result twice');
      jsonWritten = true;
      stdout.write(`${escapeJsonText(JSON.stringify(withOk(value), null, 2))}\n`);
    },
  };
}

function withOk(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || 'ok' in value) return value;
  return { ok: true, ...value };
}
