import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DwhConfig } from '../config/types.ts';
import { SparkifyError } from '../errors.ts';
import { awsClientSettings } from './client-settings.ts';

export interface DatabaseCredentials {
  readonly username: string;
  readonly password: string;
}

/** The secret could not be read, or does not hold the `username` and `password` Redshift secrets hold. */
export class SecretCredentialsError extends SparkifyError {
  constructor(secretArn: string, problem: string, options?: { cause?: unknown }) {
    super('SECRET_CREDENTIALS', `[CLUSTER] SECRET_ARN ${secretArn}: ${problem}`, options);
  }
}

/**
 * The database user and password from a Secrets Manager secret, in the JSON form Redshift's own
 * secrets use (`{"username": ..., "password": ...}`), so the direct engine and the Data API
 * (SecretArn) log in as the same user. The password never leaves this object into a message.
 */
export async function readSecretCredentials(
  config: DwhConfig,
  secretArn: string,
  client = new SecretsManagerClient(awsClientSettings(config)),
): Promise<DatabaseCredentials> {
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'error';
    throw new SecretCredentialsError(secretArn, `Secrets Manager refused GetSecretValue (${name})`, { cause: error });
  } finally {
    client.destroy();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new SecretCredentialsError(secretArn, 'the secret is not JSON with username and password');
  }
  const { username, password } = (parsed ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
    throw new SecretCredentialsError(secretArn, 'the secret has no string username and password');
  }
  return { username, password };
}
