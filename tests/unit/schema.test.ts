import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { stale } from '../../scripts/compose';

describe('schema/', () => {
  it('holds exactly what the code prints and composes (run `npm run compose` when this fails)', async () => {
    expect(await stale(join(__dirname, '..', '..', 'schema'))).toEqual([]);
  });
});
