import type { DwhConfig } from '../config/types.ts';
import { SparkifyError } from '../errors.ts';
import type { SourceObject, SourceReader } from './types.ts';

// s3:// sources arrive with the cloud issue; until then they are refused plainly.
export class S3SourceReader implements SourceReader {
  constructor(_config: DwhConfig) {}
  async list(prefix: string): Promise<SourceObject[]> {
    throw new SparkifyError('NOT_BUILT', `s3:// sources are not built yet (${prefix})`);
  }
  async readText(uri: string): Promise<string> {
    throw new SparkifyError('NOT_BUILT', `s3:// sources are not built yet (${uri})`);
  }
}
