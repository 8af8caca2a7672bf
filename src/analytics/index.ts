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
export { toDataFrame, dataFrameHtml, tableHtml, escapeHtml, formatValue } from './frame.ts';
