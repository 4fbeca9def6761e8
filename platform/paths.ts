import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root (the folder of partnerhub's package.json), found from
 * this file whether it runs from the sources or from the build (dist/), so
 * that files beside the code (schema/, web/, .partnerhub/) are found from
 * any working directory.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'partnerhub') return dir;
    if (dirname(dir) === dir) throw new Error(`partnerhub's package.json not found above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);

/** A path under the repository root. */
export const fromRoot = (...parts: string[]): string => join(ROOT, ...parts);
