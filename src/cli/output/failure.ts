import { ConfigError, SparkifyError } from '../../errors.ts';
import { UsageError } from '../args.ts';
import type { CliOutput } from './output.ts';
import { sanitizeText } from './sanitize.ts';

/** Exit codes: 0 done, 1 failed, 2 usage error (nothing was done). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The stable description of a failure: the code scripts branch on, and the message. */
export interface FailureDescription {
  readonly code: string;
  readonly message: string;
  /** ConfigError: each bad key. */
  readonly problems?: readonly { section: string; key: string; problem: string }[];
}

/** Errors the product raised on purpose keep their code; anything else is INTERNAL (a bug). */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof UsageError) return { code: error.code, message: error.message };
  if (error instanceof ConfigError) return { code: error.code, message: error.message, problems: error.problems };
  if (error instanceof SparkifyError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * An error may carry its own exit code (e.g. 130 for an interrupted run); else usage errors exit 2
 * and every other failure 1.
 */
export function exitCodeOf(error: unknown): number {
  const own = (error as { exitCode?: unknown } | undefined)?.exitCode;
  if (typeof own === 'number' && Number.isInteger(own) && own > 0) return own;
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

export interface ReportOptions {
  /** `sparkify etl`, `sparkify cluster create`, ... */
  readonly label: string;
  readonly output: CliOutput;
  readonly verbose: boolean;
  /** For usage errors: the usage line to show under the message. */
  readonly usage?: string;
  readonly write?: (text: string) => void;
}

/**
 * Reports a failure once: one line on stderr (a usage error adds the usage line; --verbose adds the
 * stack traces of the error and its causes) and, with --json, the failure object on stdout unless
 * the command already wrote its own result. Returns the exit code.
 */
export function reportFailure(error: unknown, options: ReportOptions): number {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const failure = describeFailure(error);
  if (failure.code === 'USAGE') {
    write(`${options.label}: ${sanitizeText(failure.message)}\n`);
    if (options.usage) write(`${options.usage}\nRun '${options.label} --help' for details.\n`);
  } else if (failure.code === 'INTERNAL') {
    write(`${options.label} failed unexpectedly: ${sanitizeText(failure.message)}${options.verbose ? '' : ' (--verbose shows the stack trace)'}\n`);
  } else {
    write(`${options.label} failed: ${sanitizeText(failure.message)}\n`);
  }
  if (options.verbose) write(`${sanitizeText(describeCauses(error))}\n`);
  if (options.output.json && !options.output.jsonWritten) options.output.printJson({ ok: false, error: failure });
  return exitCodeOf(error);
}

/** The error and each of its causes with their stack traces (--verbose). */
export function describeCauses(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 20; current = (current as { cause?: unknown }).cause, depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    if (!(current instanceof Error)) break;
  }
  return parts.join('\ncaused by: ');
}
