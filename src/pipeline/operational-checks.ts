import type { ChecksSection } from '../config/types.ts';
import { median } from '../stats.ts';

/** A check on the run rather than on the rows: `error` fails the run (nothing published), `warn` is printed and stored. */
export interface OperationalCheck {
  readonly name: string;
  readonly severity: 'warn' | 'error';
  readonly passed: boolean;
  readonly detail: string;
}

export interface OperationalCheckInput {
  /** Events per day (YYYY-MM-DD) over everything in staging after this run's load. */
  readonly eventsPerDay: Readonly<Record<string, number>>;
  /** The days this run loaded (every day, for a full refresh). */
  readonly loadedDays: readonly string[];
  /** `etl --expect-through D`: the latest loaded day must be D or later (error). */
  readonly expectThrough?: string;
  readonly checks: ChecksSection;
  /** Today (UTC), for MAX_AGE_DAYS. */
  readonly today: string;
}

const VOLUME_WINDOW = 7;

/**
 * Freshness: the latest loaded day against `--expect-through` (severity error) or `[CHECKS]
 * MAX_AGE_DAYS` before today (severity warn). Volume: each day this run loaded against the median of
 * the 7 loaded days before it; outside factor x either way it warns (needs 3 such days at least).
 */
export function operationalChecks(input: OperationalCheckInput): OperationalCheck[] {
  const days = Object.keys(input.eventsPerDay).sort();
  const latest = days[days.length - 1];
  const results: OperationalCheck[] = [];
  if (input.expectThrough !== undefined) {
    const fresh = latest !== undefined && latest >= input.expectThrough;
    results.push({
      name: `freshness: loaded through ${input.expectThrough}`,
      severity: 'error',
      passed: fresh,
      detail: `latest loaded day ${latest ?? '(none)'}`,
    });
  }
  if (input.checks.maxAgeDays !== undefined) {
    const oldest = new Date(Date.parse(`${input.today}T00:00:00Z`) - input.checks.maxAgeDays * 86_400_000).toISOString().slice(0, 10);
    const fresh = latest !== undefined && latest >= oldest;
    results.push({
      name: `freshness: latest day at most ${input.checks.maxAgeDays} day(s) old`,
      severity: 'warn',
      passed: fresh,
      detail: `latest loaded day ${latest ?? '(none)'}, expected ${oldest} or later`,
    });
  }
  const factor = input.checks.volumeFactor;
  for (const day of input.loadedDays) {
    const events = input.eventsPerDay[day];
    if (events === undefined) continue;
    const before = days
      .filter((d) => d < day)
      .slice(-VOLUME_WINDOW)
      .map((d) => input.eventsPerDay[d]!);
    if (before.length < 3) continue;
    const typical = median(before);
    const passed = events * factor >= typical && events <= typical * factor;
    if (!passed)
      results.push({
        name: `volume: ${day}`,
        severity: 'warn',
        passed,
        detail: `${events} events against a median of ${typical} over the ${before.length} loaded days before it (factor ${factor})`,
      });
  }
  return results;
}
