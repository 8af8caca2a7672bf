import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DwhConfig } from '../config/types.ts';
import { SparkifyError } from '../errors.ts';
import { awsClient, awsClientSettings } from './client-settings.ts';
import { awsCallOf } from './endpoint-errors.ts';

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
  client = awsClient(config, new SecretsManagerClient(awsClientSettings(config))),
): Promise<DatabaseCredentials> {
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'error';
    // Unreachable: the message names the endpoint and why; an answer: its error name, and where from.
    const where = awsCallOf(error)?.endpoint;
    const problem = error instanceof SparkifyError ? error.message : `Secrets Manager refused GetSecretValue (${name})${where ? ` on ${where}` : ''}`;
    throw new SecretCredentialsError(secretArn, problem, { cause: error });
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
