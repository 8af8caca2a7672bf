import { silentLogger } from '../../../src/logger.ts';
import { createTables } from '../../../src/pipeline/create-tables.ts';
import { runEtl } from '../../../src/pipeline/etl.ts';
import type { Warehouse } from '../../../src/warehouse/types.ts';
import { sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/** The public Sparkify data beside the project (undefined when it is not there, outside CI). */
export const PUBLIC_DATA = sharedData('the workbench tests on the public data');

export interface PublicWarehouse {
  readonly database: TestDatabase;
  readonly warehouse: Warehouse;
  /** The [S3] lines that point at the public data. */
  readonly s3Section: string;
  stop(): Promise<void>;
}

/** A fresh database on the suite's PostgreSQL, loaded with the public data by the real pipeline. */
export async function loadPublicWarehouse(): Promise<PublicWarehouse> {
  const root = PUBLIC_DATA;
  if (!root) throw new Error('../shared/data/sparkify is not beside the project');
  const s3Section = `[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`;
  const database = await createTestDatabase();
  const warehouse = await database.open(s3Section);
  await createTables(warehouse, { logger: silentLogger });
  const etl = await runEtl(warehouse, database.config(s3Section), { logger: silentLogger });
  if (etl.error) throw etl.error;
  return {
    database,
    warehouse,
    s3Section,
    async stop() {
      await warehouse.close();
      await database.drop();
    },
  };
}
