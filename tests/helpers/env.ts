/** Loads a config from `env` and returns it with every variable name the loader read. */
export function recordReads<T>(
  env: Record<string, string | undefined>,
  load: (env: Record<string, string | undefined>) => T,
): { config: T; read: Set<string> } {
  const read = new Set<string>();
  const proxy = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key);
    },
  });
  return { config: load(proxy), read };
}
