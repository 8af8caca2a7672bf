// `npm run notebooks:execute [-- notebooks/04_analytics.ipynb ...] [-- --param from=2018-11-10 ...]`
// (through scripts/execute-notebooks.sh, which registers the kernel first): executes the notebooks in
// order, headlessly, with nbconvert. `--param NAME=VALUE` fills the notebook's `parameters` cell
// (scripts/notebook-parameters.ts) in the copy that runs. Executed copies go to
// .sparkify/executed-notebooks/ (SPARKIFY_NOTEBOOK_OUT overrides); a failing cell stops with status 1.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { declaredParameters, fillParameters, parseParam, type NotebookJson } from './notebook-parameters.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const OUT = path.resolve(process.env.SPARKIFY_NOTEBOOK_OUT ?? path.join(ROOT, '.sparkify', 'executed-notebooks'));

const files: string[] = [];
const params = new Map<string, string>();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--param') {
    const next = args[++i];
    if (next === undefined) fail('--param needs NAME=VALUE');
    params.set(...parseOrFail(next));
  } else if (arg.startsWith('--param=')) params.set(...parseOrFail(arg.slice('--param='.length)));
  else if (arg.startsWith('-')) fail(`unknown option ${arg} (notebook files and --param NAME=VALUE only)`);
  else files.push(path.resolve(arg));
}
if (files.length === 0)
  files.push(
    ...(await readdir(NOTEBOOKS))
      .filter((f) => /^\d.*\.ipynb$/.test(f))
      .sort()
      .map((f) => path.join(NOTEBOOKS, f)),
  );

const notebooks = await Promise.all(files.map(async (file) => ({ file, json: JSON.parse(await readFile(file, 'utf8')) as NotebookJson })));
if (params.size > 0) {
  const declared = new Set(notebooks.flatMap((n) => declaredParameters(n.json)));
  const unknown = [...params.keys()].filter((name) => !declared.has(name));
  if (unknown.length > 0) fail(`no notebook here takes ${unknown.join(', ')}; parameters: ${[...declared].join(', ') || 'none'}`);
}

for (const { file, json } of notebooks) {
  const takes = declaredParameters(json);
  const mine = new Map([...params].filter(([name]) => takes.includes(name)));
  const filled = fillParameters(json, mine);
  const name = path.basename(file, '.ipynb');
  process.stderr.write(`executing ${path.relative(process.cwd(), file)}${mine.size ? ` with ${[...mine].map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}\n`);
  // From stdin, so the filled copy runs with the notebook's own folder as its working folder
  // (cells load ./sparkify.cjs) without writing anything into that folder.
  const code = await nbconvert(
    ['--to', 'notebook', '--execute', '--stdin', '--output', name, '--output-dir', OUT, '--ExecutePreprocessor.timeout=3600'],
    path.dirname(file),
    JSON.stringify(filled),
  );
  if (code !== 0) fail(`${name}.ipynb failed (nbconvert exit ${code})`);
}
process.stderr.write(`executed notebooks are in ${OUT}\n`);

function nbconvert(nbArgs: string[], cwd: string, input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('jupyter', ['nbconvert', ...nbArgs], { cwd, stdio: ['pipe', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
    child.stdin.end(input);
  });
}

function parseOrFail(text: string): [string, string] {
  try {
    return parseParam(text);
  } catch (error) {
    return fail((error as Error).message);
  }
}

function fail(message: string): never {
  process.stderr.write(`notebooks:execute: ${message}\n`);
  process.exit(2);
}
