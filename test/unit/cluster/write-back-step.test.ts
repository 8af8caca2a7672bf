import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { formatStep } from '#src/cluster/steps.ts';
import { writeBackStep } from '#src/cluster/write-back-step.ts';

describe('writeBackStep', () => {
  let dir: string;
  let file: string;
  const configFrom = (text: string, from?: string) => parseConfig(text, { file: from, baseDir: dir });
  const TEXT = '[CLUSTER]\nHOST =\n[IAM_ROLE]\nARN =\n';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-write-back-step-'));
    file = path.join(dir, 'dwh.cfg');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the values and reports them as updated, then as unchanged when they are already there', async () => {
    await writeFile(file, TEXT);
    const updates = { CLUSTER: { HOST: 'h.example' }, IAM_ROLE: { ARN: 'arn:aws:iam::1:role/r' } };
    expect(await writeBackStep(configFrom(TEXT, file), true, updates)).toEqual({
      step: 'config',
      resource: file,
      outcome: 'updated',
      detail: '[CLUSTER] HOST = h.example, [IAM_ROLE] ARN = arn:aws:iam::1:role/r',
    });
    expect(await readFile(file, 'utf8')).toContain('HOST = h.example\n');
    expect(await writeBackStep(configFrom(TEXT, file), true, updates)).toEqual({
      step: 'config',
      resource: file,
      outcome: 'unchanged',
      detail: '[CLUSTER] HOST = h.example, [IAM_ROLE] ARN = arn:aws:iam::1:role/r',
    });
  });

  it('reports cleared keys as cleared', async () => {
    await writeFile(file, '[CLUSTER]\nHOST = h.example\n');
    expect(await writeBackStep(configFrom('', file), true, { CLUSTER: { HOST: '' } })).toEqual({
      step: 'config',
      resource: file,
      outcome: 'updated',
      detail: '[CLUSTER] HOST cleared',
    });
  });

  it('skips, saying why and what it wanted, when turned off or when no file was read', async () => {
    await writeFile(file, TEXT);
    expect(await writeBackStep(configFrom(TEXT, file), false, { CLUSTER: { HOST: 'h' } })).toEqual({
      step: 'config',
      resource: file,
      outcome: 'skipped',
      detail: 'write-back turned off; wanted: [CLUSTER] HOST = h',
    });
    expect(await writeBackStep(configFrom(''), true, { CLUSTER: { HOST: 'h' }, IAM_ROLE: { ARN: '' } })).toEqual({
      step: 'config',
      resource: 'dwh.cfg',
      outcome: 'skipped',
      detail: 'no config file was read; wanted: [CLUSTER] HOST = h, [IAM_ROLE] ARN cleared',
    });
    expect(await readFile(file, 'utf8')).toBe(TEXT);
  });
});

describe('formatStep', () => {
  it('pads the outcome and adds the detail after a dash when there is one', () => {
    expect(formatStep({ step: 'iam-role', resource: 'IAM role r', outcome: 'created' })).toBe('created         IAM role r');
    expect(formatStep({ step: 'config', resource: 'dwh.cfg', outcome: 'updated', detail: '[CLUSTER] HOST = h' })).toBe(
      'updated         dwh.cfg — [CLUSTER] HOST = h',
    );
  });
});
