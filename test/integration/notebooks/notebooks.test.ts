import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECK_NAMES } from '../../support/data-checks.ts';
import { requireOrSkip } from '../../support/requirements.ts';
import { outputsOf, readNotebook, richOutputs, stderrByCell, text, type Notebook } from './notebook-files.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOTEBOOKS_DIR = path.join(ROOT, 'notebooks');
const NOTEBOOKS = ['01_create_cluster', '02_check_cluster_status', '03_create_tables_and_etl', '04_analytics', '05_delete_cluster'];
const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data', 'sparkify');
const publicData = existsSync(path.join(SHARED_DATA, 'log_json_path.json'));

describe('notebooks as committed', () => {
  it('are the five numbered notebooks, on the tslab kernel, with outputs stripped', () => {
    const files = readdirSync(NOTEBOOKS_DIR).filter((f) => f.endsWith('.ipynb'));
    expect(files.sort()).toEqual(NOTEBOOKS.map((n) => `${n}.ipynb`));
    for (const name of NOTEBOOKS) {
      const notebook = readNotebook(path.join(NOTEBOOKS_DIR, `${name}.ipynb`));
      expect(notebook.metadata.kernelspec?.name, name).toBe('tslab');
      // nbformat 4.5: every cell has an id of its own.
      expect([notebook.nbformat, notebook.nbformat_minor], name).toEqual([4, 5]);
      const ids = notebook.cells.map((c) => c.id);
      expect(
        ids.filter((id) => typeof id !== 'string' || id === ''),
        `${name}: cells without an id`,
      ).toEqual([]);
      expect(new Set(ids).size, `${name}: repeated cell ids`).toBe(ids.length);
      const code = notebook.cells.filter((c) => c.cell_type === 'code');
      expect(
        code.every((c) => (c.outputs ?? []).length === 0 && c.execution_count == null),
        `${name} has outputs`,
      ).toBe(true);
      expect(
        notebook.cells.some((c) => c.cell_type === 'markdown'),
        `${name} explains its steps`,
      ).toBe(true);
      // Cells call src/; a long cell is logic that belongs there.
      for (const cell of code) expect(text(cell.source).split('\n').length, `${name}: ${text(cell.source)}`).toBeLessThanOrEqual(12);
    }
  });
});

/** Why notebooks cannot run here, or undefined when they can. */
function jupyterMissing(): string | undefined {
  const nbconvert = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  if (nbconvert.error || nbconvert.status !== 0) return '`jupyter nbconvert` is not installed';
  const python = process.env.SPARKIFY_PYTHON ?? '/usr/bin/python3';
  const client = spawnSync(python, ['-c', 'import nbclient, jupyter_client, IPython'], { encoding: 'utf8' });
  if (client.error || client.status !== 0) return `${python} lacks nbclient / jupyter_client / IPython`;
  return undefined;
}

const INSTALL =
  'install Jupyter as .ci/run does: apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipython';
const jupyter = jupyterMissing();
const missing = requireOrSkip('the notebook tests', jupyter && `${jupyter}; ${INSTALL}`) ? undefined : jupyter;

describe.skipIf(missing !== undefined)(`notebooks executed headlessly on the embedded engine${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let workDir: string;
  let env: NodeJS.ProcessEnv;
  const executed = new Map<string, Notebook>();

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'sparkify-notebooks-'));
    // Our own folder: as root the embedded server runs as 'postgres', which must be able to enter it.
    await chmod(workDir, 0o755);
    const register = spawnSync('sh', [path.join(ROOT, 'scripts', 'jupyter-kernel.sh')], { encoding: 'utf8' });
    if (register.status !== 0) throw new Error(`registering the tslab kernel failed:\n${register.stderr}`);
    const jupyterPath = register.stdout.trim().replace(/^JUPYTER_PATH=/, '');
    await writeFile(path.join(workDir, 'dwh.cfg'), testConfig(await freePort()));
    // Only this test's settings reach the notebooks: no SPARKIFY_* overrides from the caller.
    env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SPARKIFY_')));
    Object.assign(env, { SPARKIFY_CONFIG: path.join(workDir, 'dwh.cfg'), JUPYTER_PATH: jupyterPath });
  });

  afterAll(async () => {
    if (!workDir) return;
    const leftover = stopLeftoverServer(path.join(workDir, 'pg'));
    await rm(workDir, { recursive: true, force: true });
    // A notebook that leaves the embedded server running would leave it running for its user too.
    expect(leftover, 'a notebook left the embedded PostgreSQL running').toBeUndefined();
  });

  /** A config of our own: embedded engine in the temp folder, the public data when it is beside us. */
  function testConfig(port: number): string {
    const lines = ['[WAREHOUSE]', 'ENGINE = embedded', `DATA_DIR = ${path.join(workDir, 'pg')}`, `PORT = ${port}`, ''];
    if (existsSync(path.join(SHARED_DATA, 'log_json_path.json'))) {
      lines.push(
        '[S3]',
        `LOG_DATA = ${path.join(SHARED_DATA, 'log_data')}`,
        `LOG_JSONPATH = ${path.join(SHARED_DATA, 'log_json_path.json')}`,
        `SONG_DATA = ${path.join(SHARED_DATA, 'song_data')}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  async function execute(name: string): Promise<Notebook> {
    const outDir = path.join(workDir, 'executed');
    const args = ['nbconvert', '--to', 'notebook', '--execute', `${name}.ipynb`, '--output-dir', outDir, '--ExecutePreprocessor.timeout=600'];
    const run = await runJupyter(args);
    if (run.code !== 0) {
      // tslab's error replies carry no message (nbconvert prints "<Error>: "); the failing cell's
      // stderr does, so run again keeping errors in the notebook to show them.
      const again = await runJupyter([...args, '--allow-errors', '--output', `${name}.with-errors`]);
      const detail = again.code === 0 ? stderrByCell(readNotebook(path.join(outDir, `${name}.with-errors.ipynb`))) : [];
      const cells = detail.map((c) => `--- cell:\n${c.source}\n--- stderr:\n${c.stderr}`).join('\n');
      throw new Error(`${name}.ipynb failed (nbconvert exit ${run.code})\n${cells || run.stderr.slice(-4000)}`);
    }
    const notebook = readNotebook(path.join(outDir, `${name}.ipynb`));
    executed.set(name, notebook);
    return notebook;
  }

  function runJupyter(args: string[]): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('jupyter', args, { cwd: NOTEBOOKS_DIR, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
    });
  }

  it('01_create_cluster says there is no cluster on the embedded engine and creates nothing', async () => {
    const out = stdoutOf(await execute('01_create_cluster'));
    expect(out).toContain('ENGINE = embedded: no cluster');
    expect(out).toContain('Nothing to create on this engine.');
  });

  it('02_check_cluster_status connects to the warehouse', async () => {
    const out = stdoutOf(await execute('02_check_cluster_status'));
    expect(out).toContain('there is no cluster to check');
    expect(out).toMatch(/connected: embedded PostgreSQL on 127\.0\.0\.1:\d+/);
  });

  it('03_create_tables_and_etl creates the tables, runs the ETL and shows the steps and checks', async () => {
    const notebook = await execute('03_create_tables_and_etl');
    const tables = richOutputs(notebook, 'text/html').filter((html) => html.includes('sparkify-table'));
    expect(tables.map(captionOf)).toEqual(['ETL steps', 'Data-quality checks', 'Run history (newest first)']);
    const [steps, checks, history] = tables.map(cellsOf);
    // step, status, seconds (a timing: not asserted), rows (long text cut, whole in the title), rejected, checks, error
    expect(steps!.map(([step, status, , rows, ...rest]) => [step, status, rows!.replace(/^users .*/, 'users ...'), ...rest])).toEqual([
      [
        'load staging',
        'succeeded',
        publicData ? 'staging_events 8,056, staging_songs 14,896' : expect.stringMatching(/^staging_events [\d,]+, staging_songs [\d,]+$/),
        '0',
        '',
        '',
      ],
      ['transform', 'succeeded', 'users ...', '', '', ''],
      ['checks', 'succeeded', '', '', `${ALL_CHECK_NAMES.length}/${ALL_CHECK_NAMES.length} passed`, ''],
      ['publish', 'succeeded', 'users ...', '', '', ''],
    ]);
    // started, took, status, mode, partitions, songplays, rejects, checks: the run just made comes first.
    expect(history![0]!.slice(2, 5)).toEqual(['succeeded', 'full', '']);
    if (publicData) expect(tables[0]).toContain('title="users 97, user_level_history 106, artists 9,553, songs 14,896, time 6,813, songplays 6,820"');
    expect(checks).toEqual(ALL_CHECK_NAMES.map((name) => [name.replace('>', '&gt;'), 'true', '0']));
    // The load's progress lines (plain text only; the tables above also carry a text/plain fallback,
    // and the chart of events per day its one-line text fallback).
    const plain = outputsOf(notebook)
      .filter((o) => o.data?.['text/plain'] !== undefined && o.data['text/html'] === undefined)
      .map((o) => text(o.data!['text/plain']));
    const charts = plain.filter((line) => line.startsWith('[chart]'));
    expect(charts).toEqual([
      publicData
        ? '[chart] Events loaded per day (run history), 30 data points; the table above has the numbers'
        : expect.stringMatching(/^\[chart\] Events loaded per day \(run history\), \d+ data points/),
    ]);
    const progress = plain.filter((line) => !line.startsWith('[chart]')).join('\n');
    expect(progress).toMatch(
      publicData
        ? /^staging_events: 30\/30 files, 8,056 rows, 100% of 3\.6 MiB\nstaging_songs: 14,896\/14,896 files, 14,896 rows, 100% of 3\.5 MiB$/
        : /^staging_events: [\d,]+\/[\d,]+ files, [\d,]+ rows, 100% of [\d.]+ [KM]iB\nstaging_songs: [\d,]+\/[\d,]+ files, [\d,]+ rows, 100% of [\d.]+ [KM]iB$/,
    );
  });

  it('04_analytics, run by npm run notebooks:execute with --param, shows its tables and interactive Vega-Lite charts with fallbacks', async () => {
    // Through the script users run: it fills the parameters cell, then runs nbconvert on the copy.
    const outDir = path.join(workDir, 'executed-with-params');
    const from = existsSync(SHARED_DATA) ? '2018-11-10' : null;
    const params = ['--param', 'top=5', ...(from ? ['--param', `from=${from}`] : [])];
    const run = spawnSync('sh', [path.join(ROOT, 'scripts', 'execute-notebooks.sh'), path.join(NOTEBOOKS_DIR, '04_analytics.ipynb'), ...params], {
      cwd: ROOT,
      env: { ...env, SPARKIFY_NOTEBOOK_OUT: outDir },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr.slice(-4000)).toBe(0);
    const notebook = readNotebook(path.join(outDir, '04_analytics.ipynb'));
    const parameters = notebook.cells.find((cell) => text(cell.source).includes('const top'))!;
    expect(text(parameters.source)).toContain('const top = 5;');
    if (from) expect(text(parameters.source)).toContain(`const from: string | null = "${from}";`);

    const tables = richOutputs(notebook, 'text/html').filter((html) => html.includes('sparkify-table'));
    const captions = tables.map((html) => /<caption[^>]*>([^<]*)<\/caption>/.exec(html)?.[1]);
    const questions = [
      'Top songs (top 5)',
      'Top artists (top 5)',
      'Most active users (top 5)',
      'Plays by hour of day (UTC)',
      'Plays by weekday (UTC, 0 = Sunday)',
      'Plays and listeners per day (UTC)',
      'Busiest hours (UTC)',
      'Paid vs free plays',
      'Free to paid conversion',
      'Users who played at both levels',
      'Top locations (top 5)',
      'Songs per session',
      'Browsers',
      'Operating systems',
    ];
    // Then the sql tagged template's two answers, captioned with their row counts.
    expect(captions).toEqual(
      publicData ? [...questions, '1 row', '2 rows'] : [...questions, expect.stringMatching(/^\d+ rows?$/), expect.stringMatching(/^\d+ rows?$/)],
    );
    expect(tables.filter((html) => html.includes('<em>no rows</em>'))).toEqual([]);
    // Numbers right-aligned, with thousands separators.
    expect(tables.join('')).toMatch(/<td style="text-align:right[^"]*">\d{1,3},\d{3}<\/td>/);

    const vegaLite = outputsOf(notebook)
      .map((o) => o.data?.['application/vnd.vegalite.v5+json'])
      .filter((spec) => spec !== undefined) as unknown as {
      $schema: string;
      layer?: { encoding?: { tooltip?: unknown } }[];
      encoding?: { tooltip?: unknown };
    }[];
    expect(
      vegaLite.map((spec) => (spec as { title?: string | { text?: string } }).title).map((title) => (typeof title === 'string' ? title : title?.text)),
    ).toEqual([
      'Top songs (title — artist)',
      'Top artists',
      'Plays by hour of day (UTC)',
      'Plays by weekday (UTC)',
      'Plays and distinct listeners per day',
      'Paid vs free plays',
      'Top locations',
      'Plays by browser',
      'Plays by operating system',
    ]);
    for (const spec of vegaLite) {
      expect(spec.$schema).toContain('vega-lite/v5');
      expect(spec.encoding?.tooltip ?? spec.layer?.find((l) => l.encoding?.tooltip)?.encoding?.tooltip).toBeDefined();
    }
    // Every rich output also carries its SVG (charts) and a text/plain fallback.
    const rich = outputsOf(notebook).filter((o) => o.output_type === 'display_data');
    expect(rich.filter((o) => !o.data?.['text/plain'])).toEqual([]);
    expect(rich.filter((o) => o.data?.['application/vnd.vegalite.v5+json'] && !o.data['image/svg+xml'])).toEqual([]);
    const svgs = richOutputs(notebook, 'image/svg+xml');
    // Nine charts' SVG fallbacks and the star-schema diagram.
    expect(svgs).toHaveLength(10);
    expect(svgs.filter((svg) => svg.includes('data-table="songplays"'))).toHaveLength(1);
    // The sql tagged template's answers.
    expect(captions).toEqual(expect.arrayContaining(['1 row']));
    if (existsSync(SHARED_DATA)) expect(richOutputs(notebook, 'text/plain').join('\n')).toMatch(/paid_plays\n-+\n\s*5,591/);
  });

  it('npm run notebooks:html exports the executed notebooks to HTML', () => {
    const outDir = path.join(workDir, 'executed-with-params');
    const run = spawnSync('sh', [path.join(ROOT, 'scripts', 'notebooks-html.sh')], {
      cwd: ROOT,
      env: { ...env, SPARKIFY_NOTEBOOK_OUT: outDir },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const html = readFileSync(path.join(outDir, 'html', '04_analytics.html'), 'utf8');
    expect(html).toContain('Top songs (top 5)');
    expect(html).toContain('<svg');
  });

  it('notebooks:execute refuses a parameter no notebook takes, before running anything', () => {
    const run = spawnSync(
      'sh',
      [path.join(ROOT, 'scripts', 'execute-notebooks.sh'), path.join(NOTEBOOKS_DIR, '04_analytics.ipynb'), '--param', 'form=2018-11-10'],
      {
        cwd: ROOT,
        env: { ...env, SPARKIFY_NOTEBOOK_OUT: path.join(workDir, 'never') },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no notebook here takes form; parameters: from, to, top');
    expect(existsSync(path.join(workDir, 'never'))).toBe(false);
  });

  it('05_delete_cluster says there is no cluster on the embedded engine and deletes nothing', async () => {
    expect(stdoutOf(await execute('05_delete_cluster'))).toContain('there is no cluster to delete');
  });
});

function captionOf(html: string): string | undefined {
  return /<caption[^>]*>([^<]*)<\/caption>/.exec(html)?.[1];
}

/** The body cells of an HTML table, row by row, as their inner HTML. */
function cellsOf(html: string): string[][] {
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell!));
}

function stdoutOf(notebook: Notebook): string {
  return notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => text(o.text))
    .join('');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Stops an embedded server a notebook left behind (the test started it); returns its pid if there was one. */
function stopLeftoverServer(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 'SIGINT'); // PostgreSQL's fast shutdown
    return pid;
  } catch {
    return undefined; // stale pid file: the server is gone already
  }
}
