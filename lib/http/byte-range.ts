/**
 * One HTTP byte range (RFC 9110 §14.1.2) against a resource of known size:
 * `bytes=a-b`, `bytes=a-` or `bytes=-n`. Multiple ranges are not offered
 * (the answer is the whole resource, as a server may choose). Pure.
 */

export type ByteRange = { first: number; last: number };

/**
 * The inclusive range asked for; null for no (or an ignorable) Range header;
 * "unsatisfiable" for one that starts past the end.
 *
 * @example
 * parseByteRange("bytes=100-", 1000); // { first: 100, last: 999 }
 * parseByteRange("bytes=-10", 1000);  // { first: 990, last: 999 }
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | null | "unsatisfiable" {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return { first: Math.max(0, size - suffix), last: size - 1 };
  }
  const first = Number(from);
  if (first >= size) return "unsatisfiable";
  const last = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  return last < first ? null : { first, last };
}
