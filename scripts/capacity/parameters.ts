/**
 * Every number the capacity model (`npm run capacity`) starts from, in one
 * place, each with the one-line reason it has that value. Figures the code
 * already fixes (segment length, the ladder, token and grant lifetimes, the
 * metrics flush) are imported or name the file they come from, so the model
 * follows the code; the rest are assumptions, printed by the script and
 * listed in docs/scaling.md, to be argued with one at a time.
 *
 * Rates are at the evening peak unless a name says otherwise; sizes are
 * bytes with indexes included; "per day" figures become peak rates through
 * `peakToMeanRatio`.
 */
import { NETFLIX_LADDER } from "../../bench/lib/abr/ladders.ts";
import { EXPOSURE_SHARDS } from "../../lib/experiments/exposure-shards.ts";
import { SEGMENT_SECONDS } from "../../lib/media/asset-layout.ts";
import { REQUEST_METRICS_SHARDS } from "../../lib/metrics/request-stats.ts";

export type Group =
  | "audience"
  | "browsing"
  | "playback"
  | "sign-in"
  | "catalog and ingest"
  | "retention"
  | "row sizes"
  | "platform"
  | "new design";

export interface Assumption<T> {
  value: T;
  group: Group;
  /** Why this value: one line. */
  why: string;
}

const MIB = 1024 * 1024;

export const ASSUMPTIONS = {
  // --- who is there --------------------------------------------------------
  subscribers: {
    value: 200e6,
    group: "audience",
    why: "Issue 12 and the design documents: the service is sized for 200 million subscribers.",
  },
  profilesPerAccount: {
    value: 2.5,
    group: "audience",
    why: "Issue 12's figure: a household shares one account between two or three people.",
  },
  sessionsPerAccount: {
    value: 4,
    group: "audience",
    why: "A TV, two phones and a laptop: each a sign-in session with its own refresh token.",
  },
  peakConcurrentStreams: {
    value: 30e6,
    group: "audience",
    why: "Issue 12: 15% of subscribers watching at once at the evening peak.",
  },
  activeProfilesPerStream: {
    value: 1.25,
    group: "audience",
    why: "For every four profiles watching at the peak, one more is browsing without playing.",
  },
  peakToMeanRatio: {
    value: 2,
    group: "audience",
    why: "The evening peak runs at about twice the day's mean, so a daily total is peak rate × 86,400 / 2.",
  },
  heaviestAccountStreams: {
    value: 4,
    group: "audience",
    why: "Premium's stream limit (lib/playback/plans.ts): the busiest account object serves four players.",
  },
  heaviestAccountDataMultiple: {
    value: 10,
    group: "audience",
    why: "The heaviest household keeps ten times the mean account's history.",
  },
  natViewers: {
    value: 1_000,
    group: "audience",
    why: "Carrier-grade NAT puts up to about a thousand viewers behind one public IP (the qoe tier counts per IP).",
  },

  // --- browsing, per active profile and hour at the peak -------------------
  homePerProfileHour: {
    value: 3,
    group: "browsing",
    why: "A home page when a session starts and on coming back from a title; most of the peak is spent watching.",
  },
  titlePerProfileHour: {
    value: 4,
    group: "browsing",
    why: "A few title pages opened per browse.",
  },
  searchPerProfileHour: {
    value: 0.5,
    group: "browsing",
    why: "Search is the minority path: one search every two hours of activity.",
  },
  listOrRatingChangesPerProfileHour: {
    value: 0.3,
    group: "browsing",
    why: "My List adds and removes and thumbs ratings are occasional.",
  },

  // --- playback --------------------------------------------------------------
  segmentSeconds: {
    value: SEGMENT_SECONDS,
    group: "playback",
    why: "lib/media/asset-layout.ts: every CMAF segment is 4 s.",
  },
  tracksPerSegment: {
    value: 2,
    group: "playback",
    why: "Video and audio are separate CMAF tracks (lib/media/asset-layout.ts), each fetched per segment.",
  },
  ladderKbps: {
    value: NETFLIX_LADDER.kbps,
    group: "playback",
    why: "bench/lib/abr/ladders.ts NETFLIX_LADDER, the fixed ladder bench:abr plays.",
  },
  rungViewingShare: {
    value: [0.01, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.25, 0.3],
    group: "playback",
    why: "Share of viewing time on each rung of that ladder: peak viewing is mostly TVs near the top.",
  },
  audioKbps: {
    value: 128,
    group: "playback",
    why: "lib/media/ladder.ts: AAC-LC at 64 kbps per channel, stereo.",
  },
  progressIntervalSeconds: {
    value: 10,
    group: "playback",
    why: "The player reports its position every 10 s (docs/playback.md).",
  },
  qoeBatchIntervalSeconds: {
    value: 10,
    group: "playback",
    why: "The player sends a QoE batch every 10 s (docs/analytics.md).",
  },
  qoeEventsPerBatch: {
    value: 1.3,
    group: "playback",
    why: "A heartbeat in every batch, plus now and then a start, rendition switch, seek or pause.",
  },
  qoeRenditionsPerBatch: {
    value: 1,
    group: "playback",
    why: "A 10-second heartbeat usually covers one rendition (one rendition upsert per pass).",
  },
  experimentVariantsPerView: {
    value: 1,
    group: "playback",
    why: "About one running experiment's variant per view; each adds a rollup pass (rollup-writes.ts).",
  },
  meanViewMinutes: {
    value: 40,
    group: "playback",
    why: "One press of Play covers an episode or most of a film: this sets the start rate.",
  },
  grantRenewalSeconds: {
    value: 540,
    group: "playback",
    why: "The player renews its grant a minute before PLAYBACK_GRANT_TTL_SECONDS (600 s) ends (use-playback-session.ts).",
  },
  sessionChecksPerSegment: {
    value: 1,
    group: "playback",
    why: "The stream route remembers an active session 2 s (ACTIVE_CACHE_MS): a segment's two tracks share one check.",
  },
  manifestReadsPerStart: {
    value: 3,
    group: "playback",
    why: "The master (or MPD) and two media playlists per start, read from R2 and filtered per viewer.",
  },
  edgeCacheHitRatio: {
    value: 0.9,
    group: "playback",
    why: "Cache API entries stay in their data center: popular titles hit, the long tail and small data centers miss.",
  },

  // --- sign-in ---------------------------------------------------------------
  accessTokenTtlSeconds: {
    value: 900,
    group: "sign-in",
    why: "wrangler.toml ACCESS_TOKEN_TTL_SECONDS: every active device refreshes its tokens this often.",
  },
  signInsPerSubscriberDay: {
    value: 0.05,
    group: "sign-in",
    why: "A new device or a lapsed 30-day refresh token: one sign-in per subscriber every 20 days.",
  },
  signUpsPerSubscriberDay: {
    value: 0.0015,
    group: "sign-in",
    why: "About 300,000 new or returning members a day at 200 million.",
  },
  signOutsPerSubscriberDay: {
    value: 0.01,
    group: "sign-in",
    why: "Each sign-out writes a revocation marker to KV (services/revoked-sessions.ts).",
  },

  // --- catalog and ingest ---------------------------------------------------
  catalogTitles: {
    value: 15_000,
    group: "catalog and ingest",
    why: "A large streaming catalog's films and series.",
  },
  catalogVideos: {
    value: 100_000,
    group: "catalog and ingest",
    why: "Films plus every episode: the assets R2 holds ladders for.",
  },
  meanVideoMinutes: {
    value: 50,
    group: "catalog and ingest",
    why: "Between an episode and a film.",
  },
  catalogBytesPerTitle: {
    value: 20_000,
    group: "catalog and ingest",
    why: "A title with its seasons, episodes, credits, genres, markers and search entry.",
  },
  catalogEditsPerSecond: {
    value: 1,
    group: "catalog and ingest",
    why: "Admins edit in bursts of about one write a second; nobody else writes the catalog.",
  },
  videoHoursIngestedPerDay: {
    value: 100,
    group: "catalog and ingest",
    why: "New films and episodes arriving each day.",
  },
  transcodeTasksPerFilmMinute: {
    value: 2,
    group: "catalog and ingest",
    why: "A chunk is a minute of film (TRANSCODE_CHUNK_SEGMENTS 15 × 4 s), one or a few tasks each.",
  },
  webhookDeliveriesPerJob: {
    value: 3,
    group: "catalog and ingest",
    why: "Playable, ready and the occasional failure, to one subscriber.",
  },
  transcoderInstances: {
    value: 8,
    group: "catalog and ingest",
    why: "workers/ingest/wrangler.toml TRANSCODER_INSTANCES (all of them may work one job).",
  },
  heartbeatSeconds: {
    value: 3,
    group: "catalog and ingest",
    why: "transcoder/src/task-runner.ts DEFAULT_HEARTBEAT_MS.",
  },
  taskLeaseSeconds: {
    value: 30,
    group: "catalog and ingest",
    why: "TASK_LEASE_SECONDS: a retried task rewrites its outputs at most once per lease.",
  },
  uploadBitsPerSecond: {
    value: 1e9,
    group: "catalog and ingest",
    why: "A studio uploading a master over a gigabit link.",
  },
  uploadPartBytes: {
    value: 16 * MIB,
    group: "catalog and ingest",
    why: "UPLOAD_PART_BYTES: one tus PATCH per part.",
  },

  // --- retention ------------------------------------------------------------
  viewsRetentionDays: {
    value: 365,
    group: "retention",
    why: "The similarity job reads a year of views (similarity-job.ts HISTORY_MS).",
  },
  refreshTokenRetentionDays: {
    value: 30,
    group: "retention",
    why: "REFRESH_TOKEN_TTL_SECONDS: a spent token is kept that long to catch reuse (nothing prunes them today).",
  },
  engagementRetentionDays: {
    value: 365,
    group: "retention",
    why: "engagement_daily (per profile and title) read back a year.",
  },
  qoeRollupRetentionDays: {
    value: 90,
    group: "retention",
    why: "MAX_WINDOW_DAYS: dashboards read at most 90 days (the rollups are never pruned today).",
  },
  activeViewsRetentionDays: {
    value: 90,
    group: "retention",
    why: "workers/analytics/src/retention.ts ACTIVE_VIEWS_KEPT_MS.",
  },
  qoeBatchIdRetentionDays: {
    value: 2,
    group: "retention",
    why: "workers/analytics/src/retention.ts BATCH_IDS_KEPT_MS.",
  },

  // --- row sizes, indexes included -------------------------------------------
  accountBytes: {
    value: 600,
    group: "row sizes",
    why: "Email, password hash, plan, MFA secret, and the email index.",
  },
  sessionBytes: {
    value: 300,
    group: "row sizes",
    why: "Device, IP, times, the active profile, and the account index.",
  },
  refreshTokenBytes: {
    value: 200,
    group: "row sizes",
    why: "A SHA-256 hash, the session id and three times.",
  },
  profileBytes: {
    value: 400,
    group: "row sizes",
    why: "Name, avatar, maturity level, PIN hash, preferences.",
  },
  listEntriesPerProfile: {
    value: 30,
    group: "row sizes",
    why: "Titles kept in My List.",
  },
  ratingsPerProfile: {
    value: 40,
    group: "row sizes",
    why: "Thumbs given over the years.",
  },
  progressEntriesPerProfile: {
    value: 40,
    group: "row sizes",
    why: "ProfileProgress forgets completed titles after 90 days (COMPLETED_KEPT_MS).",
  },
  activityRowBytes: {
    value: 120,
    group: "row sizes",
    why: "A My List, rating or progress row: two ids, a value or two, a time.",
  },
  viewRowBytes: {
    value: 250,
    group: "row sizes",
    why: "A uuid row with two secondary indexes (views_title_time, views_profile_time).",
  },
  engagementRowBytes: {
    value: 150,
    group: "row sizes",
    why: "Day, profile, title and three counters, keyed on the first three.",
  },
  qoeRowBytes: {
    value: 200,
    group: "row sizes",
    why: "A rollup row: six key columns and the counters.",
  },
  qoeSlicesPerMinute: {
    value: 200_000,
    group: "row sizes",
    why: "Title × device type × country × ABR policy combinations with a view in a peak minute.",
  },
  qoeRowsPerSlice: {
    value: 4,
    group: "row sizes",
    why: "A rollup row, about two rendition rows and a startup-histogram row per slice and minute.",
  },
  activeViewRowBytes: {
    value: 100,
    group: "row sizes",
    why: "qoe_active_views: minute, view id, title id.",
  },
  batchIdRowBytes: {
    value: 120,
    group: "row sizes",
    why: "qoe_batches: batch id, view id, time.",
  },
  exposureRowBytes: {
    value: 120,
    group: "row sizes",
    why: "ExperimentState: profile id, variant, time, and the variant index.",
  },
  emailIndexBytes: {
    value: 200,
    group: "row sizes",
    why: "A normalised email and its account id, in an object of its own.",
  },
  userSearchRowBytes: {
    value: 150,
    group: "row sizes",
    why: "Admin user search: email, name and account id, indexed for prefix search.",
  },
  smallObjectBytes: {
    value: 2_000,
    group: "row sizes",
    why: "A RateLimiter log or an account's StreamSessions: a few dozen short rows.",
  },

  // --- the platform -----------------------------------------------------------
  requestsPerIsolateSecond: {
    value: 200,
    group: "platform",
    why: "An isolate is single-threaded; at a few ms of CPU per request it serves about 200 a second.",
  },
  dataCenters: {
    value: 330,
    group: "platform",
    why: "Cloudflare's network serves from about 330 cities; each keeps its own KV and Cache API copies.",
  },
  metricsFlushSeconds: {
    value: 5,
    group: "platform",
    why: "workers/api/src/middleware/request-metrics.ts FLUSH_INTERVAL_MS.",
  },
  metricsScrapeSeconds: {
    value: 15,
    group: "platform",
    why: "A Prometheus scrape of GET /metrics every 15 s.",
  },
  isolateMemorySeconds: {
    value: 10,
    group: "platform",
    why: "workers/api/src/cache/isolate-memory.ts MEMORY_TTL_MS (cards, profiles, experiments).",
  },
  d1ReadMs: {
    value: 1,
    group: "platform",
    why: "D1's docs: an indexed read takes under a millisecond.",
  },
  d1WriteMs: {
    value: 3,
    group: "platform",
    why: "D1's docs: writes take several milliseconds (persisted in several locations).",
  },
  largestRegionReadShare: {
    value: 0.35,
    group: "platform",
    why: "The busiest of D1's six replica regions (ENAM or WEUR) serves about a third of reads.",
  },
  largestExperimentShare: {
    value: 1,
    group: "platform",
    why: "An experiment on the home page or the ABR policy exposes every active profile.",
  },
  exposureReportsPerSurfaceRequest: {
    value: 0.9,
    group: "platform",
    why: "Deduplication is per isolate; among ~10⁵ isolates a profile's next request rarely lands on the same one.",
  },
  exposedProfileShareOverRun: {
    value: 0.8,
    group: "platform",
    why: "Over a month-long run most profiles come back and are exposed.",
  },

  // --- the new design's choices ----------------------------------------------
  metricsShards: {
    value: REQUEST_METRICS_SHARDS,
    group: "new design",
    why: "lib/metrics/request-stats.ts: each isolate flushes to one RequestMetrics shard; /metrics sums them.",
  },
  experimentShards: {
    value: EXPOSURE_SHARDS,
    group: "new design",
    why: "lib/experiments/exposure-shards.ts: an experiment's exposures by a hash of the profile id.",
  },
  eventsPerQueueMessage: {
    value: 1,
    group: "new design",
    why: "Events (play starts, My List, ratings, sign-ups) go to the queue one per message, as described.",
  },
  aggregateUpsertsPerEvent: {
    value: 0.5,
    group: "new design",
    why: "A consumer batch folds events for the same key together; about half remain distinct upserts.",
  },
} satisfies Record<string, Assumption<number | readonly number[]>>;

export type ParameterName = keyof typeof ASSUMPTIONS;
export type Parameters = { readonly [K in ParameterName]: (typeof ASSUMPTIONS)[K]["value"] };

/** The values alone, for the arithmetic. */
export const PARAMETERS = Object.fromEntries(
  Object.entries(ASSUMPTIONS).map(([name, assumption]) => [name, assumption.value]),
) as Parameters;
