import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '#src/errors.ts';
import { JsonPathsError } from '#src/load/jsonpaths.ts';
import { LoadErrorsNotSavedError, LoadFailedError } from '#src/load/load-errors.ts';
import { loadStagingTables } from '#src/load/staging.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { publishStar, runTransform } from '#src/pipeline/transform.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * Every category of bad record COPY's contract names, each as one line of an event file between two
 * good lines: at MAXERROR 0 each fails the load naming file, line and field, with nothing committed;
 * at MAXERROR N the good rows load and each reject is recorded exactly.
 */
const good = (n: number) => JSON.stringify(play({ sessionId: 900, itemInSession: n }));
const GOOD = good(1);
const withField = (field: string, raw: string) => GOOD.replace(new RegExp(`"${field}":[^,}]*`), `"${field}":${raw}`);
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
/** The event with `field` set to a string holding raw bytes (maybe invalid UTF-8) between `before` and `after`. */
const withBytes = (field: string, before: string, raw: number[], after: string) => {
  const [head, tail] = withField(field, '"@@"').split('@@') as [string, string];
  return bytes(head, before, raw, after, tail);
};

interface BadLine {
  readonly name: string;
  readonly line: string | Buffer;
  /** '-' when the record as a whole is bad. */
  readonly column: string;
  readonly reason: RegExp;
  /** How the raw text is stored in sparkify_load_errors (escaped), when it matters. */
  readonly rawText?: string;
}

const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
const BAD_LINES: readonly BadLine[] = [
  { name: 'an array of numbers', line: '[1,2,3]', column: '-', reason: /^expected a JSON object, found an array$/ },
  { name: 'an array holding an event', line: `[${GOOD}]`, column: '-', reason: /^expected a JSON object, found an array$/ },
  { name: 'a number', line: '42', column: '-', reason: /text outside a JSON object/ },
  { name: 'a string', line: '"just text"', column: '-', reason: /text outside a JSON object/ },
  { name: 'malformed JSON', line: '{"artist": tru}', column: '-', reason: /^invalid JSON: unexpected character 't'/ },
  {
    name: 'invalid UTF-8 in a value',
    line: bytes(GOOD.slice(0, 11), [0xff, 0xfe], GOOD.slice(11)),
    column: '-',
    reason: /^invalid UTF-8: byte 0xff .*ACCEPTINVCHARS/,
    rawText: `${GOOD.slice(0, 11)}\\xff\\xfe${GOOD.slice(11)}`,
  },
  { name: 'a character cut short (invalid UTF-8)', line: withBytes('song', 'caf', [0xc3], ''), column: '-', reason: /^invalid UTF-8: byte 0xc3/ },
  {
    name: 'an encoded surrogate (CESU-8, invalid UTF-8)',
    line: withBytes('song', 'x', [0xed, 0xa0, 0x80], ''),
    column: '-',
    reason: /^invalid UTF-8: byte 0xed/,
  },
  { name: 'a lone surrogate escape', line: withField('artist', '"a\\ud800b"'), column: 'artist', reason: /lone surrogate \(\\ud800\).*ACCEPTINVCHARS/ },
  {
    name: 'a raw NUL byte',
    line: withBytes('artist', 'a', [0], 'b'),
    column: '-',
    reason: /^invalid JSON: control character in a string/,
    rawText: withField('artist', '"a\\x00b"'),
  },
  { name: 'a NUL escape', line: withField('artist', '"a\\u0000b"'), column: 'artist', reason: /NUL character/ },
  { name: 'nesting 5,000 levels deep', line: withField('artist', deep), column: '-', reason: /^invalid JSON: nested deeper than 512 levels/ },
  {
    name: 'a time before 4714 BC',
    line: withField('ts', '-300000000000000'),
    column: 'ts',
    reason: /^-300000000000000 is out of range for epoch milliseconds/,
  },
  {
    name: 'a time past what a timestamp holds',
    line: withField('ts', '9000000000000000'),
    column: 'ts',
    reason: /^9000000000000000 is out of range for epoch milliseconds/,
  },
  {
    name: 'a time past year 32767 (time.year is a SMALLINT)',
    line: withField('ts', '971890963200000'),
    column: 'ts',
    reason: /^971890963200000 is after 32767-12-31 23:59:59\.999, the latest time the star schema holds \(time\.year is a SMALLINT\)$/,
  },
  { name: 'an integer past its range', line: withField('sessionId', '2147483648'), column: 'session_id', reason: /^2147483648 is out of range for integer$/ },
  { name: 'a smallint past its range', line: withField('status', '40000'), column: 'status', reason: /^40000 is out of range for smallint$/ },
  { name: 'a fraction for an integer', line: withField('itemInSession', '1.5'), column: 'item_in_session', reason: /^1\.5 is not a whole number \(integer\)$/ },
  { name: 'a double past its range', line: withField('length', '1e400'), column: 'length', reason: /^1e400 is out of range for double precision$/ },
  { name: 'an ANSI escape sequence in malformed text', line: '\u001b[31mred', column: '-', reason: /text outside a JSON object/, rawText: '\\x1b[31mred' },
];

describe('the bad-input corpus', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let baseline: Dataset;
  const datasets: Dataset[] = [];

  async function dataset(logFiles: Record<string, string | Buffer>): Promise<Dataset> {
    const data = await writeDataset({ logFiles: {}, songFiles: { 'A/A/A/TRAAA1.json': JSON.stringify(song()) } });
    const folder = path.join(data.root, 'log_data', '2018', '11');
    await mkdir(folder, { recursive: true });
    for (const [name, content] of Object.entries(logFiles)) await writeFile(path.join(folder, name), content);
    datasets.push(data);
    return data;
  }

  async function count(table = 'staging_events'): Promise<number> {
    return (await warehouse.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }

  async function load(data: Dataset, extra = '', maxErrors?: number) {
    return loadStagingTables(warehouse, db.config(`${data.s3Section}${extra}`), { logger: silentLogger, maxErrors });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    baseline = await dataset({ '2018-11-01-events.json': [good(1), good(2), good(3)].join('\n') });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    for (const data of datasets) await data.remove();
  });

  describe('at MAXERROR 0 each bad record fails the load, naming file, line and field, and nothing is committed', () => {
    it.each(BAD_LINES)('$name', async (bad) => {
      await load(baseline);
      expect(await count()).toBe(3);
      const data = await dataset({
        '2018-11-01-events.json': good(1),
        '2018-11-02-events.json': bytes(good(1), '\n', typeof bad.line === 'string' ? bad.line : [...bad.line], '\n', good(2)),
      });
      const error = await load(data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoadFailedError);
      const failed = error as LoadFailedError;
      expect(failed.errors).toHaveLength(1);
      const reject = failed.errors[0]!;
      expect({ source: reject.source, line: reject.line, column: reject.column }).toEqual({
        source: path.join(data.root, 'log_data/2018/11/2018-11-02-events.json'),
        line: 2,
        column: bad.column,
      });
      expect(reject.reason).toMatch(bad.reason);
      const field = bad.column === '-' ? '' : `, column ${bad.column} (`;
      expect(failed.message).toContain(`2018-11-02-events.json line 2${field}`);
      expect(failed.message).not.toMatch(/Maximum call stack/);
      // The baseline load is still there, whole.
      expect(await count()).toBe(3);
    });
  });

  it('at MAXERROR N loads every good row and records each reject exactly', async () => {
    const lines: (string | Buffer)[] = [good(100)];
    BAD_LINES.forEach((bad, i) => lines.push(bad.line, good(101 + i)));
    const data = await dataset({ '2018-11-03-events.json': Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')])) });
    const result = await load(data, '', BAD_LINES.length);
    const events = result.tables.find((t) => t.table === 'staging_events')!;
    expect(events.rows).toBe(BAD_LINES.length + 1);
    expect(await count()).toBe(BAD_LINES.length + 1);
    const { rows } = await warehouse.query<{ line: number; column_name: string; reason: string; raw_text: string; source: string }>(
      'SELECT line, column_name, reason, raw_text, source FROM sparkify_load_errors WHERE load_id = $1 ORDER BY line',
      [result.loadId],
    );
    expect(rows).toHaveLength(BAD_LINES.length);
    BAD_LINES.forEach((bad, i) => {
      const row = rows[i]!;
      expect({ name: bad.name, line: row.line, column: row.column_name, source: row.source }).toEqual({
        name: bad.name,
        line: 2 + 2 * i,
        column: bad.column,
        source: path.join(data.root, 'log_data/2018/11/2018-11-03-events.json'),
      });
      expect(row.reason).toMatch(bad.reason);
      if (bad.rawText) expect(row.raw_text).toBe(bad.rawText);
      expect(row.raw_text).not.toMatch(/[\u0000-\u0008\u001b]/);
    });
  });

  // `registration` is DOUBLE PRECISION (the data writes it as 1540991795796.0, which Redshift's JSON COPY
  // loads into a double without doubt); no staging column is BIGINT any more, so the BIGINT range is
  // proven on the loader's own tables in test/unit/load/fast-path-property.test.ts.
  it('loads registration values as written, and numbers into text columns with every digit', async () => {
    const data = await dataset({
      '2018-11-01-events.json': [
        JSON.stringify(play({ sessionId: 1, itemInSession: 1 }))
          .replace(/"registration":[^,]*/, '"registration":1540991795796.0')
          .replace(/"userId":"1"/, '"userId":12345678901234567890123'),
        JSON.stringify(play({ sessionId: 1, itemInSession: 2 }))
          .replace(/"registration":[^,]*/, '"registration":-1540991795796')
          .replace(/"song":"[^"]*"/, '"song":1.50'),
        JSON.stringify(play({ sessionId: 1, itemInSession: 3 })).replace(/"registration":[^,]*/, '"registration":1540991795796.5'),
      ].join('\n'),
    });
    await load(data);
    const { rows } = await warehouse.query<{ registration: string; user_id: string; song: string }>(
      'SELECT registration::text AS registration, user_id, song FROM staging_events ORDER BY item_in_session',
    );
    expect(rows.map((r) => r.registration)).toEqual(['1540991795796', '-1540991795796', '1540991795796.5']);
    expect(rows[0]!.user_id).toBe('12345678901234567890123');
    expect(rows[1]!.song).toBe('1.50');
  });

  it('loads times outside years 1-9999 that every column they feed holds, and the transform takes them', async () => {
    // 971890963199999: the last millisecond of year 32767, the latest time.year (a SMALLINT) holds.
    const times = [253402300800000, -62167219200001, -210866803200000, 971890963199999, -62135596800000, -62167219200000];
    const data = await dataset({ '2018-11-01-events.json': times.map((ts, i) => JSON.stringify(play({ sessionId: 1, itemInSession: i, ts }))).join('\n') });
    await load(data);
    const { rows } = await warehouse.query<{ ts: string }>(
      "SELECT to_char(ts, 'YYYY-MM-DD HH24:MI:SS.MS BC') AS ts FROM staging_events ORDER BY item_in_session",
    );
    expect(rows.map((r) => r.ts)).toEqual([
      '10000-01-01 00:00:00.000 AD',
      '0002-12-31 23:59:59.999 BC',
      '4714-11-24 00:00:00.000 BC',
      '32767-12-31 23:59:59.999 AD',
      '0001-01-01 00:00:00.000 AD',
      '0001-01-01 00:00:00.000 BC',
    ]);
    // Built into the audit schema, then published (write-audit-publish), so the published time table has them.
    const built = await runTransform(warehouse, { logger: silentLogger });
    await publishStar(warehouse, { logger: silentLogger, built });
    const years = await warehouse.query<{ earliest: number; latest: number; n: number }>(
      'SELECT MIN(year) AS earliest, MAX(year) AS latest, COUNT(*)::int AS n FROM time',
    );
    expect(years.rows[0]).toEqual({ earliest: -4714, latest: 32767, n: 6 });
  });

  it('with ACCEPTINVCHARS puts the character in place of each invalid byte, as Redshift does', async () => {
    const data = await dataset({
      '2018-11-01-events.json': withBytes('artist', 'a', [0xff], 'b'),
      '2018-11-02-events.json': withBytes('artist', 'x', [0xe2, 0x82], ''),
    });
    await load(data, 'ACCEPTINVCHARS = true\n');
    expect((await warehouse.query<{ artist: string }>('SELECT artist FROM staging_events ORDER BY artist')).rows.map((r) => r.artist)).toEqual(['a?b', 'x??']);
    await load(data, 'ACCEPTINVCHARS = ^\n');
    expect((await warehouse.query<{ artist: string }>('SELECT artist FROM staging_events ORDER BY artist')).rows.map((r) => r.artist)).toEqual(['a^b', 'x^^']);
    const lone = await dataset({ '2018-11-01-events.json': withField('artist', '"a\\udc00b"') });
    await load(lone, 'ACCEPTINVCHARS = *\n');
    expect((await warehouse.query<{ artist: string }>('SELECT artist FROM staging_events')).rows.map((r) => r.artist)).toEqual(['a***b']);
  });

  it('skips a UTF-8 byte order mark at the start of a file', async () => {
    const data = await dataset({ '2018-11-01-events.json': bytes([0xef, 0xbb, 0xbf], good(1), '\n', good(2)) });
    const result = await load(data);
    expect(result.tables[0]!.rows).toBe(2);
    expect(result.tables[0]!.rejected).toEqual([]);
  });

  it('records a reject whose file path is over 1,024 characters', async () => {
    const data = await dataset({});
    let folder = path.join(data.root, 'log_data');
    for (let i = 0; i < 6; i++) folder = path.join(folder, `${String(i)}${'d'.repeat(240)}`);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, 'events.json');
    await writeFile(file, [good(1), '[1]', good(2)].join('\n'));
    expect(file.length).toBeGreaterThan(1024);
    const result = await load(data, 'MAXERROR = 1\n');
    const { rows } = await warehouse.query<{ source: string; line: number }>('SELECT source, line FROM sparkify_load_errors WHERE load_id = $1', [
      result.loadId,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.line).toBe(2);
    expect(rows[0]!.source.length).toBeLessThanOrEqual(1024);
    expect(rows[0]!.source.startsWith(data.root)).toBe(true);
    expect(rows[0]!.source.endsWith('/events.json')).toBe(true);
  });

  it('rolls the whole load back, and says so, when a reject cannot be recorded', async () => {
    await load(baseline);
    const data = await dataset({ '2018-11-01-events.json': [good(1), '[1]', good(2), good(3), good(4)].join('\n') });
    await warehouse.query('ALTER TABLE sparkify_load_errors ADD CONSTRAINT refuse_everything CHECK (false) NOT VALID');
    try {
      const error = await load(data, 'MAXERROR = 1\n').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoadErrorsNotSavedError);
      expect((error as Error).message).toMatch(
        /could not record 1 rejected record\(s\) in sparkify_load_errors .*refuse_everything.*nothing of it was committed/s,
      );
      expect((error as Error).message).toContain('2018-11-01-events.json line 2');
      expect(await count()).toBe(3);
    } finally {
      await warehouse.query('ALTER TABLE sparkify_load_errors DROP CONSTRAINT refuse_everything');
    }
  });

  describe('files on disk', () => {
    it('follows symbolic links to files and folders', async () => {
      const data = await dataset({});
      const elsewhere = path.join(data.root, 'elsewhere');
      await mkdir(path.join(elsewhere, 'inner'), { recursive: true });
      await writeFile(path.join(elsewhere, 'day.json'), good(1));
      await writeFile(path.join(elsewhere, 'inner', 'day.json'), [good(2), good(3)].join('\n'));
      await symlink(path.join(elsewhere, 'day.json'), path.join(data.root, 'log_data', '2018', '11', 'linked-file.json'));
      await symlink(path.join(elsewhere, 'inner'), path.join(data.root, 'log_data', '2018', '11', 'linked-folder'));
      const result = await load(data);
      expect(result.tables[0]!.files).toBe(2);
      expect(result.tables[0]!.rows).toBe(3);
    });

    it('reports a symbolic link loop, naming it', async () => {
      const data = await dataset({ '2018-11-01-events.json': good(1) });
      await symlink(path.join(data.root, 'log_data'), path.join(data.root, 'log_data', '2018', 'back-up'));
      const error = await load(data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toMatch(/log_data\/2018\/back-up: symbolic link loop: it leads back to .*log_data/);
    });

    it('reports a symbolic link to nothing', async () => {
      const data = await dataset({ '2018-11-01-events.json': good(1) });
      await symlink(path.join(data.root, 'gone.json'), path.join(data.root, 'log_data', '2018', '11', 'dangling.json'));
      await expect(load(data)).rejects.toThrow(/dangling\.json: cannot read: a symbolic link to nothing/);
    });

    it('refuses a FIFO among the data files and as the JSONPaths file, without opening it', async () => {
      const data = await dataset({ '2018-11-01-events.json': good(1) });
      const fifo = path.join(data.root, 'log_data', '2018', '11', 'pipe.json');
      execFileSync('mkfifo', [fifo]);
      await expect(load(data)).rejects.toThrow(/pipe\.json: is a FIFO \(named pipe\), not a regular file: refusing to read it/);
      const paths = path.join(data.root, 'paths-fifo.json');
      execFileSync('mkfifo', [paths]);
      const other = await dataset({ '2018-11-01-events.json': good(1) });
      const error = await load(other, `LOG_JSONPATH = ${paths}\n`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toMatch(/paths-fifo\.json: is a FIFO/);
      expect(error).not.toBeInstanceOf(JsonPathsError);
    });

    it('refuses a device', async () => {
      const data = await dataset({ '2018-11-01-events.json': good(1) });
      await symlink('/dev/null', path.join(data.root, 'log_data', '2018', '11', 'null.json'));
      await expect(load(data)).rejects.toThrow(/null\.json: is a character device, not a regular file/);
    });
  });
});
