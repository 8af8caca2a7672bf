import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { awsClient, awsClientSettings } from '../../aws/client-settings.ts';
import { readSecretCredentials } from '../../aws/secret-credentials.ts';
import type { DwhConfig } from '../../config/types.ts';
import { pgTimeoutsOf } from '../pg-connect.ts';
import { PgWarehouse } from '../pg-warehouse.ts';
import type { OpenWarehouseOptions, Warehouse } from '../types.ts';
import { DataApiWarehouse } from './data-api-warehouse.ts';

/**
 * The redshift engine: the same pipeline SQL, the Redshift dialect (DDL with distribution and sort
 * keys, COPY from S3, DELETE-based emptying). `[CLUSTER] ACCESS` says how statements travel:
 * `direct` over the PostgreSQL wire protocol with TLS (node-postgres, the cluster's port open to the
 * caller), or `data-api` over HTTPS through the Redshift Data API (no open port; AWS credentials).
 */
export async function openRedshiftWarehouse(config: DwhConfig, options: OpenWarehouseOptions): Promise<Warehouse> {
  const { host, dbPort, dbName, dbUser, dbPassword, ssl, access, identifier, kind, secretArn } = config.cluster;
  if (access === 'data-api') {
    return new DataApiWarehouse({
      // The SDK reads AWS_ENDPOINT_URL_REDSHIFT_DATA / AWS_ENDPOINT_URL itself, for emulators.
      client: awsClient(config, new RedshiftDataClient(awsClientSettings(config))),
      target:
        kind === 'serverless'
          ? { kind, workgroupName: identifier, database: dbName, ...(secretArn ? { secretArn } : {}) }
          : { kind, clusterIdentifier: identifier, database: dbName, dbUser, ...(secretArn ? { secretArn } : {}) },
      region: config.aws.region,
      logger: options.logger,
      lockWaitSeconds: options.lockWaitSeconds ?? config.warehouse.lockTimeoutSeconds,
      signal: options.signal,
    });
  }
  // With SECRET_ARN the user and password come from Secrets Manager, as the Data API's would.
  const credentials = secretArn ? await readSecretCredentials(config, secretArn) : { username: dbUser, password: dbPassword.reveal() };
  return new PgWarehouse({
    engine: 'redshift',
    dialect: 'redshift',
    description: `Amazon Redshift${kind === 'serverless' ? ' Serverless' : ''} ${credentials.username}@${host}:${dbPort}/${dbName}${ssl ? ' (TLS)' : ' (no TLS)'}${secretArn ? ' (credentials from Secrets Manager)' : ''}`,
    connection: { host: host!, port: dbPort, database: dbName, user: credentials.username, password: credentials.password, ssl },
    logger: options.logger,
    timeouts: pgTimeoutsOf(config),
    lockWaitSeconds: options.lockWaitSeconds ?? config.warehouse.lockTimeoutSeconds,
    runLock: 'lease',
    signal: options.signal,
  });
}
