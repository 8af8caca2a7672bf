import { describe, expect, it } from 'vitest';
import { describeLoad, progressReporter } from '#src/cli/progress.ts';
import type { TableLoadProgress } from '#src/load/json-table-loader.ts';

function progress(table: string, filesDone: number, bytes: number): TableLoadProgress {
  return { table, filesDone, filesTotal: 10, rows: filesDone * 100, bytes, bytesTotal: 1000, rejected: 0 };
}

describe('progress outside a terminal', () => {
  it('writes a line when a table starts, one every interval, and the final state of each table', () => {
    let clock = 0;
    const lines: string[] = [];
    const reporter = progressReporter({ interactive: false, write: (t) => lines.push(t), now: () => clock, intervalMs: 3000 });
    reporter.update(progress('staging_events', 0, 0));
    clock = 1000;
    reporter.update(progress('staging_events', 4, 490)); // within the interval: not shown yet
    clock = 3500;
    reporter.update(progress('staging_events', 5, 500));
    clock = 3600;
    reporter.update(progress('staging_events', 10, 1000)); // finished, shown when the next table starts
    reporter.update(progress('staging_songs', 1, 100));
    clock = 3700;
    reporter.update(progress('staging_songs', 10, 1000));
    reporter.done();
    reporter.transformTable({ table: 'users', rows: 97, elapsedMs: 12 });
    reporter.transformTable({ table: 'songs', rows: 14896, elapsedMs: undefined });
    expect(lines).toEqual([
      '  staging_events: 0/10 files, 0 rows, 0 B of 1000 B (0%)\n',
      '  staging_events: 5/10 files, 500 rows, 500 B of 1000 B (50%)\n',
      '  staging_events: 10/10 files, 1,000 rows, 1000 B of 1000 B (100%)\n',
      '  staging_songs: 1/10 files, 100 rows, 100 B of 1000 B (10%)\n',
      '  staging_songs: 10/10 files, 1,000 rows, 1000 B of 1000 B (100%)\n',
      '  users: 97 rows in 12 ms\n',
      '  songs: 14,896 rows\n',
    ]);
    expect(lines.join('')).not.toContain('\r');
  });

  it("redraws one line on a terminal and keeps each finished table's last line", () => {
    const out: string[] = [];
    const reporter = progressReporter({ interactive: true, write: (t) => out.push(t) });
    reporter.update(progress('staging_events', 5, 500));
    reporter.update(progress('staging_events', 10, 1000));
    reporter.done();
    expect(out.join('')).toBe(
      '\r\x1b[2K  staging_events: 5/10 files, 500 rows, 500 B of 1000 B (50%)\r\x1b[2K  staging_events: 10/10 files, 1,000 rows, 1000 B of 1000 B (100%)\r\x1b[2K  staging_events: 10/10 files, 1,000 rows, 1000 B of 1000 B (100%)\n',
    );
  });
});

describe('progress while the listing is still streaming', () => {
  const streaming = (filesDone: number, filesTotal: number, bytes: number, listed: boolean): TableLoadProgress => ({
    table: 'staging_songs',
    filesDone,
    filesTotal,
    rows: filesDone * 10,
    bytes,
    bytesTotal: filesTotal * 1000,
    rejected: 0,
    listed,
  });

  it('shows what was read and how many files are listed so far, with no percentage, until the listing is complete', () => {
    expect(describeLoad(streaming(1, 2, 1000, false))).toBe('  staging_songs: 1 files, 10 rows, 1000 B read; listing (2 files so far)');
    expect(describeLoad({ ...streaming(1500, 2600, 3 * 1024 ** 2, false), rejected: 2 })).toBe(
      '  staging_songs: 1,500 files, 15,000 rows, 3.0 MiB read; listing (2,600 files so far), 2 rejected',
    );
    expect(describeLoad(streaming(2, 4, 2000, true))).toBe('  staging_songs: 2/4 files, 20 rows, 2.0 KiB of 3.9 KiB (50%)');
  });

  it('outside a terminal: a line at the start, every interval, and the final (complete) state', () => {
    let clock = 0;
    const lines: string[] = [];
    const reporter = progressReporter({ interactive: false, write: (t) => lines.push(t), now: () => clock, intervalMs: 3000 });
    reporter.update(streaming(0, 1, 0, false));
    clock = 3000;
    reporter.update(streaming(1, 2, 1000, false));
    clock = 3100;
    reporter.update(streaming(2, 2, 2000, true));
    reporter.done();
    expect(lines).toEqual([
      '  staging_songs: 0 files, 0 rows, 0 B read; listing (1 files so far)\n',
      '  staging_songs: 1 files, 10 rows, 1000 B read; listing (2 files so far)\n',
      '  staging_songs: 2/2 files, 20 rows, 2.0 KiB of 2.0 KiB (100%)\n',
    ]);
  });
});
