import { describe, expect, it } from 'vitest';
import { checkClusterSettings, ProvisioningInputError } from '#src/cluster/index.ts';
import { parseConfig } from '#src/config/index.ts';

function config(cluster: string) {
  return parseConfig(`[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\n${cluster}\n`);
}

describe('checkClusterSettings', () => {
  it('accepts the defaults with a valid password', () => {
    expect(() => checkClusterSettings(config('DB_PASSWORD = Passw0rdX'))).not.toThrow();
  });

  it.each(['short1A', 'nouppercase1', 'NOLOWERCASE1', 'NoDigitsHere', 'Has space1', 'Has@sign1', 'Has/slash1', 'Quote"d1A'])(
    'rejects the password %j without echoing it',
    (password) => {
      const error = (() => {
        try {
          checkClusterSettings(config(`DB_PASSWORD = ${password}`));
        } catch (e) {
          return e;
        }
      })() as ProvisioningInputError;
      expect(error).toBeInstanceOf(ProvisioningInputError);
      expect(error.message).toContain('DB_PASSWORD');
      expect(error.message).not.toContain(password);
    },
  );

  it('lists every bad setting at once', () => {
    expect(() => checkClusterSettings(config('IDENTIFIER = Bad--Name-\nDB_USER = 1user\nDB_NAME = My-DB\nDB_PASSWORD = x'))).toThrow(
      /IDENTIFIER 'Bad--Name-'[\s\S]*DB_USER '1user'[\s\S]*DB_NAME 'My-DB'[\s\S]*DB_PASSWORD/,
    );
  });
});
