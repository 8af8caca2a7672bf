import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import { loadSql } from '../../sql/sql-files.ts';
import { runApplicationName } from '../pg-connect.ts';
import type { Warehouse } from '../types.ts';
import { waitForLock, type RunLock, type RunLockRequest } from './run-lock.ts';

/** How long a lease lasts without renewal: a run that was killed frees the warehouse after this. */
export const LEASE_SECONDS = 600;
const RENEW_EVERY_MS = 60_000;

/**
 * The run lock on Redshift, which has no advisory locks and, through the Data API, no session that
 * outlives a statement: a lease, one row in `sparkify_run_lock`, claimed in a transaction that locks
 * the table (LOCK), renewed every minute while the run lasts, deleted at the end, and free for
 * anyone once it has expired (a killed run). Times are the client's clock; the lease is long enough
 * (10 minutes) for clocks a few minutes apart. A shared request (check) only waits for no lease.
 */
export async function acquireLeaseLock(
  warehouse: Pick<Warehouse, 'query' | 'transaction'>,
  request: RunLockRequest,
  where: string,
  logger: Logger,
): Promise<RunLock> {
  const holder = `${runApplicationName(request.command)} since ${timestamp(new Date())} #${randomBytes(3).toString('hex')}`;
  await warehouse.query(loadSql('lock/create_run_lease_table'), [], 'create sparkify_run_lock');
  const holders = async () =>
    (await warehouse.query<{ holder: string; expires_at: Date | string }>(loadSql('lock/run_lease_holders'), [], 'read sparkify_run_lock')).rows;
  await waitForLock(
    request,
    where,
    async () => {
      if (request.mode === 'shared') {
        const live = (await holders()).filter((row) => new Date(row.expires_at).getTime() > Date.now());
        return live.length === 0 ? { acquired: true } : { acquired: false, heldBy: describeLease(live[0]!.holder) };
      }
      const now = new Date();
      await warehouse.transaction(async (session) => {
        await session.query(loadSql('lock/lock_run_lease_table'), [], 'lock sparkify_run_lock');
        await session.query(loadSql('lock/delete_expired_run_lease', { literals: { now: timestamp(now) } }), [], 'expire run leases');
        await session.query(
          loadSql('lock/claim_run_lease', { literals: { holder, now: timestamp(now), expires: timestamp(expiry(now)) } }),
          [],
          'claim run lease',
        );
      });
      const current = await holders();
      if (current.some((row) => row.holder === holder)) return { acquired: true };
      return { acquired: false, heldBy: current[0] ? describeLease(current[0].holder) : undefined };
    },
    logger,
  );
  if (request.mode === 'shared') return { mode: 'shared', release: async () => {} };

  const renew = setInterval(() => {
    warehouse
      .query(loadSql('lock/renew_run_lease', { literals: { holder, expires: timestamp(expiry(new Date())) } }), [], 'renew run lease')
      .catch((error: Error) => logger.warn(`could not renew the run lease: ${error.message}`));
  }, RENEW_EVERY_MS);
  renew.unref();
  let released = false;
  return {
    mode: 'exclusive',
    async release() {
      if (released) return;
      released = true;
      clearInterval(renew);
      await warehouse
        .query(loadSql('lock/release_run_lease', { literals: { holder } }), [], 'release run lease')
        .catch((error: Error) => logger.warn(`could not release the run lease (it expires by itself within ${LEASE_SECONDS / 60} minutes): ${error.message}`));
    },
  };
}

function expiry(now: Date): Date {
  return new Date(now.getTime() + LEASE_SECONDS * 1000);
}

/** `2026-12-01 00:41:07` (UTC), as a TIMESTAMP literal both Redshift and PostgreSQL read. */
function timestamp(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
}

/** `sparkify etl pid 4242 on build-7 since 2026-12-01 00:41:07 #a1b2c3` -> `sparkify etl (pid 4242 on build-7, since ... UTC)`. */
function describeLease(holder: string): string {
  const match = /^sparkify (\S+) pid (\d+) on (.+) since (\S+ \S+) #\w+$/.exec(holder);
  return match ? `sparkify ${match[1]} (pid ${match[2]} on ${match[3]}, since ${match[4]} UTC)` : holder;
}
