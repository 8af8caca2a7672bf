import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/** Who the credentials belong to: a cheap first call that fails fast on bad credentials. */
export async function whoAmI(sts: STSClient): Promise<CallerIdentity> {
  const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));
  return { account: Account ?? 'unknown', arn: Arn ?? 'unknown' };
}
