import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from '#src/config/secret.ts';

describe('Secret', () => {
  const secret = new Secret('Str0ngPassw0rd');
  const empty = new Secret('');

  it('shows a mask in every way JavaScript turns it into text', () => {
    expect(String(secret)).toBe('********');
    expect(`${secret}`).toBe('********');
    expect(JSON.stringify({ password: secret })).toBe('{"password":"********"}');
    expect(inspect(secret)).toBe('Secret(********)');
    expect(inspect({ password: secret })).toBe('{ password: Secret(********) }');
  });

  it('says when it is empty instead of showing a mask', () => {
    expect(String(empty)).toBe('');
    expect(JSON.stringify({ password: empty })).toBe('{"password":""}');
    expect(inspect(empty)).toBe('Secret(empty)');
    expect(empty.isEmpty).toBe(true);
    expect(secret.isEmpty).toBe(false);
  });

  it('gives the value only through reveal()', () => {
    expect(secret.reveal()).toBe('Str0ngPassw0rd');
    expect(empty.reveal()).toBe('');
  });
});
