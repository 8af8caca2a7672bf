import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { parseConfig, type DwhConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import type { Warehouse } from '#src/warehouse/types.ts';

export interface TestDatabase {
  readonly name: string;
  /** A config for ENGINE = postgres pointing at this database, plus any extra [S3] lines. */
  config(extra?: string): DwhConfig;
  /** The same as INI text, for CLI runs (the password goes through the environment, not the file). */
  configText(extra?: string): string;
  readonly env: Record<string, string>;
  open(extra?: string): Promise<Warehouse>;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * An ICU locale (e.g. 'und', 'en-US') for the database's default collation: text then sorts
   * linguistically ('alpha' before 'Beta'), as on a server initialised with a user's locale such as
   * en_US.UTF-8. Without it the database takes the suite server's collation (C).
   */
  readonly icuLocale?: string;
}

/** A fresh database on the suite's PostgreSQL server, so test files never see each other's tables. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = inject('postgres');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ ...server, database: 'postgres' });
  await admin.connect();
  const collation =
    options.icuLocale === undefined ? '' : ` TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale}'`;
  await admin.query(`CREATE DATABASE ${name}${collation}`);
  await admin.end();
  const configText = (extra = '') =>
    `[WAREHOUSE]\nENGINE = postgres\n[CLUSTER]\nHOST = ${server.host}\nDB_PORT = ${server.port}\nDB_NAME = ${name}\nDB_USER = ${server.user}\n${extra}\n`;
  const env = { SPARKIFY_CLUSTER_DB_PASSWORD: server.password };
  const config = (extra = '') => parseConfig(configText(extra), { env });
  return {
    name,
    config,
    configText,
    env,
    open: (extra) => openWarehouse(config(extra), { logger: silentLogger }),
    async drop() {
      const client = new pg.Client({ ...server, database: 'postgres' });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
