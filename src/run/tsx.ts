import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where tsx is, for a child process or a thread that runs this project's TypeScript sources (a
 * stale build, the tests). Absolute file URLs: a bare `tsx` is resolved from the working folder,
 * which may be anywhere (a temporary folder, a user's project).
 */
export function tsxLoaderUrl(): string {
  return pathToFileURL(path.join(tsxFolder(), tsxExport('.'))).href;
}

/** tsx's ES module API (`register()`), for a thread started from a script that imports it. */
export function tsxEsmApiUrl(): string {
  return pathToFileURL(path.join(tsxFolder(), tsxExport('./esm/api'))).href;
}

function tsxFolder(): string {
  return path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
}

type ExportTarget = string | { readonly import?: ExportTarget; readonly default?: ExportTarget };

/** The ES module file a subpath of tsx's package exports (its `import` condition, if it has one). */
function tsxExport(subpath: string): string {
  const manifest = JSON.parse(readFileSync(path.join(tsxFolder(), 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget> };
  let target: ExportTarget | undefined = manifest.exports[subpath];
  while (target !== undefined && typeof target !== 'string') target = target.import ?? target.default;
  if (target === undefined) throw new Error(`tsx exports no ${subpath}`);
  return target;
}
