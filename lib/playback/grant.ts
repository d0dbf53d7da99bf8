/**
 * The playback grant: a short-lived JWT (jose, ES256, audience
 * `marquee:playback`) that authorises one playback session to fetch one
 * asset's files. It rides in the stream URLs' path
 * (`/api/stream/<grant>/<asset path>`), so the relative URLs inside
 * manifests carry it to every segment without rewriting each one, and the
 * segment route checks it with a signature verification and no database
 * read.
 *
 * A grant names the asset, the playback session, the profile and account,
 * the profile's maturity ceiling at the start, and the tallest picture the
 * viewer may get (plan cap, lowered by the device's). The player renews it
 * before it expires (refreshPlayback) and swaps it into later requests.
 */
import { z } from "zod";
import { AUDIENCES, signToken, verifyToken, type TokenKeys } from "../auth/signed-token.ts";

export interface PlaybackGrant {
  assetId: string;
  playbackSessionId: string;
  profileId: string;
  accountId: string;
  /** The profile's maturity rank when playback started. */
  maturityRank: number;
  /** Renditions taller than this are neither listed nor served. */
  maxHeight: number;
}

const GrantClaimsSchema = z.object({
  sub: z.string(),
  acc: z.string(),
  ast: z.string(),
  psid: z.string(),
  mat: z.number().int(),
  mh: z.number().int().positive(),
});

export function signPlaybackGrant(
  keys: TokenKeys,
  grant: PlaybackGrant,
  ttlSeconds: number,
): Promise<string> {
  return signToken(keys, {
    audience: AUDIENCES.playback,
    subject: grant.profileId,
    ttlSeconds,
    claims: {
      acc: grant.accountId,
      ast: grant.assetId,
      psid: grant.playbackSessionId,
      mat: grant.maturityRank,
      mh: grant.maxHeight,
    },
  });
}

/** The grant a token carries; throws when the token is forged, expired or not a playback grant. */
export async function verifyPlaybackGrant(keys: TokenKeys, token: string): Promise<PlaybackGrant> {
  const claims = GrantClaimsSchema.parse(await verifyToken(keys, token, AUDIENCES.playback));
  return {
    assetId: claims.ast,
    playbackSessionId: claims.psid,
    profileId: claims.sub,
    accountId: claims.acc,
    maturityRank: claims.mat,
    maxHeight: claims.mh,
  };
}
