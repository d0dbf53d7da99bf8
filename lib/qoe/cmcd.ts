/**
 * The network side of a view, from CMCD (Common Media Client Data, CTA-5004)
 * that the player sends in the `CMCD` query parameter of each stream request
 * (hls.js `cmcd` config): the buffer it held, the throughput it measured,
 * the bit rate of what it asked for, and whether it had run dry. Decoded with
 * the SVTA Common Media Library's CMCD package (the same one dash.js uses),
 * not by hand.
 *
 * One Analytics Engine data point per video segment request, in the QoE dataset's
 * layout (docs/analytics.md): index1 is the view id, which
 * is the playback session of the grant in the URL — never the `sid` the
 * client sends — so a view's network samples sit beside its QoE events.
 *
 * blobs:   1 "network" · 8 profile id · 9 CMCD object type (v, a, i…) ·
 *          10 rendition ("720p@2107", from the path and `br`) · 11 asset id
 * doubles: 4 encoded bit rate (kbps, `br`) · 6 height (from the path) ·
 *          13 buffer length (ms, `bl`) · 14 measured throughput (kbps, `mtp`) ·
 *          15 object duration (ms, `d`) · 16 buffer starvation (0/1, `bs`) ·
 *          17 requested maximum throughput (kbps, `rtp`) · 18 top bit rate (kbps, `tb`)
 */
import { fromCmcdQuery } from "@svta/cml-cmcd";
import type { PlaybackGrant } from "../playback/grant.ts";

/** What one request's CMCD says about the network and the buffer. */
export interface NetworkSample {
  objectType: string;
  bufferMs: number;
  throughputKbps: number;
  bitrateKbps: number;
  durationMs: number;
  starved: boolean;
  requestedThroughputKbps: number;
  topBitrateKbps: number;
}

const number = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) ? value : 0;

/**
 * The sample in a request's query, or null when it carries no CMCD or CMCD
 * that cannot be read: a player's telemetry never fails the request it rides on.
 *
 * @example
 * networkSampleOf(new URLSearchParams("CMCD=bl%3D21300%2Cbr%3D3200%2Cmtp%3D25400%2Cot%3Dv"));
 * // { objectType: "v", bufferMs: 21300, bitrateKbps: 3200, throughputKbps: 25400, … }
 */
export function networkSampleOf(query: URLSearchParams): NetworkSample | null {
  if (!query.has("CMCD")) return null;
  let data: Record<string, unknown>;
  try {
    data = fromCmcdQuery(query) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (Object.keys(data).length === 0) return null;
  return {
    objectType: typeof data.ot === "string" ? data.ot : "",
    bufferMs: number(data.bl),
    throughputKbps: number(data.mtp),
    bitrateKbps: number(data.br),
    durationMs: number(data.d),
    starved: data.bs === true,
    requestedThroughputKbps: number(data.rtp),
    topBitrateKbps: number(data.tb),
  };
}

/** The sample as an Analytics Engine data point (the layout above). */
export function networkDataPoint(
  grant: PlaybackGrant,
  height: number,
  sample: NetworkSample,
): AnalyticsEngineDataPoint {
  const blobs = Array<string>(11).fill("");
  blobs[0] = "network";
  blobs[7] = grant.profileId;
  blobs[8] = sample.objectType;
  blobs[9] = `${height}p@${Math.round(sample.bitrateKbps)}`;
  blobs[10] = grant.assetId;
  const doubles = Array<number>(18).fill(0);
  doubles[3] = sample.bitrateKbps;
  doubles[5] = height;
  doubles[12] = sample.bufferMs;
  doubles[13] = sample.throughputKbps;
  doubles[14] = sample.durationMs;
  doubles[15] = sample.starved ? 1 : 0;
  doubles[16] = sample.requestedThroughputKbps;
  doubles[17] = sample.topBitrateKbps;
  return { indexes: [grant.playbackSessionId], blobs, doubles };
}
