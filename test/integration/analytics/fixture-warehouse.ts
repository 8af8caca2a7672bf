import { postgresAdapter } from '#src/dialect/index.ts';
import { renderCreateTable } from '#src/schema/render-ddl.ts';
import { STAR_TABLES } from '#src/schema/tables.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { INSERTS } from './star-fixture.ts';

export interface FixtureWarehouse {
  readonly database: TestDatabase;
  readonly warehouse: Warehouse;
  stop(): Promise<void>;
}

/** A fresh database on the suite's PostgreSQL holding the star tables and the hand-made rows. */
export async function startFixtureWarehouse(): Promise<FixtureWarehouse> {
  const database = await createTestDatabase();
  const warehouse = await database.open();
  for (const table of STAR_TABLES) await warehouse.query(renderCreateTable(table, postgresAdapter.ddl));
  for (const { sql, rows } of INSERTS) for (const row of rows) await warehouse.query(sql, row);
  return {
    database,
    warehouse,
    async stop() {
      await warehouse.close();
      await database.drop();
    },
  };
}
