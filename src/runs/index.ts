export { eventsPerDay, listRuns, recordRun, type RunEnd } from './history.ts';
export type { RecordedCheck, RunMode, RunRecord } from './types.ts';
export { runSummaryRows } from './summary.ts';
