import type { TopLevelSpec } from 'vega-lite';

/**
 * The MIME type JupyterLab's built-in Vega extension (@jupyterlab/vega5-extension) renders Vega-Lite
 * with, interactive and with tooltips; VS Code's notebooks read it too. nbconvert's HTML export and the
 * classic notebook do not, and fall back to the SVG sent beside it.
 */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/**
 * A chart as the front-end gets it: the renderer behind VEGA_LITE_MIME is Vega-Lite 5, so the spec is
 * labelled v5 (the specs use nothing newer: bars, lines, arcs, text, layers, tooltips).
 */
export function vegaLiteForJupyter(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' } as TopLevelSpec;
}

/** A chart's title, for the plain-text stand-in of a chart. */
export function chartTitle(spec: { title?: unknown }): string {
  const title = spec.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && 'text' in title) return String((title as { text: unknown }).text);
  return 'chart';
}
