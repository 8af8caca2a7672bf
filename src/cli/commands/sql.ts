import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AdHocSqlError, runReadOnlySql, singleStatement, type ReadOnlyOptions } from '../../analytics/read-only-sql.ts';
import type { DwhConfig } from '../../config/types.ts';
import { UsageError } from '../args.ts';
import type { CommandModule } from '../context.ts';
import { formatCsv } from '../csv.ts';
import { formatResult, runSqlConsole } from '../sql-console.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'run one read-only SQL statement (or open a SQL prompt) on the warehouse',
  usage: [
    'sparkify sql "SELECT ..." [--json | --csv] [--config dwh.cfg]',
    'sparkify sql -f FILE.sql [--json | --csv]',
    'sparkify sql                       an interactive prompt (.tables, .schema TABLE, .help, .quit)',
    '',
    'Exactly one statement, run in a read-only transaction: the warehouse refuses writes. Results print',
    'as an aligned table (numbers right-aligned, with thousands separators), as JSON with --json, or as',
    'CSV with --csv. A failing statement is shown with a caret under the position the server reports.',
    'The prompt keeps its history in .sparkify/sql_history beside the config.',
  ].join('\n'),
  flags: { values: ['file'], booleans: ['csv'], short: { '-f': 'file' } },
  positionals: [{ name: 'statement' }],
  async run(context) {
    const { positionals, flags } = context.args;
    if (positionals.length > 1) throw new UsageError(`one statement, as one argument (quote it), got ${positionals.length} words`);
    const file = typeof flags.file === 'string' ? path.resolve(context.cwd, flags.file) : undefined;
    if (file && positionals.length > 0) throw new UsageError('give the statement or -f FILE, not both');
    const csv = flags.csv === true;
    if (csv && context.json) throw new UsageError('--json or --csv, not both');
    const text = file ? await readStatementFile(file) : positionals[0];
    const config = context.config();
    const options = readOnlyOptions(config);

    if (text === undefined) {
      if (context.json || csv) throw new UsageError('--json and --csv need a statement (or -f FILE); the prompt prints tables');
      const historyFile = path.join(config.baseDir, '.sparkify', 'sql_history');
      return withWarehouse(context, (warehouse) => runSqlConsole(context, warehouse, { ...options, historyFile }));
    }

    // Refuse several statements before starting a warehouse.
    singleStatement(text, options);
    const result = await withWarehouse(context, (warehouse) => runReadOnlySql(warehouse, text, [], options));
    const rows = result.rows as Record<string, unknown>[];
    if (csv) context.stdout.write(formatCsv(result.columns, rows));
    else context.print(formatResult(result.columns, rows, result.rowCount));
    context.printJson({ columns: result.columns, rows, rowCount: result.rowCount });
    return 0;
  },
};

/**
 * On the Redshift Data API each statement is its own call: the read-only transaction rests on the Data
 * API session keeping it open between calls, so only reading statements are let through as well.
 */
function readOnlyOptions(config: DwhConfig): ReadOnlyOptions {
  return { readingKeywordsOnly: config.warehouse.engine === 'redshift' && config.cluster.access === 'data-api' };
}

async function readStatementFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AdHocSqlError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
