import { describe, expect, it } from 'vitest';
import { SourceError } from '#src/errors.ts';
import { formatS3Uri, parseS3Uri } from '#src/sources/s3-uri.ts';

describe('s3:// URIs', () => {
  it('splits bucket and key prefix, keeping the prefix byte for byte', () => {
    expect(parseS3Uri('s3://udacity-dend/song_data')).toEqual({ bucket: 'udacity-dend', key: 'song_data' });
    expect(parseS3Uri('s3://udacity-dend/song_data/')).toEqual({ bucket: 'udacity-dend', key: 'song_data/' });
    expect(parseS3Uri('s3://udacity-dend/a//b c.json')).toEqual({ bucket: 'udacity-dend', key: 'a//b c.json' });
    expect(parseS3Uri('S3://my.bucket')).toEqual({ bucket: 'my.bucket', key: '' });
    expect(parseS3Uri('s3://my-bucket/')).toEqual({ bucket: 'my-bucket', key: '' });
  });

  it('rejects what is not an s3:// URI with a typed error naming it', () => {
    for (const bad of ['https://x/y', 's3:/bucket/x', 's3://', 's3://a/x', 's3://-bucket/x']) {
      expect(() => parseS3Uri(bad), bad).toThrow(SourceError);
    }
    expect(() => parseS3Uri('s3:/bucket/x')).toThrow(/^s3:\/bucket\/x: not an s3:\/\/ URI/);
  });

  it('formats object URIs', () => {
    expect(formatS3Uri('b-1', 'log_data/2018/11/x.json')).toBe('s3://b-1/log_data/2018/11/x.json');
  });
});
