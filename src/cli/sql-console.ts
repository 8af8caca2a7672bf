import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { runReadOnlySql, type ReadOnlyOptions } from '../analytics/read-only-sql.ts';
import { scanStatements } from '../analytics/statements.ts';
import { SparkifyError } from '../errors.ts';
import { readSql } from '../sql/sql-files.ts';
import type { Warehouse } from '../warehouse/types.ts';
import type { CommandContext } from './context.ts';
import { formatTable } from './format.ts';

const HISTORY_SIZE = 500;
const PROMPT = 'sparkify> ';
const CONTINUATION = '     ...> ';
const HELP = [
  'Type a SQL statement and end it with ;  (each runs alone in a read-only transaction)',
  '  .tables          the tables in the warehouse',
  '  .schema TABLE    the columns of TABLE',
  '  .help            this text',
  '  .quit            leave (also .exit or Ctrl-D)',
].join('\n');

export interface ConsoleOptions extends ReadOnlyOptions {
  /** The history file (one statement per line, newlines inside a statement written as spaces). */
  readonly historyFile: string;
}

/**
 * The interactive `sparkify sql` prompt, read with node:readline: statements may span lines and run
 * when a line ends one with `;`; dot commands answer questions about the warehouse. On a terminal it
 * draws a prompt and keeps a history (arrow keys) in a file; from a pipe it reads statements as a
 * script would, without prompts. A failing statement prints its error and the prompt goes on.
 */
export async function runSqlConsole(context: CommandContext, warehouse: Warehouse, options: ConsoleOptions): Promise<number> {
  const terminal = Boolean(context.stdin.isTTY);
  const history = await readHistory(options.historyFile);
  const rl = createInterface({
    input: context.stdin,
    output: terminal ? context.stdout : undefined,
    terminal,
    history: [...history].reverse(),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  if (terminal) context.print(`${warehouse.description}\n${HELP}`);
  let buffer = '';
  let failures = 0;
  const prompt = () => {
    if (!terminal) return;
    rl.setPrompt(buffer === '' ? PROMPT : CONTINUATION);
    rl.prompt();
  };
  prompt();
  for await (const line of lines(rl)) {
    if (buffer === '' && line.trim().startsWith('.')) {
      const keepGoing = await dotCommand(context, warehouse, line.trim()).catch((error: unknown) => {
        if (!(error instanceof SparkifyError)) throw error;
        context.print(`error: ${error.message}`);
        failures++;
        return true;
      });
      if (!keepGoing) break;
      prompt();
      continue;
    }
    buffer = buffer === '' ? line : `${buffer}\n${line}`;
    const { statements, unclosed } = scanStatements(buffer);
    const complete = !unclosed && statements.length > 0 && statements.every((s) => s.terminated);
    if (buffer.trim() !== '' && (complete || (statements.length === 0 && !unclosed))) {
      const text = buffer;
      buffer = '';
      if (statements.length > 0) {
        await remember(options.historyFile, text);
        if (!(await runOne(context, warehouse, text, options))) failures++;
      }
    } else if (buffer.trim() === '') buffer = '';
    prompt();
  }
  rl.close();
  if (buffer.trim() !== '') {
    // Input ended in the middle of a statement (no final `;`): run what was typed, as psql does.
    if (!(await runOne(context, warehouse, buffer, options))) failures++;
  }
  if (terminal) context.print('');
  // From a pipe, a failed statement fails the run, so scripts notice.
  return !terminal && failures > 0 ? 1 : 0;
}

/** readline's lines as an async iterator that stops on close (Ctrl-D, end of input). */
async function* lines(rl: Interface): AsyncGenerator<string> {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  rl.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on('close', () => {
    closed = true;
    wake?.();
  });
  // The statement runs between two lines; pausing keeps readline from reading past what is handled.
  while (true) {
    if (queue.length > 0) {
      rl.pause();
      yield queue.shift()!;
      if (!closed) rl.resume();
      continue;
    }
    if (closed) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

async function runOne(context: CommandContext, warehouse: Warehouse, text: string, options: ReadOnlyOptions): Promise<boolean> {
  try {
    const result = await runReadOnlySql(warehouse, text, [], options);
    context.print(formatResult(result.columns, result.rows as Record<string, unknown>[], result.rowCount));
    return true;
  } catch (error) {
    if (!(error instanceof SparkifyError)) throw error;
    context.print(`error: ${error.message}`);
    return false;
  }
}

/** The aligned table and a row count, as the one-shot command and the prompt print them. */
export function formatResult(columns: readonly string[], rows: readonly Record<string, unknown>[], rowCount: number): string {
  const count = `(${rowCount.toLocaleString('en-US')} row${rowCount === 1 ? '' : 's'})`;
  return columns.length === 0 ? count : `${formatTable(rows, columns)}\n${count}`;
}

/** Runs a dot command; false means leave. */
async function dotCommand(context: CommandContext, warehouse: Warehouse, line: string): Promise<boolean> {
  const [command, ...words] = line.split(/\s+/);
  switch (command) {
    case '.quit':
    case '.exit':
      return false;
    case '.help':
      context.print(HELP);
      return true;
    case '.tables': {
      const { rows } = await warehouse.query<Record<string, unknown>>(readSql('console/list_tables'), [], 'list tables');
      context.print(rows.length === 0 ? '(no tables: run `npx sparkify create-tables` and `npx sparkify etl`)' : formatTable(rows));
      return true;
    }
    case '.schema': {
      const table = words[0];
      if (!table || words.length > 1) {
        context.print('usage: .schema TABLE');
        return true;
      }
      const { rows } = await warehouse.query<Record<string, unknown>>(readSql('console/describe_table'), [table], 'describe table');
      context.print(rows.length === 0 ? `no table named ${table} (.tables lists them)` : formatTable(rows));
      return true;
    }
    default:
      context.print(`unknown command ${command}; .help lists them`);
      return true;
  }
}

async function readHistory(file: string): Promise<string[]> {
  try {
    const text = await readFile(file, 'utf8');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-HISTORY_SIZE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SparkifyError('SQL_HISTORY', `cannot read the history file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function remember(file: string, statement: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${statement.replace(/\s*\n\s*/g, ' ').trim()}\n`, { mode: 0o600 });
}
