import { assertConfigFor } from '../config/requirements.ts';
import type { DwhConfig } from '../config/types.ts';
import { startEmbeddedServer } from './embedded-server.ts';
import { PgWarehouse } from './pg-warehouse.ts';
import { pgTimeoutsOf } from './pg-connect.ts';
import type { OpenWarehouseOptions, Warehouse } from './types.ts';

export type { OpenWarehouseOptions } from './types.ts';
export { pgTimeoutsOf } from './pg-connect.ts';

/** Connects to the engine the config names; for `embedded`, starts the server first (and stops it on close). */
export async function openWarehouse(config: DwhConfig, options: OpenWarehouseOptions): Promise<Warehouse> {
  assertConfigFor(config, 'connect');
  const { logger, signal } = options;
  const timeouts = pgTimeoutsOf(config);
  const lockWaitSeconds = options.lockWaitSeconds ?? config.warehouse.lockTimeoutSeconds;
  switch (config.warehouse.engine) {
    case 'embedded': {
      const server = await startEmbeddedServer({
        dataDir: config.warehouse.dataDir,
        port: config.warehouse.port,
        database: config.cluster.dbName,
        logger,
        timeouts,
        signal,
      });
      const { port, database } = server.connection;
      return new PgWarehouse({
        engine: 'embedded',
        dialect: 'postgres',
        description: `embedded PostgreSQL on 127.0.0.1:${port}, database ${database} (${config.warehouse.dataDir})`,
        connection: server.connection,
        logger,
        timeouts,
        lockWaitSeconds,
        signal,
        onClose: () => server.stop(),
      });
    }
    case 'postgres': {
      const { host, dbPort, dbName, dbUser, dbPassword, ssl } = config.cluster;
      return new PgWarehouse({
        engine: 'postgres',
        dialect: 'postgres',
        description: `PostgreSQL ${dbUser}@${host}:${dbPort}/${dbName}`,
        connection: { host: host!, port: dbPort, database: dbName, user: dbUser, password: dbPassword.reveal(), ssl },
        logger,
        timeouts,
        lockWaitSeconds,
        signal,
      });
    }
    case 'redshift': {
      const { openRedshiftWarehouse } = await import('./redshift/open-redshift.ts');
      return openRedshiftWarehouse(config, options);
    }
  }
}
