import type { Dialect } from '../schema/types.ts';
import type { DialectAdapter } from './adapter.ts';
import { postgresAdapter } from './postgres.ts';
import { redshiftAdapter } from './redshift.ts';

export type { DialectAdapter } from './adapter.ts';
export { dialectSqlText, type DialectSqlText } from './sql-text.ts';
export { postgresAdapter } from './postgres.ts';
export { redshiftAdapter } from './redshift.ts';

const ADAPTERS: Readonly<Record<Dialect, DialectAdapter>> = Object.freeze({ postgres: postgresAdapter, redshift: redshiftAdapter });

/** The adapter for a warehouse's dialect: the one place that maps a dialect's name to its behaviour. */
export function dialectAdapter(dialect: Dialect): DialectAdapter {
  return ADAPTERS[dialect];
}
