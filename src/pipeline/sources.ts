import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DwhConfig } from '../config/types.ts';
import type { Logger } from '../logger.ts';

export interface DataSources {
  readonly logData: string;
  readonly logJsonPath: string;
  readonly songData: string;
}

/** A copy of the config reading from other sources (the config itself stays frozen). */
export function withSources(config: DwhConfig, sources: DataSources): DwhConfig {
  return Object.freeze({ ...config, s3: Object.freeze({ ...config.s3, ...sources, usesSample: false }) });
}

export function sourcesUnder(root: string): DataSources {
  return { logData: path.join(root, 'log_data'), logJsonPath: path.join(root, 'log_json_path.json'), songData: path.join(root, 'song_data') };
}

/** The public Sparkify data, where the repository sits beside `shared/` (tests and benchmarks use it). */
export function sharedDataRoot(): string | undefined {
  const root = fileURLToPath(new URL('../../../shared/data/sparkify/', import.meta.url));
  return existsSync(path.join(root, 'log_json_path.json')) ? root : undefined;
}

export interface ResolvedSources {
  readonly config: DwhConfig;
  /** What data this is, for the user. */
  readonly description: string;
}

/** Settings of the sample `npm start` generates when the config names no sources. */
export const START_SAMPLE = Object.freeze({ events: 20_000, songs: 5_000, seed: 42 });

/**
 * The sources `npm start` uses: the configured ones if any; otherwise the generated sample in
 * .sparkify/sample, generated on first use.
 */
export async function resolveStartSources(config: DwhConfig, logger: Logger): Promise<ResolvedSources> {
  if (!config.s3.usesSample) {
    return { config, description: `configured sources (${config.s3.logData}, ${config.s3.songData})` };
  }
  const sampleRoot = path.dirname(config.s3.logData);
  if (!existsSync(path.join(sampleRoot, 'log_json_path.json'))) {
    const { generateDataset } = await import('../generate/index.ts');
    logger.info(
      `generating the sample dataset (${START_SAMPLE.events.toLocaleString('en-US')} events, ${START_SAMPLE.songs.toLocaleString('en-US')} songs, seed ${START_SAMPLE.seed}) into ${sampleRoot}`,
    );
    // No log_json_path.json means no complete sample (the generator writes it last): an earlier
    // run stopped half way, so start the folder over.
    await generateDataset({ outDir: sampleRoot, ...START_SAMPLE, overwrite: true });
  }
  return {
    config,
    description: `generated sample in ${sampleRoot} (sparkify generate --events ${START_SAMPLE.events} --songs ${START_SAMPLE.songs} --seed ${START_SAMPLE.seed})`,
  };
}
