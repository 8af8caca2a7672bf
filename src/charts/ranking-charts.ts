import type { TopLevelSpec } from 'vega-lite';
import type { LocationRow, TopArtistRow, TopSongRow } from '../analytics/types.ts';
import { horizontalBars } from './horizontal-bars.ts';

/**
 * Horizontal bars in rank order, each labelled "rank. name" (the rank keeps two equal names
 * apart) and with its play count at the end of the bar: the shape of every "top N" answer.
 */
function rankedBars<Row extends { rank: number; plays: number }>(
  title: string,
  rows: readonly Row[],
  name: (row: Row) => string,
): TopLevelSpec {
  const labelled = [...rows]
    .sort((a, b) => a.rank - b.rank)
    .map((row) => ({ ...row, label: shorten(`${row.rank}. ${name(row)}`) }));
  return horizontalBars({ title, rows: labelled, category: 'label', value: 'plays', valueTitle: 'plays', step: 22, fullLabels: true });
}

/**
 * Headless Vega estimates text width generously (no canvas to measure with) and would cut labels
 * early; cutting them here keeps the cut at a readable length and the layout predictable.
 */
function shorten(label: string, max = 48): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Top songs as bars labelled "title — artist". */
export function topSongsChart(rows: readonly TopSongRow[]): TopLevelSpec {
  return rankedBars('Top songs (title — artist)', rows, (r) => (r.artist ? `${r.title} — ${r.artist}` : r.title));
}

export function topArtistsChart(rows: readonly TopArtistRow[]): TopLevelSpec {
  return rankedBars('Top artists', rows, (r) => r.artist);
}

export function topLocationsChart(rows: readonly LocationRow[]): TopLevelSpec {
  return rankedBars('Top locations', rows, (r) => r.location);
}
