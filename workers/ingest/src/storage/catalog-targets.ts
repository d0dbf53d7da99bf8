/** The catalog entries an upload can be attached to, read to validate the upload before it starts. */
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../../../lib/db/database.ts";
import { episodes, titles, uploads } from "../../../../lib/db/schema.ts";

export function findTitle(db: Database, titleId: string) {
  return db.query.titles.findFirst({
    where: eq(titles.id, titleId),
    columns: { id: true, type: true },
  });
}

export function findEpisode(db: Database, episodeId: string) {
  return db.query.episodes.findFirst({
    where: eq(episodes.id, episodeId),
    columns: { id: true, titleId: true },
  });
}

export function findUploads(db: Database, uploadIds: string[]) {
  return db.query.uploads.findMany({
    where: inArray(uploads.id, uploadIds),
    columns: { id: true, kind: true, state: true },
  });
}

/** The series an episode belongs to. */
export async function titleOfEpisode(db: Database, episodeId: string): Promise<string | null> {
  const episode = await findEpisode(db, episodeId);
  return episode?.titleId ?? null;
}
