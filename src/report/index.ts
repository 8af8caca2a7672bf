// The shareable report: one self-contained HTML file of every analytics question, the star schema,
// the run history and the data-quality checks. It sits above analytics/ and charts/, as notebook/ does.
export { collectReport, RUNS_TABLE, type ReportData, type ReportOptions, type ReportSection } from './collect.ts';
export { renderReportHtml, scopeSvgIds } from './html.ts';
export { writeReport, ReportError } from './write.ts';
