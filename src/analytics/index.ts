export * from './catalog.ts';
export type * from './types.ts';
export {
  runAnalytics,
  runAllAnalytics,
  findAnalytics,
  AnalyticsError,
  type AnalyticsClient,
  type AnalyticsOptions,
  type AnalyticsQueryResult,
  type AnalyticsResult,
} from './run.ts';
export { formatTextTable, formatCell } from './format-table.ts';
export { toDataFrame, dataFrameHtml, tableHtml, escapeHtml } from './frame.ts';
