/**
 * Another gateway on the same supergraph (issue 16, item 6): Hive Gateway
 * (npm @graphql-hive/gateway) runs on the checked-in schema/supergraph.graphql,
 * unchanged, against the same real subgraphs as our gateway, forwarding the
 * caller's Authorization and Hub-Purpose headers as ours does. For the
 * README's queries, anonymous and with a token and purpose, both gateways
 * give the same data; the errors agree on path and code. This is the proof
 * that a deployment can move to another Federation 2 router without touching
 * the subgraphs (docs/operations.md).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayRuntime } from '@graphql-hive/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiveGateway, serveHive } from '../../scripts/bench/hive';
import { PURPOSE_HEADER } from '../../platform/organisations';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { graphql, startTestHub, token, type GraphQLResponse, type TestHub } from '../helpers/hub';
import { README_QUESTION } from '../helpers/readme';

let hub: TestHub;
let hive: GatewayRuntime;
let hiveServer: http.Server;
let hiveUrl: string;
const t: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  // The same configuration the bench runs it with (scripts/bench/hive.ts).
  hive = hiveGateway(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].url])));
  hiveServer = await serveHive(hive, 0);
  hiveUrl = `http://127.0.0.1:${(hiveServer.address() as AddressInfo).port}/graphql`;
  t.vbReader = await token({ org: 'vlaams-brabant', sub: 'vb-reader' });
  t.cdReader = await token({ org: 'chengdu', sub: 'cd-reader' });
});

afterAll(async () => {
  hiveServer?.closeAllConnections();
  await new Promise((r) => hiveServer?.close(r));
  await hive?.dispose();
  await hub?.stop();
});

/** The README's queries ("Ask it something", "Example questions across organisations") and one with a token and a purpose. */
const QUERIES: { name: string; query: string; token?: string; purpose?: string; expectErrors?: 'exact' | 'entities' }[] = [
  {
    name: "the README's question (all four organisations)",
    query: README_QUESTION,
  },
  {
    name: 'Chengdu partners for each CLEANTECH cluster member',
    query: `{
      cluster(code: CLEANTECH) {
        members { company { name suggestedPartners(limit: 2) { score sharedDomains partner { nameEn district } } } }
      }
    }`,
  },
  {
    name: 'projects of Leuven companies and their Chengdu partners',
    query: `{ companies(filter: { municipality: "Leuven" }) { edges { node { name projects { title partners { nameEn nameZh } } } } } }`,
  },
  {
    name: 'expert panels, with a vlaams-brabant token',
    query: `{ companies(filter: { chinaStatus: EXPLORING }, first: 50) { edges { node { name assessments { panelDate marketFit recommendation } } } } }`,
    token: 'vbReader',
  },
  {
    name: 'expert panels, anonymous (assessments refused at their paths)',
    query: `{ companies(filter: { chinaStatus: EXPLORING }, first: 50) { edges { node { name assessments { panelDate marketFit recommendation } } } } }`,
    expectErrors: 'entities',
  },
  {
    name: 'chengdu reads company contacts for MATCHMAKING (a demo agreement)',
    query: `{ me { organisation { id } grantsReceived { dataSet purposes } } companies(first: 5) { edges { node { name contact { name email } } } } }`,
    token: 'cdReader',
    purpose: 'MATCHMAKING',
  },
  {
    name: 'chengdu reads company contacts without a purpose (refused at their paths)',
    query: `{ companies(first: 5) { edges { node { name contact { name email } } } } }`,
    token: 'cdReader',
    expectErrors: 'exact',
  },
];

/**
 * What both gateways must agree on for an error: which field, its code and
 * reason. List indices are left out: for an error that a subgraph raised
 * under `_entities`, Hive Gateway 2.15.1 puts every error of the batch at
 * index 0 of the list (ours maps each to its own item); the data, with null
 * at every refused item, is the same. `exactPaths` compares the indices too.
 */
function errorKeys(res: GraphQLResponse, exactPaths = false) {
  return (res.errors ?? [])
    .map((e) =>
      JSON.stringify([
        exactPaths ? e.path : e.path?.map((p) => (typeof p === 'number' ? '#' : p)),
        e.extensions?.code,
        e.extensions?.reason ?? null,
      ]),
    )
    .sort();
}

describe('Hive Gateway on schema/supergraph.graphql', () => {
  for (const q of QUERIES) {
    it(`answers as our gateway does: ${q.name}`, async () => {
      const headers: Record<string, string> = q.purpose ? { [PURPOSE_HEADER]: q.purpose } : {};
      const options = { token: q.token && t[q.token], headers };
      const [ours, theirs] = await Promise.all([graphql(hub.gatewayUrl, q.query, {}, options), graphql(hiveUrl, q.query, {}, options)]);
      expect(ours.status, JSON.stringify(ours.errors)).toBe(200);
      expect(theirs.status, JSON.stringify(theirs.errors)).toBe(200);
      expect(ours.data, 'our gateway answered no data').toBeTruthy();
      expect(theirs.data).toEqual(ours.data);
      if (q.expectErrors) {
        expect(ours.errors?.length, 'our gateway gave no errors').toBeGreaterThan(0);
        expect(errorKeys(theirs, q.expectErrors === 'exact')).toEqual(errorKeys(ours, q.expectErrors === 'exact'));
      } else {
        expect(ours.errors, JSON.stringify(ours.errors)).toBeUndefined();
        expect(theirs.errors, JSON.stringify(theirs.errors)).toBeUndefined();
      }
    });
  }

  it('shows the data the token and purpose unlock: contacts for chengdu under MATCHMAKING, not without a purpose', async () => {
    const query = `{ companies(first: 5) { edges { node { contact { email } } } } }`;
    const withPurpose = await graphql(hiveUrl, query, {}, { token: t.cdReader, headers: { [PURPOSE_HEADER]: 'MATCHMAKING' } });
    const without = await graphql(hiveUrl, query, {}, { token: t.cdReader });
    const emails = (r: GraphQLResponse) => r.data.companies.edges.map((e: any) => e.node.contact?.email ?? null);
    expect(emails(withPurpose).filter(Boolean).length).toBeGreaterThan(0);
    expect(emails(without).every((e: string | null) => e === null)).toBe(true);
    expect(without.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_MISSING' });
  });

  it('shapes errors from an entity fetch differently: same message and code, Hive puts them all at list index 0', async () => {
    const q = QUERIES.find((x) => x.expectErrors === 'entities')!;
    const [ours, theirs] = await Promise.all([graphql(hub.gatewayUrl, q.query), graphql(hiveUrl, q.query)]);
    console.log(`first error, ours: ${JSON.stringify(ours.errors?.[1])}\nfirst error, Hive: ${JSON.stringify(theirs.errors?.[1])}`);
    expect(theirs.errors).toHaveLength(ours.errors!.length);
    expect(new Set(theirs.errors!.map((e) => e.message))).toEqual(new Set(ours.errors!.map((e) => e.message)));
    expect(new Set(ours.errors!.map((e) => e.path?.[2])).size).toBe(ours.errors!.length);
    expect(new Set(theirs.errors!.map((e) => e.path?.[2]))).toEqual(new Set([0]));
  });
});
