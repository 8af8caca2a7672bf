import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGING_COPY_OPTIONS } from '#src/load/coerce.ts';
import { convertFileBatch, type FileBatchLimits } from '#src/load/file-batch.ts';
import { FileConverter } from '#src/load/file-converter.ts';
import { parseAutoMapping } from '#src/load/jsonpaths.ts';
import { stagingSongs } from '#src/schema/tables.ts';
import { song } from '../../support/fixtures.ts';

const LIMITS: FileBatchLimits = { wholeFileBytes: 4096, batchBytes: 1 << 20, maxErrors: 10 };

/** A parse worker's batch, run here on the main thread: where it ends, what each file became. */
describe('convertFileBatch', () => {
  let dir: string;
  const file = (name: string) => ({ path: path.join(dir, name), size: undefined });
  const converter = new FileConverter({ table: stagingSongs, mapping: parseAutoMapping('auto')!, copyOptions: STAGING_COPY_OPTIONS });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sparkify-batch-'));
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, `s${i}.json`), JSON.stringify(song({ song_id: `SO${i}` })));
    writeFileSync(path.join(dir, 'big.json'), JSON.stringify(song({ song_id: 'SObig', title: 'x'.repeat(5000) })));
    writeFileSync(path.join(dir, 'bad.json'), '{"song_id": "SObad1",\n{"song_id": "SObad2",\n{"song_id": "SObad3",\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts each file into the one rows buffer, each ending where its outcome says', () => {
    const result = convertFileBatch(converter, { files: ['s0.json', 's1.json', 's2.json'].map(file) }, LIMITS);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['rows', 'rows', 'rows']);
    const rows = Buffer.from(result.rows).toString();
    const ends = result.outcomes.map((o) => (o.kind === 'rows' ? o.end : -1));
    expect(ends.at(-1)).toBe(result.rows.byteLength);
    expect(rows.slice(0, ends[0])).toContain('SO0');
    expect(rows.slice(ends[0], ends[1])).toContain('SO1');
    expect(rows.slice(ends[1], ends[2])).toContain('SO2');
    expect(result.outcomes.map((o) => o.kind === 'rows' && o.rows)).toEqual([1, 1, 1]);
  });

  it('leaves a file larger than a whole read to the caller and goes on', () => {
    const result = convertFileBatch(converter, { files: ['s0.json', 'big.json', 's1.json'].map(file) }, LIMITS);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['rows', 'large', 'rows']);
  });

  it('ends the batch at an unreadable file, saying why', () => {
    const result = convertFileBatch(converter, { files: ['s0.json', 'gone.json', 's1.json'].map(file) }, LIMITS);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['rows', 'unreadable']);
    expect(result.outcomes[1]).toMatchObject({ message: expect.stringMatching(/^ENOENT: .*gone\.json/) });
  });

  it('ends the batch after the file that reaches its bytes', () => {
    const one = JSON.stringify(song({ song_id: 'SO0' })).length;
    const result = convertFileBatch(converter, { files: ['s0.json', 's1.json', 's2.json', 's3.json'].map(file) }, { ...LIMITS, batchBytes: one + 1 });
    expect(result.outcomes.map((o) => o.kind)).toEqual(['rows', 'rows']);
  });

  it('ends the batch once its rejects pass MAXERROR, keeping them with their lines', () => {
    const result = convertFileBatch(converter, { files: ['bad.json', 's0.json'].map(file) }, { ...LIMITS, maxErrors: 1 });
    expect(result.outcomes).toHaveLength(1);
    const [outcome] = result.outcomes;
    expect(outcome!.kind === 'rows' && outcome!.rejected.map((r) => r.line)).toEqual([1, 2]);
  });
});
