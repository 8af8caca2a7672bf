import type { DwhConfig } from '../config/types.ts';
import type { Logger } from '../logger.ts';
import { resolveStartSources } from '../pipeline/sources.ts';

/** Which data a run loads, as every run states it (stdout and --json). */
export interface DataReport {
  /** True when [S3] names no source and the generated sample is loaded. */
  readonly sample: boolean;
  readonly description: string;
  readonly logData: string;
  readonly logJsonPath: string;
  readonly songData: string;
}

/**
 * The configured sources, or (only when [S3] names none at all) the generated sample, generated on
 * first use; with the report of which it is.
 */
export async function resolveData(config: DwhConfig, logger: Logger): Promise<{ config: DwhConfig; data: DataReport }> {
  // Redshift's COPY cannot read a local sample; its config check says so, without generating one first.
  const resolved = config.warehouse.engine === 'redshift' ? { config, description: 'no [S3] sources configured' } : await resolveStartSources(config, logger);
  const { logData, logJsonPath, songData, usesSample } = resolved.config.s3;
  const description = usesSample ? resolved.description : `events ${logData} (JSONPaths ${logJsonPath}), songs ${songData}`;
  return { config: resolved.config, data: { sample: usesSample, description, logData, logJsonPath, songData } };
}
