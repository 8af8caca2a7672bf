import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { STSClient } from '@aws-sdk/client-sts';
import { awsClient, awsClientSettings } from '../aws/client-settings.ts';
import type { DwhConfig } from '../config/index.ts';

export interface AwsClients {
  readonly iam: IAMClient;
  readonly ec2: EC2Client;
  readonly redshift: RedshiftClient;
  readonly serverless: RedshiftServerlessClient;
  readonly sts: STSClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/** One client per service, with the settings every AWS client of the product shares (aws/client-settings.ts). */
export function createAwsClients(config: DwhConfig): AwsClients {
  const settings = awsClientSettings(config);
  const iam = awsClient(config, new IAMClient(settings));
  const ec2 = awsClient(config, new EC2Client(settings));
  const redshift = awsClient(config, new RedshiftClient(settings));
  const serverless = awsClient(config, new RedshiftServerlessClient(settings));
  const sts = awsClient(config, new STSClient(settings));
  return {
    iam,
    ec2,
    redshift,
    serverless,
    sts,
    destroy() {
      for (const client of [iam, ec2, redshift, serverless, sts]) client.destroy();
    },
  };
}
