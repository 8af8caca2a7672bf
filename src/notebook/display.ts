import type { DataFrame } from 'danfojs-node';
import type { ChartSpec, RenderOptions } from '../charts/render.ts';
import { renderSvg } from '../charts/render.ts';
import type { TableLoadProgress } from '../load/json-table-loader.ts';
import type { Logger } from '../logger.ts';
import type { StepResult } from '../pipeline/etl.ts';
import { dataFrameHtml, tableHtml, toDataFrame } from '../analytics/frame.ts';
import type { AnalyticsResult } from '../analytics/run.ts';

/** What a notebook kernel can show; tslab's `display` and `newDisplay()` fit. */
export interface NotebookDisplay {
  html(html: string): void;
  svg(svg: string): void;
  text(text: string): void;
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
  /** A Vega-Lite chart rendered to SVG inline. */
  chart(spec: ChartSpec): Promise<void>;
  /** A ready SVG document (e.g. the star-schema diagram). */
  svg(svg: string): void;
}

/**
 * Showing things in a notebook, so each cell stays one line per thing shown. The display is passed
 * in (tslab's), so nothing here depends on running inside a kernel.
 */
export function notebookShow(display: NotebookDisplay, options: RenderOptions = {}): NotebookShow {
  return {
    async result(result) {
      const frame = await toDataFrame(result);
      const limit = result.parameters.limit === undefined ? '' : ` (top ${result.parameters.limit})`;
      display.html(dataFrameHtml(frame, `${result.title}${limit}`));
    },
    frame(frame, caption) {
      display.html(dataFrameHtml(frame, caption));
    },
    rows(rows, caption, columns) {
      const names = columns ?? Object.keys(rows[0] ?? {});
      display.html(tableHtml(names, rows.map((row) => names.map((n) => (row as Record<string, unknown>)[n])), caption));
    },
    async chart(spec) {
      display.svg(await renderSvg(spec, options));
    },
    svg(svg) {
      display.svg(svg);
    },
  };
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
export function loadProgressDisplay(
  display: Pick<NotebookDisplay, 'text'>,
  intervalMs = 250,
): { update(progress: TableLoadProgress): void; finish(): void } {
  let last = 0;
  let dirty = false;
  const lines = new Map<string, string>();
  const draw = () => {
    display.text([...lines.values()].join('\n'));
    dirty = false;
  };
  return {
    update(p) {
      const percent = p.bytesTotal > 0 ? Math.floor((100 * p.bytes) / p.bytesTotal) : 100;
      const rejected = p.rejected ? `, ${p.rejected} rejected` : '';
      lines.set(
        p.table,
        `${p.table}: ${p.filesDone.toLocaleString('en-US')}/${p.filesTotal.toLocaleString('en-US')} files, ` +
          `${p.rows.toLocaleString('en-US')} rows, ${percent}% of ${(p.bytesTotal / 1024 ** 2).toFixed(1)} MiB${rejected}`,
      );
      dirty = true;
      const now = Date.now();
      if (now - last >= intervalMs || p.filesDone === p.filesTotal) {
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
