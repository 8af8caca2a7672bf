import type { TableLoadProgress } from '../load/json-table-loader.ts';
import type { TransformTableResult } from '../pipeline/transform.ts';
import { formatBytes, formatCount, formatDuration } from './format.ts';

export interface ProgressOptions {
  /** stderr is a terminal: one line redrawn in place. Otherwise plain lines, one every `intervalMs`. */
  readonly interactive: boolean;
  readonly write?: (text: string) => void;
  readonly now?: () => number;
  readonly intervalMs?: number;
}

export interface ProgressReporter {
  /** Staging load progress (called often; throttled here). */
  update(progress: TableLoadProgress): void;
  /** A star table filled by the transform. */
  transformTable(table: TransformTableResult): void;
  /** A step ended: the last state of the table being loaded is shown, the redrawn line cleared. */
  done(): void;
}

/** Plain lines (logs, CI, pipes) come this often while a table loads, plus the table's final state. */
const PLAIN_INTERVAL_MS = 3_000;

/**
 * Progress on stderr. On a terminal: one line redrawn in place. Otherwise: a line when a table starts,
 * one every few seconds while it loads, and its final line when it is done (a log never stops at a
 * half-way percentage); the transform gets one line per table as it is filled.
 */
export function progressReporter(options: ProgressOptions): ProgressReporter {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? PLAIN_INTERVAL_MS;
  let lastPlain = -Infinity;
  let drawn = false;
  let latest: TableLoadProgress | undefined;
  let latestShown = true;

  const showPlain = (p: TableLoadProgress) => {
    write(`${describeLoad(p)}\n`);
    lastPlain = now();
    latestShown = true;
  };
  const finishTable = () => {
    if (latest && !latestShown) showPlain(latest);
  };

  return {
    update(p) {
      if (options.interactive) {
        // A finished table keeps its last line; the next table redraws below it.
        if (latest && latest.table !== p.table) write(`\r\x1b[2K${describeLoad(latest)}\n`);
        write(`\r\x1b[2K${describeLoad(p)}`);
        latest = p;
        drawn = true;
        return;
      }
      if (latest && latest.table !== p.table) finishTable();
      const starting = !latest || latest.table !== p.table;
      latest = p;
      latestShown = false;
      if (starting || now() - lastPlain >= interval) showPlain(p);
    },
    transformTable(t) {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
      const time = t.elapsedMs === undefined ? '' : ` in ${formatDuration(t.elapsedMs)}`;
      write(`  ${t.table}: ${formatCount(t.rows)} rows${time}\n`);
    },
    done() {
      if (drawn && latest) write(`\r\x1b[2K${describeLoad(latest)}\n`);
      else finishTable();
      drawn = false;
      latest = undefined;
    },
  };
}

/**
 * One table's progress. While the listing is still running (streamed), the totals are only what was
 * listed so far: the line says so and shows no percentage, which would fall as the total grows.
 */
export function describeLoad(p: TableLoadProgress): string {
  const rejected = p.rejected ? `, ${p.rejected} rejected` : '';
  if (p.listed === false) {
    return `  ${p.table}: ${formatCount(p.filesDone)} files, ${formatCount(p.rows)} rows, ${formatBytes(p.bytes)} read; listing (${formatCount(p.filesTotal)} files so far)${rejected}`;
  }
  const percent = p.bytesTotal > 0 ? Math.floor((100 * p.bytes) / p.bytesTotal) : 100;
  return `  ${p.table}: ${formatCount(p.filesDone)}/${formatCount(p.filesTotal)} files, ${formatCount(p.rows)} rows, ${formatBytes(p.bytes)} of ${formatBytes(p.bytesTotal)} (${percent}%)${rejected}`;
}
