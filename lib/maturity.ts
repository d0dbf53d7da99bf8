/**
 * Maturity levels, from the US film ratings, in increasing order. A profile
 * sees a title when the title's level is at or below the profile's.
 *
 * TV ratings map onto the same scale (the tiers streaming services use):
 * TV-Y and TV-G → G; TV-Y7, TV-Y7-FV and TV-PG → PG; TV-14 → PG-13;
 * TV-MA → NC-17. R has no TV equivalent.
 */
export const MATURITY_LEVELS = ["G", "PG", "PG-13", "R", "NC-17"] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

export const TV_RATINGS = ["TV-Y", "TV-Y7", "TV-Y7-FV", "TV-G", "TV-PG", "TV-14", "TV-MA"] as const;
export type TvRating = (typeof TV_RATINGS)[number];

export const TV_RATING_LEVEL: Record<TvRating, MaturityLevel> = {
  "TV-Y": "G",
  "TV-G": "G",
  "TV-Y7": "PG",
  "TV-Y7-FV": "PG",
  "TV-PG": "PG",
  "TV-14": "PG-13",
  "TV-MA": "NC-17",
};

/** The highest level a kids profile may be given. */
export const KIDS_MAX_LEVEL: MaturityLevel = "PG";

export function maturityRank(level: MaturityLevel): number {
  return MATURITY_LEVELS.indexOf(level);
}

export function isWithinMaturity(titleLevel: MaturityLevel, profileLevel: MaturityLevel): boolean {
  return maturityRank(titleLevel) <= maturityRank(profileLevel);
}

/** Every rating a title may carry: the film ratings and the TV ratings. */
export const RATINGS = [...MATURITY_LEVELS, ...TV_RATINGS] as const;
export type Rating = (typeof RATINGS)[number];

/** The level a title's rating puts it at. */
export function levelOfRating(rating: Rating): MaturityLevel {
  return (MATURITY_LEVELS as readonly string[]).includes(rating)
    ? (rating as MaturityLevel)
    : TV_RATING_LEVEL[rating as TvRating];
}
