import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { STSClient } from '@aws-sdk/client-sts';
import type { DwhConfig } from '../config/index.ts';

export interface AwsClients {
  readonly iam: IAMClient;
  readonly ec2: EC2Client;
  readonly redshift: RedshiftClient;
  readonly sts: STSClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/**
 * One client per service, configured from dwh.cfg only: the region, and the key pair when [AWS] KEY
 * and SECRET are set (else the SDK's default credential chain). Nothing else is set on purpose: the
 * SDK itself reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, AWS_PROFILE, retry settings and so
 * on from the environment and shared config files, and an explicit value here would override them.
 */
export function createAwsClients(config: DwhConfig): AwsClients {
  const { region, key, secret } = config.aws;
  const settings = {
    region,
    ...(key && secret ? { credentials: { accessKeyId: key.reveal(), secretAccessKey: secret.reveal() } } : {}),
  };
  const iam = new IAMClient(settings);
  const ec2 = new EC2Client(settings);
  const redshift = new RedshiftClient(settings);
  const sts = new STSClient(settings);
  return {
    iam,
    ec2,
    redshift,
    sts,
    destroy() {
      for (const client of [iam, ec2, redshift, sts]) client.destroy();
    },
  };
}
