/**
 * The popular titles bench:load's viewers watch: short films made through
 * the real pipeline (the demo catalog's titles have no video until media is
 * ingested), all at once, so the stack's transcoders share them.
 *
 * Small on purpose — 360p, half a minute — so they are ready in about 35 s:
 * the viewers fetch only the lowest rung, and a viewer loops its film
 * (lib/load/viewer.ts), so a short film serves a long view.
 */
import { filmThroughPipeline } from "../pipeline-film.ts";

export async function popularFilms(
  baseUrl: string,
  { count, seconds }: { count: number; seconds: number },
): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, (_, n) =>
      filmThroughPipeline(baseUrl, {
        name: `Bench Load ${n + 1}`,
        clipArgs: [
          // A different pattern and tone per film, so their segments differ byte for byte.
          ...["-f", "lavfi", "-i", `testsrc2=size=640x360:rate=30:duration=${seconds}`],
          ...["-f", "lavfi", "-i", `sine=frequency=${330 + 110 * n}:duration=${seconds}`],
          ...["-vf", `hue=h=${n * 60}`],
          ...["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
          "-shortest",
        ],
        // The whole ladder: its playlists are final, as a catalog title's are.
        until: "ready",
      }),
    ),
  );
}
