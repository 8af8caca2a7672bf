import type { TableLoadProgress } from '../load/json-table-loader.ts';
import { formatBytes, formatCount } from './format.ts';

/**
 * Load progress on stderr: one line redrawn in place on a terminal, an occasional plain line otherwise
 * (so logs in CI stay short).
 */
export function loadProgressReporter(interactive: boolean): { update(p: TableLoadProgress): void; done(): void } {
  let lastPlain = 0;
  let drawn = false;
  return {
    update(p) {
      const percent = p.bytesTotal > 0 ? Math.floor((100 * p.bytes) / p.bytesTotal) : 100;
      const text = `  ${p.table}: ${formatCount(p.filesDone)}/${formatCount(p.filesTotal)} files, ${formatCount(p.rows)} rows, ${formatBytes(p.bytes)} of ${formatBytes(p.bytesTotal)} (${percent}%)${p.rejected ? `, ${p.rejected} rejected` : ''}`;
      if (interactive) {
        process.stderr.write(`\r\x1b[2K${text}`);
        drawn = true;
      } else if (Date.now() - lastPlain > 10_000) {
        lastPlain = Date.now();
        process.stderr.write(`${text}\n`);
      }
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
