/**
 * What enforcing sharing agreements costs, measured on a running hub with the
 * demo data and its development providers (`npm start`):
 *
 *   npm run build && node dist/scripts/bench-sharing.js [--url http://localhost:4000/graphql] [--seconds 10] [--connections 8]
 *
 * Three ways to read one page of 20 companies through the gateway, each driven
 * by autocannon for the same time: without contacts (no agreement in play), the
 * contacts as their owner vlaams-brabant (no registry lookup), and the contacts
 * as chengdu under the demo agreement with Hub-Purpose MATCHMAKING (one registry
 * lookup per companies request, or none while AGREEMENT_CACHE_MS keeps the answer).
 * Prints requests per second and latency for each, and the registry lookups the
 * companies subgraph made per request (from the registry's request counter).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { developmentSignIn } from './identity/client';
import { CHENGDU, VLAAMS_BRABANT } from '../platform/organisations';
import { readTrustConfig } from '../platform/trust';
import { loadLauncherConfig } from './hub/config';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}>;

const PAGE = (contact: boolean) =>
  JSON.stringify({ query: `{ companies(first: 20) { edges { node { id name ${contact ? 'contact { email }' : ''} } } } }` });

async function registryRequests(registryMetrics: string): Promise<number> {
  const text = await (await fetch(registryMetrics)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('hub_graphql_requests_total'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:4000/graphql' },
      registry: { type: 'string', default: 'http://localhost:4005' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
      sequential: { type: 'string', default: '200' },
    },
  });
  const launcher = loadLauncherConfig();
  const trustPath = launcher.trustConfig ?? launcher.developmentTrustPath;
  if (!existsSync(trustPath)) throw new Error(`${trustPath} does not exist: start the hub with \`npm start\` first.`);
  const trust = readTrustConfig(trustPath);
  const issuer = (org: string) => trust.organisations.find((o) => o.id === org)!.issuer;
  const owner = await developmentSignIn(issuer(VLAAMS_BRABANT), { sub: 'bench-owner', roles: [] });
  const partner = await developmentSignIn(issuer(CHENGDU), { sub: 'bench-partner', roles: [] });
  const runs: [string, string, Record<string, string>][] = [
    ['no contacts (chengdu)', PAGE(false), { authorization: `Bearer ${partner}` }],
    ['contacts as owner (vlaams-brabant)', PAGE(true), { authorization: `Bearer ${owner}` }],
    ['contacts under agreement (chengdu, MATCHMAKING)', PAGE(true), { authorization: `Bearer ${partner}`, 'hub-purpose': 'MATCHMAKING' }],
  ];
  const metrics = `${values.registry}/metrics`;
  console.log(`${values.seconds} s per run, ${values.connections} connections, page of 20 companies via ${values.url}`);
  for (const [label, body, headers] of runs) {
    const check = (await (
      await fetch(values.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
    ).json()) as {
      errors?: unknown[];
    };
    if (check.errors) throw new Error(`${label}: ${JSON.stringify(check.errors).slice(0, 300)}`);
    const before = await registryRequests(metrics);
    const r = await autocannon({
      url: values.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      connections: Number(values.connections),
      duration: Number(values.seconds),
    });
    const lookups = (await registryRequests(metrics)) - before;
    // One request at a time: the added latency of a lookup, without queueing behind other requests.
    const times: number[] = [];
    for (let i = 0; i < Number(values.sequential); i++) {
      const started = performance.now();
      await (await fetch(values.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).arrayBuffer();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(48)} ${r.requests.average.toFixed(0).padStart(5)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(3)} ms  ` +
        `registry lookups/request ${(lookups / Math.max(1, r.requests.total)).toFixed(3)}  errors ${r.errors + r.non2xx}  ` +
        `one at a time: median ${times[times.length >> 1].toFixed(1)} ms`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
