import { chmodSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Writes `content` to a temporary file with exactly `mode` and renames it over
 * `path`: a reader sees the old file or the whole new one, and a secret is
 * never for a moment readable by others (0600 by default). Used for the
 * embedded server's passwords, the development identity keys and the
 * evidence keys.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  chmodSync(tmp, mode); // umask may have taken bits away, never added: make it exact
  renameSync(tmp, path);
}

/** A value as the JSON files the scripts write: indented, with a final newline. */
export const jsonFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
