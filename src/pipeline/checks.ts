import type { CheckedKey, DialectAdapter } from '../dialect/adapter.ts';
import { SparkifyError } from '../errors.ts';
import { foreignKeyName } from '../schema/render-ddl.ts';
import { STAR_TABLES } from '../schema/tables.ts';
import type { TableDefinition } from '../schema/types.ts';
import { loadSql, type TableRef } from '../sql/sql-files.ts';
import type { Queryable } from '../warehouse/types.ts';

/** A data-quality check: a query that returns the rows that break a rule (none = pass). */
export interface DataCheck {
  readonly name: string;
  readonly sql: string;
  readonly values: readonly unknown[];
  /** The key a uniqueness or reference check tests: an engine that enforces it answers without the query. */
  readonly key?: CheckedKey;
}

export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly failingRows: number;
  readonly sample: readonly Record<string, unknown>[];
}

export class DataQualityError extends SparkifyError {
  readonly failed: readonly CheckResult[];
  /** Every check's result, the passed ones included. */
  readonly results: readonly CheckResult[];
  constructor(failed: readonly CheckResult[], auditSchema?: string, results: readonly CheckResult[] = failed) {
    const lines = failed.map((c) => `  ${c.name}: ${c.failingRows} failing row(s), e.g. ${JSON.stringify(c.sample.slice(0, 3))}`);
    const kept = auditSchema === undefined ? '' : `\nNothing was published; the rejected result stays in schema ${auditSchema} until the next run.`;
    super('CHECKS_FAILED', `${failed.length} data-quality check(s) failed:\n${lines.join('\n')}${kept}`);
    this.failed = failed;
    this.results = results;
  }
}

/**
 * Checks that reconcile tables with staging; each file in sql/checks/ is one rule, naming the star
 * tables it reads (so they can be read from the audit schema). star_tables_filled comes first: every
 * other check passes on empty tables, so a load that left them empty (or a warehouse where nothing was
 * loaded) must fail on its own rule.
 */
const RECONCILIATIONS = [
  { name: 'star_tables_filled', tables: ['songplays', 'users', 'songs', 'artists', 'time'] },
  { name: 'songplays_match_next_song_events', tables: ['songplays'] },
  { name: 'time_matches_songplays', tables: ['songplays', 'time'] },
  { name: 'users_match_event_users', tables: ['users'] },
  { name: 'user_level_history_one_current_row', tables: ['user_level_history'] },
  { name: 'user_level_history_current_matches_users', tables: ['users', 'user_level_history'] },
] as const;

/**
 * Every check, in a stable order: the declared keys, references and accepted values of the star
 * tables (dbt's unique / not_null / relationships / accepted_values), then the reconciliations.
 * With `schema`, the star tables are read from that schema (the audit schema of write-audit-publish);
 * staging is always read from the default one.
 */
export function dataChecks(tables: readonly TableDefinition[] = STAR_TABLES, schema?: string): readonly DataCheck[] {
  const ref = (name: string): TableRef => (schema === undefined ? name : { schema, name });
  const checks: DataCheck[] = [];
  for (const table of tables) {
    const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...(table.unique ?? [])];
    for (const columns of keys) {
      checks.push({
        name: `unique ${table.name}(${columns.join(', ')})`,
        sql: loadSql('checks/generic/unique', { tables: { table: ref(table.name) }, identifierLists: { columns } }),
        values: [],
        key: { kind: 'unique', table: ref(table.name), columns },
      });
    }
    for (const column of table.primaryKey ?? []) {
      checks.push({
        name: `not_null ${table.name}.${column}`,
        sql: loadSql('checks/generic/not_null', { tables: { table: ref(table.name) }, identifiers: { column } }),
        values: [],
      });
    }
    for (const column of table.columns) {
      if (!column.references) continue;
      const { table: targetTable, column: targetColumn } = column.references;
      checks.push({
        name: `relationships ${table.name}.${column.name} -> ${targetTable}.${targetColumn}`,
        sql: loadSql('checks/generic/relationships', {
          tables: { table: ref(table.name), target_table: ref(targetTable) },
          identifiers: { column: column.name, target_column: targetColumn },
        }),
        values: [],
        key: {
          kind: 'foreign key',
          name: foreignKeyName(table.name, column.name),
          table: ref(table.name),
          column: column.name,
          target: ref(targetTable),
          targetColumn,
          establish: schema !== undefined,
        },
      });
    }
    for (const [column, accepted] of Object.entries(table.acceptedValues ?? {})) {
      checks.push({
        name: `accepted_values ${table.name}.${column} in (${accepted.join(', ')})`,
        sql: loadSql('checks/generic/accepted_values', { tables: { table: ref(table.name) }, identifiers: { column } }),
        values: [accepted.join(',')],
      });
    }
  }
  for (const { name, tables: reads } of RECONCILIATIONS) {
    checks.push({ name, sql: loadSql(`checks/${name}`, { tables: Object.fromEntries(reads.map((table) => [table, ref(table)])) }), values: [] });
  }
  return checks;
}

/**
 * Runs every check and reports each; never throws for a failing check (see assertChecksPassed). With an
 * `adapter`, a uniqueness or reference check whose key the engine enforces on the rows (a unique index,
 * a validated foreign key: `enforceKey`) passes without its query, the engine having checked every row;
 * on the audit tables the adapter may add the foreign key first, which is that check done in one pass
 * and kept by the publish. Where the key is not enforced (the rows break it, or the engine enforces
 * nothing), the query runs and names the failing rows. Run on the warehouse, not inside a transaction.
 */
export async function runChecks(
  warehouse: Queryable,
  checks: readonly DataCheck[] = dataChecks(),
  adapter?: Pick<DialectAdapter, 'enforceKey'>,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (check.key && adapter && (await adapter.enforceKey(warehouse, check.key))) {
      results.push({ name: check.name, passed: true, failingRows: 0, sample: [] });
      continue;
    }
    const fragments = { fragments: { check: check.sql } };
    const count = await warehouse.query<{ failing: number }>(loadSql('checks/count_failing', fragments), check.values, `check ${check.name}`);
    const failingRows = Number(count.rows[0]?.failing ?? 0);
    const sample = failingRows === 0 ? [] : (await warehouse.query(loadSql('checks/sample_failing', fragments), check.values, `check ${check.name}`)).rows;
    results.push({ name: check.name, passed: failingRows === 0, failingRows, sample });
  }
  return results;
}

/** Throws naming every failed check; `auditSchema` says where the unpublished result was kept. */
export function assertChecksPassed(results: readonly CheckResult[], auditSchema?: string): void {
  const failed = results.filter((r) => !r.passed);
  if (failed.length > 0) throw new DataQualityError(failed, auditSchema, results);
}
