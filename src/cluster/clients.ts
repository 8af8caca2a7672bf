import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { STSClient } from '@aws-sdk/client-sts';
import { awsClientSettings } from '../aws/client-settings.ts';
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
  const iam = new IAMClient(settings);
  const ec2 = new EC2Client(settings);
  const redshift = new RedshiftClient(settings);
  const serverless = new RedshiftServerlessClient(settings);
  const sts = new STSClient(settings);
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
