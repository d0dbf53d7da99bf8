/**
 * Places a validation error's details next to the fields of a form. The
 * server names each problem by its path in the request body
 * ("variants.1.config.abr.params.horizon", "targeting.countries.0"); each
 * detail goes to the form field with the longest path that is the detail's
 * or a prefix of it, so a problem inside a list lands on the list's field.
 * Details no field claims are left for the form's error summary.
 */
import type { ApiError } from "../api/api-error.ts";

export interface FieldErrors {
  /** The messages for the field at `path`, joined; undefined when it has none. */
  at: (path: string) => string | undefined;
  /** Detail paths shown next to a field, for ErrorMessage's `inlineFields`. */
  placed: string[];
}

const covers = (fieldPath: string, detailPath: string) =>
  detailPath === fieldPath || detailPath.startsWith(`${fieldPath}.`);

/**
 * @example
 * const errors = fieldErrors(error, ["name", "variants", "variants.0.key"]);
 * errors.at("variants.0.key"); // "A variant key is a lower-case slug…"
 */
export function fieldErrors(error: ApiError | null, fieldPaths: readonly string[]): FieldErrors {
  const messages = new Map<string, string[]>();
  const placed: string[] = [];
  for (const detail of error?.details ?? []) {
    const owner = fieldPaths
      .filter((fieldPath) => covers(fieldPath, detail.path))
      .reduce<string | undefined>(
        (longest, fieldPath) =>
          !longest || fieldPath.length > longest.length ? fieldPath : longest,
        undefined,
      );
    if (owner === undefined) continue;
    messages.set(owner, [...(messages.get(owner) ?? []), detail.message]);
    placed.push(detail.path);
  }
  return { at: (path) => messages.get(path)?.join(" "), placed };
}
