import type { TopLevelSpec } from 'vega-lite';
import type { LocationRow, TopArtistRow, TopSongRow } from '../analytics/types.ts';
import { horizontalBars } from './horizontal-bars.ts';
import { shortenLabel } from './labels.ts';

/** Characters a bar label may take before it is shortened (the full text is in the tooltip). */
const LABEL_CHARS = 48;

interface RankedName {
  /** What the bar is, in full (tooltip). */
  readonly full: string;
  /** The same, short enough for the axis. */
  readonly short: string;
}

/**
 * Horizontal bars in rank order, each labelled "rank. name" (the rank keeps two equal names
 * apart) and with its play count at the end of the bar: the shape of every "top N" answer. Hovering
 * a bar shows the full name and the counts.
 */
function rankedBars<Row extends { rank: number; plays: number }>(
  title: string,
  rows: readonly Row[],
  name: (row: Row, room: number) => RankedName,
  counts: readonly { field: keyof Row & string; title: string }[],
  nameTitle: string,
): TopLevelSpec {
  const labelled = [...rows]
    .sort((a, b) => a.rank - b.rank)
    .map((row) => {
      const prefix = `${row.rank}. `;
      const named = name(row, LABEL_CHARS - prefix.length);
      return { ...row, label: `${prefix}${named.short}`, full_name: named.full };
    });
  type Labelled = (typeof labelled)[number];
  return horizontalBars<Labelled>({
    title,
    rows: labelled,
    category: 'label',
    value: 'plays',
    valueTitle: 'plays',
    valueFormat: ',',
    step: 22,
    fullLabels: true,
    tooltip: [
      { field: 'rank', type: 'ordinal', title: 'rank' },
      { field: 'full_name', type: 'nominal', title: nameTitle },
      ...counts.map((c) => ({ field: c.field as keyof Labelled & string, type: 'quantitative' as const, title: c.title, format: ',' })),
    ],
  });
}

/** Top songs as bars labelled "title — artist": a long title is shortened before the artist is. */
export function topSongsChart(rows: readonly TopSongRow[]): TopLevelSpec {
  return rankedBars(
    'Top songs (title — artist)',
    rows,
    (r, room) => {
      if (!r.artist) return { full: r.title, short: shortenLabel(r.title, room) };
      const separator = ' — ';
      const artist = shortenLabel(r.artist, Math.max(16, room - separator.length - 16));
      const title = shortenLabel(r.title, Math.max(room - separator.length - artist.length, 16));
      return { full: `${r.title}${separator}${r.artist}`, short: `${title}${separator}${artist}` };
    },
    [
      { field: 'plays', title: 'plays' },
      { field: 'listeners', title: 'listeners' },
    ],
    'song — artist',
  );
}

export function topArtistsChart(rows: readonly TopArtistRow[]): TopLevelSpec {
  return rankedBars(
    'Top artists',
    rows,
    (r, room) => ({ full: r.artist, short: shortenLabel(r.artist, room) }),
    [
      { field: 'plays', title: 'plays' },
      { field: 'songs', title: 'songs played' },
      { field: 'listeners', title: 'listeners' },
    ],
    'artist',
  );
}

export function topLocationsChart(rows: readonly LocationRow[]): TopLevelSpec {
  return rankedBars(
    'Top locations',
    rows,
    (r, room) => ({ full: r.location, short: shortenLabel(r.location, room) }),
    [
      { field: 'plays', title: 'plays' },
      { field: 'listeners', title: 'listeners' },
    ],
    'location',
  );
}
