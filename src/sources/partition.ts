import path from 'node:path';
import { isRemote } from '../config/load.ts';
import { SparkifyError } from '../errors.ts';

/** One day of log data: the day (YYYY-MM-DD, UTC) and the key (file or S3 object) that holds its events. */
export interface Partition {
  readonly day: string;
  readonly source: string;
}

export class PartitionError extends SparkifyError {
  constructor(message: string) {
    super('PARTITION_INVALID', message);
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day given as YYYY-MM-DD (an impossible date such as 2018-11-31 is refused). `what` names it in errors. */
export function parseDay(text: string, what: string): string {
  const match = DAY.exec(text);
  const date = match ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new PartitionError(`${what} must be a date as YYYY-MM-DD, got '${text}'`);
  }
  return text;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  if (from > to) throw new PartitionError(`--from ${from} is after --to ${to}`);
  const days: string[] = [];
  for (let at = new Date(`${from}T00:00:00Z`); at.toISOString().slice(0, 10) <= to; at = new Date(at.getTime() + 86_400_000)) {
    days.push(at.toISOString().slice(0, 10));
  }
  return days;
}

/** The day after `day` (the exclusive end of its time range). */
export function nextDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** `[S3] LOG_PARTITION` filled in for one day, under LOG_DATA (a local folder or an s3:// prefix). */
export function partitionFor(logData: string, pattern: string, day: string): Partition {
  const [yyyy, mm, dd] = day.split('-') as [string, string, string];
  const relative = pattern.replaceAll('{yyyy}', yyyy).replaceAll('{mm}', mm).replaceAll('{dd}', dd);
  const source = isRemote(logData) ? `${logData.replace(/\/+$/, '')}/${relative}` : path.join(logData, relative);
  return { day, source };
}
