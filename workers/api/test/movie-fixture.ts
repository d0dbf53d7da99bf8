/**
 * A movie made through the admin catalog API, as an admin makes one
 * (unpublished: admins attach a video before they publish), for tests that
 * need a catalog entry of their own.
 */
import { expect } from "vitest";
import { request } from "./helpers.ts";

/** Creates a movie with `adminToken` (a content admin's) and returns its id. */
export async function createMovie(adminToken: string): Promise<string> {
  const response = await request("/api/admin/catalog/titles", {
    token: adminToken,
    body: {
      slug: `movie-${crypto.randomUUID().slice(0, 8)}`,
      type: "movie",
      name: "A Test Movie",
      synopsis: "A film that exists for a test.",
      year: 2026,
      releasedOn: "2026-11-01",
      runtimeMinutes: 90,
      rating: "PG",
      languages: ["en"],
      genres: ["drama"],
      credits: [],
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
