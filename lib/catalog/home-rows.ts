/**
 * The kinds of row a home page has, in one place: the api Worker builds
 * rows of these kinds (services/home/build-home.ts), its schema documents
 * them, and an experiment's `homeRowOrder` may only name them.
 */
export const ROW_KINDS = [
  "continue_watching",
  "trending",
  "my_list",
  "top_genre",
  "because_you_watched",
  "new_releases",
  "genre",
  "popular",
] as const;

export type RowKind = (typeof ROW_KINDS)[number];

/**
 * Rows in an experiment's order: kinds named in `order` first, in that
 * order (rows of one kind keep theirs), then every other row as it was.
 *
 * @example
 * orderRows(rows, ["new_releases", "trending"]); // New Releases, Trending, then the rest
 */
export function orderRows<Row extends { kind: RowKind }>(
  rows: readonly Row[],
  order: readonly RowKind[],
): Row[] {
  if (order.length === 0) return [...rows];
  const rank = new Map(order.map((kind, index) => [kind, index]));
  const listed = rows.filter((row) => rank.has(row.kind));
  // Array.prototype.sort is stable: rows of one kind keep their order.
  listed.sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)!);
  return [...listed, ...rows.filter((row) => !rank.has(row.kind))];
}
