import type { DialectAdapter } from '../dialect/adapter.ts';
import type { TableDefinition } from '../schema/types.ts';
import { loadSql, type TableRef } from '../sql/sql-files.ts';
import type { Queryable, Warehouse } from '../warehouse/types.ts';
import { insertModelRows } from './full-refresh.ts';
import type { ModelWrite } from './materialization.ts';
import type { Model } from './model.ts';

/**
 * Where a run's results are built and checked before they are published (write-audit-publish,
 * docs/daily-operation.md). The published tables keep their names in the warehouse's default schema;
 * this schema holds tables of the same names. After a failed check they stay here, inspectable, until
 * the next run replaces them.
 */
export const AUDIT_SCHEMA = 'sparkify_audit';

export function auditTable(table: TableDefinition): TableRef {
  return { schema: AUDIT_SCHEMA, name: table.name };
}

/**
 * Write: builds every model into a fresh table of the audit schema, in one transaction. The audit
 * tables have the published tables' columns and types but no keys (the checks judge them); the
 * published tables are not touched.
 */
export async function buildAudit(
  warehouse: Warehouse,
  adapter: DialectAdapter,
  models: readonly Model[],
  onWrite?: (write: ModelWrite) => void,
): Promise<ModelWrite[]> {
  return warehouse.transaction(async (session) => {
    await session.query(loadSql('materialize/create_schema', { identifiers: { schema: AUDIT_SCHEMA } }), [], `create schema ${AUDIT_SCHEMA}`);
    for (const { table } of [...models].reverse()) {
      await session.query(loadSql('materialize/drop_table', { tables: { table: auditTable(table) } }), [], `drop ${AUDIT_SCHEMA}.${table.name}`);
    }
    const writes: ModelWrite[] = [];
    for (const model of models) {
      await session.query(
        loadSql('materialize/create_table_like', { tables: { table: auditTable(model.table), like: model.table.name } }),
        [],
        `create ${AUDIT_SCHEMA}.${model.table.name}`,
      );
      const write = await insertModelRows(session, adapter, model, AUDIT_SCHEMA);
      writes.push(write);
      onWrite?.(write);
    }
    return writes;
  });
}

/**
 * Publish: replaces the rows of every published table with its audited rows, in one transaction, so
 * readers see either the old tables or the new ones, never a mix. The adapter empties the tables
 * (TRUNCATE on PostgreSQL, DELETE on Redshift, whose TRUNCATE would commit on its own) and has keys
 * built once after the copy where the engine enforces them.
 */
export async function publishAudit(warehouse: Warehouse, adapter: DialectAdapter, tables: readonly TableDefinition[]): Promise<Record<string, number>> {
  const copies = await warehouse.transaction(async (session) => {
    await adapter.emptyTables(session, tables);
    return adapter.withKeysDeferred(session, tables, async () => {
      const results = [];
      for (const table of tables) {
        const columns = table.columns.map((column) => column.name);
        const sql = loadSql('materialize/copy_rows', { tables: { target: table.name, source: auditTable(table) }, identifierLists: { columns } });
        results.push({ table, result: await session.query(sql, [], `publish ${table.name}`) });
      }
      return results;
    });
  });
  // Read after the commit: on the Redshift Data API the statements ran as one batch at commit.
  return Object.fromEntries(copies.map(({ table, result }) => [table.name, result.rowCount]));
}

/** After a successful publish the audited copy is redundant: dropped, so it costs no storage. */
export async function discardAudit(warehouse: Queryable, tables: readonly TableDefinition[]): Promise<void> {
  for (const table of [...tables].reverse()) {
    await warehouse.query(loadSql('materialize/drop_table', { tables: { table: auditTable(table) } }), [], `drop ${AUDIT_SCHEMA}.${table.name}`);
  }
}
