import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireOrSkip } from '../../support/requirements.ts';

/** The rule every test that needs Jupyter or the public data goes through. */
describe('requireOrSkip', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('lets the tests run when nothing is missing, in CI or not', () => {
    vi.stubEnv('CI', 'true');
    expect(requireOrSkip('the notebook tests', undefined)).toBe(true);
    vi.stubEnv('CI', '');
    expect(requireOrSkip('the notebook tests', undefined)).toBe(true);
  });

  it('outside CI, skips and says what and why', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requireOrSkip('the notebook tests', '`jupyter nbconvert` is not installed')).toBe(false);
    expect(warn.mock.calls).toEqual([['\nthe notebook tests skipped: `jupyter nbconvert` is not installed (with CI set this would fail)\n']]);
  });

  it('with CI set, fails instead of skipping', () => {
    vi.stubEnv('CI', 'true');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => requireOrSkip('the real-data pipeline tests', '/work/shared/data/sparkify/ is not beside the project')).toThrow(
      new Error('the real-data pipeline tests: /work/shared/data/sparkify/ is not beside the project. CI is set, so this fails instead of skipping.'),
    );
    expect(warn).not.toHaveBeenCalled();
  });
});
