import { countRows } from '../warehouse/count-rows.ts';
import { runAllAnalytics, type AnalyticsOptions, type AnalyticsResult } from '../analytics/run.ts';
import { chartForResult } from '../charts/chart-for-result.ts';
import { renderSvg } from '../charts/render.ts';
import { renderSchemaDiagram } from '../charts/schema-diagram.ts';
import type { DwhConfig } from '../config/types.ts';
import type { Logger } from '../logger.ts';
import { runChecks, type CheckResult } from '../pipeline/checks.ts';
import { listRuns, runSummaryRows } from '../runs/index.ts';
import { ALL_TABLES, STAR_TABLES } from '../schema/tables.ts';
import { readSql } from '../sql/sql-files.ts';
import type { Warehouse } from '../warehouse/types.ts';

/** The table a later version records pipeline runs in; older warehouses do not have it. */
export const RUNS_TABLE = 'sparkify_runs';
/** How many runs the report lists, latest first. */
const RUNS_SHOWN = 20;

export interface ReportOptions extends Pick<AnalyticsOptions, 'from' | 'to' | 'limit'> {
  readonly logger: Logger;
  /** When the report is built (the clock, unless a test fixes it). */
  readonly now?: Date;
}

export interface ReportSection {
  readonly result: AnalyticsResult;
  /** The chart as SVG, for the questions that have one. */
  readonly chartSvg: string | undefined;
}

export interface ReportData {
  readonly builtAt: Date;
  readonly warehouse: string;
  /** Where the data came from, as the config names it (no secrets). */
  readonly sources: readonly { readonly name: string; readonly value: string }[];
  readonly window: { readonly from?: string; readonly to?: string };
  readonly span: { plays: number; users: number; first_play: string | null; last_play: string | null };
  readonly tableCounts: readonly { table: string; rows: number }[];
  readonly schemaSvg: string;
  readonly sections: readonly ReportSection[];
  /** undefined when the warehouse has no run history table. */
  readonly runs: readonly Record<string, unknown>[] | undefined;
  readonly checks: readonly CheckResult[];
}

/**
 * Everything a report shows, read from the warehouse: every analytics question (in the window, if
 * one is given) with its chart, the star schema drawn from the table definitions, row counts, the run
 * history where the warehouse records one, and the data-quality checks run now.
 */
export async function collectReport(warehouse: Warehouse, config: DwhConfig, options: ReportOptions): Promise<ReportData> {
  const builtAt = options.now ?? new Date();
  const results = await runAllAnalytics(warehouse, { from: options.from, to: options.to, limit: options.limit });
  const sections: ReportSection[] = [];
  for (const result of results) {
    const chart = chartForResult(result);
    sections.push({ result, chartSvg: chart ? await renderSvg(chart, { logger: options.logger }) : undefined });
  }
  const tableCounts = await countRows(warehouse, ALL_TABLES);
  const span = (await warehouse.query<ReportData['span']>(readSql('report/play_span'), [], 'report/play_span')).rows[0]!;
  return {
    builtAt,
    warehouse: warehouse.description,
    sources: describeSources(config),
    window: { from: options.from, to: options.to },
    span,
    tableCounts,
    schemaSvg: renderSchemaDiagram(STAR_TABLES, { title: 'Sparkify star schema' }),
    sections,
    runs: await runHistory(warehouse),
    checks: await runChecks(warehouse),
  };
}

function describeSources(config: DwhConfig): ReportData['sources'] {
  const { s3 } = config;
  const sample = s3.usesSample ? ' (the generated sample)' : '';
  return [
    { name: 'log data', value: `${s3.logData}${sample}` },
    { name: 'JSONPaths', value: s3.logJsonPath },
    { name: 'song data', value: `${s3.songData}${sample}` },
  ];
}

/** The latest runs, newest first, as `sparkify runs` lists them; undefined when the warehouse has no run table (nothing is created). */
async function runHistory(warehouse: Warehouse): Promise<Record<string, unknown>[] | undefined> {
  const { rows } = await warehouse.query<{ found: number }>(readSql('report/table_exists'), [RUNS_TABLE], 'report/table_exists');
  if (Number(rows[0]?.found ?? 0) === 0) return undefined;
  return runSummaryRows(await listRuns(warehouse, { limit: RUNS_SHOWN }));
}
