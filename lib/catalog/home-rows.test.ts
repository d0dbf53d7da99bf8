/** An experiment's home row order applied to built rows. */
import { describe, expect, it } from "vitest";
import { orderRows, type RowKind } from "./home-rows.ts";

const rows = (
  [
    ["trending", "trending"],
    ["my_list", "my_list"],
    ["because_you_watched:a", "because_you_watched"],
    ["because_you_watched:b", "because_you_watched"],
    ["new_releases", "new_releases"],
    ["genre:drama", "genre"],
    ["genre:comedy", "genre"],
  ] as [string, RowKind][]
).map(([id, kind]) => ({ id, kind }));

const ids = (list: { id: string }[]) => list.map((row) => row.id);

describe("orderRows", () => {
  it("puts the listed kinds first in the listed order; the rest keep theirs", () => {
    expect(ids(orderRows(rows, ["new_releases", "because_you_watched"]))).toEqual([
      "new_releases",
      "because_you_watched:a",
      "because_you_watched:b",
      "trending",
      "my_list",
      "genre:drama",
      "genre:comedy",
    ]);
  });

  it("ignores kinds the page does not have, and leaves the page alone without an order", () => {
    expect(ids(orderRows(rows, ["continue_watching", "genre"])).slice(0, 2)).toEqual([
      "genre:drama",
      "genre:comedy",
    ]);
    expect(ids(orderRows(rows, []))).toEqual(ids(rows));
  });
});
