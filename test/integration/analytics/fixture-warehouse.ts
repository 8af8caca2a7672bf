import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/logger.ts';
import { renderCreateTable } from '../../../src/schema/render-ddl.ts';
import { STAR_TABLES } from '../../../src/schema/tables.ts';
import { startEmbeddedServer } from '../../../src/warehouse/embedded-server.ts';
import { PgWarehouse } from '../../../src/warehouse/pg-warehouse.ts';
import { INSERTS } from './star-fixture.ts';

export interface FixtureWarehouse {
  readonly warehouse: PgWarehouse;
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A fresh embedded PostgreSQL in a temp folder holding the star tables and the hand-made rows. */
export async function startFixtureWarehouse(database: string): Promise<FixtureWarehouse> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sparkify-analytics-'));
  const port = await freePort();
  const server = await startEmbeddedServer({ dataDir, port, database, logger: silentLogger });
  const warehouse = new PgWarehouse({
    engine: 'embedded',
    dialect: 'postgres',
    description: 'analytics fixture',
    connection: server.connection,
    logger: silentLogger,
  });
  for (const table of STAR_TABLES) await warehouse.query(renderCreateTable(table, 'postgres'));
  for (const { sql, rows } of INSERTS) for (const row of rows) await warehouse.query(sql, row);
  return {
    warehouse,
    dataDir,
    port,
    database,
    async stop() {
      await warehouse.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
