import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ini from 'ini';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { applyConfigUpdates, ConfigWriteError, updateConfigFile } from '#src/config/write-back.ts';

const USER_FILE = `# my warehouse settings
; keep this comment

[WAREHOUSE]
ENGINE = redshift

[CLUSTER]
# filled in by sparkify cluster create
HOST =
DB_NAME = dev
DB_USER = awsuser
DB_PASSWORD = Secr3tPass
# INGRESS_CIDR = 203.0.113.7/32

[IAM_ROLE]
NAME = my-role   ; the role redshift assumes
ARN=arn:aws:iam::111111111111:role/old

[AWS]
REGION = us-west-2
`;

const HOST = 'sparkify-cluster.abc123.us-west-2.redshift.amazonaws.com';
const ARN = 'arn:aws:iam::123456789012:role/my-role';

describe('applyConfigUpdates', () => {
  it('changes only the named keys, in place, keeping comments, order, spacing and other keys', () => {
    const { text, changes } = applyConfigUpdates(USER_FILE, { CLUSTER: { HOST }, IAM_ROLE: { ARN } });
    expect(text).toBe(USER_FILE.replace('HOST =\n', `HOST = ${HOST}\n`).replace('ARN=arn:aws:iam::111111111111:role/old', `ARN=${ARN}`));
    expect(changes).toEqual([
      { section: 'CLUSTER', key: 'HOST', change: 'updated' },
      { section: 'IAM_ROLE', key: 'ARN', change: 'updated' },
    ]);
  });

  it('reads back through the config loader as the values written', () => {
    const { text } = applyConfigUpdates(USER_FILE, { CLUSTER: { HOST }, IAM_ROLE: { ARN } });
    const config = parseConfig(text);
    expect(config.cluster.host).toBe(HOST);
    expect(config.iamRole.arn).toBe(ARN);
    expect(config.iamRole.name).toBe('my-role');
    expect(config.cluster.dbPassword.reveal()).toBe('Secr3tPass');
  });

  it('adds a missing key after the last key of its section, not after the trailing comment', () => {
    const { text, changes } = applyConfigUpdates('[CLUSTER]\nDB_NAME = dev\n# a note\n\n[AWS]\nREGION = us-east-1\n', { CLUSTER: { HOST } });
    expect(text).toBe(`[CLUSTER]\nDB_NAME = dev\nHOST = ${HOST}\n# a note\n\n[AWS]\nREGION = us-east-1\n`);
    expect(changes).toEqual([{ section: 'CLUSTER', key: 'HOST', change: 'added' }]);
  });

  it('adds a key right under the header of an empty section', () => {
    const { text } = applyConfigUpdates('[IAM_ROLE]\n\n[AWS]\nREGION = us-east-1\n', { IAM_ROLE: { ARN } });
    expect(text).toBe(`[IAM_ROLE]\nARN = ${ARN}\n\n[AWS]\nREGION = us-east-1\n`);
  });

  it('appends a missing section at the end', () => {
    const { text } = applyConfigUpdates('[WAREHOUSE]\nENGINE = redshift', { IAM_ROLE: { ARN } });
    expect(text).toBe(`[WAREHOUSE]\nENGINE = redshift\n\n[IAM_ROLE]\nARN = ${ARN}`);
    expect(parseConfig(text).iamRole.arn).toBe(ARN);
  });

  it('writes into an empty file', () => {
    const { text } = applyConfigUpdates('', { CLUSTER: { HOST } });
    expect(text).toBe(`[CLUSTER]\nHOST = ${HOST}\n`);
  });

  it('matches sections and keys case-insensitively and keeps the user spelling', () => {
    const { text } = applyConfigUpdates('[cluster]\n  host   =   old.example.com\n', { CLUSTER: { HOST } });
    expect(text).toBe(`[cluster]\n  host   =   ${HOST}\n`);
  });

  it('keeps an inline comment after the value', () => {
    const { text } = applyConfigUpdates('[CLUSTER]\nHOST = old.example.com  ; set by create\n', { CLUSTER: { HOST } });
    expect(text).toBe(`[CLUSTER]\nHOST = ${HOST}  ; set by create\n`);
    expect(parseConfig(text).cluster.host).toBe(HOST);
  });

  it('leaves commented-out keys alone and adds the real key', () => {
    const { text } = applyConfigUpdates('[CLUSTER]\n# HOST = example\nDB_NAME = dev\n', { CLUSTER: { HOST } });
    expect(text).toBe(`[CLUSTER]\n# HOST = example\nDB_NAME = dev\nHOST = ${HOST}\n`);
  });

  it('keeps Windows line endings', () => {
    const { text } = applyConfigUpdates('[CLUSTER]\r\nHOST =\r\nDB_NAME = dev\r\n', { CLUSTER: { HOST }, IAM_ROLE: { ARN } });
    expect(text).toBe(`[CLUSTER]\r\nHOST = ${HOST}\r\nDB_NAME = dev\r\n\r\n[IAM_ROLE]\r\nARN = ${ARN}\r\n`);
  });

  it('reports unchanged and returns the same text when the value is already there', () => {
    const before = `[CLUSTER]\nHOST = ${HOST}\n`;
    const { text, changes } = applyConfigUpdates(before, { CLUSTER: { HOST } });
    expect(text).toBe(before);
    expect(changes).toEqual([{ section: 'CLUSTER', key: 'HOST', change: 'unchanged' }]);
  });

  it('clears a value without removing the key', () => {
    const { text } = applyConfigUpdates(`[CLUSTER]\nHOST = ${HOST}\n`, { CLUSTER: { HOST: '' } });
    expect(text).toBe('[CLUSTER]\nHOST =\n');
    expect(parseConfig(text).cluster.host).toBeUndefined();
  });

  it('quotes or escapes values that ini would otherwise cut or trim, so ini reads them back exactly', () => {
    for (const value of ['a;b#c', ' padded ', '[bracket', 'x=y', '"quoted"']) {
      const { text } = applyConfigUpdates('[CLUSTER]\nDB_NAME = dev\n', { CLUSTER: { DB_NAME: value } });
      expect((ini.parse(text) as { CLUSTER: { DB_NAME: string } }).CLUSTER.DB_NAME).toBe(value);
    }
  });

  it('updates every occurrence when a key is repeated (ini reads the last one)', () => {
    const { text } = applyConfigUpdates('[CLUSTER]\nHOST = a\n[CLUSTER]\nHOST = b\n', { CLUSTER: { HOST } });
    expect(text).toBe(`[CLUSTER]\nHOST = ${HOST}\n[CLUSTER]\nHOST = ${HOST}\n`);
  });
});

describe('updateConfigFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-write-back-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rewrites the file in place and keeps its permissions', async () => {
    const file = path.join(dir, 'dwh.cfg');
    await writeFile(file, USER_FILE);
    await chmod(file, 0o600);
    const changes = await updateConfigFile(file, { CLUSTER: { HOST }, IAM_ROLE: { ARN } });
    expect(changes.map((c) => c.change)).toEqual(['updated', 'updated']);
    expect(await readFile(file, 'utf8')).toBe(applyConfigUpdates(USER_FILE, { CLUSTER: { HOST }, IAM_ROLE: { ARN } }).text);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('does not touch the file when nothing changes', async () => {
    const file = path.join(dir, 'dwh.cfg');
    await writeFile(file, `[CLUSTER]\nHOST = ${HOST}\n`);
    const before = (await stat(file)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await updateConfigFile(file, { CLUSTER: { HOST } })).toEqual([{ section: 'CLUSTER', key: 'HOST', change: 'unchanged' }]);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  it('raises a typed error that keeps the cause when the file is missing', async () => {
    const error = await updateConfigFile(path.join(dir, 'missing.cfg'), { CLUSTER: { HOST } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigWriteError);
    expect((error as ConfigWriteError).code).toBe('CONFIG_WRITE');
    expect(((error as ConfigWriteError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
