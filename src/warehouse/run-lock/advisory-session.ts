import type pg from 'pg';
import type { Logger } from '../../logger.ts';
import { readSql } from '../../sql/sql-files.ts';
import { connectClient, type PgConnection, type PgTimeouts } from '../pg-connect.ts';

/** Our advisory locks use the two-key form: this class (ASCII 'SPKY') and one of these objects. */
export const LOCK_CLASS = 0x53504b59;
export const LOCK_OBJECTS = {
  /** One run that writes at a time per warehouse (database). */
  run: 1,
  /** Processes using an embedded server (shared); the last one out stops it (exclusive). */
  serverUsers: 2,
} as const;
export type LockObject = keyof typeof LOCK_OBJECTS;

export interface AdvisoryLockHolder {
  /** The holder's application_name: `sparkify <command> pid <pid> on <host>` for runs of ours. */
  readonly application: string;
  /** When the holder's connection (and so, its run) started. */
  readonly since: Date;
  readonly mode: 'exclusive' | 'shared';
  readonly backendPid: number;
}

/**
 * One dedicated connection holding advisory locks: a lock lives exactly as long as the connection,
 * so a run that is killed, or whose connection drops, releases it with no cleanup of ours.
 */
export class AdvisorySession {
  readonly #client: pg.Client;
  #closed = false;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(connection: PgConnection, timeouts: PgTimeouts, applicationName: string, logger: Logger): Promise<AdvisorySession> {
    // No statement timeout on the lock's own connection: it stays open, idle, for the whole run.
    return new AdvisorySession(await connectClient(connection, { ...timeouts, statementSeconds: 0 }, applicationName, logger));
  }

  async tryLock(object: LockObject, mode: 'exclusive' | 'shared'): Promise<boolean> {
    const sql = readSql(mode === 'shared' ? 'lock/try_advisory_lock_shared' : 'lock/try_advisory_lock');
    const { rows } = await this.#client.query<{ acquired: boolean }>(sql, [LOCK_CLASS, LOCK_OBJECTS[object]]);
    return rows[0]?.acquired === true;
  }

  /** Who else holds the lock (in this session's database). */
  async holders(object: LockObject): Promise<AdvisoryLockHolder[]> {
    const { rows } = await this.#client.query<{ application_name: string; backend_start: Date; mode: string; pid: number }>(
      readSql('lock/advisory_lock_holders'),
      [LOCK_CLASS, LOCK_OBJECTS[object]],
    );
    const own = (this.#client as unknown as { processID: number }).processID;
    return rows
      .filter((row) => row.pid !== own)
      .map((row) => ({
        application: row.application_name,
        since: new Date(row.backend_start),
        mode: row.mode === 'ExclusiveLock' ? 'exclusive' : 'shared',
        backendPid: row.pid,
      }));
  }

  /** Ends the connection, which releases every lock it holds. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.end().catch(() => undefined);
  }
}

/** `sparkify etl (pid 4242 on build-7, since 2026-12-01 00:41:07 UTC)`, or the raw name of a foreign holder. */
export function describeHolder(holder: AdvisoryLockHolder): string {
  const since = holder.since
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const ours = /^sparkify (\S+) pid (\d+) on (.+)$/.exec(holder.application);
  if (ours) return `sparkify ${ours[1]} (pid ${ours[2]} on ${ours[3]}, since ${since})`;
  return `a session '${holder.application || 'unnamed'}' (server pid ${holder.backendPid}, since ${since})`;
}
