import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DwhConfig } from '../config/types.ts';
import { SparkifyError } from '../errors.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { collectReport, type ReportData, type ReportOptions } from './collect.ts';
import { renderReportHtml } from './html.ts';

/**
 * Builds the report and writes it to `file`: first to a temporary file beside it, then renamed, so
 * a failed or interrupted build never leaves half a report where the last good one was.
 */
export async function writeReport(warehouse: Warehouse, config: DwhConfig, file: string, options: ReportOptions): Promise<{ data: ReportData; bytes: number }> {
  const data = await collectReport(warehouse, config, options);
  const html = renderReportHtml(data);
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, html, 'utf8');
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined); // the report's own error is the one to show
    throw new ReportError(`cannot write the report to ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { data, bytes: Buffer.byteLength(html) };
}

export class ReportError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REPORT', message, options);
  }
}
