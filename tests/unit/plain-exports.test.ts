/**
 * gateway/plain-exports.ts: once the gateway's module is loaded,
 * @apollo/federation-internals and @apollo/query-planner are plain objects
 * in Node's module cache (no re-export getters for @apollo/gateway's result
 * shaping to call), with the same values the packages export.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../platform/paths';

const load = createRequire(join(ROOT, 'package.json'));

it('the gateway loads @apollo/gateway on plain exports of federation-internals and query-planner', async () => {
  // From the source (no build needed): its first import flattens the packages in Node's module cache.
  await import('../../gateway/gateway');
  for (const id of ['@apollo/federation-internals', '@apollo/query-planner']) {
    const exports = load(id) as Record<string, unknown>;
    const names = Object.keys(exports);
    expect(names.length, id).toBeGreaterThan(10);
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(exports, name)!;
      expect(descriptor.get, `${id}.${name}`).toBeUndefined();
      expect(descriptor.value, `${id}.${name}`).not.toBeUndefined();
    }
  }
  const internals = load('@apollo/federation-internals') as { assert: unknown; Schema: new (...args: never[]) => unknown };
  expect(typeof internals.assert).toBe('function');
  // The same classes as the package's own modules export (instanceof holds).
  expect(internals.Schema).toBe((load('@apollo/federation-internals/dist/definitions') as { Schema: unknown }).Schema);
  expect(typeof (load('@apollo/gateway') as { ApolloGateway: unknown }).ApolloGateway).toBe('function');
});
