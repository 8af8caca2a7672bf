#!/usr/bin/env node
// The CLI entry. Runs the compiled JavaScript in dist/ (npm install builds it: the `prepare` script)
// when it was built from src/ as it is now; otherwise, after an edit or a checkout with no
// `npm run build`, the TypeScript sources through tsx, so a stale build never runs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from '../scripts/build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let main;
if (distIsCurrent(path.join(root, 'src'), path.join(root, 'dist'))) {
  // Stack traces of --verbose point into src/ (the build writes source maps).
  if (args.includes('--verbose') || process.env.SPARKIFY_DEBUG) process.setSourceMapsEnabled(true);
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
const code = await main(args);
// Exit explicitly: a dependency's exit hook could otherwise turn a natural exit into code 0.
process.exit(code);
