import { SparkifyError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { tableConstraints, type TableConstraint } from '../schema/render-ddl.ts';
import { STAR_TABLES } from '../schema/tables.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Dialect } from '../schema/types.ts';
import type { QueryResult, Session, Warehouse } from '../warehouse/types.ts';

/**
 * Rebuilds the star schema from staging in one transaction: the fact table is emptied before the
 * dimensions it references, dimensions are filled before the fact. Re-running gives identical tables.
 */
export async function runTransform(warehouse: Warehouse, options: TransformOptions): Promise<Record<string, number>> {
  const inserts: { table: string; result: QueryResult<unknown>; ms: number }[] = [];
  const reported = new Set<string>();
  await warehouse.transaction(async (session) => {
    await emptyStarTables(session, warehouse.dialect);
    // PostgreSQL enforces keys row by row on insert (at 1M events the foreign-key triggers took
    // 32 s of a 42 s songplays insert); dropped before the inserts and added after, each key is
    // built or validated once, in bulk, still inside this transaction. Redshift does not enforce them.
    const constraints = warehouse.dialect === 'postgres' ? STAR_TABLES.flatMap(tableConstraints) : [];
    await dropConstraints(session, constraints);
    for (const table of STAR_TABLES) {
      const started = performance.now();
      const result = await session.query(loadSql(`transform/${table.name}`), [], `transform/${table.name}`);
      const ms = performance.now() - started;
      inserts.push({ table: table.name, result, ms });
      const rows = rowsKnownNow(result);
      if (rows !== undefined) {
        options.onTable?.({ table: table.name, rows, elapsedMs: ms });
        reported.add(table.name);
      }
    }
    const started = performance.now();
    await addConstraints(session, constraints);
    if (constraints.length > 0) options.logger.debug(`keys built and checked in ${Math.round(performance.now() - started)} ms`);
  });
  // Row counts are read once the transaction has committed: on the Redshift Data API a transaction's
  // statements run as one batch at commit, and their results exist only from then on.
  const rows: Record<string, number> = {};
  for (const { table, result, ms } of inserts) {
    rows[table] = result.rowCount;
    if (!reported.has(table)) options.onTable?.({ table, rows: result.rowCount, elapsedMs: undefined });
    options.logger.debug(`${table}: ${result.rowCount} rows in ${Math.round(ms)} ms`);
  }
  if (warehouse.dialect === 'postgres') {
    for (const table of STAR_TABLES) await warehouse.query(loadSql('load/analyze_table', { identifiers: { table: table.name } }), [], `analyze ${table.name}`);
  }
  return rows;
}

export interface TransformOptions {
  readonly logger: Logger;
  /** Called as each star table is filled (inside the transaction, so before it commits). */
  readonly onTable?: (table: TransformTableResult) => void;
}

export interface TransformTableResult {
  readonly table: string;
  readonly rows: number;
  /** Time of the INSERT; undefined where statements run as one batch at commit (Redshift Data API). */
  readonly elapsedMs: number | undefined;
}

/** A statement's row count, or undefined while it is still queued in a Data API batch. */
function rowsKnownNow(result: QueryResult<unknown>): number | undefined {
  try {
    return result.rowCount;
  } catch (error) {
    if (error instanceof SparkifyError && error.code === 'DATA_API_DEFERRED') return undefined;
    throw error;
  }
}

/** Foreign keys go first (they depend on the keys they reference), then primary and unique keys. */
async function dropConstraints(session: Session, constraints: readonly TableConstraint[]): Promise<void> {
  const ordered = [...constraints.filter((c) => c.kind === 'foreign key'), ...constraints.filter((c) => c.kind !== 'foreign key')];
  for (const constraint of ordered) {
    await session.query(loadSql('transform/drop_constraint', { identifiers: { table: constraint.table, constraint: constraint.name } }), [], `drop ${constraint.name}`);
  }
}

async function addConstraints(session: Session, constraints: readonly TableConstraint[]): Promise<void> {
  const ordered = [...constraints.filter((c) => c.kind !== 'foreign key'), ...constraints.filter((c) => c.kind === 'foreign key')];
  for (const constraint of ordered) {
    await session.query(
      loadSql('transform/add_constraint', { identifiers: { table: constraint.table, constraint: constraint.name }, fragments: { definition: constraint.definition } }),
      [],
      `add ${constraint.name}`,
    );
  }
}

async function emptyStarTables(session: Session, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    const tables = STAR_TABLES.map((t) => t.name);
    await session.query(loadSql('transform/empty_tables_postgres', { identifierLists: { tables } }), [], 'empty star tables');
    return;
  }
  for (const table of [...STAR_TABLES].reverse()) {
    await session.query(loadSql('transform/empty_tables_redshift', { identifiers: { table: table.name } }), [], `empty ${table.name}`);
  }
}
