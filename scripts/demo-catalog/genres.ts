/**
 * The demo catalog's genres, and which genres go together: a title's extra
 * genres are drawn from its main genre's companions, so combinations read
 * naturally (Crime + Thriller, Animation + Family) instead of at random.
 */

export const GENRE_IDS = [
  "action",
  "adventure",
  "animation",
  "comedy",
  "crime",
  "documentary",
  "drama",
  "family",
  "fantasy",
  "horror",
  "mystery",
  "romance",
  "sci-fi",
  "thriller",
] as const;
export type GenreId = (typeof GENRE_IDS)[number];

export const GENRE_NAMES: Record<GenreId, string> = {
  action: "Action",
  adventure: "Adventure",
  animation: "Animation",
  comedy: "Comedy",
  crime: "Crime",
  documentary: "Documentary",
  drama: "Drama",
  family: "Family",
  fantasy: "Fantasy",
  horror: "Horror",
  mystery: "Mystery",
  romance: "Romance",
  "sci-fi": "Sci-Fi",
  thriller: "Thriller",
};

/** Likely second and third genres for a title whose main genre is the key, most likely first. */
export const GENRE_COMPANIONS: Record<GenreId, readonly GenreId[]> = {
  action: ["thriller", "adventure", "sci-fi", "crime", "comedy"],
  adventure: ["action", "fantasy", "family", "comedy", "sci-fi", "drama"],
  animation: ["family", "comedy", "adventure", "fantasy", "sci-fi"],
  comedy: ["romance", "family", "drama", "crime", "animation"],
  crime: ["thriller", "drama", "mystery", "action"],
  documentary: ["drama", "adventure", "family"],
  drama: ["romance", "crime", "mystery", "family", "comedy"],
  family: ["animation", "comedy", "adventure", "fantasy"],
  fantasy: ["adventure", "family", "drama", "action", "animation"],
  horror: ["thriller", "mystery", "sci-fi", "fantasy"],
  mystery: ["thriller", "crime", "drama", "horror"],
  romance: ["comedy", "drama"],
  "sci-fi": ["action", "thriller", "adventure", "drama", "mystery", "horror"],
  thriller: ["crime", "mystery", "action", "horror", "sci-fi", "drama"],
};

/** Genres a kids title never carries, whatever its main genre's companions say. */
export const ADULT_ONLY_GENRES: ReadonlySet<GenreId> = new Set(["horror", "thriller", "crime"]);
