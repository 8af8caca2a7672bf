import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, locateConfig, parseConfig, projectRoot } from '#src/config/index.ts';
import { ConfigError } from '#src/errors.ts';

let root: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'sparkify-discovery-')));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.section}.${p.key}: ${p.problem}`);
  }
  throw new Error('expected a ConfigError');
}

describe('finding the config', () => {
  it('uses dwh.cfg from the nearest folder upward, with paths relative to that folder (DATA_DIR included)', async () => {
    await writeFile(
      path.join(root, 'dwh.cfg'),
      '[WAREHOUSE]\nDATA_DIR = warehouse/pg\n[S3]\nLOG_DATA = data/log_data\nLOG_JSONPATH = data/paths.json\nSONG_DATA = data/song_data\n',
    );
    const deep = path.join(root, 'notebooks', 'drafts', 'deeper');
    await mkdir(deep, { recursive: true });
    for (const cwd of [root, path.join(root, 'notebooks'), deep]) {
      const config = loadConfig({ cwd, env: {} });
      expect(config.file).toBe(path.join(root, 'dwh.cfg'));
      expect(config.warehouse.dataDir).toBe(path.join(root, 'warehouse/pg'));
      expect(config.s3).toMatchObject({
        logData: path.join(root, 'data/log_data'),
        songData: path.join(root, 'data/song_data'),
        logJsonPath: path.join(root, 'data/paths.json'),
      });
    }
  });

  it('prefers the nearer dwh.cfg, then SPARKIFY_CONFIG over it, then --config over both', async () => {
    const sub = path.join(root, 'sub');
    await mkdir(sub);
    await writeFile(path.join(root, 'dwh.cfg'), '[WAREHOUSE]\nPORT = 1001\n');
    await writeFile(path.join(sub, 'dwh.cfg'), '[WAREHOUSE]\nPORT = 1002\n');
    await writeFile(path.join(root, 'env.cfg'), '[WAREHOUSE]\nPORT = 1003\n');
    await writeFile(path.join(root, 'flag.cfg'), '[WAREHOUSE]\nPORT = 1004\n');
    expect(loadConfig({ cwd: sub, env: {} }).warehouse.port).toBe(1002);
    expect(loadConfig({ cwd: sub, env: { SPARKIFY_CONFIG: '../env.cfg' } }).warehouse.port).toBe(1003);
    expect(loadConfig({ cwd: sub, env: { SPARKIFY_CONFIG: '../env.cfg' }, file: '../flag.cfg' }).warehouse.port).toBe(1004);
    expect(locateConfig({ cwd: sub, env: { SPARKIFY_CONFIG: '../env.cfg' } })).toMatchObject({ origin: 'environment', baseDir: root });
  });

  it('fails when SPARKIFY_CONFIG names a file that does not exist, saying so', () => {
    expect(() => loadConfig({ cwd: root, env: { SPARKIFY_CONFIG: 'missing.cfg' } })).toThrow(/missing\.cfg:\n.*file not found \(named by SPARKIFY_CONFIG\)/);
  });

  it('without any dwh.cfg, uses the defaults relative to the project root, whatever the working folder', async () => {
    const config = loadConfig({ cwd: root, env: {} });
    expect(config.file).toBeUndefined();
    expect(config.baseDir).toBe(projectRoot());
    expect(config.warehouse.dataDir).toBe(path.join(projectRoot(), '.sparkify/pg'));
    expect(config.s3.logData).toBe(path.join(projectRoot(), '.sparkify/sample/log_data'));
    expect(path.join(projectRoot(), 'package.json')).toBe(path.resolve('package.json'));
  });
});

describe('[S3] sources: all or none', () => {
  it('uses the generated sample only when no source key is set (MAXERROR alone does not count)', () => {
    expect(parseConfig('[S3]\nMAXERROR = 3\n', { baseDir: '/p' }).s3).toMatchObject({ usesSample: true, logData: '/p/.sparkify/sample/log_data' });
    expect(parseConfig('[S3]\nLOG_DATA =\nSONG_DATA =\nLOG_JSONPATH =\n', { baseDir: '/p' }).s3.usesSample).toBe(true);
  });

  it('names every missing or empty source key when only some are set', () => {
    expect(problemsOf(() => parseConfig('[S3]\nSONG_DATA = /data/song_data\nLOG_DATA =\n'))).toEqual([
      'S3.LOG_DATA: missing or empty, but [S3] sets SONG_DATA: set all of LOG_DATA, LOG_JSONPATH, SONG_DATA (or none, to use the generated sample)',
      'S3.LOG_JSONPATH: missing or empty, but [S3] sets SONG_DATA: set all of LOG_DATA, LOG_JSONPATH, SONG_DATA (or none, to use the generated sample)',
    ]);
  });

  it('counts sources set from the environment too', () => {
    expect(problemsOf(() => parseConfig('', { env: { SPARKIFY_S3_LOG_DATA: 's3://b/log_data', SPARKIFY_S3_LOG_JSONPATH: 'auto' } }))).toEqual([
      expect.stringMatching(/^S3\.SONG_DATA: missing or empty, but \[S3\] sets LOG_DATA, LOG_JSONPATH/),
    ]);
  });
});

describe('SPARKIFY_* environment variables', () => {
  it('refuses an unknown one, suggesting the closest known name and listing them all', () => {
    const problems = problemsOf(() => parseConfig('', { env: { SPARKIFY_WAREHOUSE_ENGIN: 'postgres', SPARKIFY_COLOUR: 'blue', HOME: '/root' } }));
    expect(problems[0]).toBe('environment.SPARKIFY_WAREHOUSE_ENGIN: unknown variable (did you mean SPARKIFY_WAREHOUSE_ENGINE?)');
    expect(problems[1]).toBe('environment.SPARKIFY_COLOUR: unknown variable');
    expect(problems[2]).toMatch(/^environment\.-: known SPARKIFY_\* variables: SPARKIFY_CONFIG, .*SPARKIFY_WAREHOUSE_ENGINE, .*SPARKIFY_CLUSTER_DB_PASSWORD/);
    expect(problems).toHaveLength(3);
  });

  it("accepts every config override, SPARKIFY_CONFIG and the notebook scripts' variables", async () => {
    await writeFile(path.join(root, 'x.cfg'), '');
    const env = {
      SPARKIFY_CONFIG: path.join(root, 'x.cfg'),
      SPARKIFY_PYTHON: '/usr/bin/python3',
      SPARKIFY_JUPYTER_DIR: '/j',
      SPARKIFY_NOTEBOOK_OUT: '/o',
      SPARKIFY_S3_MAXERROR: '2',
    };
    expect(loadConfig({ cwd: root, env }).s3.maxErrors).toBe(2);
  });
});
