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
export { toDataFrame, dataFrameHtml, tableHtml, tableText, escapeHtml, formatValue } from './frame.ts';
export { runReadOnlySql, singleStatement, AdHocSqlError, READING_KEYWORDS, type AdHocResult, type ReadOnlyOptions } from './read-only-sql.ts';
