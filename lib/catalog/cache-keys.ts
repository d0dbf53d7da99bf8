/**
 * The KV keys of cached catalog data, in one place: the api Worker reads
 * and invalidates them, the analytics Worker refreshes similarity lists.
 * The version prefix lets a change of shape start from an empty cache.
 */
import { MATURITY_LEVELS } from "../maturity.ts";

const V = "v2";

export const cacheKeys = {
  /** Everything getTitle shows about a title, whatever the profile. */
  title: (titleId: string) => `catalog:${V}:title:${titleId}`,
  /** Titles similar to one title, best first. */
  similar: (titleId: string) => `catalog:${V}:similar:${titleId}`,
  /** Published titles by views in the last 7 days. */
  trending: () => `catalog:${V}:row:trending`,
  /** Published titles by all-time views. */
  popular: () => `catalog:${V}:row:popular`,
  /** Published titles by release date, newest first. */
  newReleases: () => `catalog:${V}:row:new`,
  /** Published titles of one genre by all-time views. */
  genre: (genreId: string) => `catalog:${V}:row:genre:${genreId}`,
  /** The genres that have published titles. */
  genres: () => `catalog:${V}:genres`,
  /** A title card; kept in isolate memory only (cards are hydrated in bulk from D1). */
  card: (titleId: string) => `catalog:${V}:card:${titleId}`,
  /** The home page served when personalisation is unavailable, per maturity rank. */
  genericHome: (maturityRank: number) => `catalog:${V}:home:generic:${maturityRank}`,
};

/** Every generic home's key (there is one per maturity rank). */
export const allGenericHomes = () => MATURITY_LEVELS.map((_, rank) => cacheKeys.genericHome(rank));

/**
 * What changes when a title's video does (it plays, or stops playing): its
 * details, and the generic homes whose cards show it. Rows hold ids only;
 * cards are read from D1 and kept in isolate memory for seconds.
 */
export const keysOnVideoChange = (titleId: string) => [
  cacheKeys.title(titleId),
  ...allGenericHomes(),
];
