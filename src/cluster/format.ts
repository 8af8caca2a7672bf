import { PRICE_LIST, usd } from './pricing.ts';
import type { ClusterStatusReport } from './status.ts';

/** A status report as aligned `label  value` lines, for the CLI and notebooks. */
export function formatStatus(report: ClusterStatusReport): string {
  const rows: [string, string][] = [['cluster', `${report.identifier} (${report.region})`], ['state', report.state]];
  const cluster = report.cluster;
  if (cluster) {
    rows.push(['endpoint', cluster.host ? `${cluster.host}:${cluster.port ?? '?'}` : '(none yet)']);
    rows.push(['nodes', `${cluster.numNodes ?? '?'} × ${cluster.nodeType ?? '?'}`]);
    rows.push(['database', `${cluster.dbName ?? '?'} (user ${cluster.dbUser ?? '?'})`]);
    if (report.age !== undefined) rows.push(['age', `${report.age} (created ${cluster.createdAt})`]);
    const price = report.price;
    if (price?.totalUsd !== undefined && report.costSoFarUsd !== undefined) {
      rows.push(['cost', `${usd(report.costSoFarUsd)} so far at ${usd(price.totalUsd)}/hour (on-demand list price as of ${PRICE_LIST.asOf}; excludes storage and data transfer)`]);
    } else if (price) {
      rows.push(['cost', price.description]);
    }
    if (cluster.iamRoleArns.length > 0) rows.push(['iam roles', cluster.iamRoleArns.join(', ')]);
  }
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`).join('\n');
}
