import { isRemote } from '../config/load.ts';
import type { DwhConfig } from '../config/types.ts';
import { LocalSourceReader } from './local.ts';
import type { SourceReader } from './types.ts';

/** The reader for a source URI: local paths now; s3:// URIs are read by the S3 reader. */
export async function sourceReaderFor(uri: string, config: DwhConfig): Promise<SourceReader> {
  if (!isRemote(uri)) return new LocalSourceReader();
  const { S3SourceReader } = await import('./s3.ts');
  return new S3SourceReader(config);
}
