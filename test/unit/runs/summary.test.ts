import { describe, expect, it } from 'vitest';
import { eventsPerDay, runSummaryRows, type RunRecord } from '#src/runs/index.ts';

function run(overrides: Partial<RunRecord>): RunRecord {
  return {
    id: 'r',
    started: new Date('2018-12-01T02:00:00Z'),
    finished: new Date('2018-12-01T02:00:05Z'),
    status: 'succeeded',
    mode: 'partition',
    partitions: [],
    rows: {},
    rejects: 0,
    dayEvents: {},
    checks: [],
    error: undefined,
    ...overrides,
  };
}

describe('run history summaries', () => {
  it('events per day: the newest succeeded run that loaded a day wins; failed runs are ignored', () => {
    const runs = [
      run({ started: new Date('2018-12-03T00:00:00Z'), dayEvents: { '2018-11-02': 7 } }),
      run({ started: new Date('2018-12-01T00:00:00Z'), dayEvents: { '2018-11-01': 3, '2018-11-02': 5 } }),
      run({ started: new Date('2018-12-04T00:00:00Z'), status: 'failed', dayEvents: { '2018-11-02': 999 } }),
    ];
    expect(eventsPerDay(runs)).toEqual([
      { day: '2018-11-01', events: 3 },
      { day: '2018-11-02', events: 7 },
    ]);
  });

  it('one line per run with its time taken, days and checks', () => {
    const [line] = runSummaryRows([
      run({
        partitions: ['2018-11-01', '2018-11-02', '2018-11-03'],
        rows: { songplays: 42 },
        checks: [
          { name: 'a', severity: 'error', passed: true, failingRows: 0 },
          { name: 'b', severity: 'error', passed: false, failingRows: 2 },
        ],
      }),
    ]);
    expect(line).toEqual({
      started: '2018-12-01 02:00:00',
      took: expect.stringMatching(/^5/),
      status: 'succeeded',
      mode: 'partition',
      partitions: '2018-11-01 .. 2018-11-03 (3 days)',
      songplays: 42,
      rejects: 0,
      checks: '1/2 passed',
    });
  });
});
