import { ConfigError, type ConfigProblem } from '../errors.ts';
import { isRemote } from './load.ts';
import type { DwhConfig } from './types.ts';

/**
 * What a config needs depends on what it is used for: `cluster create` runs before HOST and the role
 * ARN exist, while connecting to Redshift needs both. Each use checks its own needs and lists every
 * missing key at once.
 */
export type ConfigPurpose = 'connect' | 'load' | 'provision';

export function assertConfigFor(config: DwhConfig, purpose: ConfigPurpose): void {
  const problems: ConfigProblem[] = [];
  const need = (ok: unknown, section: string, key: string, problem = 'required') => {
    if (!ok) problems.push({ section, key, problem });
  };
  const { engine } = config.warehouse;
  if (purpose === 'connect' || purpose === 'load') {
    if (engine === 'postgres') need(config.cluster.host, 'CLUSTER', 'HOST', 'required for ENGINE = postgres');
    if (engine === 'redshift') {
      if (config.cluster.access === 'direct') {
        need(config.cluster.host, 'CLUSTER', 'HOST', 'required for ENGINE = redshift (run `sparkify cluster create` to fill it in)');
        need(
          !config.cluster.dbPassword.isEmpty || config.cluster.secretArn,
          'CLUSTER',
          'DB_PASSWORD',
          'required for ENGINE = redshift (or [CLUSTER] SECRET_ARN)',
        );
      }
    }
  }
  if (purpose === 'load' && engine === 'redshift') {
    need(config.iamRole.arn, 'IAM_ROLE', 'ARN', 'required for COPY on Redshift (run `sparkify cluster create` to fill it in)');
    for (const [key, value] of [
      ['LOG_DATA', config.s3.logData],
      ['SONG_DATA', config.s3.songData],
    ] as const) {
      need(isRemote(value), 'S3', key, `Redshift COPY reads from S3; '${value}' is not an s3:// URI`);
    }
    const jsonPaths = config.s3.logJsonPath;
    need(jsonPaths.startsWith('auto') || isRemote(jsonPaths), 'S3', 'LOG_JSONPATH', `must be 'auto' or an s3:// URI on Redshift`);
  }
  if (purpose === 'provision') {
    need(engine === 'redshift', 'WAREHOUSE', 'ENGINE', `cluster commands need ENGINE = redshift (it is '${engine}')`);
    need(!config.cluster.dbPassword.isEmpty, 'CLUSTER', 'DB_PASSWORD', 'required to create the cluster');
  }
  if (problems.length > 0) throw new ConfigError(config.file ?? 'configuration', problems);
}
