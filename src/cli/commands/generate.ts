import path from 'node:path';
import type { GenerateProgress } from '../../generate/index.ts';
import { integerFlag, UsageError } from '../args.ts';
import type { CommandModule } from '../context.ts';
import { formatBytes, formatCount, formatDuration, formatTable } from '../format.ts';

export const command: CommandModule = {
  summary: 'write a sample dataset in the layout and formats of the real data',
  usage: [
    'sparkify generate --out DIR [--events N] [--songs M] [--seed S] [--songs-per-file K] [--match-rate R] [--overwrite] [--json]',
    '  --events N          events in the logs (default 8056, as the real data)',
    '  --songs M           songs in the catalog (default 14896)',
    '  --seed S            same seed and options, same bytes (default 1)',
    '  --songs-per-file K  song objects per file (default 1)',
    '  --match-rate R      share of plays whose title and artist are in the catalog (default 333/6820)',
  ].join('\n'),
  flags: { values: ['out', 'events', 'songs', 'seed', 'songs-per-file', 'match-rate'], booleans: ['overwrite'] },
  async run(context) {
    const { flags } = context.args;
    if (typeof flags.out !== 'string') throw new UsageError('--out DIR is required');
    const matchRate = flags['match-rate'] === undefined ? undefined : Number(flags['match-rate']);
    if (matchRate !== undefined && !(matchRate >= 0 && matchRate <= 1)) throw new UsageError('--match-rate must be a number from 0 to 1');
    let lastLine = 0;
    const onProgress = (p: GenerateProgress) => {
      const now = Date.now();
      if (now - lastLine < (context.interactive ? 200 : 5000) && p.done < p.total) return;
      lastLine = now;
      const line = `  ${p.phase}: ${formatCount(p.done)}/${formatCount(p.total)} (${Math.floor((100 * p.done) / Math.max(1, p.total))}%), ${formatBytes(p.bytes)}`;
      process.stderr.write(context.interactive ? `\r\x1b[2K${line}` : `${line}\n`);
    };
    const { generateDataset } = await import('../../generate/index.ts');
    const result = await generateDataset(
      {
        outDir: path.resolve(context.cwd, flags.out),
        events: integerFlag(context.args, 'events', 8056),
        songs: integerFlag(context.args, 'songs', 14896, 1),
        seed: integerFlag(context.args, 'seed', 1),
        songsPerFile: integerFlag(context.args, 'songs-per-file', 1, 1),
        matchRate,
        overwrite: flags.overwrite === true,
      },
      onProgress,
    );
    if (context.interactive) process.stderr.write('\r\x1b[2K');
    context.print(
      formatTable([
        { what: 'song files', count: result.songFiles },
        { what: 'songs', count: result.songs },
        { what: 'log files', count: result.logFiles },
        { what: 'events', count: result.events },
        { what: 'NextSong events', count: result.nextSongEvents },
        { what: 'plays matching the catalog', count: result.matchedPlays },
        { what: 'users', count: result.users },
      ]),
    );
    context.print(`\nwrote ${formatBytes(result.bytes)} to ${result.outDir} in ${formatDuration(result.elapsedMs)}`);
    context.printJson(result);
    return 0;
  },
};
