import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assertConfigFor, loadConfig, parseConfig } from '#src/config/index.ts';
import { ConfigError } from '#src/errors.ts';

describe('config', () => {
  it('reads the committed example', () => {
    const config = parseConfig(readFileSync('dwh.cfg.example', 'utf8'), { baseDir: '/project' });
    expect(config.warehouse).toEqual({
      engine: 'embedded',
      dataDir: '/project/.sparkify/pg',
      port: 54329,
      connectTimeoutSeconds: 10,
      lockTimeoutSeconds: 0,
      statementTimeoutSeconds: 21600,
    });
    expect(config.s3.usesSample).toBe(true);
    expect(config.s3.logData).toBe('/project/.sparkify/sample/log_data');
    expect(config.s3.maxErrors).toBe(0);
    expect(config.cluster.access).toBe('direct');
    expect(config.aws.region).toBe('us-west-2');
  });

  it('reads the run lock wait and the timeouts, and rejects nonsense', () => {
    const config = parseConfig('[WAREHOUSE]\nLOCK_TIMEOUT = 300\nCONNECT_TIMEOUT = 3\nSTATEMENT_TIMEOUT = 0\n');
    expect(config.warehouse).toMatchObject({ lockTimeoutSeconds: 300, connectTimeoutSeconds: 3, statementTimeoutSeconds: 0 });
    expect(() => parseConfig('[WAREHOUSE]\nCONNECT_TIMEOUT = 0\nLOCK_TIMEOUT = soon\n')).toThrow(
      "[WAREHOUSE] LOCK_TIMEOUT: 'soon' is not a whole number from 0 to 604800\n  [WAREHOUSE] CONNECT_TIMEOUT: '0' is not a whole number from 1 to 3600",
    );
  });

  it('defaults to the embedded engine with no file at all', () => {
    const config = loadConfig({ cwd: '/nonexistent-dir', env: {} });
    expect(config.file).toBeUndefined();
    expect(config.warehouse.engine).toBe('embedded');
  });

  it('fails on an explicit file that does not exist', () => {
    expect(() => loadConfig({ file: '/nonexistent/dwh.cfg', env: {} })).toThrow(/dwh\.cfg:\n.*file not found/);
  });

  it('lists every missing or invalid key in one error', () => {
    const text = `[WAREHOUSE]\nENGINE = oracle\nPORT = 99999\n[CLUSTER]\nNUM_NODES = two\nACCESS = carrier-pigeon\nINGRESS_CIDR = 0.0.0.0\nCOLOR = blue\n[S3]\nMAXERROR = -1\n[AWS]\nKEY = AKIA123\n[EXTRA]\nA = 1\n`;
    let error: ConfigError | undefined;
    try {
      parseConfig(text, { file: 'dwh.cfg' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => `${p.section}.${p.key}`).sort()).toEqual(
      [
        'AWS.SECRET',
        'CLUSTER.ACCESS',
        'CLUSTER.COLOR',
        'CLUSTER.INGRESS_CIDR',
        'CLUSTER.NUM_NODES',
        'EXTRA.-',
        'S3.MAXERROR',
        'WAREHOUSE.ENGINE',
        'WAREHOUSE.PORT',
      ].sort(),
    );
    expect(error!.message).toContain("[WAREHOUSE] ENGINE: 'oracle' is not one of embedded, postgres, redshift");
  });

  it('lets SPARKIFY_<SECTION>_<KEY> environment variables override the file', () => {
    const config = parseConfig('[WAREHOUSE]\nENGINE = embedded\n[CLUSTER]\nHOST = a\n', {
      env: { SPARKIFY_WAREHOUSE_ENGINE: 'postgres', SPARKIFY_CLUSTER_HOST: 'db.internal', SPARKIFY_S3_MAXERROR: '5', SPARKIFY_CLUSTER_DB_PASSWORD: 'pw' },
    });
    expect(config.warehouse.engine).toBe('postgres');
    expect(config.cluster.host).toBe('db.internal');
    expect(config.s3.maxErrors).toBe(5);
    expect(config.cluster.dbPassword.reveal()).toBe('pw');
  });

  it('keeps relative paths relative to the config file, s3:// URIs and auto as they are', () => {
    const config = parseConfig('[S3]\nLOG_DATA = data/log_data\nSONG_DATA = s3://udacity-dend/song_data\nLOG_JSONPATH = auto\n', { baseDir: '/cfg' });
    expect(config.s3).toMatchObject({ logData: '/cfg/data/log_data', songData: 's3://udacity-dend/song_data', logJsonPath: 'auto', usesSample: false });
  });

  it('never shows secrets: not in JSON, template strings, inspect, or errors', () => {
    const config = parseConfig('[CLUSTER]\nDB_PASSWORD = hunter2\n[AWS]\nKEY = AKIAEXAMPLE\nSECRET = s3cr3t\n');
    const shown = [JSON.stringify(config), `${config.cluster.dbPassword}`, inspect(config, { depth: 5 }), String(config.aws.secret)].join('\n');
    expect(shown).not.toMatch(/hunter2|s3cr3t|AKIAEXAMPLE/);
    expect(config.cluster.dbPassword.reveal()).toBe('hunter2');
  });

  it('is frozen all the way down', () => {
    const config = parseConfig('');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.s3)).toBe(true);
    expect(() => {
      (config.warehouse as { engine: string }).engine = 'redshift';
    }).toThrow(TypeError);
  });

  it('checks what each use needs: Redshift loads need the role, s3:// sources and a host', () => {
    const config = parseConfig('[WAREHOUSE]\nENGINE = redshift\n[S3]\nLOG_DATA = ./logs\nLOG_JSONPATH = auto\nSONG_DATA = s3://b/song_data\n');
    expect(() => assertConfigFor(config, 'load')).toThrow(ConfigError);
    try {
      assertConfigFor(config, 'load');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => `${p.section}.${p.key}`)).toEqual([
        'CLUSTER.HOST',
        'CLUSTER.DB_PASSWORD',
        'IAM_ROLE.ARN',
        'S3.LOG_DATA',
      ]);
    }
    expect(() => assertConfigFor(parseConfig('[WAREHOUSE]\nENGINE = postgres\n'), 'connect')).toThrow(/HOST: required for ENGINE = postgres/);
  });
});
