/**
 * Imported by gateway.ts before @apollo/gateway, for speed only.
 *
 * @apollo/gateway shapes every answer in `resultShaping.js`, whose innermost
 * loop reads @apollo/federation-internals' exports on every value
 * (`federation_internals_1.assert(…)`, `.isNonNullType(…)`, `.isListType(…)`).
 * That package is compiled by TypeScript to CommonJS, whose re-exports
 * (`export * from './definitions'`) are getters that V8 does not inline
 * there: under the bench's shape e (50 companies × 5 suggested partners) the
 * getter alone was 9 % of the gateway's CPU (`get index.js:6` in the
 * profile, docs/performance.md). Here each package's exports object in
 * Node's module cache is replaced by a plain object holding the same values,
 * so that @apollo/gateway and @apollo/query-planner, loaded afterwards, read
 * plain properties. The values are the same functions, classes and
 * constants (`instanceof` holds); neither package assigns an export after
 * it has loaded, so nothing can go stale. A module that was loaded earlier
 * keeps the getters: slower, never wrong.
 */
const PACKAGES = ['@apollo/federation-internals', '@apollo/query-planner'];

export function plainExports(id: string): void {
  const path = require.resolve(id);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the package so that its cache entry exists
  const loaded = require(id) as Record<string, unknown>;
  const entry = require.cache[path];
  if (!entry || entry.exports !== loaded) return;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(loaded)) plain[key] = loaded[key];
  Object.defineProperty(plain, '__esModule', { value: true });
  entry.exports = plain;
}

for (const id of PACKAGES) plainExports(id);
