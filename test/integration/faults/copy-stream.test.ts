import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The server ends a COPY with an error (here a row it refuses; disk full and a stopped server end it
 * the same way) while the writer still has data in flight: writing on, ending and destroying the
 * stream report the server's error and never throw pg-copy-streams' TypeError on a null connection.
 */
describe('COPY FROM STDIN ended by the server while data is in flight', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await warehouse.query('CREATE TABLE numbers (n integer)');
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  for (const ending of ['end', 'destroy'] as const) {
    it(`writes after the error, then ${ending}(): the server's error, no TypeError, nothing committed`, async () => {
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      try {
        const failure = await warehouse
          .transaction(async (session) => {
            const copy = session.copyIn!('COPY numbers (n) FROM STDIN');
            const errors: Error[] = [];
            copy.on('error', (error) => errors.push(error));
            copy.write('1\nnot a number\n');
            // Keep writing until the server's refusal has arrived, and a while after.
            const row = Buffer.from('2\n'.repeat(50_000));
            for (let i = 0; i < 400 && errors.length === 0; i++) {
              if (!copy.write(row)) await Promise.race([once(copy, 'drain'), once(copy, 'error')]);
            }
            for (let i = 0; i < 20; i++) copy.write(row);
            if (ending === 'end') copy.end();
            else copy.destroy(new Error('stopping'));
            await finished(copy).catch(() => undefined);
            await new Promise((resolve) => setTimeout(resolve, 50));
            throw errors[0] ?? new Error('the server accepted a row it should refuse');
          })
          .catch((error: Error) => error);
        expect((failure as Error).message).toMatch(/invalid input syntax for type integer: "not a number"/);
      } finally {
        process.removeListener('uncaughtException', onUncaught);
      }
      expect(uncaught).toEqual([]);
      expect((await warehouse.query('SELECT count(*)::int AS n FROM numbers')).rows).toEqual([{ n: 0 }]);
    });
  }
});
