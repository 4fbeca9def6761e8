import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../platform/services';
import {
  BATCH,
  checkBatches,
  fuzzSettings,
  fuzzTarget,
  httpCase,
  introspect,
  loadPools,
  operationCase,
  reportFuzz,
  type FuzzStats,
  type FuzzTarget,
  type Pools,
} from '../helpers/fuzz';
import { startTestHub, type TestHub } from '../helpers/hub';

/**
 * Property-based fuzzing straight at every subgraph, as a caller that
 * bypasses the gateway would (see tests/helpers/fuzz.ts): generated
 * operations on every root field of each subgraph's schema, `_entities`
 * included, and malformed HTTP requests.
 */
const { seed, cases } = fuzzSettings(0.6);
const perSubgraph = Math.ceil(cases / SUBGRAPH_NAMES.length);
let hub: TestHub;
let target: FuzzTarget;
let pools: Pools;
const stats: FuzzStats = { cases: 0, internalErrors: 0, accepted: 0 };
const started = { at: Date.now(), cpu: process.cpuUsage() };

beforeAll(async () => {
  // A small body limit, so that bodies around it stay small (the gateway's large _entities batches are not fuzzed here).
  hub = await startTestHub({ SUBGRAPH_BODY_LIMIT: '100kb' });
  target = await fuzzTarget(hub);
  pools = await loadPools(hub);
});
afterAll(async () => {
  reportFuzz('subgraphs', stats, seed, started);
  await hub?.stop();
});

describe('fuzzing each subgraph directly', () => {
  for (const name of SUBGRAPH_NAMES) {
    it(`${name}: every generated operation, _entities included, and every malformed request gets a well-formed client answer`, async () => {
      const arb = fc.oneof(
        { weight: 4, arbitrary: operationCase(name, await introspect(hub.subgraphs[name].url), pools, Object.keys(target.callers)) },
        { weight: 1, arbitrary: httpCase(name, 100 * 1024) },
      );
      await checkBatches(target, arb, stats, { seed, numRuns: Math.ceil(perSubgraph / BATCH) });
    }, 600_000);
  }

  it('found no internal error', () => {
    expect(stats.internalErrors).toBe(0);
    expect(stats.cases).toBeGreaterThanOrEqual(cases);
  });
});
