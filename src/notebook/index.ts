// The notebook front-end: how analytics results, charts, ETL steps and load progress are shown in a
// tslab cell. It sits above analytics/ and charts/ and imports both; neither imports it.
export {
  notebookShow,
  notebookLogger,
  loadProgressDisplay,
  etlStepRows,
  checkRows,
  type NotebookDisplay,
  type MimeBundle,
  type NotebookShow,
} from './display.ts';
export { notebookSql, bindTemplate, type SqlTag } from './sql-tag.ts';
