import { describe, expect, it } from 'vitest';
import { operationalChecks } from '#src/pipeline/operational-checks.ts';

const week = { '2018-11-01': 100, '2018-11-02': 110, '2018-11-03': 90, '2018-11-04': 100, '2018-11-05': 105 };

describe('freshness and volume checks', () => {
  it('volume: a loaded day far from the median of the days before it warns; a normal day passes silently', () => {
    const checks = operationalChecks({
      eventsPerDay: { ...week, '2018-11-06': 1000, '2018-11-07': 95 },
      loadedDays: ['2018-11-06', '2018-11-07'],
      checks: { maxAgeDays: undefined, volumeFactor: 3 },
      today: '2018-11-08',
    });
    expect(checks).toEqual([
      {
        name: 'volume: 2018-11-06',
        severity: 'warn',
        passed: false,
        detail: '1000 events against a median of 100 over the 5 loaded days before it (factor 3)',
      },
    ]);
    const low = operationalChecks({
      eventsPerDay: { ...week, '2018-11-06': 20 },
      loadedDays: ['2018-11-06'],
      checks: { maxAgeDays: undefined, volumeFactor: 3 },
      today: '2018-11-08',
    });
    expect(low[0]?.passed).toBe(false);
  });

  it('volume: fewer than three earlier days is not enough to judge', () => {
    expect(
      operationalChecks({
        eventsPerDay: { '2018-11-01': 1, '2018-11-02': 1000 },
        loadedDays: ['2018-11-02'],
        checks: { maxAgeDays: undefined, volumeFactor: 3 },
        today: '2018-11-08',
      }),
    ).toEqual([]);
  });

  it('freshness: --expect-through is an error when the latest day is earlier; MAX_AGE_DAYS warns', () => {
    const checks = operationalChecks({
      eventsPerDay: week,
      loadedDays: [],
      expectThrough: '2018-11-06',
      checks: { maxAgeDays: 2, volumeFactor: 3 },
      today: '2018-11-09',
    });
    expect(checks).toEqual([
      { name: 'freshness: loaded through 2018-11-06', severity: 'error', passed: false, detail: 'latest loaded day 2018-11-05' },
      {
        name: 'freshness: latest day at most 2 day(s) old',
        severity: 'warn',
        passed: false,
        detail: 'latest loaded day 2018-11-05, expected 2018-11-07 or later',
      },
    ]);
    const fresh = operationalChecks({
      eventsPerDay: week,
      loadedDays: [],
      expectThrough: '2018-11-05',
      checks: { maxAgeDays: 4, volumeFactor: 3 },
      today: '2018-11-09',
    });
    expect(fresh.every((c) => c.passed)).toBe(true);
  });
});
