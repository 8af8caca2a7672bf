import { describe, expect, it } from 'vitest';
import { describeEtlFailure } from '#src/cli/etl-report.ts';
import { ConnectionLostError, DiskFullError, InterruptedError, WarehouseError } from '#src/errors.ts';
import type { EtlResult, StepName, StepResult } from '#src/pipeline/etl.ts';

const step = (name: StepName, status: StepResult['status'], error?: Error): StepResult => ({ step: name, status, elapsedMs: 1, rows: {}, error });
const result = (failedAt: StepName, error: Error): EtlResult => {
  const order: StepName[] = ['load staging', 'transform', 'checks'];
  const at = order.indexOf(failedAt);
  return { error, steps: order.map((name, i) => step(name, i < at ? 'succeeded' : i === at ? 'failed' : 'skipped', i === at ? error : undefined)) };
};

describe('the failure line of etl and start', () => {
  it('says what was and was not committed after a fault', () => {
    expect(describeEtlFailure(result('load staging', new InterruptedError('SIGINT')))).toBe(
      'interrupted by SIGINT: load staging rolled back (nothing of it committed); nothing of this run was committed; the star tables are as before this run',
    );
    expect(describeEtlFailure(result('transform', new ConnectionLostError('lost the connection to X')))).toBe(
      'lost the connection to X: transform rolled back (nothing of it committed); committed: load staging (staging tables replaced); the star tables are as before this run',
    );
    expect(describeEtlFailure(result('checks', new DiskFullError("the warehouse's disk is full")))).toBe(
      "the warehouse's disk is full: checks rolled back (nothing of it committed); committed: load staging (staging tables replaced), transform; the star tables hold this run's data",
    );
    expect(describeEtlFailure(result('transform', new InterruptedError('SIGTERM')), { afterCreateTables: true })).toBe(
      'interrupted by SIGTERM: transform rolled back (nothing of it committed); committed: create-tables (every table recreated empty), load staging (staging tables replaced); the star tables are empty',
    );
  });

  it('leaves other failures as they are', () => {
    expect(describeEtlFailure(result('transform', new WarehouseError('transform/users failed: boom')))).toBe('transform/users failed: boom');
  });
});
