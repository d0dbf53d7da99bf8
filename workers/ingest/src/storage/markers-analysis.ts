/** An asset's markers analysis in R2, next to its outputs (removed with them). */
import type { MarkersAnalysis } from "../../../../lib/ingest/task-protocol.ts";
import { assetKey, MARKERS_ANALYSIS } from "../../../../lib/media/asset-layout.ts";

export async function putMarkersAnalysis(
  media: R2Bucket,
  assetId: string,
  analysis: MarkersAnalysis,
): Promise<void> {
  await media.put(assetKey(assetId, MARKERS_ANALYSIS), JSON.stringify(analysis), {
    httpMetadata: { contentType: "application/json" },
  });
}

/** The asset's analysis, or null when its job has not got that far (or predates markers). */
export async function getMarkersAnalysis(
  media: R2Bucket,
  assetId: string,
): Promise<MarkersAnalysis | null> {
  const object = await media.get(assetKey(assetId, MARKERS_ANALYSIS));
  // Written only by putMarkersAnalysis, from a task result the transcoder route validated.
  return object ? object.json<MarkersAnalysis>() : null;
}
