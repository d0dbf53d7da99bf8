/**
 * The QoE view token: a JWT (audience `marquee:qoe-view`) that startPlayback
 * hands the player with its grant. It fixes, when the view starts, what the
 * view's events will be counted under — the profile, the title, the device
 * type, the country, the ABR policy and the experiment variants — so a
 * client cannot move its events into another slice, and the analytics Worker
 * learns the slice without a database read.
 *
 * It outlives the playback grant (the player may send its last events on
 * pagehide long after a pause), but it only lets its holder report about
 * this one view.
 */
import { z } from "zod";
import { AUDIENCES, signToken, verifyToken, type TokenKeys } from "../auth/signed-token.ts";
import { DEVICE_TYPES, type DeviceType } from "./device-type.ts";

export const VIEW_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface QoeView {
  /** The playback session: one view per startPlayback. */
  viewId: string;
  profileId: string;
  accountId: string;
  titleId: string;
  episodeId: string | null;
  deviceType: DeviceType;
  /** ISO 3166 alpha-2 from the edge (Request.cf.country); "XX" when unknown. */
  country: string;
  /** The ABR policy and parameter set the player was given (lib/experiments/product-config.ts). */
  abrPolicy: string;
  /** "<experimentId>:<variantKey>" for each experiment the profile is in. */
  variants: string[];
}

const ViewClaimsSchema = z.object({
  sub: z.string(),
  acc: z.string(),
  vid: z.string(),
  tid: z.string(),
  eid: z.string().nullable(),
  dev: z.enum(DEVICE_TYPES),
  cty: z.string(),
  abr: z.string(),
  xv: z.array(z.string()),
});

export function signViewToken(keys: TokenKeys, view: QoeView): Promise<string> {
  return signToken(keys, {
    audience: AUDIENCES.qoeView,
    subject: view.profileId,
    ttlSeconds: VIEW_TOKEN_TTL_SECONDS,
    claims: {
      acc: view.accountId,
      vid: view.viewId,
      tid: view.titleId,
      eid: view.episodeId,
      dev: view.deviceType,
      cty: view.country,
      abr: view.abrPolicy,
      xv: view.variants,
    },
  });
}

/** The view a token describes; throws when it is forged, expired or not a view token. */
export async function verifyViewToken(keys: TokenKeys, token: string): Promise<QoeView> {
  const claims = ViewClaimsSchema.parse(await verifyToken(keys, token, AUDIENCES.qoeView));
  return {
    viewId: claims.vid,
    profileId: claims.sub,
    accountId: claims.acc,
    titleId: claims.tid,
    episodeId: claims.eid,
    deviceType: claims.dev,
    country: claims.cty,
    abrPolicy: claims.abr,
    variants: claims.xv,
  };
}
