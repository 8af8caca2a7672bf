import type { DwhConfig } from '../config/index.ts';
import { ProvisioningInputError } from './errors.ts';
import { judgeNodeType } from './node-types.ts';
import { baseCapacityProblem } from './serverless/capacity.ts';

/**
 * Checks, before any AWS call, the settings Redshift would reject at CreateCluster — which runs
 * after the role and security group exist, so a late rejection would leave the user half way.
 * Rules from the CreateCluster API reference. Problems are listed together; the password is never
 * echoed.
 */
export function checkClusterSettings(config: DwhConfig): void {
  const problems: string[] = [];
  const { identifier, dbUser, dbName } = config.cluster;
  if (!/^[a-z](?!.*--)[a-z0-9-]{0,62}$/.test(identifier) || identifier.endsWith('-')) {
    problems.push(`[CLUSTER] IDENTIFIER '${identifier}': 1-63 lowercase letters, digits or single hyphens, starting with a letter, not ending with a hyphen`);
  }
  if (!/^[A-Za-z][A-Za-z0-9_$]{0,127}$/.test(dbUser)) {
    problems.push(`[CLUSTER] DB_USER '${dbUser}': 1-128 letters, digits, _ or $, starting with a letter`);
  }
  if (!/^[a-z_][a-z0-9_$]{0,63}$/.test(dbName)) {
    problems.push(`[CLUSTER] DB_NAME '${dbName}': 1-64 lowercase letters, digits, _ or $, not starting with a digit`);
  }
  const password = config.cluster.dbPassword.reveal();
  const passwordOk =
    password.length >= 8 &&
    password.length <= 64 &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[0-9]/.test(password) &&
    /^[\x21-\x7e]+$/.test(password) &&
    !/['"\\/@]/.test(password);
  if (!passwordOk) {
    problems.push(
      `[CLUSTER] DB_PASSWORD: 8-64 printable ASCII characters with an uppercase letter, a lowercase letter and a digit, and none of ' " \\ / @ or space`,
    );
  }
  if (config.cluster.kind === 'serverless') {
    const capacity = baseCapacityProblem(config.cluster.baseCapacity);
    if (capacity) problems.push(capacity);
  } else {
    // The recorded rules only; DescribeOrderableClusterOptions is asked by createCluster (orderable-options.ts).
    const verdict = judgeNodeType(config.cluster.nodeType, config.cluster.dbPort);
    if (verdict.kind === 'refused') problems.push(verdict.problem);
  }
  if (problems.length > 0) {
    throw new ProvisioningInputError('preflight', `Redshift would reject these settings:\n  ${problems.join('\n  ')}`);
  }
}
