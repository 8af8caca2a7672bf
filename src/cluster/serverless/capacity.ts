/**
 * Redshift Serverless base capacity, in RPUs (Management Guide, "Compute capacity for Amazon Redshift
 * Serverless"): 4, or a multiple of 8 from 8 to 512, or a multiple of 32 from 512 to 1024 (1024 only in
 * some regions). The default is the smallest: the issue this product solves is cost, and the sample
 * data needs no more.
 */
export const MIN_BASE_CAPACITY = 4;

export function baseCapacityProblem(rpus: number): string | undefined {
  const valid = rpus === 4 || (rpus >= 8 && rpus <= 512 && rpus % 8 === 0) || (rpus > 512 && rpus <= 1024 && rpus % 32 === 0);
  return valid ? undefined : `[CLUSTER] BASE_CAPACITY ${rpus}: Redshift Serverless takes 4, a multiple of 8 from 8 to 512, or a multiple of 32 up to 1024 RPUs`;
}
