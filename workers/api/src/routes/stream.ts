/**
 * Stream files for the player: `GET /api/stream/<grant>/<asset path>`.
 *
 * Every request is checked without touching D1: the grant's signature and
 * expiry (jose), that the path is inside the grant's asset and within its
 * quality cap (rendition folders are named by height), and that its
 * playback session is still on (the account's StreamSessions object,
 * remembered here for at most ACTIVE_CACHE_MS, so an ended session's
 * fetches stop within one 4-second segment). Refusals are 403 with the JSON
 * error body.
 *
 * Only then is the file served (services/stream-files.ts): segments and
 * every other file written once from the edge cache under a key without the
 * grant, filled from R2 on a miss, so a cached file is never served to a
 * grant that would have been refused; playlists and the MPD from R2 and
 * never cached, since they grow while a title is still being encoded, with
 * the HLS master and the DASH MPD filtered to the viewer's cap.
 *
 * A request's CMCD query parameter (the player's buffer, measured
 * throughput and chosen rung) is recorded in Analytics Engine under the
 * grant's view (lib/qoe/cmcd.ts); malformed CMCD is ignored, never refused.
 *
 * The grant in the URL is the credential, as with Cloudflare Stream's and
 * Mux's signed URLs, so stream responses answer any origin, without
 * cookies (corsForStreams): a stock hls.js or dash.js on another site plays
 * a signed stream.
 *
 * Not part of the OpenAPI document: its path holds a slash-separated file
 * path, which OpenAPI path parameters cannot. Tested in stream-route.test.ts
 * (bad input, CORS, types) and playback.test.ts (grants and sessions).
 */
import { Hono } from "hono";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { ApiError, notFound } from "../../../../lib/http/api-error.ts";
import { outputContentType } from "../../../../lib/media/asset-layout.ts";
import { AssetPathSchema } from "../../../../lib/media/presentation.ts";
import { networkDataPoint, networkSampleOf } from "../../../../lib/qoe/cmcd.ts";
import { verifyPlaybackGrant, type PlaybackGrant } from "../../../../lib/playback/grant.ts";
import { renditionHeightOfPath } from "../../../../lib/playback/manifests.ts";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { serveStreamFile } from "../services/stream-files.ts";

export const ACTIVE_CACHE_MS = 2_000;
const activeUntil = new Map<string, number>();

const refused = (message: string) => new ApiError(403, "stream_forbidden", message);

async function grantFor(env: Env, token: string): Promise<PlaybackGrant> {
  try {
    return await verifyPlaybackGrant(await tokenKeys(config(env).JWT_SIGNING_KEYS), token);
  } catch {
    throw refused("This stream link is not valid or has expired.");
  }
}

async function sessionIsOn(env: Env, grant: PlaybackGrant): Promise<boolean> {
  const now = Date.now();
  if ((activeUntil.get(grant.playbackSessionId) ?? 0) > now) return true;
  const active = await env.STREAM_SESSIONS.getByName(grant.accountId).isActive(
    grant.playbackSessionId,
  );
  if (active) activeUntil.set(grant.playbackSessionId, now + ACTIVE_CACHE_MS);
  else activeUntil.delete(grant.playbackSessionId);
  return active;
}

/** The asset path as written; a malformed percent-escape is the client's error, not ours. */
function decodedPath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, "invalid_path", "The stream path has a malformed percent-escape.");
  }
}

export const streamRoutes = new Hono<AppEnv>();

streamRoutes.get("/:grant/*", async (c) => {
  const grant = await grantFor(c.env, c.req.param("grant"));
  const prefix = `/api/stream/${c.req.param("grant")}/`;
  const url = new URL(c.req.url);
  const path = decodedPath(url.pathname.slice(prefix.length));
  const contentType = outputContentType(path);
  if (!AssetPathSchema.safeParse(path).success || !contentType) throw notFound("stream file");
  const height = renditionHeightOfPath(path);
  if (height !== null && height > grant.maxHeight) {
    throw refused("This quality is above what this stream may play.");
  }
  if (!(await sessionIsOn(c.env, grant))) {
    throw refused("This playback session has ended.");
  }

  // The player's CMCD on video requests (one point per video segment; audio and playlists would
  // only repeat the buffer): the network side of this view, beside its QoE events.
  const sample = height === null ? null : networkSampleOf(url.searchParams);
  if (height !== null && sample) {
    c.env.QOE_EVENTS.writeDataPoint(networkDataPoint(grant, height, sample));
  }

  const logger = c.get("logger");
  return serveStreamFile(
    {
      media: c.env.MEDIA,
      background: (promise) =>
        c.executionCtx.waitUntil(
          promise.catch((error: unknown) =>
            logger.log("warn", "stream file not cached", { path, error: String(error) }),
          ),
        ),
    },
    {
      assetId: grant.assetId,
      path,
      contentType,
      maxHeight: grant.maxHeight,
      origin: url.origin,
      headers: c.req.raw.headers,
    },
  );
});
