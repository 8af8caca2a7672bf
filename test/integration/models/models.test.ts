import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { STAR_MODELS } from '#src/models/star-models.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { postgresAdapter } from '#src/dialect/index.ts';
import { loadSql } from '#src/sql/sql-files.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The full-refresh materialization writes a model with `INSERT INTO t (<the table's columns>)
 * <SELECT>`: that is only right if the SELECT returns those columns, in that order. PostgreSQL says
 * what a SELECT returns when it is made a view.
 */
describe('star models', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  it.each(STAR_MODELS.map((model) => [model.table.name, model] as const))(
    '%s: the SELECT returns the table columns, in order, with their names',
    async (name, model) => {
      await warehouse.query(`CREATE TEMPORARY VIEW "model_${name}" AS ${loadSql(model.select, { dialect: postgresAdapter.sqlText })}`);
      const { rows } = await warehouse.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
        [`model_${name}`],
      );
      expect(rows.map((r) => r.column_name)).toEqual(model.table.columns.map((c) => c.name));
    },
  );
});
