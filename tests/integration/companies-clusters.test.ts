import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('companies and clusters through the gateway', () => {
  it('answers the README query', async () => {
    const res = await hub.query(`{ companies(first: 5) { totalCount edges { node { name enterpriseNumber municipality clusters { code name } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.companies.totalCount).toBeGreaterThanOrEqual(60);
    expect(res.data.companies.edges).toHaveLength(5);
  });
});
