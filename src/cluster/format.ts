import { usd } from './pricing.ts';
import type { AllWarehousesReport, ClusterStatusReport } from './status.ts';

/** A status report as aligned `label  value` lines, for the CLI and notebooks. */
export function formatStatus(report: ClusterStatusReport): string {
  const what = report.kind === 'serverless' ? 'workgroup' : 'cluster';
  const rows: [string, string][] = [
    [what, `${report.identifier} (${report.region})`],
    ['state', report.state],
  ];
  const cluster = report.cluster;
  if (cluster) {
    rows.push(['endpoint', cluster.host ? `${cluster.host}:${cluster.port ?? '?'}` : '(none yet)']);
    rows.push(
      report.kind === 'serverless'
        ? ['capacity', `${cluster.numNodes ?? '?'} RPUs base`]
        : ['nodes', `${cluster.numNodes ?? '?'} × ${cluster.nodeType ?? '?'}`],
    );
    rows.push(['database', `${cluster.dbName ?? '?'} (user ${cluster.dbUser ?? '?'})`]);
    if (report.age !== undefined) rows.push(['age', `${report.age} (created ${cluster.createdAt})`]);
    const price = report.price;
    if (price?.totalUsd !== undefined && report.costSoFarUsd !== undefined) {
      rows.push([
        'cost',
        `up to ${usd(report.costSoFarUsd)} so far at ${usd(price.totalUsd)}/hour (on-demand list price as of ${price.asOf}; paused hours are not billed; excludes storage and data transfer)`,
      ]);
    } else if (price) {
      rows.push(['cost', price.description]);
    }
    if (report.billing) rows.push(['billing', report.billing]);
    if (cluster.iamRoleArns.length > 0) rows.push(['iam roles', cluster.iamRoleArns.join(', ')]);
  }
  return aligned(rows);
}

/** `cluster status --all`: one line per tagged cluster or workgroup, then the hourly total. */
export function formatAllWarehouses(report: AllWarehousesReport): string {
  if (report.warehouses.length === 0) return `nothing tagged managed-by=sparkify runs in ${report.region}`;
  const lines = report.warehouses.map((w) => {
    const size = w.kind === 'serverless' ? `serverless, ${w.summary.numNodes ?? '?'} RPUs base` : `${w.summary.numNodes ?? '?'} × ${w.summary.nodeType ?? '?'}`;
    const cost =
      w.price.totalUsd === undefined
        ? 'price unknown'
        : `${usd(w.price.totalUsd)}/hour${w.kind === 'serverless' ? ' while queries run' : ''}${w.billing ? '' : ' (not billing now)'}`;
    return `${w.summary.identifier.padEnd(24)} ${w.summary.state.padEnd(10)} ${size.padEnd(28)} ${cost}`;
  });
  return [...lines, `total while running: ${usd(report.hourlyUsd)}/hour in ${report.region} (list prices; storage extra)`].join('\n');
}

function aligned(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`).join('\n');
}
