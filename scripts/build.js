#!/usr/bin/env node
// npm run build (and `prepare`, which npm install and npm ci run): compiles src/ to dist/ ahead of
// time, so that the CLI starts without transpiling TypeScript. Type errors are `npm run typecheck`'s
// business (npm test); this only emits. Relative `.ts` imports become `.js`
// (rewriteRelativeImportExtensions); files that are not TypeScript (the report's assets) are copied.
// dist/build-info.json records which sources it was built from (bin/sparkify.js runs the sources
// through tsx when they changed since).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INFO, forEachFile, sourceFingerprint } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');
const distDir = path.join(root, 'dist');
// Per process, so that two builds at once (say npm install while npm run build runs) never share one.
const staging = path.join(root, `.dist-building-${process.pid}`);
// The project's own TypeScript (node_modules/.bin/tsc may be another package's older copy).
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const source = sourceFingerprint(srcDir);
rmSync(staging, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build: tsc failed (exit ${result.status ?? result.signal}); dist/ left as it was`);
  process.exit(1);
}
copyAssets(srcDir, staging);
writeFileSync(path.join(staging, BUILD_INFO), `${JSON.stringify({ builtAt: new Date().toISOString(), source }, null, 2)}\n`);
// Swap in whole, so that a CLI starting meanwhile never sees half a build. Another build may swap its
// own in between the two calls: then retry, so dist/ is always one whole build.
for (let attempt = 1; ; attempt++) {
  rmSync(distDir, { recursive: true, force: true });
  try {
    renameSync(staging, distDir);
    break;
  } catch (error) {
    if (attempt >= 5 || (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST')) throw error;
  }
}
console.error(`build: ${source.files} source files compiled to ${path.relative(process.cwd(), distDir) || distDir}`);

function copyAssets(from, to) {
  forEachFile(from, (source) => {
    if (source.endsWith('.ts')) return;
    const target = path.join(to, path.relative(from, source));
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(source, target);
  });
}
