import { int, optional, str, url, type Env } from '../../platform/config';

/** `npm run bench`: where its databases live and where it writes results. */
export interface BenchConfig {
  /**
   * URL of a PostgreSQL server (any database on it, e.g. `/postgres`) on which
   * the bench creates and drops its own databases `partnerhub_bench_<subgraph>`.
   * Unset: an embedded PostgreSQL of its own (data in `dataDir`).
   */
  databaseUrl?: string;
  /** Embedded PostgreSQL data folder of the bench, apart from `npm start`'s. */
  dataDir: string;
  embeddedPgPort: number;
  /** Folder the JSON results are written to (git-ignored). */
  resultsDir: string;
  /** The environment the bench was started with, passed on to the services it starts. */
  env: Env;
}

export function loadBenchConfig(env: Env = process.env): BenchConfig {
  const databaseUrl = optional(env, 'BENCH_DATABASE_URL') === undefined ? undefined : url(env, 'BENCH_DATABASE_URL');
  return {
    databaseUrl,
    dataDir: str(env, 'BENCH_DATA_DIR', `${str(env, 'HUB_DATA_DIR', '.partnerhub')}/bench`),
    embeddedPgPort: int(env, 'BENCH_PG_PORT', 5498, 1024),
    resultsDir: str(env, 'BENCH_RESULTS_DIR', 'bench-results'),
    env: { ...env },
  };
}
