export * from './catalog.ts';
export type * from './types.ts';
export {
  runAnalytics,
  runAllAnalytics,
  findAnalytics,
  playWindow,
  AnalyticsError,
  type AnalyticsClient,
  type AnalyticsOptions,
  type AnalyticsParameters,
  type AnalyticsQueryResult,
  type AnalyticsResult,
} from './run.ts';
export { toDataFrame, dataFrameHtml, tableHtml, escapeHtml, formatValue } from './frame.ts';
export {
  notebookShow,
  notebookLogger,
  loadProgressDisplay,
  etlStepRows,
  checkRows,
  type NotebookDisplay,
  type NotebookShow,
} from './notebook-display.ts';
