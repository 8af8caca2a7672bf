import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The config file's name, looked for upward from the working folder. */
export const CONFIG_FILE_NAME = 'dwh.cfg';

/** The environment variable naming a config file (used when no --config is given). */
export const CONFIG_ENV_VARIABLE = 'SPARKIFY_CONFIG';

/** How the config file was chosen, for `--verbose` and docs. */
export type ConfigOrigin = 'option' | 'environment' | 'found upward' | 'defaults';

export interface ConfigLocation {
  /** The file to read; undefined when none exists and the defaults apply. */
  readonly file: string | undefined;
  /** Folder that relative paths in the config (DATA_DIR, [S3] sources, ...) resolve against. */
  readonly baseDir: string;
  readonly origin: ConfigOrigin;
  /** True when the file was named explicitly (option or environment), so it must exist. */
  readonly explicit: boolean;
}

/**
 * The product's own folder: the one holding its package.json. Without any dwh.cfg, the defaults
 * (embedded engine, data in <root>/.sparkify) apply from whatever folder the command runs in, so a
 * subfolder never grows a second, empty warehouse of its own.
 */
export function projectRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
}

/**
 * Finds the config as npm and git find theirs: an explicit file (the --config option, else
 * SPARKIFY_CONFIG, relative to the working folder), else `dwh.cfg` in the working folder or the nearest
 * folder above it, else none (the defaults, relative to the project root).
 */
export function locateConfig(options: { file?: string; env?: NodeJS.ProcessEnv; cwd: string }): ConfigLocation {
  const fromEnv = options.env?.[CONFIG_ENV_VARIABLE];
  const named = options.file ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  if (named !== undefined) {
    const file = path.resolve(options.cwd, named);
    return { file, baseDir: path.dirname(file), origin: options.file !== undefined ? 'option' : 'environment', explicit: true };
  }
  const found = findUpward(path.resolve(options.cwd), CONFIG_FILE_NAME);
  if (found) return { file: found, baseDir: path.dirname(found), origin: 'found upward', explicit: false };
  return { file: undefined, baseDir: projectRoot(), origin: 'defaults', explicit: false };
}

function findUpward(start: string, name: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate) && !statSync(candidate).isDirectory()) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
