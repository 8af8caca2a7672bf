import type { TopLevelSpec } from 'vega-lite';
import { chartFrame, COLORS, WIDTH } from './theme.ts';

export interface HorizontalBarsOptions<Row> {
  readonly title: string;
  /** In the order the bars are drawn, top first. */
  readonly rows: readonly Row[];
  /** The field that names each bar (the y axis). */
  readonly category: keyof Row & string;
  /** The field that sizes each bar and is printed at its end. */
  readonly value: keyof Row & string;
  readonly valueTitle: string;
  /** Height of one bar's band, in pixels. */
  readonly step: number;
  /** d3 number format of the printed value, e.g. '.1f'. */
  readonly valueFormat?: string;
  /** Never cut the category labels short on the axis (they are shortened by the caller). */
  readonly fullLabels?: boolean;
  /** What hovering a bar shows (Vega-Lite tooltip fields); the bar's own fields when absent. */
  readonly tooltip?: readonly BarTooltipField<Row>[];
}

export interface BarTooltipField<Row> {
  readonly field: keyof Row & string;
  readonly title: string;
  readonly type: 'nominal' | 'ordinal' | 'quantitative';
  /** d3 number format, e.g. ',' for thousands separators. */
  readonly format?: string;
}

/** Horizontal bars with the value printed at the end of each: the ranked ("top N") and share charts. */
export function horizontalBars<Row>(options: HorizontalBarsOptions<Row>): TopLevelSpec {
  const { title, rows, category, value } = options;
  return {
    ...chartFrame(title, rows as readonly object[], { width: WIDTH - 200, height: { step: options.step } }),
    encoding: {
      y: {
        field: category,
        type: 'nominal',
        title: null,
        sort: rows.map((row) => String(row[category])),
        ...(options.fullLabels ? { axis: { labelLimit: 0 } } : {}),
      },
      x: { field: value, type: 'quantitative', title: options.valueTitle },
    },
    layer: [
      options.tooltip
        ? { mark: { type: 'bar', color: COLORS.plays }, encoding: { tooltip: options.tooltip.map((t) => ({ ...t })) } }
        : { mark: { type: 'bar', color: COLORS.plays, tooltip: true } },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: { text: { field: value, type: 'quantitative', ...(options.valueFormat ? { format: options.valueFormat } : {}) } },
      },
    ],
  };
}
