import type { Config } from 'vega-lite';

/** Sparkify's colours: one accent for plays, one for listeners, a categorical range for shares. */
export const COLORS = Object.freeze({
  plays: '#1f6f8b',
  listeners: '#e07a5f',
  paid: '#2a9d8f',
  free: '#e9c46a',
  range: ['#1f6f8b', '#e07a5f', '#2a9d8f', '#e9c46a', '#6d597a', '#81b29a', '#b56576', '#3d405b'],
});

export const CHART_CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 15, anchor: 'start', offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  range: { category: [...COLORS.range] },
};

export const WIDTH = 560;
export const HEIGHT = 280;

/**
 * What every chart of the product starts with: the Vega-Lite schema, its title and size, the theme,
 * and its rows inline. Spread it first into a spec, then the mark and encoding.
 */
export function chartFrame(
  title: string,
  values: readonly object[],
  size: { width: number; height: number | { step: number } } = { width: WIDTH, height: HEIGHT },
) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: size.width,
    height: size.height,
    config: CHART_CONFIG,
    data: { values: [...values] },
  };
}
