import { describe, expect, it } from "vitest";
import { networkDataPoint, networkSampleOf } from "./cmcd.ts";

const grant = {
  assetId: "asset-1",
  playbackSessionId: "view-1",
  profileId: "profile-1",
  accountId: "account-1",
  maturityRank: 3,
  maxHeight: 1080,
};

/** What hls.js appends to a video segment request (CTA-5004's query form, URL-encoded). */
const HLS_JS_QUERY =
  "CMCD=bl%3D21300%2Cbr%3D2107%2Cbs%2Ccid%3D%22title-1%22%2Cd%3D4000%2Cmtp%3D25400%2Cot%3Dv%2Crtp%3D15000%2Csf%3Dh%2Csid%3D%22view-1%22%2Cst%3Dv%2Ctb%3D4740";

describe("networkSampleOf", () => {
  it("reads buffer, throughput, bit rate and starvation from the CMCD parameter", () => {
    expect(networkSampleOf(new URLSearchParams(HLS_JS_QUERY))).toEqual({
      objectType: "v",
      bufferMs: 21300,
      throughputKbps: 25400,
      bitrateKbps: 2107,
      durationMs: 4000,
      starved: true,
      requestedThroughputKbps: 15000,
      topBitrateKbps: 4740,
    });
  });

  it("absent keys are zero, not missing", () => {
    expect(networkSampleOf(new URLSearchParams("CMCD=ot%3Da"))).toMatchObject({
      objectType: "a",
      bufferMs: 0,
      starved: false,
    });
  });

  it("no CMCD, empty CMCD or CMCD that is not CMCD: null", () => {
    expect(networkSampleOf(new URLSearchParams("other=1"))).toBeNull();
    expect(networkSampleOf(new URLSearchParams("CMCD="))).toBeNull();
    expect(networkSampleOf(new URLSearchParams("CMCD=%22%3D%3D%2C%2C"))).toBeNull();
  });
});

describe("networkDataPoint", () => {
  it("is indexed by the grant's playback session, never the client's sid", () => {
    const sample = networkSampleOf(
      new URLSearchParams(HLS_JS_QUERY.replace("view-1", "someone-else")),
    )!;
    const point = networkDataPoint(grant, 720, sample);
    expect(point.indexes).toEqual(["view-1"]);
    expect(point.blobs?.[0]).toBe("network");
    expect(point.blobs?.[7]).toBe("profile-1");
    expect(point.blobs?.[9]).toBe("720p@2107");
    expect(point.blobs?.[10]).toBe("asset-1");
    expect(point.doubles?.[12]).toBe(21300);
    expect(point.doubles?.[13]).toBe(25400);
    expect(point.doubles?.[15]).toBe(1);
  });
});
