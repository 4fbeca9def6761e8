import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../helpers/expect';
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
} from '../helpers/fuzz';
import { startTestHub, type TestHub } from '../helpers/hub';

/**
 * Property-based fuzzing through the gateway (see tests/helpers/fuzz.ts):
 * generated operations on every root field of the API schema, and malformed
 * HTTP requests. The subgraphs, fuzzed directly, are in fuzz-subgraphs.test.ts.
 */
const { seed, cases } = fuzzSettings(0.4);
let hub: TestHub;
let target: FuzzTarget;
let before: Record<string, unknown>;
const stats: FuzzStats = { cases: 0, internalErrors: 0, accepted: 0 };
const started = { at: Date.now(), cpu: process.cpuUsage() };

beforeAll(async () => {
  hub = await startTestHub();
  target = await fuzzTarget(hub);
  before = await databaseState(hub);
});
afterAll(async () => {
  reportFuzz('gateway', stats, seed, started);
  await hub?.stop();
});

describe('fuzzing the gateway', () => {
  it('answers every generated operation with a well-formed response and a client code, writing nothing it refuses', async () => {
    const arb = operationCase('gateway', await introspect(hub.gatewayUrl), await loadPools(hub), Object.keys(target.callers));
    await checkBatches(target, arb, stats, { seed, numRuns: Math.ceil((cases * 0.8) / BATCH) });
  }, 600_000);

  it('answers every malformed HTTP request with a JSON GraphQL error and a 4xx status', async () => {
    await checkBatches(target, httpCase('gateway', 100 * 1024), stats, { seed, numRuns: Math.ceil((cases * 0.2) / BATCH) });
  }, 600_000);

  it('wrote only what it accepted, and found no internal error', async () => {
    const after = await databaseState(hub);
    const writes = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    if (stats.accepted === 0) expect(writes).toEqual([]);
    expect(stats.internalErrors).toBe(0);
    expect(stats.cases).toBeGreaterThanOrEqual(cases);
  });
});
