/**
 * How items inside a home row are ordered: one score per title for a
 * profile, combining taste, popularity and recency.
 *
 *   score = w_taste · taste + w_pop · popularity + w_rec · recency
 *
 * with w = (0.5, 0.3, 0.2) for a profile with history, and (0, 0.7, 0.3) for
 * one without (popularity-based rows). Each part is in [0, 1]:
 *
 * - taste = 0.6 · cos(profile's genre affinity, title's genres)
 *         + 0.4 · (the title's highest similarity to a title the profile liked)
 * - popularity = 0.7 · log(1 + views in 7 days) / log(1 + the most 7-day views)
 *              + 0.3 · log(1 + all-time views) / log(1 + the most all-time views)
 * - recency = exp(−(days since release) / 365)
 *
 * Ties break on the title id, so the order is deterministic.
 */
import { interactionWeight } from "./similarity.ts";

export const SCORE_WEIGHTS = {
  withHistory: { taste: 0.5, popularity: 0.3, recency: 0.2 },
  withoutHistory: { taste: 0, popularity: 0.7, recency: 0.3 },
} as const;

export interface RankingCandidate {
  id: string;
  genreIds: readonly string[];
  recentViews: number;
  allTimeViews: number;
  /** ISO date. */
  releasedOn: string;
}

/** A profile's taste, derived from what it watched, listed and rated. */
export interface Taste {
  hasHistory: boolean;
  /** Genre id → how much the profile likes it (any positive scale). */
  genreAffinity: ReadonlyMap<string, number>;
  /** Title id → its highest similarity to a title the profile liked. */
  similarity: ReadonlyMap<string, number>;
}

export interface RankingContext {
  /** "Today", as Unix ms, for recency. */
  now: number;
  maxRecentViews: number;
  maxAllTimeViews: number;
}

const DAY_MS = 86_400_000;

function genreCosine(affinity: ReadonlyMap<string, number>, genreIds: readonly string[]): number {
  if (affinity.size === 0 || genreIds.length === 0) return 0;
  let dot = 0;
  let norm = 0;
  for (const value of affinity.values()) norm += value * value;
  for (const genre of genreIds) dot += affinity.get(genre) ?? 0;
  // The title's vector has 1 for each of its genres, so its norm is √(genre count).
  return Math.max(0, dot / (Math.sqrt(norm) * Math.sqrt(genreIds.length)));
}

const logShare = (value: number, max: number) =>
  max > 0 ? Math.log1p(value) / Math.log1p(max) : 0;

export function scoreTitle(
  candidate: RankingCandidate,
  taste: Taste,
  context: RankingContext,
): number {
  const weights = taste.hasHistory ? SCORE_WEIGHTS.withHistory : SCORE_WEIGHTS.withoutHistory;
  const tasteScore =
    0.6 * genreCosine(taste.genreAffinity, candidate.genreIds) +
    0.4 * (taste.similarity.get(candidate.id) ?? 0);
  const popularity =
    0.7 * logShare(candidate.recentViews, context.maxRecentViews) +
    0.3 * logShare(candidate.allTimeViews, context.maxAllTimeViews);
  const ageDays = Math.max(0, (context.now - Date.parse(candidate.releasedOn)) / DAY_MS);
  const recency = Math.exp(-ageDays / 365);
  return weights.taste * tasteScore + weights.popularity * popularity + weights.recency * recency;
}

/** Candidates best first, by score then id. */
export function rankCandidates<C extends RankingCandidate>(
  candidates: readonly C[],
  taste: Taste,
  context: RankingContext,
): C[] {
  return candidates
    .map((candidate) => ({ candidate, score: scoreTitle(candidate, taste, context) }))
    .sort((a, b) => b.score - a.score || (a.candidate.id < b.candidate.id ? -1 : 1))
    .map(({ candidate }) => candidate);
}

export interface ProfileActivity {
  /** Titles the profile watched or keeps in My List. */
  engaged: ReadonlySet<string>;
  /** Thumbs ratings by title: −1, 1 or 2. */
  ratings: ReadonlyMap<string, number>;
}

/**
 * A profile's taste from its activity: each title it engaged with or rated
 * adds its interaction weight (similarity.ts) to its genres, shared between
 * them; and every title similar to a liked one carries that similarity.
 */
export function tasteOf(
  activity: ProfileActivity,
  genresOf: (titleId: string) => readonly string[],
  similarTo: (titleId: string) => readonly { titleId: string; score: number }[],
): Taste {
  const genreAffinity = new Map<string, number>();
  const similarity = new Map<string, number>();
  const touched = new Set([...activity.engaged, ...activity.ratings.keys()]);
  for (const titleId of touched) {
    const weight = interactionWeight({
      rating: activity.ratings.get(titleId) ?? null,
      engaged: activity.engaged.has(titleId),
    });
    const genres = genresOf(titleId);
    for (const genre of genres)
      genreAffinity.set(genre, (genreAffinity.get(genre) ?? 0) + weight / genres.length);
    if (weight <= 0) continue;
    for (const { titleId: similar, score } of similarTo(titleId)) {
      similarity.set(similar, Math.max(similarity.get(similar) ?? 0, score));
    }
  }
  // Genres the profile dislikes on balance count as 0, not as a negative pull.
  for (const [genre, value] of genreAffinity) if (value <= 0) genreAffinity.delete(genre);
  return { hasHistory: touched.size > 0, genreAffinity, similarity };
}
