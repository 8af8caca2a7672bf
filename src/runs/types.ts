/** How a run loaded its data: everything again, or the given days. */
export type RunMode = 'full' | 'partition';

/** A check's outcome as the history keeps it. */
export interface RecordedCheck {
  readonly name: string;
  readonly severity: 'error' | 'warn';
  readonly passed: boolean;
  readonly failingRows: number;
}

/** One run of `etl`, as `sparkify runs` shows it and `listRuns` returns it. */
export interface RunRecord {
  readonly id: string;
  readonly started: Date;
  readonly finished: Date | undefined;
  /** `running` only while a run is in progress; a run cut off before recording its end becomes `failed` at the next run. */
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly mode: RunMode;
  /** The days loaded (YYYY-MM-DD), empty for a full refresh. */
  readonly partitions: readonly string[];
  /** Rows per table: staging as loaded, star tables as published (or as built, when the run failed before publishing). */
  readonly rows: Readonly<Record<string, number>>;
  readonly rejects: number;
  /** Events per day (YYYY-MM-DD) of the days the run loaded (every day, for a full refresh). */
  readonly dayEvents: Readonly<Record<string, number>>;
  readonly checks: readonly RecordedCheck[];
  readonly error: string | undefined;
}
