import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passwdEntry } from '../../../src/warehouse/embedded/server-user.ts';

describe('passwdEntry (the embedded server user, found without spawning `id`)', () => {
  const text = [
    'root:x:0:0:root:/root:/bin/bash',
    'postgresql:x:998:998::/:/bin/false',
    'postgres:x:105:109:PostgreSQL:/var/lib/postgresql:/bin/bash',
    '',
  ].join('\n');

  it('reads uid and gid of the named user only', () => {
    expect(passwdEntry(text, 'postgres')).toEqual({ uid: 105, gid: 109 });
    expect(passwdEntry(text, 'root')).toEqual({ uid: 0, gid: 0 });
    expect(passwdEntry(text, 'postgre')).toBeUndefined();
    expect(passwdEntry(text, 'nobody')).toBeUndefined();
  });

  it('ignores malformed lines', () => {
    expect(passwdEntry('postgres:x::109:\npostgres:x:1', 'postgres')).toBeUndefined();
    expect(passwdEntry('postgres:x:abc:109:', 'postgres')).toBeUndefined();
  });

  it('agrees with `id` for the users of this machine', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8');
    for (const name of ['root', 'postgres']) {
      const entry = passwdEntry(passwd, name);
      if (!entry) continue;
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      expect(entry).toEqual({ uid: id('-u'), gid: id('-g') });
    }
  });
});
