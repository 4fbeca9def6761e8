/**
 * Prints every subgraph's SDL from code into schema/<name>.graphql and
 * composes schema/supergraph.graphql with @apollo/composition.
 *   npm run compose            write the files
 *   npm run compose -- --check fail when a checked-in file differs or composition fails
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, type SubgraphName } from '../platform/services';
import { fromRoot } from '../platform/paths';
import { SUBGRAPHS } from '../subgraphs';

export const SCHEMA_DIR = fromRoot('schema');

export interface Composed {
  subgraphs: Record<string, string>;
  supergraph: string;
}

export async function compose(): Promise<Composed> {
  const subgraphs: Record<string, string> = {};
  for (const [name, mod] of Object.entries(SUBGRAPHS)) subgraphs[name] = (await mod.buildSchema()).sdl;
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({
      name,
      typeDefs: parse(sdl),
      url: `http://localhost:${DEFAULT_PORTS[name as SubgraphName]}/graphql`,
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { subgraphs, supergraph: result.supergraphSdl };
}

export function files(composed: Composed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, sdl] of Object.entries(composed.subgraphs)) out[`${name}.graphql`] = sdl;
  out['supergraph.graphql'] = composed.supergraph;
  return out;
}

/** The files under schema/ that differ from what the code produces. */
export async function stale(dir = SCHEMA_DIR): Promise<string[]> {
  const expected = files(await compose());
  return Object.entries(expected)
    .filter(([file, text]) => {
      try {
        return readFileSync(join(dir, file), 'utf8') !== text;
      } catch {
        return true;
      }
    })
    .map(([file]) => file);
}

async function main() {
  if (process.argv.includes('--check')) {
    const differ = await stale();
    if (differ.length) {
      console.error(`schema/ is out of date: ${differ.join(', ')}. Run \`npm run compose\` and commit the result.`);
      process.exit(1);
    }
    console.log('schema/ matches the code and composes.');
    return;
  }
  for (const [file, text] of Object.entries(files(await compose()))) {
    writeFileSync(join(SCHEMA_DIR, file), text);
    console.log(`wrote schema/${file}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
