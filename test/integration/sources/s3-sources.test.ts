import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import { sourcesUnder, withSources } from '#src/pipeline/sources.ts';
import { S3SourceReader } from '#src/sources/s3.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createBucket, putText, startS3rver, uploadFolder, S3RVER_CREDENTIALS, type S3rverHandle } from '../../support/s3rver.ts';
import { sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const root = sharedData('the s3:// source tests on the public data');
const BUCKET = 'sparkify-public';
const S3_SOURCES = `[S3]\nLOG_DATA = s3://${BUCKET}/log_data\nSONG_DATA = s3://${BUCKET}/song_data\nLOG_JSONPATH = s3://${BUCKET}/log_json_path.json\n`;

/** The row counts on the public data (docs/tables.md). */
const EXPECTED_COUNTS = { staging_events: 8056, staging_songs: 14896, songplays: 6820, users: 97, songs: 14896, artists: 9553, time: 6813 };

async function digests(warehouse: Warehouse): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of Object.keys(EXPECTED_COUNTS)) {
    const { rows } = await warehouse.query<{ digest: string; n: number }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, COUNT(*) AS n FROM ${table} t`,
    );
    result[table] = `${rows[0]!.n}:${rows[0]!.digest}`;
  }
  return result;
}

/**
 * The acceptance run for s3:// sources: the public data uploaded to a real S3-protocol
 * server (s3rver) on 127.0.0.1, the SDK pointed at it only through AWS_ENDPOINT_URL_S3, and the
 * whole pipeline run from s3:// URIs with ENGINE = postgres.
 */
describe.skipIf(!root)('s3:// sources on s3rver', () => {
  let s3: S3rverHandle;
  let db: TestDatabase;
  let warehouse: Warehouse;
  let uploaded = 0;

  beforeAll(async () => {
    s3 = await startS3rver();
    await createBucket(s3.client, BUCKET);
    uploaded += await uploadFolder(s3.client, BUCKET, path.join(root!, 'song_data'), 'song_data/');
    uploaded += await uploadFolder(s3.client, BUCKET, path.join(root!, 'log_data'), 'log_data/');
    await putText(s3.client, BUCKET, 'log_json_path.json', await readFile(path.join(root!, 'log_json_path.json'), 'utf8'));
    uploaded += 1;
    // A "folder" placeholder key, as the S3 console makes: listed by S3, skipped by the reader.
    await putText(s3.client, BUCKET, 'log_data/', '');
    // Only the SDK's own variables point it at the emulator: no endpoint in the product's code.
    vi.stubEnv('AWS_ENDPOINT_URL_S3', s3.endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', S3RVER_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3RVER_CREDENTIALS.secretAccessKey);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await warehouse?.close();
    await db?.drop();
    await s3?.stop();
  });

  it('uploaded the whole public dataset', () => {
    expect(uploaded).toBe(14896 + 30 + 1);
  });

  it('lists with key-prefix matching, sorted by key, skipping folder keys', async () => {
    const reader = new S3SourceReader(db.config(S3_SOURCES));
    const logs = await reader.list(`s3://${BUCKET}/log_data`);
    expect(logs).toHaveLength(30);
    expect(logs[0]!.uri).toBe(`s3://${BUCKET}/log_data/2018/11/2018-11-01-events.json`);
    expect(logs.map((o) => o.uri)).toEqual([...logs.map((o) => o.uri)].sort());
    // 14,896 keys: several pages of ListObjectsV2 (1,000 keys each).
    expect(await reader.list(`s3://${BUCKET}/song_data`)).toHaveLength(14896);
    expect(await reader.list(`s3://${BUCKET}/song_data/A/B/`)).toHaveLength((await reader.list(`s3://${BUCKET}/song_data/A/B`)).length);
    // "log" also matches log_json_path.json, as Redshift's prefix matching would.
    expect((await reader.list(`s3://${BUCKET}/log`)).length).toBe(31);
    expect(await reader.list(`s3://${BUCKET}/nothing-here`)).toEqual([]);
    expect((await reader.access()).signing).toBe('signed');
  });

  it('runs the whole pipeline from s3:// with exactly the counts in docs/tables.md', async () => {
    const result = await runEtl(warehouse, db.config(S3_SOURCES), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(result.steps[0]!.rows).toEqual({ staging_events: 8056, staging_songs: 14896 });
    expect(result.steps[0]!.rejected).toBe(0);
    for (const [table, expected] of Object.entries(EXPECTED_COUNTS)) {
      const { rows } = await warehouse.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
      expect({ table, rows: rows[0]!.n }).toEqual({ table, rows: expected });
    }
    const { rows } = await warehouse.query<{ matched: number }>('SELECT COUNT(song_id) AS matched FROM songplays');
    expect(rows[0]!.matched).toBe(333);
    // Rejected-record rows name the S3 object.
    const { rows: sources } = await warehouse.query<{ n: number }>("SELECT COUNT(*) AS n FROM sparkify_load_errors WHERE source NOT LIKE 's3://%'");
    expect(sources[0]!.n).toBe(0);
  });

  it('gives the same tables as loading the local folder', async () => {
    const fromS3 = await digests(warehouse);
    const local = await runEtl(warehouse, withSources(db.config(), sourcesUnder(root!)), { logger: silentLogger });
    expect(local.error).toBeUndefined();
    expect(await digests(warehouse)).toEqual(fromS3);
  });

  it('reads the public bucket with unsigned requests when forced, or when no credentials exist', async () => {
    const forced = new S3SourceReader(parseConfig(`${S3_SOURCES}SIGNING = unsigned\n`));
    expect((await forced.access()).signing).toBe('unsigned');
    const logs = await forced.list(`s3://${BUCKET}/log_data/`);
    expect(logs).toHaveLength(30);
    expect((await logs[0]!.read()).toString('utf8')).toContain('"page":"NextSong"');

    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_PROFILE', undefined);
    try {
      const auto = new S3SourceReader(parseConfig(S3_SOURCES));
      const access = await auto.access();
      expect(access.signing).toBe('unsigned');
      expect(access.reason).toMatch(/no AWS credentials found/);
      expect(await auto.readText(`s3://${BUCKET}/log_json_path.json`)).toContain('jsonpaths');
    } finally {
      vi.stubEnv('AWS_ACCESS_KEY_ID', S3RVER_CREDENTIALS.accessKeyId);
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3RVER_CREDENTIALS.secretAccessKey);
    }
  });

  it('streams large objects with open() and reports missing objects and buckets as source errors', async () => {
    const reader = new S3SourceReader(parseConfig(S3_SOURCES));
    const [first] = await reader.list(`s3://${BUCKET}/log_data/2018/11/2018-11-01`);
    const chunks: Buffer[] = [];
    for await (const chunk of first!.open()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(await first!.read())).toBe(true);
    expect(Buffer.concat(chunks).length).toBe(first!.size);
    await expect(reader.readText(`s3://${BUCKET}/missing.json`)).rejects.toThrow(/missing\.json: cannot read: no such object/);
    await expect(reader.list('s3://no-such-bucket/x')).rejects.toThrow(/bucket no-such-bucket does not exist/);
  });
});
