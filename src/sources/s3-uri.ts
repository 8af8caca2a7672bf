import { SourceError } from '../errors.ts';

export interface S3Location {
  readonly bucket: string;
  /** A key, or a key prefix; empty for the whole bucket. */
  readonly key: string;
}

/**
 * `s3://bucket/some/prefix` -> bucket and key. The key is taken byte for byte (no normalising of
 * slashes), because Redshift matches it as a plain key prefix.
 */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/is.exec(uri);
  if (!match || !isBucketName(match[1]!)) {
    throw new SourceError(uri, 'not an s3:// URI of the form s3://bucket/key-prefix');
  }
  return { bucket: match[1]!, key: match[2] ?? '' };
}

export function formatS3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** S3's bucket naming rules, loosely: enough to reject typos before a request is made. */
function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.\-_]{1,253}[a-z0-9]$/i.test(name);
}
