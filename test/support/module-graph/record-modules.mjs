// `node --import <this file> ...`: at exit, writes every module the process loaded (ES modules through
// a load hook, CommonJS from require.cache) to the file named by RECORD_MODULES_TO, one per line.
// test/integration/cli/startup-modules.test.ts uses it to prove which packages a command loads.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.RECORD_MODULES_TO;
if (log) {
  const { port1, port2 } = new MessageChannel();
  const loaded = new Set();
  port1.on('message', (url) => loaded.add(url));
  port1.unref();
  register('./load-hook.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    for (const file of Object.keys(require.cache)) loaded.add(file);
    appendFileSync(log, [...loaded].map((m) => `${m}\n`).join(''));
  });
}
