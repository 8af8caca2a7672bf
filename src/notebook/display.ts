import type { DataFrame } from 'danfojs-node';
import type { TopLevelSpec } from 'vega-lite';
import { chartTitle, VEGA_LITE_MIME, vegaLiteForJupyter } from '../charts/jupyter.ts';
import type { ChartSpec, RenderOptions } from '../charts/render.ts';
import { renderSvg } from '../charts/render.ts';
import type { TableLoadProgress } from '../load/json-table-loader.ts';
import type { Logger } from '../logger.ts';
import type { StepResult } from '../pipeline/etl.ts';
import { tableHtml, tableText, toDataFrame } from '../analytics/frame.ts';
import type { AnalyticsResult } from '../analytics/run.ts';

/** Representations of one output by MIME type; the front-end shows the richest it can render. */
export type MimeBundle = Readonly<Record<string, unknown>>;

/**
 * What a notebook kernel can show. tslab's `display` has html/svg/text (one MIME type per output);
 * `bundle`, when given (notebooks/sparkify.cjs provides one), sends several representations in one
 * output as IPython's display does, so every rich output carries a text/plain fallback and each chart
 * its Vega-Lite spec beside the SVG.
 */
export interface NotebookDisplay {
  html(html: string): void;
  svg(svg: string): void;
  text(text: string): void;
  bundle?(data: MimeBundle): void;
}

export interface NotebookShow {
  /**
   * An analytics result as a danfojs DataFrame, shown as a table. It returns nothing so that a
   * cell ending with it does not also print the frame (`toDataFrame` gives the frame to work on).
   */
  result(result: AnalyticsResult): Promise<void>;
  /** A danfojs DataFrame as a table (e.g. one derived from a result). */
  frame(frame: DataFrame, caption?: string): void;
  /** Any plain rows as a table, columns from the first row unless given. */
  rows(rows: readonly object[], caption?: string, columns?: readonly string[]): void;
  /** A Vega-Lite chart: interactive (with tooltips) where the front-end renders Vega-Lite, else the SVG. */
  chart(spec: ChartSpec): Promise<void>;
  /** A ready SVG document (e.g. the star-schema diagram), with a description for text-only front-ends. */
  svg(svg: string, description?: string): void;
}

/**
 * Showing things in a notebook, so each cell stays one line per thing shown. The display is passed
 * in (tslab's), so nothing here depends on running inside a kernel.
 */
export function notebookShow(display: NotebookDisplay, options: RenderOptions = {}): NotebookShow {
  const send = (bundle: MimeBundle, fallback: () => void) => (display.bundle ? display.bundle(bundle) : fallback());
  const table = (columns: readonly string[], rows: readonly (readonly unknown[])[], caption?: string) => {
    const html = tableHtml(columns, rows, caption);
    send({ 'text/html': html, 'text/plain': tableText(columns, rows, caption) }, () => display.html(html));
  };
  return {
    async result(result) {
      const frame = await toDataFrame(result);
      const limit = result.parameters.limit === undefined ? '' : ` (top ${result.parameters.limit})`;
      table(frame.columns, frame.values as unknown[][], `${result.title}${limit}`);
    },
    frame(frame, caption) {
      table(frame.columns, frame.values as unknown[][], caption);
    },
    rows(rows, caption, columns) {
      const names = columns ?? Object.keys(rows[0] ?? {});
      table(
        names,
        rows.map((row) => names.map((n) => (row as Record<string, unknown>)[n])),
        caption,
      );
    },
    async chart(spec) {
      const svg = await renderSvg(spec, options);
      const isVegaLite = typeof spec.$schema !== 'string' || spec.$schema.includes('vega-lite');
      const bundle: Record<string, unknown> = { 'image/svg+xml': svg, 'text/plain': chartText(spec) };
      if (isVegaLite) bundle[VEGA_LITE_MIME] = vegaLiteForJupyter(spec as TopLevelSpec);
      send(bundle, () => display.svg(svg));
    },
    svg(svg, description) {
      send({ 'image/svg+xml': svg, 'text/plain': description ?? 'an SVG picture (open the notebook in Jupyter to see it)' }, () => display.svg(svg));
    },
  };
}

/** A chart in words: its title and how many data points, for front-ends that show only text. */
function chartText(spec: ChartSpec): string {
  const values = (spec as { data?: { values?: unknown[] } }).data?.values;
  const points = Array.isArray(values) ? `, ${values.length} data point${values.length === 1 ? '' : 's'}` : '';
  return `[chart] ${chartTitle(spec as { title?: unknown })}${points}; the table above has the numbers`;
}

/** Logger for notebook cells: info to the cell's output, debug dropped unless asked for. */
export function notebookLogger(write: (line: string) => void, options: { verbose?: boolean } = {}): Logger {
  return {
    debug: (m) => (options.verbose ? write(`debug: ${m}`) : undefined),
    info: (m) => write(m),
    warn: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
  };
}

/**
 * Load progress, one line per staging table, redrawn in one display area (tslab's `newDisplay()`)
 * at most every `intervalMs`: the song data is thousands of small files, and a kernel message per
 * file is noise.
 */
export function loadProgressDisplay(display: Pick<NotebookDisplay, 'text'>, intervalMs = 250): { update(progress: TableLoadProgress): void; finish(): void } {
  let last = 0;
  let dirty = false;
  const lines = new Map<string, string>();
  const draw = () => {
    display.text([...lines.values()].join('\n'));
    dirty = false;
  };
  return {
    update(p) {
      const rejected = p.rejected ? `, ${p.rejected} rejected` : '';
      const count = (n: number) => n.toLocaleString('en-US');
      const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
      // While the listing runs, the totals are only what was listed so far: no percentage yet.
      const percent = p.bytesTotal > 0 ? Math.floor((100 * p.bytes) / p.bytesTotal) : 100;
      lines.set(
        p.table,
        p.listed === false
          ? `${p.table}: ${count(p.filesDone)} files, ${count(p.rows)} rows, ${mib(p.bytes)} read; listing (${count(p.filesTotal)} files so far)${rejected}`
          : `${p.table}: ${count(p.filesDone)}/${count(p.filesTotal)} files, ${count(p.rows)} rows, ${percent}% of ${mib(p.bytesTotal)}${rejected}`,
      );
      dirty = true;
      const now = Date.now();
      if (now - last >= intervalMs || (p.listed !== false && p.filesDone === p.filesTotal)) {
        last = now;
        draw();
      }
    },
    finish() {
      if (dirty) draw();
    },
  };
}

/** The ETL runner's per-step results as table rows: status, time, rows written, checks run. */
export function etlStepRows(steps: readonly StepResult[]): Record<string, unknown>[] {
  return steps.map((step) => ({
    step: step.step,
    status: step.status,
    seconds: Math.round(step.elapsedMs / 10) / 100,
    rows: Object.entries(step.rows)
      .map(([table, count]) => `${table} ${count.toLocaleString('en-US')}`)
      .join(', '),
    rejected: step.rejected ?? null,
    checks: step.checks ? `${step.checks.filter((c) => c.passed).length}/${step.checks.length} passed` : null,
    error: step.error?.message ?? null,
  }));
}

/** The data-quality checks of an ETL run, one row each (empty when the checks step did not run). */
export function checkRows(steps: readonly StepResult[]): Record<string, unknown>[] {
  const checks = steps.find((step) => step.checks)?.checks ?? [];
  return checks.map((check) => ({ check: check.name, passed: check.passed, failing_rows: check.failingRows }));
}
