import { SparkifyError } from '../errors.ts';
import { readSql } from '../sql/sql-files.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { firstKeyword, lineAndColumn, scanStatements } from './statements.ts';

export class AdHocSqlError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AD_HOC_SQL', message, options);
  }
}

export interface ReadOnlyOptions {
  /**
   * Also refuse any statement that does not start with a reading keyword. For the Redshift Data API,
   * where each statement is its own call and a read-only transaction rests on the Data API session
   * keeping it open between calls: this makes a write impossible even if it does not.
   */
  readonly readingKeywordsOnly?: boolean;
}

/** Statements that only read, by their first keyword (Redshift has no data-modifying WITH). */
export const READING_KEYWORDS: readonly string[] = ['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN'];

export interface AdHocResult<Row = Record<string, unknown>> {
  /** The statement as sent (the text without its final `;`). */
  readonly sql: string;
  /** Column names in result order, read from the first row (none when no row came back). */
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  readonly rowCount: number;
}

/**
 * The one statement in `text`, without a final `;` and what follows it. Leading blanks and comments
 * are kept so that an error's position still points into the text as the user wrote it.
 */
export function singleStatement(text: string, options: ReadOnlyOptions = {}): string {
  const { statements, unclosed } = scanStatements(text);
  if (unclosed) throw new AdHocSqlError(`the SQL ends inside a ${unclosed}`);
  if (statements.length === 0) throw new AdHocSqlError('no SQL statement given');
  if (statements.length > 1) {
    const { line, column } = lineAndColumn(text, statements[1]!.start);
    throw new AdHocSqlError(`one statement at a time: a second one starts at line ${line}, column ${column}`);
  }
  const statement = statements[0]!;
  if (options.readingKeywordsOnly) {
    const keyword = firstKeyword(text, statement);
    if (!READING_KEYWORDS.includes(keyword)) {
      throw new AdHocSqlError(`on this engine only reading statements run (${READING_KEYWORDS.join(', ')}); this one starts with ${keyword || 'nothing'}`);
    }
  }
  return text.slice(0, statement.end);
}

/**
 * Runs one statement a user wrote in a read-only transaction (`BEGIN READ ONLY` ... `ROLLBACK` on one
 * connection or Data API session): the server refuses any write, so a mistyped DELETE cannot touch the
 * warehouse. Errors are the warehouse's QueryError, which shows the SQL with a caret at the position.
 */
export async function runReadOnlySql<Row = Record<string, unknown>>(
  warehouse: Pick<Warehouse, 'withSession'>,
  text: string,
  values: readonly unknown[] = [],
  options: ReadOnlyOptions = {},
): Promise<AdHocResult<Row>> {
  const sql = singleStatement(text, options);
  return warehouse.withSession(async (session) => {
    await session.query(readSql('common/begin_read_only'), [], 'begin read only');
    let result: Awaited<ReturnType<typeof session.query<Row>>>;
    try {
      result = await session.query<Row>(sql, values, 'sql');
    } catch (error) {
      // The statement's error is the one to show; a rollback failing after it means the connection
      // is gone, which changes nothing for the user.
      await session.query(readSql('common/rollback'), [], 'rollback').catch(() => undefined);
      throw error;
    }
    await session.query(readSql('common/rollback'), [], 'rollback');
    const columns = Object.keys((result.rows[0] ?? {}) as object);
    return { sql, columns, rows: result.rows, rowCount: result.rowCount };
  });
}
