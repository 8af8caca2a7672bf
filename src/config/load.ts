import { readFileSync } from 'node:fs';
import path from 'node:path';
import ini from 'ini';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import { locateConfig } from './discover.ts';
import { unknownVariableProblems } from './environment.ts';
import { Secret } from './secret.ts';
import { ACCESS_MODES, CLUSTER_KINDS, ENGINES, S3_SIGNING_MODES, type AccessMode, type ClusterKind, type DwhConfig, type S3Signing } from './types.ts';

/** Where `npm start` and the notebooks keep the generated sample dataset, under the data folder. */
export const DEFAULT_SAMPLE_DIR = '.sparkify/sample';

/**
 * Lock: a second run fails at once, naming the run that holds the warehouse (waiting is opt-in).
 * Connect: a server that accepts and never answers is reported after 10 s. Statement: generous, for
 * loads of tens of millions of rows (the largest single statement measured, the 10M-event songplays
 * insert, takes a few minutes).
 */
export const DEFAULT_TIMEOUTS = { lockSeconds: 0, connectSeconds: 10, statementSeconds: 6 * 3600 } as const;

/**
 * Every AWS call (S3 reads and the control plane): a connection within 10 s; a request whose answer
 * does not start, or a response that stalls, for 2 minutes fails (each attempt; the SDK retries).
 */
export const DEFAULT_AWS_TIMEOUTS = { connectSeconds: 10, requestSeconds: 120 } as const;

/**
 * Every key the product reads, by section. Any of them can be overridden from the environment as
 * SPARKIFY_<SECTION>_<KEY>, e.g. SPARKIFY_WAREHOUSE_ENGINE=postgres or SPARKIFY_CLUSTER_DB_PASSWORD.
 */
export const KNOWN_KEYS = {
  WAREHOUSE: ['ENGINE', 'DATA_DIR', 'PORT', 'LOCK_TIMEOUT', 'CONNECT_TIMEOUT', 'STATEMENT_TIMEOUT'],
  CLUSTER: [
    'HOST',
    'DB_NAME',
    'DB_USER',
    'DB_PASSWORD',
    'DB_PORT',
    'IDENTIFIER',
    'KIND',
    'NODE_TYPE',
    'NUM_NODES',
    'BASE_CAPACITY',
    'SECRET_ARN',
    'ACCESS',
    'SSL',
    'INGRESS_CIDR',
  ],
  IAM_ROLE: ['ARN', 'NAME'],
  S3: ['LOG_DATA', 'LOG_JSONPATH', 'LOG_PARTITION', 'SONG_DATA', 'MAXERROR', 'SIGNING', 'ACCEPTINVCHARS'],
  AWS: ['REGION', 'KEY', 'SECRET', 'CONNECT_TIMEOUT', 'REQUEST_TIMEOUT'],
  CHECKS: ['MAX_AGE_DAYS', 'VOLUME_FACTOR'],
} as const satisfies Record<string, readonly string[]>;

type SectionName = keyof typeof KNOWN_KEYS;

/** The [S3] keys that name the data; all or none of them must be set. */
const SOURCE_KEYS = ['LOG_DATA', 'LOG_JSONPATH', 'SONG_DATA'] as const;
type RawConfig = { [S in SectionName]: Partial<Record<(typeof KNOWN_KEYS)[S][number], string>> };

export interface LoadConfigOptions {
  /** Explicit file: it must exist. Without it: SPARKIFY_CONFIG, else dwh.cfg found upward from cwd, else the defaults. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Finds the config (see locateConfig), applies SPARKIFY_* environment overrides, validates, freezes.
 * Relative paths resolve against the config file's folder, or the project root when there is no file.
 */
export function loadConfig(options: LoadConfigOptions = {}): DwhConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const location = locateConfig({ file: options.file, env, cwd });
  let text: string | undefined;
  if (location.file !== undefined) {
    try {
      text = readFileSync(location.file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const how = location.origin === 'environment' ? ' (named by SPARKIFY_CONFIG)' : '';
      throw new ConfigError(location.file, [{ section: '-', key: '-', problem: missing ? `file not found${how}` : String(error) }], { cause: error });
    }
  }
  return parseConfig(text ?? '', { file: location.file, env, baseDir: location.baseDir });
}

export interface ParseConfigOptions {
  file?: string;
  env?: NodeJS.ProcessEnv;
  baseDir?: string;
}

export function parseConfig(text: string, options: ParseConfigOptions = {}): DwhConfig {
  const source = options.file ?? 'configuration';
  const baseDir = options.baseDir ?? process.cwd();
  const problems: ConfigProblem[] = [];
  const raw = readSections(ini.parse(text), options.env ?? {}, problems);
  const field = new FieldReader(raw, problems);

  const engine = field.oneOf('WAREHOUSE', 'ENGINE', ENGINES, 'embedded');
  // The generated sample stands in only for a config that names no source at all: a half-configured
  // [S3] would otherwise mix the user's data with synthetic data, key by key.
  const namedSources = SOURCE_KEYS.filter((key) => field.text('S3', key) !== undefined);
  if (namedSources.length > 0) {
    for (const key of SOURCE_KEYS.filter((k) => !namedSources.includes(k))) {
      problems.push({
        section: 'S3',
        key,
        problem: `missing or empty, but [S3] sets ${namedSources.join(', ')}: set all of ${SOURCE_KEYS.join(', ')} (or none, to use the generated sample)`,
      });
    }
  }
  const resolvePath = (value: string) => (isRemote(value) ? value : path.resolve(baseDir, value));
  const sample = (leaf: string) => resolvePath(path.join(DEFAULT_SAMPLE_DIR, leaf));

  const config: DwhConfig = {
    file: options.file,
    baseDir,
    warehouse: {
      engine,
      dataDir: resolvePath(field.text('WAREHOUSE', 'DATA_DIR') ?? '.sparkify/pg'),
      port: field.port('WAREHOUSE', 'PORT', 54329),
      lockTimeoutSeconds: field.integer('WAREHOUSE', 'LOCK_TIMEOUT', DEFAULT_TIMEOUTS.lockSeconds, { min: 0, max: 7 * 24 * 3600 }),
      connectTimeoutSeconds: field.integer('WAREHOUSE', 'CONNECT_TIMEOUT', DEFAULT_TIMEOUTS.connectSeconds, { min: 1, max: 3600 }),
      statementTimeoutSeconds: field.integer('WAREHOUSE', 'STATEMENT_TIMEOUT', DEFAULT_TIMEOUTS.statementSeconds, { min: 0, max: 7 * 24 * 3600 }),
    },
    cluster: {
      host: field.text('CLUSTER', 'HOST'),
      dbName: field.text('CLUSTER', 'DB_NAME') ?? (engine === 'redshift' ? 'dev' : 'sparkify'),
      dbUser: field.text('CLUSTER', 'DB_USER') ?? (engine === 'redshift' ? 'awsuser' : 'sparkify'),
      dbPassword: new Secret(field.text('CLUSTER', 'DB_PASSWORD') ?? ''),
      dbPort: field.port('CLUSTER', 'DB_PORT', engine === 'redshift' ? 5439 : 5432),
      identifier: field.text('CLUSTER', 'IDENTIFIER') ?? 'sparkify-cluster',
      kind: field.oneOf('CLUSTER', 'KIND', CLUSTER_KINDS, 'provisioned' as ClusterKind),
      // The smallest RA3 type AWS sells today, at its smallest multi-node size (see cluster/node-types.ts).
      nodeType: field.text('CLUSTER', 'NODE_TYPE') ?? 'ra3.large',
      numNodes: field.integer('CLUSTER', 'NUM_NODES', 2, { min: 1, max: 128 }),
      // Redshift Serverless' smallest base capacity (see cluster/serverless/capacity.ts).
      baseCapacity: field.integer('CLUSTER', 'BASE_CAPACITY', 4, { min: 1, max: 1024 }),
      secretArn: field.text('CLUSTER', 'SECRET_ARN'),
      access: field.oneOf('CLUSTER', 'ACCESS', ACCESS_MODES, 'direct' as AccessMode),
      ssl: field.boolean('CLUSTER', 'SSL', engine === 'redshift'),
      ingressCidr: field.cidr('CLUSTER', 'INGRESS_CIDR'),
    },
    iamRole: {
      arn: field.text('IAM_ROLE', 'ARN'),
      name: field.text('IAM_ROLE', 'NAME') ?? 'sparkify-redshift-s3-read',
    },
    s3: {
      logData: resolvePath(field.text('S3', 'LOG_DATA') ?? sample('log_data')),
      logJsonPath: resolveJsonPaths(field.text('S3', 'LOG_JSONPATH'), resolvePath) ?? sample('log_json_path.json'),
      logPartition: partitionPattern(field.text('S3', 'LOG_PARTITION'), problems),
      songData: resolvePath(field.text('S3', 'SONG_DATA') ?? sample('song_data')),
      usesSample: namedSources.length === 0,
      maxErrors: field.integer('S3', 'MAXERROR', 0, { min: 0, max: 1_000_000_000 }),
      signing: field.oneOf('S3', 'SIGNING', S3_SIGNING_MODES, 'auto' as S3Signing),
      acceptInvChars: field.replacementChar('S3', 'ACCEPTINVCHARS'),
    },
    checks: {
      maxAgeDays: field.text('CHECKS', 'MAX_AGE_DAYS') === undefined ? undefined : field.integer('CHECKS', 'MAX_AGE_DAYS', 0, { min: 0, max: 3650 }),
      volumeFactor: field.integer('CHECKS', 'VOLUME_FACTOR', 3, { min: 2, max: 1000 }),
    },
    aws: {
      region: field.text('AWS', 'REGION') ?? options.env?.AWS_REGION ?? 'us-west-2',
      key: optionalSecret(field.text('AWS', 'KEY')),
      secret: optionalSecret(field.text('AWS', 'SECRET')),
      connectTimeoutSeconds: field.integer('AWS', 'CONNECT_TIMEOUT', DEFAULT_AWS_TIMEOUTS.connectSeconds, { min: 1, max: 3600 }),
      requestTimeoutSeconds: field.integer('AWS', 'REQUEST_TIMEOUT', DEFAULT_AWS_TIMEOUTS.requestSeconds, { min: 1, max: 24 * 3600 }),
    },
  };
  if (config.aws.key && !config.aws.secret) problems.push({ section: 'AWS', key: 'SECRET', problem: 'KEY is set but SECRET is missing' });
  if (problems.length > 0) throw new ConfigError(source, problems);
  return deepFreeze(config);
}

export const DEFAULT_LOG_PARTITION = '{yyyy}/{mm}/{yyyy}-{mm}-{dd}-events.json';

/** LOG_PARTITION: a relative key using only {yyyy}, {mm}, {dd}, with {dd} at least (a partition is one day). */
function partitionPattern(value: string | undefined, problems: ConfigProblem[]): string {
  if (value === undefined) return DEFAULT_LOG_PARTITION;
  const unknown = [...value.matchAll(/\{([^}]*)\}/g)].map((m) => m[0]).filter((p) => !['{yyyy}', '{mm}', '{dd}'].includes(p));
  if (unknown.length > 0) problems.push({ section: 'S3', key: 'LOG_PARTITION', problem: `unknown placeholder ${unknown.join(', ')} (use {yyyy}, {mm}, {dd})` });
  else if (!value.includes('{dd}')) problems.push({ section: 'S3', key: 'LOG_PARTITION', problem: 'must contain {dd}: a partition is one day' });
  else if (value.startsWith('/') || /^s3:/i.test(value)) problems.push({ section: 'S3', key: 'LOG_PARTITION', problem: 'must be relative to LOG_DATA' });
  return value;
}

/** True for `s3://...` URIs; everything else is a local path. */
export function isRemote(value: string): boolean {
  return /^s3:\/\//i.test(value);
}

/** LOG_JSONPATH may be a path/URI to a JSONPaths file or the word `auto` / `auto ignorecase`. */
function resolveJsonPaths(value: string | undefined, resolvePath: (v: string) => string): string | undefined {
  if (value === undefined) return undefined;
  return /^auto( ignorecase)?$/i.test(value) ? value.toLowerCase() : resolvePath(value);
}

function optionalSecret(value: string | undefined): Secret | undefined {
  return value === undefined ? undefined : new Secret(value);
}

function readSections(parsed: Record<string, unknown>, env: NodeJS.ProcessEnv, problems: ConfigProblem[]): RawConfig {
  const raw = {} as Record<string, Record<string, string>>;
  problems.push(...unknownVariableProblems(env, KNOWN_KEYS));
  for (const [section, keys] of Object.entries(KNOWN_KEYS) as [string, readonly string[]][]) {
    const values: Record<string, string> = {};
    const fromFile = findCaseInsensitive(parsed, section);
    if (fromFile !== undefined && (typeof fromFile !== 'object' || fromFile === null)) {
      problems.push({ section, key: '-', problem: 'expected a [section], found a plain key' });
    }
    const fileSection = typeof fromFile === 'object' && fromFile !== null ? (fromFile as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(fileSection)) {
      const known = keys.find((k) => k === key.toUpperCase());
      if (!known) {
        problems.push({ section, key, problem: `unknown key (known: ${keys.join(', ')})` });
      } else if (typeof value === 'boolean') {
        // ini turns the words true and false into booleans (e.g. SSL = false); they are text here.
        values[known] = String(value);
      } else if (typeof value !== 'string') {
        problems.push({ section, key: known, problem: 'expected a single value' });
      } else {
        values[known] = unquote(value.trim());
      }
    }
    for (const key of keys) {
      const override = env[`SPARKIFY_${section}_${key}`];
      if (override !== undefined) values[key] = override.trim();
    }
    raw[section] = values;
  }
  for (const section of Object.keys(parsed)) {
    if (!(section.toUpperCase() in KNOWN_KEYS)) {
      problems.push({ section, key: '-', problem: `unknown section (known: ${Object.keys(KNOWN_KEYS).join(', ')})` });
    }
  }
  return raw as RawConfig;
}

function findCaseInsensitive(record: Record<string, unknown>, key: string): unknown {
  const match = Object.keys(record).find((k) => k.toUpperCase() === key);
  return match === undefined ? undefined : record[match];
}

/** configparser-style files often quote values; ini keeps the quotes when a value has inner spaces. */
function unquote(value: string): string {
  const quoted = /^'(.*)'$/s.exec(value) ?? /^"(.*)"$/s.exec(value);
  return quoted ? quoted[1]! : value;
}

class FieldReader {
  constructor(
    private readonly raw: RawConfig,
    private readonly problems: ConfigProblem[],
  ) {}

  text<S extends SectionName>(section: S, key: (typeof KNOWN_KEYS)[S][number]): string | undefined {
    const value = (this.raw[section] as Record<string, string | undefined>)[key];
    return value === undefined || value === '' ? undefined : value;
  }

  oneOf<S extends SectionName, T extends string>(section: S, key: (typeof KNOWN_KEYS)[S][number], allowed: readonly T[], fallback: T): T {
    const value = this.text(section, key);
    if (value === undefined) return fallback;
    const match = allowed.find((a) => a === value.toLowerCase());
    if (match) return match;
    this.problems.push({ section, key, problem: `'${value}' is not one of ${allowed.join(', ')}` });
    return fallback;
  }

  integer<S extends SectionName>(section: S, key: (typeof KNOWN_KEYS)[S][number], fallback: number, range: { min: number; max: number }): number {
    const value = this.text(section, key);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (/^\d+$/.test(value) && number >= range.min && number <= range.max) return number;
    this.problems.push({ section, key, problem: `'${value}' is not a whole number from ${range.min} to ${range.max}` });
    return fallback;
  }

  port<S extends SectionName>(section: S, key: (typeof KNOWN_KEYS)[S][number], fallback: number): number {
    return this.integer(section, key, fallback, { min: 1, max: 65535 });
  }

  boolean<S extends SectionName>(section: S, key: (typeof KNOWN_KEYS)[S][number], fallback: boolean): boolean {
    const value = this.text(section, key)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', 'yes', 'on', '1'].includes(value)) return true;
    if (['false', 'no', 'off', '0'].includes(value)) return false;
    this.problems.push({ section, key, problem: `'${value}' is not true or false` });
    return fallback;
  }

  /** Redshift's ACCEPTINVCHARS [AS 'c']: off when unset or false, '?' when true, else one ASCII character. */
  replacementChar<S extends SectionName>(section: S, key: (typeof KNOWN_KEYS)[S][number]): string | undefined {
    const value = this.text(section, key);
    if (value === undefined || ['false', 'no', 'off'].includes(value.toLowerCase())) return undefined;
    if (['true', 'yes', 'on'].includes(value.toLowerCase())) return '?';
    if (/^[\x20-\x7e]$/.test(value)) return value;
    this.problems.push({ section, key, problem: `'${value}' is not true, false or one ASCII character to put in place of each invalid byte` });
    return undefined;
  }

  cidr<S extends SectionName>(section: S, key: (typeof KNOWN_KEYS)[S][number]): string | undefined {
    const value = this.text(section, key);
    if (value === undefined) return undefined;
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    if (match && match.slice(1, 5).every((o) => Number(o) <= 255) && Number(match[5]) <= 32) return value;
    this.problems.push({ section, key, problem: `'${value}' is not an IPv4 CIDR such as 203.0.113.7/32` });
    return undefined;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
