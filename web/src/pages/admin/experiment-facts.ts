/**
 * An experiment's vocabulary as the admin pages word it: statuses, metrics,
 * home row kinds, card artwork, device types and the ABR policy's
 * parameters. Each table is keyed by the
 * server's own type, so a new value there fails the build here until it
 * has a label.
 */
import type { AbrParams } from "../../../../lib/abr/policy.ts";
import type { RowKind } from "../../../../lib/catalog/home-rows.ts";
import type {
  CardArtwork,
  ExperimentMetric,
  MAX_VARIANTS,
  MIN_VARIANTS,
} from "../../../../lib/experiments/definition.ts";
import type { DeviceType, ExperimentStatus } from "../../api/types.ts";

export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  draft: "Draft",
  running: "Running",
  stopped: "Stopped",
};

export const METRIC_LABELS: Record<ExperimentMetric, string> = {
  startup_time: "Startup time",
  rebuffer_percentage: "Rebuffer percentage",
  playback_failure: "Playback failures",
  exits_before_start: "Exits before video start",
  average_bitrate: "Average bitrate",
  watch_time_per_profile: "Watch time per profile",
  completion_rate: "Completion rate",
};
export const METRICS = Object.keys(METRIC_LABELS) as ExperimentMetric[];

export const ROW_KIND_LABELS: Record<RowKind, string> = {
  continue_watching: "Continue Watching",
  trending: "Trending Now",
  my_list: "My List",
  top_genre: "Top genre",
  because_you_watched: "Because you watched",
  new_releases: "New Releases",
  genre: "Genre rows",
  popular: "Popular",
};
export const ROW_KINDS = Object.keys(ROW_KIND_LABELS) as RowKind[];

export const ARTWORK_LABELS: Record<CardArtwork, string> = {
  poster: "Posters (portrait)",
  backdrop: "Backdrops (landscape)",
};
export const ARTWORKS = Object.keys(ARTWORK_LABELS) as CardArtwork[];

export const DEVICE_LABELS: Record<DeviceType, string> = {
  desktop: "Desktop",
  mobile: "Phone",
  tablet: "Tablet",
  tv: "TV",
};
export const DEVICE_TYPES = Object.keys(DEVICE_LABELS) as DeviceType[];

export const ABR_PARAM_LABELS: Record<keyof AbrParams, string> = {
  drift: "Throughput drift",
  noise: "Measurement noise",
  noisePriorWeight: "Noise prior weight (segments)",
  horizon: "Planning horizon (segments)",
  rebufferPenalty: "Rebuffer penalty",
  switchPenalty: "Switch penalty",
  abandonEstimateWeightSeconds: "Abandonment estimate weight (s)",
};
export const ABR_PARAMS = Object.keys(ABR_PARAM_LABELS) as (keyof AbrParams)[];

/**
 * How many variants an experiment may have. Typed as the server's own
 * constants, so a change there fails the build here; importing their
 * values would bundle zod and the database schema into the admin pages.
 */
export const VARIANT_LIMITS: { min: typeof MIN_VARIANTS; max: typeof MAX_VARIANTS } = {
  min: 2,
  max: 8,
};
