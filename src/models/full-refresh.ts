import type { DialectAdapter } from '../dialect/adapter.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Session } from '../warehouse/types.ts';
import type { Materialization, ModelWrite } from './materialization.ts';
import type { Model } from './model.ts';

/**
 * Rebuilds every model's table from scratch: the tables are emptied (the fact table before the
 * dimensions it references, as the adapter requires), then each model's rows are inserted in order,
 * with keys deferred where the engine enforces them. Re-running gives identical tables.
 */
export const fullRefresh: Materialization = Object.freeze({
  name: 'full-refresh',
  async write(session: Session, adapter: DialectAdapter, models: readonly Model[], onWrite?: (write: ModelWrite) => void): Promise<ModelWrite[]> {
    const tables = models.map((model) => model.table);
    await adapter.emptyTables(session, tables);
    return adapter.withKeysDeferred(session, tables, async () => {
      const writes: ModelWrite[] = [];
      for (const model of models) {
        const write = await insertModelRows(session, adapter, model);
        writes.push(write);
        onWrite?.(write);
      }
      return writes;
    });
  },
});

/**
 * `INSERT INTO <table> (<the table's columns>) <the model's SELECT>`; into the table of that name in
 * `schema` when one is given (write-audit-publish builds in its audit schema).
 */
export function renderModelInsert(adapter: Pick<DialectAdapter, 'sqlText'>, model: Model, schema?: string): string {
  const { table } = model;
  return loadSql('materialize/insert_select', {
    tables: { table: schema === undefined ? table.name : { schema, name: table.name } },
    identifierLists: { columns: table.columns.map((column) => column.name) },
    fragments: { select: loadSql(model.select, { dialect: adapter.sqlText }) },
  });
}

export async function insertModelRows(session: Session, adapter: DialectAdapter, model: Model, schema?: string): Promise<ModelWrite> {
  const started = performance.now();
  const result = await session.query(renderModelInsert(adapter, model, schema), [], model.select);
  return { model, result, elapsedMs: performance.now() - started };
}
