/**
 * The playback_markers rows of one video (a film's title id or an episode's
 * id): read whole, and the statements that set or drop an admin's marker,
 * which the admin service batches with its audit entry.
 */
import { and, eq } from "drizzle-orm";
import type { MarkerRow } from "../../../../lib/catalog/markers.ts";
import { playbackMarkers, type MarkerKind } from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { toStatement } from "./statements.ts";

/** What plays: a film (its title) or an episode (of its title). */
export interface MarkedVideo {
  videoId: string;
  titleId: string;
  episodeId: string | null;
}

export function markerRows(db: Database, videoId: string): Promise<MarkerRow[]> {
  return db
    .select({
      kind: playbackMarkers.kind,
      source: playbackMarkers.source,
      startSeconds: playbackMarkers.startSeconds,
      endSeconds: playbackMarkers.endSeconds,
      confidence: playbackMarkers.confidence,
    })
    .from(playbackMarkers)
    .where(eq(playbackMarkers.videoId, videoId));
}

/** Sets the admin's marker of `kind` (a null start: there is none). */
export function setAdminMarkerStatement(
  db: Database,
  video: MarkedVideo,
  kind: MarkerKind,
  span: { startSeconds: number; endSeconds: number | null } | null,
): D1PreparedStatement {
  const values = {
    startSeconds: span?.startSeconds ?? null,
    endSeconds: span?.endSeconds ?? null,
    confidence: 1,
    updatedAt: new Date(),
  };
  return toStatement(
    db,
    db
      .insert(playbackMarkers)
      .values({ ...video, kind, source: "admin", ...values })
      .onConflictDoUpdate({
        target: [playbackMarkers.videoId, playbackMarkers.kind, playbackMarkers.source],
        set: values,
      }),
  );
}

/** Drops the admin's marker of `kind`, so the detected one (if any) is in force again. */
export function dropAdminMarkerStatement(
  db: Database,
  videoId: string,
  kind: MarkerKind,
): D1PreparedStatement {
  return toStatement(
    db,
    db
      .delete(playbackMarkers)
      .where(
        and(
          eq(playbackMarkers.videoId, videoId),
          eq(playbackMarkers.kind, kind),
          eq(playbackMarkers.source, "admin"),
        ),
      ),
  );
}
