import { describe, expect, it } from 'vitest';
import { formatEtlSteps } from '../../../src/cli/etl-report.ts';
import type { StepResult } from '../../../src/pipeline/etl.ts';

const check = (name: string, passed: boolean) => ({ name, passed, failingRows: passed ? 0 : 1, sample: [] });

describe('formatEtlSteps', () => {
  it('says how many checks passed, and of how many when some failed', () => {
    const steps: StepResult[] = [
      { step: 'checks', status: 'succeeded', elapsedMs: 10, rows: {}, checks: [check('a', true), check('b', true)] },
      { step: 'checks', status: 'failed', elapsedMs: 10, rows: {}, checks: [check('a', true), check('b', false), check('c', true)] },
    ];
    const [passed, failed] = formatEtlSteps(steps).split('\n').slice(2);
    expect(passed).toMatch(/^checks\s+succeeded\s+2 checks passed\s/);
    expect(failed).toMatch(/^checks\s+failed\s+2 of 3 checks passed\s/);
  });

  it('says how many song files a partition run loaded, with thousands separators', () => {
    const steps: StepResult[] = [
      {
        step: 'load staging',
        status: 'succeeded',
        elapsedMs: 10,
        rows: { staging_events: 599, staging_songs: 0 },
        rejected: 0,
        songFiles: { loaded: 0, total: 5000, mode: 'append' },
      },
    ];
    expect(formatEtlSteps(steps)).toContain('staging_events 599, staging_songs 0 (song files: 0 new of 5,000)');
  });
});
