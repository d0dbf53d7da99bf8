import { describe, expect, it } from "vitest";
import {
  computeSimilarities,
  interactionWeight,
  type Interaction,
  type TitleFeatures,
} from "./similarity.ts";

const title = (id: string, genres: string[], people: string[] = []): TitleFeatures => ({
  id,
  genres,
  people,
});
const watched = (profileId: string, ...titleIds: string[]): Interaction[] =>
  titleIds.map((titleId) => ({ profileId, titleId, weight: 1 }));

describe("computeSimilarities", () => {
  const catalog = [
    title("space-a", ["sci-fi"], ["ada"]),
    title("space-b", ["sci-fi"], ["ada"]),
    title("romcom", ["comedy", "romance"]),
    title("standup", ["comedy"]),
    title("lonely", ["documentary"]),
  ];

  it("falls back to genres and people when nobody watched both", () => {
    const similar = computeSimilarities(catalog, []);
    // 0.6 · (0.7 · J(genres) + 0.3 · J(people)): same genre and person → 0.6; one genre of two → 0.21.
    expect(similar.get("space-a")).toEqual([{ titleId: "space-b", score: 0.6 }]);
    expect(similar.get("standup")![0]!.titleId).toBe("romcom");
    expect(similar.get("standup")![0]!.score).toBeCloseTo(0.21, 10);
    expect(similar.get("lonely")).toEqual([]);
  });

  it("lets five profiles watching two titles together outweigh a shared genre", () => {
    // standup and romcom share a genre (0.21); standup and lonely share nothing but five viewers (0.5).
    const together = Array.from({ length: 5 }, (_, i) =>
      watched(`p${i}`, "lonely", "standup"),
    ).flat();
    const similar = computeSimilarities(catalog, together);
    expect(similar.get("standup")!.map((s) => s.titleId)).toEqual(["lonely", "romcom"]);
  });

  it("lets co-viewing link titles that share no genre, more strongly with more evidence", () => {
    const few = computeSimilarities(catalog, [...watched("p1", "lonely", "romcom")]);
    const many = computeSimilarities(
      catalog,
      Array.from({ length: 20 }, (_, i) => watched(`p${i}`, "lonely", "romcom")).flat(),
    );
    const score = (result: typeof few) =>
      result.get("lonely")!.find((s) => s.titleId === "romcom")!.score;
    expect(score(few)).toBeGreaterThan(0);
    expect(score(many)).toBeGreaterThan(score(few));
    expect(score(many)).toBeLessThanOrEqual(1);
  });

  it("pushes apart titles that the same people rate oppositely", () => {
    const opposite = Array.from({ length: 10 }, (_, i) => [
      { profileId: `p${i}`, titleId: "space-a", weight: 2.5 },
      { profileId: `p${i}`, titleId: "space-b", weight: -1 },
    ]).flat();
    const score = computeSimilarities(catalog, opposite)
      .get("space-a")!
      .find((s) => s.titleId === "space-b");
    expect(score?.score ?? 0).toBeLessThan(
      computeSimilarities(catalog, []).get("space-a")![0]!.score,
    );
  });

  it("is symmetric, keeps the best N, and orders ties by id", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      title(`t${String(i).padStart(2, "0")}`, ["drama"]),
    );
    const similar = computeSimilarities(many, [], { perTitle: 5 });
    expect(similar.get("t00")!.map((s) => s.titleId)).toEqual(["t01", "t02", "t03", "t04", "t05"]);
    // Same genre, no people: 0.6 · 0.7 · J(genres) = 0.42.
    expect(similar.get("t07")!.every((s) => Math.abs(s.score - 0.42) < 1e-12)).toBe(true);
    const coViewed = computeSimilarities(catalog, [
      ...watched("p1", "lonely", "romcom", "space-a"),
    ]);
    const scoreOf = (from: string, to: string) =>
      coViewed.get(from)!.find((s) => s.titleId === to)?.score;
    expect(scoreOf("lonely", "romcom")).toBe(scoreOf("romcom", "lonely"));
    expect(scoreOf("space-a", "lonely")).toBe(scoreOf("lonely", "space-a"));
  });

  it("ignores interactions with unknown titles and zero weights", () => {
    const similar = computeSimilarities(catalog, [
      ...watched("p1", "space-a", "ghost"),
      { profileId: "p1", titleId: "lonely", weight: 0 },
    ]);
    expect(similar.get("lonely")).toEqual([]);
  });
});

describe("interactionWeight", () => {
  it("lets ratings speak loudest", () => {
    expect(interactionWeight({ rating: 2, engaged: true })).toBe(2.5);
    expect(interactionWeight({ rating: 1, engaged: false })).toBe(1.5);
    expect(interactionWeight({ rating: -1, engaged: true })).toBe(-1);
    expect(interactionWeight({ rating: null, engaged: true })).toBe(1);
    expect(interactionWeight({ rating: null, engaged: false })).toBe(0);
  });
});
