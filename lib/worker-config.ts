/**
 * A Worker's settings, read from its vars and secrets with a zod schema once
 * per env object (an isolate sees the same env on every request), so a
 * missing or malformed value fails loudly at the first request that needs
 * it instead of misbehaving later. Each Worker's config module is one of these.
 *
 * @example
 * export const config = workerConfig(z.object({ APP_ORIGIN: z.url() }));
 * config(env).APP_ORIGIN
 */
import type { z } from "zod";

export function workerConfig<Schema extends z.ZodType>(schema: Schema) {
  const cache = new WeakMap<object, z.output<Schema>>();
  return (env: object): z.output<Schema> => {
    let parsed = cache.get(env);
    if (parsed === undefined) {
      parsed = schema.parse(env);
      cache.set(env, parsed);
    }
    return parsed;
  };
}
