// The bridge between notebook cells and the project's TypeScript in src/.
//
// tslab compiles each cell to CommonJS with its own TypeScript and turns `import()` into
// `require()`, which cannot load this project's ES modules (`.ts` import paths; vega uses top-level
// await). A real `import()` from a CommonJS file can, once tsx's ES module loader is registered, as
// bin/sparkify.js does for the CLI. So a cell does:
//
//   const { importSrc, notebookDisplay, PROJECT_ROOT } = require('./sparkify.cjs');
//   const analytics = await importSrc('analytics/index.ts');
//   const show = notebookShow(notebookDisplay(tslab));
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// tsx's own CommonJS build of `tsx/esm/api` points its loader at a path that does not exist, so
// the ES module build is imported, once, before the first module is loaded.
const tsxReady = import('tsx/esm/api').then(({ register }) => register());

/** The checkout this notebook belongs to (dwh.cfg and .sparkify/ live here). */
const PROJECT_ROOT = path.resolve(__dirname, '..');

/** Loads `src/<modulePath>` of this project as an ES module, e.g. importSrc('analytics/index.ts'). */
async function importSrc(modulePath) {
  await tsxReady;
  return import(pathToFileURL(path.join(PROJECT_ROOT, 'src', modulePath)).href);
}

/**
 * tslab's display plus `bundle(data)`: one output holding several representations by MIME type, as
 * IPython's display sends them (tslab's own display sends one type per output). The front-end shows
 * the richest it renders: JupyterLab a Vega-Lite chart with tooltips, nbconvert's HTML the SVG beside
 * it, a terminal the text/plain. It goes through tslab's kernel module, the one the kernel runs
 * (this checkout's node_modules, see scripts/jupyter-kernel.sh), so it works only inside that kernel.
 */
function notebookDisplay(tslab) {
  const kernel = require('tslab/dist/jupyter');
  return {
    html: (html) => tslab.display.html(html),
    svg: (svg) => tslab.display.svg(svg),
    text: (text) => tslab.display.text(text),
    bundle(data) {
      if (typeof kernel.lastWriteDisplayData !== 'function') throw new Error('notebookDisplay().bundle works only inside a tslab kernel');
      kernel.lastWriteDisplayData({ data, metadata: {}, transient: {} }, false);
    },
  };
}

module.exports = { importSrc, notebookDisplay, PROJECT_ROOT };
