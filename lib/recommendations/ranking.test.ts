import { describe, expect, it } from "vitest";
import {
  rankCandidates,
  scoreTitle,
  tasteOf,
  type RankingCandidate,
  type Taste,
} from "./ranking.ts";

const now = Date.parse("2026-11-20");
const context = { now, maxRecentViews: 100, maxAllTimeViews: 1000 };
const candidate = (id: string, over: Partial<RankingCandidate> = {}): RankingCandidate => ({
  id,
  genreIds: ["drama"],
  recentViews: 0,
  allTimeViews: 0,
  releasedOn: "2020-01-01",
  ...over,
});
const noTaste: Taste = { hasHistory: false, genreAffinity: new Map(), similarity: new Map() };

describe("scoreTitle", () => {
  it("ranks a profile without history by popularity, then recency", () => {
    const ranked = rankCandidates(
      [
        candidate("old-hit", { recentViews: 100, allTimeViews: 1000, releasedOn: "1990-01-01" }),
        candidate("new-flop", { releasedOn: "2026-11-01" }),
        // Barely viewed and old: 0.7 · popularity ≈ 0.11, below the new title's 0.3 · recency ≈ 0.29.
        candidate("mid", { recentViews: 1, allTimeViews: 2 }),
      ],
      noTaste,
      context,
    );
    expect(ranked.map((c) => c.id)).toEqual(["old-hit", "new-flop", "mid"]);
  });

  it("lets taste lift a less popular title in the profile's genres above a hit outside them", () => {
    const taste: Taste = {
      hasHistory: true,
      genreAffinity: new Map([["horror", 3]]),
      similarity: new Map([["scary", 0.9]]),
    };
    const ranked = rankCandidates(
      [
        candidate("hit", { genreIds: ["comedy"], recentViews: 60, allTimeViews: 500 }),
        candidate("scary", { genreIds: ["horror"], recentViews: 5, allTimeViews: 20 }),
      ],
      taste,
      context,
    );
    expect(ranked[0]!.id).toBe("scary");
  });

  it("stays within [0, 1] and is exactly reproducible", () => {
    const c = candidate("x", { recentViews: 100, allTimeViews: 1000, releasedOn: "2026-11-20" });
    const full: Taste = {
      hasHistory: true,
      genreAffinity: new Map([["drama", 1]]),
      similarity: new Map([["x", 1]]),
    };
    expect(scoreTitle(c, full, context)).toBeCloseTo(1, 10);
    expect(
      scoreTitle(candidate("y", { genreIds: [] }), noTaste, {
        ...context,
        maxRecentViews: 0,
        maxAllTimeViews: 0,
      }),
    ).toBeGreaterThanOrEqual(0);
    expect(scoreTitle(c, full, context)).toBe(scoreTitle(c, full, context));
  });

  it("breaks ties by id, whatever the input order", () => {
    const same = ["d", "a", "c", "b"].map((id) => candidate(id));
    expect(rankCandidates(same, noTaste, context).map((c) => c.id)).toEqual(["a", "b", "c", "d"]);
    expect(rankCandidates([...same].reverse(), noTaste, context).map((c) => c.id)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });
});

describe("tasteOf", () => {
  const genres: Record<string, string[]> = {
    a: ["horror", "thriller"],
    b: ["comedy"],
    c: ["horror"],
  };
  const similar: Record<string, { titleId: string; score: number }[]> = {
    a: [{ titleId: "c", score: 0.8 }],
    b: [{ titleId: "c", score: 0.3 }],
  };

  it("weighs genres by what the profile did and shares a title's weight among its genres", () => {
    const taste = tasteOf(
      { engaged: new Set(["a", "b"]), ratings: new Map([["a", 2]]) },
      (id) => genres[id] ?? [],
      (id) => similar[id] ?? [],
    );
    expect(taste.hasHistory).toBe(true);
    expect(taste.genreAffinity.get("horror")).toBe(1.25);
    expect(taste.genreAffinity.get("comedy")).toBe(1);
    expect(taste.similarity.get("c")).toBe(0.8);
  });

  it("takes nothing similar from a title rated down, and drops genres it dislikes", () => {
    const taste = tasteOf(
      { engaged: new Set(), ratings: new Map([["b", -1]]) },
      (id) => genres[id] ?? [],
      (id) => similar[id] ?? [],
    );
    expect(taste.similarity.size).toBe(0);
    expect(taste.genreAffinity.has("comedy")).toBe(false);
  });

  it("has no history for a profile that did nothing", () => {
    expect(
      tasteOf(
        { engaged: new Set(), ratings: new Map() },
        () => [],
        () => [],
      ).hasHistory,
    ).toBe(false);
  });
});
