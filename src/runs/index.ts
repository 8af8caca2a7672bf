export { ensureRunsTable, finishRun, listRuns, recordRun, startRun, type RunEnd } from './history.ts';
export type { RecordedCheck, RunMode, RunRecord } from './types.ts';
