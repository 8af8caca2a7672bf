/**
 * Typed errors. Every error the product raises on purpose is a SparkifyError with a stable `code`,
 * so callers branch on the type or code, never on message text. Causes are always kept.
 */
export class SparkifyError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export interface ConfigProblem {
  section: string;
  key: string;
  problem: string;
}

export class ConfigError extends SparkifyError {
  readonly problems: readonly ConfigProblem[];
  constructor(source: string, problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const lines = problems.map((p) => `  [${p.section}] ${p.key}: ${p.problem}`);
    super('CONFIG_INVALID', `Invalid configuration in ${source}:\n${lines.join('\n')}`, options);
    this.problems = problems;
  }
}

/** A statement failed on the warehouse. Shows the SQL (with a caret under the failing position). */
export class QueryError extends SparkifyError {
  readonly sql: string;
  readonly sqlState: string | undefined;
  readonly label: string;
  constructor(label: string, sql: string, cause: unknown) {
    const pgError = cause as { message?: string; code?: string; position?: string } | undefined;
    const reason = pgError?.message ?? String(cause);
    super('QUERY_FAILED', `${label} failed: ${reason}\n${pointAt(sql, pgError?.position)}`, { cause });
    this.sql = sql;
    this.label = label;
    this.sqlState = pgError?.code;
  }
}

function pointAt(sql: string, position: string | undefined): string {
  const offset = Number(position) - 1;
  if (!position || !Number.isFinite(offset) || offset < 0) return indent(sql);
  const before = sql.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = sql.indexOf('\n', offset);
  const lines = sql.slice(0, lineEnd === -1 ? undefined : lineEnd);
  const caret = ' '.repeat(offset - lineStart) + '^';
  const rest = lineEnd === -1 ? '' : `\n${sql.slice(lineEnd + 1)}`;
  return indent(`${lines}\n${caret}${rest}`);
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

export class WarehouseError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WAREHOUSE', message, options);
  }
}

export class SourceError extends SparkifyError {
  readonly uri: string;
  constructor(uri: string, message: string, options?: { cause?: unknown }) {
    super('SOURCE', `${uri}: ${message}`, options);
    this.uri = uri;
  }
}

/** The warehouse could not be reached: names the host and port and why (refused, no answer in time, ...). */
export class CannotConnectError extends SparkifyError {
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, reason: string, options?: { cause?: unknown }) {
    super('CONNECTION_FAILED', `cannot connect to ${host}:${port}: ${reason}`, options);
    this.host = host;
    this.port = port;
  }
}

/** An open connection to the warehouse broke (server stopped, network dropped) while a statement ran. */
export class ConnectionLostError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONNECTION_LOST', message, options);
  }
}

/** The run was stopped by a signal (Ctrl-C, SIGTERM); what was running was cancelled and rolled back. */
export class InterruptedError extends SparkifyError {
  readonly signal: string;
  constructor(signal: string, message = `interrupted by ${signal}`, options?: { cause?: unknown }) {
    super('INTERRUPTED', message, options);
    this.signal = signal;
  }
}

/** Another run holds the warehouse's run lock (one run that writes at a time per warehouse). */
export class RunLockedError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RUN_LOCKED', message, options);
  }
}

/** The warehouse server ran out of disk space (SQLSTATE 53100); the statement and its transaction rolled back. */
export class DiskFullError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DISK_FULL', message, options);
  }
}

/**
 * An AWS endpoint could not be reached or did not answer in time (no HTTP answer at all): names the
 * service, the operation and the endpoint's host and port, and why.
 */
export class AwsEndpointError extends SparkifyError {
  readonly endpoint: string;
  readonly operation: string;
  constructor(operation: string, endpoint: string, reason: string, options?: { cause?: unknown }) {
    super('AWS_UNREACHABLE', `${operation} on ${endpoint}: ${reason}`, options);
    this.endpoint = endpoint;
    this.operation = operation;
  }
}
