/**
 * One API document for a platform served by several Workers: the api
 * Worker's own document plus the parts other Workers generate from their
 * routes. Paths must not overlap; a component both define must be the same.
 */
import type { OpenAPIObject } from "openapi3-ts/oas31";

function mergeRecords<T>(
  into: Record<string, T>,
  from: Record<string, T> | undefined,
  what: string,
) {
  for (const [name, value] of Object.entries(from ?? {})) {
    if (name in into && JSON.stringify(into[name]) !== JSON.stringify(value)) {
      throw new Error(`two API documents define ${what} ${name} differently`);
    }
    into[name] = value;
  }
}

/** A new document: `base` with every path, component and tag of `parts` added. */
export function mergeOpenApiDocuments(
  base: OpenAPIObject,
  ...parts: OpenAPIObject[]
): OpenAPIObject {
  const merged = structuredClone(base);
  merged.paths ??= {};
  merged.components ??= {};
  for (const part of parts) {
    for (const [path, item] of Object.entries(part.paths ?? {})) {
      if (path in merged.paths) throw new Error(`two API documents define ${path}`);
      merged.paths[path] = item;
    }
    for (const [kind, components] of Object.entries(part.components ?? {})) {
      const target = ((merged.components as Record<string, Record<string, unknown>>)[kind] ??= {});
      mergeRecords(target, components as Record<string, unknown>, kind);
    }
    const tags = new Map((merged.tags ?? []).map((tag) => [tag.name, tag]));
    for (const tag of part.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
    if (tags.size > 0) merged.tags = [...tags.values()];
  }
  return merged;
}
