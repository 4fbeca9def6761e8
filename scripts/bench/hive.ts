/**
 * Hive Gateway (npm @graphql-hive/gateway) on partnerhub's own supergraph and
 * subgraphs: the peer the bench compares our gateway with (issue 15, item 7),
 * and the second router of tests/integration/hive-gateway.test.ts.
 *
 * Configured to do the work ours does: the checked-in
 * schema/supergraph.graphql, unchanged (only the subgraph URLs are given per
 * subgraph, as ours gets them), and the caller's Authorization and Hub-Purpose
 * forwarded to every subgraph fetch, which verifies the token itself. Its own
 * defaults stay, among them merging identical in-flight subgraph requests
 * (`deduplicateInflightRequests`, on by default).
 *
 * As a process (the bench): `node dist/scripts/bench/hive.js`, with
 * HIVE_GATEWAY_PORT, HOST, SUPERGRAPH_PATH and COMPANIES_URL … REGISTRY_URL
 * in the environment; readiness at /ready like our services.
 */
import http from 'node:http';
import { resolve } from 'node:path';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway';
import { int, loadSubgraphUrls, str } from '../../platform/config';
import { PURPOSE_HEADER } from '../../platform/organisations';
import { ROOT } from '../../platform/paths';

export function hiveGateway(
  subgraphUrls: Record<string, string>,
  supergraphPath = resolve(ROOT, 'schema/supergraph.graphql'),
): GatewayRuntime {
  return createGatewayRuntime({
    supergraph: supergraphPath,
    // The join__graph URLs of the file are replaced per subgraph, not in the file.
    transportEntries: Object.fromEntries(Object.entries(subgraphUrls).map(([n, location]) => [n, { location }])),
    // What our gateway's data source forwards (gateway/gateway.ts).
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
        [PURPOSE_HEADER]: request.headers.get(PURPOSE_HEADER),
      }),
    },
    readinessCheckEndpoint: '/ready',
    logging: false,
  });
}

/** Serves `runtime` over node:http on host:port; resolves once listening. */
export async function serveHive(runtime: GatewayRuntime, port: number, host = '127.0.0.1'): Promise<http.Server> {
  const server = http.createServer(runtime);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((done) => server.listen(port, host, done));
  return server;
}

if (require.main === module) {
  const env = process.env;
  const runtime = hiveGateway(loadSubgraphUrls(env), resolve(ROOT, str(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql')));
  void serveHive(runtime, int(env, 'HIVE_GATEWAY_PORT', 4100), str(env, 'HOST', '127.0.0.1')).then((server) => {
    const stop = () => server.close(() => void Promise.resolve(runtime.dispose()).then(() => process.exit(0)));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
