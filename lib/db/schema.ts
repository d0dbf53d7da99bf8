/**
 * The D1 schema, owned by Drizzle. `npm run db:generate` turns changes here
 * into a migration in `migrations/`; nobody edits a generated migration.
 *
 * Conventions: ids are random UUIDs (text); times are integer Unix
 * milliseconds set by the application (Drizzle exposes them as Date); child
 * rows cascade with their account so deleting an account leaves nothing
 * behind.
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { Role } from "../auth/roles.ts";
import { MATURITY_LEVELS, RATINGS } from "../maturity.ts";
import { JOB_STAGES } from "../ingest/task-protocol.ts";
import type { Presentation } from "../media/presentation.ts";
import { AVATARS, LANGUAGES } from "../profiles.ts";

export const PLANS = ["basic", "standard", "premium"] as const;
export type Plan = (typeof PLANS)[number];

const id = () => text("id").primaryKey();
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
const updatedAt = () =>
  timestamp("updated_at")
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

export const accounts = sqliteTable(
  "accounts",
  {
    id: id(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: text("roles", { mode: "json" }).$type<Role[]>().notNull(),
    plan: text("plan", { enum: PLANS }).notNull().default("standard"),
    /** The TOTP seed, sealed with MFA_ENCRYPTION_KEY; set once 2FA is confirmed. */
    mfaSecret: text("mfa_secret"),
    /** A seed awaiting its first code during enrolment. */
    mfaPendingSecret: text("mfa_pending_secret"),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    mfaLastStep: integer("mfa_last_step"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("accounts_email_unique").on(table.email)],
);

/**
 * A signed-in device. Each session is one refresh-token family: rotating a
 * token keeps the session, reusing a rotated token revokes it.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    activeProfileId: text("active_profile_id").references(() => profiles.id, {
      onDelete: "set null",
    }),
    /** A readable device label derived from the User-Agent at sign-in. */
    device: text("device").notNull(),
    ipAddress: text("ip_address"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedReason: text("revoked_reason", {
      enum: ["sign_out", "revoked_by_user", "refresh_token_reuse", "password_reset"],
    }),
  },
  (table) => [index("sessions_account_idx").on(table.accountId, table.revokedAt)],
);

/** Refresh tokens are stored as SHA-256 digests, never in the clear. */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    issuedAt: timestamp("issued_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** Set when the token is exchanged; a second use means it leaked. */
    rotatedAt: timestamp("rotated_at"),
  },
  (table) => [index("refresh_tokens_session_idx").on(table.sessionId)],
);

export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
  },
  (table) => [index("password_reset_tokens_account_idx").on(table.accountId)],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at"),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.codeHash] })],
);

export const profiles = sqliteTable(
  "profiles",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    avatar: text("avatar", { enum: AVATARS }).notNull(),
    /** BCP 47 language tag for UI and default audio/subtitles. */
    language: text("language", { enum: LANGUAGES }).notNull(),
    isKids: integer("is_kids", { mode: "boolean" }).notNull().default(false),
    maturityLevel: text("maturity_level", { enum: MATURITY_LEVELS }).notNull(),
    pinHash: text("pin_hash"),
    /** PIN attempts reserved since the last success; 5 locks the profile. */
    pinAttempts: integer("pin_attempts").notNull().default(0),
    pinLockedUntil: timestamp("pin_locked_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("profiles_account_idx").on(table.accountId),
    uniqueIndex("profiles_account_name_unique").on(table.accountId, table.name),
    check("profiles_pin_attempts_range", sql`${table.pinAttempts} between 0 and 5`),
  ],
);

export const refreshTokensRelations = relations(refreshTokens, ({ one }) => ({
  session: one(sessions, { fields: [refreshTokens.sessionId], references: [sessions.id] }),
}));

export type Account = typeof accounts.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Profile = typeof profiles.$inferSelect;

// ---------------------------------------------------------------------------
// The catalog
// ---------------------------------------------------------------------------

export const TITLE_TYPES = ["movie", "series"] as const;
export type TitleType = (typeof TITLE_TYPES)[number];

export const ARTWORK_KINDS = ["poster", "backdrop", "logo"] as const;
export type ArtworkKind = (typeof ARTWORK_KINDS)[number];

export const titles = sqliteTable(
  "titles",
  {
    id: id(),
    /** Stable, readable and unique; the demo seed uses it to stay idempotent. */
    slug: text("slug").notNull(),
    type: text("type", { enum: TITLE_TYPES }).notNull(),
    name: text("name").notNull(),
    synopsis: text("synopsis").notNull(),
    year: integer("year").notNull(),
    /** ISO date (YYYY-MM-DD) of first release; New Releases and recency use it. */
    releasedOn: text("released_on").notNull(),
    /** Movies only; a series' runtime is its episodes'. */
    runtimeMinutes: integer("runtime_minutes"),
    /** The rating as published (PG-13, TV-14, …). */
    rating: text("rating", { enum: RATINGS }).notNull(),
    /** The rating's position on the maturity scale (lib/maturity.ts), for filtering by index. */
    maturityRank: integer("maturity_rank").notNull(),
    /** BCP 47 tags of the audio languages. */
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
    /** R2 keys of the artwork, content-addressed (artwork/<sha256>.<ext>). */
    posterKey: text("poster_key"),
    backdropKey: text("backdrop_key"),
    logoKey: text("logo_key"),
    /**
     * A movie's video: the asset playback serves (series play their episodes').
     * An asset in use cannot be deleted (no ON DELETE action: SQLite cannot add one to an existing table).
     */
    videoAssetId: text("video_asset_id").references((): AnySQLiteColumn => mediaAssets.id),
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    publishedAt: timestamp("published_at"),
    /** All-time views; Trending reads the views table for the last 7 days. */
    viewCount: integer("view_count").notNull().default(0),
    myListCount: integer("my_list_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("titles_slug_unique").on(table.slug),
    index("titles_name_idx").on(table.name),
    index("titles_year_idx").on(table.year),
    index("titles_maturity_idx").on(table.published, table.maturityRank),
    index("titles_popularity_idx").on(table.published, table.viewCount),
    index("titles_released_idx").on(table.published, table.releasedOn),
  ],
);

export const seasons = sqliteTable(
  "seasons",
  {
    id: id(),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    synopsis: text("synopsis").notNull().default(""),
    year: integer("year"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("seasons_title_number_unique").on(table.titleId, table.number)],
);

export const episodes = sqliteTable(
  "episodes",
  {
    id: id(),
    /** Denormalised from the season, so a title's episodes are one indexed read. */
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    seasonId: text("season_id")
      .notNull()
      .references(() => seasons.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    synopsis: text("synopsis").notNull().default(""),
    runtimeMinutes: integer("runtime_minutes").notNull(),
    videoAssetId: text("video_asset_id").references((): AnySQLiteColumn => mediaAssets.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("episodes_season_number_unique").on(table.seasonId, table.number),
    index("episodes_title_idx").on(table.titleId),
  ],
);

/** What a playback marker marks: the opening titles, the "previously on", the end credits. */
export const MARKER_KINDS = ["intro", "recap", "credits"] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];
/** Found by the ingest pipeline, or set by an admin (whose marker wins). */
export const MARKER_SOURCES = ["detected", "admin"] as const;
export type MarkerSource = (typeof MARKER_SOURCES)[number];

/**
 * Where a film's or an episode's intro, recap and credits are, one row per
 * kind and source; the player offers Skip Intro and Skip Recap, and the next
 * episode at the credits. An admin's row overrules a detected one, including
 * to say there is none (no start).
 */
export const playbackMarkers = sqliteTable(
  "playback_markers",
  {
    /** What plays: the episode's id, or the film's title id. */
    videoId: text("video_id").notNull(),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    /** Set for an episode, so deleting it deletes its markers. */
    episodeId: text("episode_id").references(() => episodes.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MARKER_KINDS }).notNull(),
    source: text("source", { enum: MARKER_SOURCES }).notNull(),
    /** Seconds into the video; null when an admin says there is none. */
    startSeconds: real("start_seconds"),
    /** The intro's and the recap's end; credits run to the end. */
    endSeconds: real("end_seconds"),
    /** How sure the detection is, 0–1; an admin's marker is 1. */
    confidence: real("confidence").notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.videoId, table.kind, table.source] }),
    index("playback_markers_title_idx").on(table.titleId),
  ],
);

export const genres = sqliteTable(
  "genres",
  {
    /** A slug (`sci-fi`), stable in URLs and filters. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
  },
  (table) => [uniqueIndex("genres_name_unique").on(table.name)],
);

export const titleGenres = sqliteTable(
  "title_genres",
  {
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    genreId: text("genre_id")
      .notNull()
      .references(() => genres.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.titleId, table.genreId] }),
    index("title_genres_genre_idx").on(table.genreId),
  ],
);

export const people = sqliteTable(
  "people",
  {
    id: id(),
    name: text("name").notNull(),
  },
  (table) => [uniqueIndex("people_name_unique").on(table.name)],
);

export const CREDIT_ROLES = ["director", "cast"] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

export const credits = sqliteTable(
  "credits",
  {
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: CREDIT_ROLES }).notNull(),
    character: text("character"),
    /** Billing order within the role. */
    position: integer("position").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.titleId, table.personId, table.role] }),
    index("credits_person_idx").on(table.personId),
  ],
);

// ---------------------------------------------------------------------------
// What profiles do with titles
// ---------------------------------------------------------------------------

/** One row per time a profile started watching a title; Trending and similarity read it. */
export const views = sqliteTable(
  "views",
  {
    id: id(),
    profileId: text("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    episodeId: text("episode_id").references(() => episodes.id, { onDelete: "set null" }),
    viewedAt: timestamp("viewed_at").notNull(),
  },
  (table) => [
    index("views_title_time_idx").on(table.titleId, table.viewedAt),
    index("views_profile_time_idx").on(table.profileId, table.viewedAt),
  ],
);

/** Where a profile stopped in a title; the playback issue writes it, Continue Watching reads it. */
export const watchProgress = sqliteTable(
  "watch_progress",
  {
    profileId: text("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    episodeId: text("episode_id").references(() => episodes.id, { onDelete: "set null" }),
    positionSeconds: integer("position_seconds").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    completed: integer("completed", { mode: "boolean" }).notNull().default(false),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.profileId, table.titleId] }),
    index("watch_progress_recent_idx").on(table.profileId, table.updatedAt),
  ],
);

export const myList = sqliteTable(
  "my_list",
  {
    profileId: text("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.profileId, table.titleId] }),
    index("my_list_recent_idx").on(table.profileId, table.addedAt),
  ],
);

/** Thumbs: -1 down, 1 up, 2 double up. */
export const RATING_VALUES = { down: -1, up: 1, double_up: 2 } as const;
export type ThumbRating = keyof typeof RATING_VALUES;

export const ratings = sqliteTable(
  "ratings",
  {
    profileId: text("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.profileId, table.titleId] }),
    index("ratings_title_idx").on(table.titleId),
    check("ratings_value_allowed", sql`${table.value} in (-1, 1, 2)`),
  ],
);

export const MODERATION_STATES = ["pending", "approved", "rejected"] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const reviews = sqliteTable(
  "reviews",
  {
    id: id(),
    profileId: text("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    moderationState: text("moderation_state", { enum: MODERATION_STATES })
      .notNull()
      .default("pending"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("reviews_profile_title_unique").on(table.profileId, table.titleId),
    index("reviews_title_state_idx").on(table.titleId, table.moderationState, table.createdAt),
  ],
);

/** Item-to-item similarity, written by the analytics Worker's cron; top N per title. */
export const titleSimilarities = sqliteTable(
  "title_similarities",
  {
    titleId: text("title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    similarTitleId: text("similar_title_id")
      .notNull()
      .references(() => titles.id, { onDelete: "cascade" }),
    score: real("score").notNull(),
    rank: integer("rank").notNull(),
    computedAt: timestamp("computed_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.titleId, table.similarTitleId] }),
    index("title_similarities_rank_idx").on(table.titleId, table.rank),
  ],
);

export const AUDIT_ACTIONS = [
  "create",
  "update",
  "delete",
  "publish",
  "unpublish",
  "upload_artwork",
  "moderate",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the catalog's audit log lists; experiments keep their entries in the same table. */
export const CATALOG_AUDIT_ENTITIES = ["title", "season", "episode", "review"] as const;
export const AUDIT_ENTITIES = [...CATALOG_AUDIT_ENTITIES, "experiment"] as const;

/** Every catalog and experiment change: who, what, when, and the entity before and after. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    /** Kept without a foreign key: the record outlives the account. */
    actorAccountId: text("actor_account_id").notNull(),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    entityType: text("entity_type", { enum: AUDIT_ENTITIES }).notNull(),
    entityId: text("entity_id").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    requestId: text("request_id"),
    at: timestamp("at").notNull(),
  },
  (table) => [
    index("audit_log_entity_idx").on(table.entityType, table.entityId, table.at),
    index("audit_log_time_idx").on(table.at),
  ],
);

// ---------------------------------------------------------------------------
// Ingest: uploads, transcoding jobs, the assets they make, webhooks
// ---------------------------------------------------------------------------

export const UPLOAD_KINDS = ["video", "subtitles"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_STATES = ["uploading", "complete", "expired", "terminated"] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/**
 * A resumable upload (tus). Its bytes and offsets live in the upload's
 * Durable Object while it is in progress; this row is what the rest of the
 * platform sees: who uploaded what, for which title, and how it ended.
 */
export const uploads = sqliteTable(
  "uploads",
  {
    id: id(),
    kind: text("kind", { enum: UPLOAD_KINDS }).notNull(),
    accountId: text("account_id").references(() => accounts.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    byteLength: integer("byte_length").notNull(),
    /**
     * The size of the R2 part objects its bytes are stored in
     * (lib/media/asset-layout.ts); the default is the part size of uploads
     * made before the size was recorded.
     */
    partBytes: integer("part_bytes").notNull().default(16777216),
    /** What the first bytes say the file is (never the name): mp4, matroska, webvtt, … */
    detectedType: text("detected_type"),
    state: text("state", { enum: UPLOAD_STATES }).notNull(),
    /** A video upload is for a movie (titleId) or an episode (episodeId and its titleId). */
    titleId: text("title_id").references(() => titles.id, { onDelete: "set null" }),
    episodeId: text("episode_id").references(() => episodes.id, { onDelete: "set null" }),
    /** Subtitle uploads: BCP 47 language and the label players show. */
    language: text("language"),
    label: text("label"),
    /** Video uploads: the subtitle uploads that go with it, in menu order. */
    subtitleUploadIds: text("subtitle_upload_ids", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp("completed_at"),
    expiresAt: timestamp("expires_at").notNull(),
  },
  (table) => [index("uploads_state_idx").on(table.state, table.expiresAt)],
);

export const ASSET_STATES = ["processing", "playable", "ready", "failed"] as const;
export type AssetState = (typeof ASSET_STATES)[number];

/**
 * A transcoded video: its files are under media/<id>/ in R2. `playable`
 * once the lowest rung is published, `ready` when the whole ladder is.
 */
export const mediaAssets = sqliteTable(
  "media_assets",
  {
    id: id(),
    titleId: text("title_id").references(() => titles.id, { onDelete: "set null" }),
    episodeId: text("episode_id").references(() => episodes.id, { onDelete: "set null" }),
    state: text("state", { enum: ASSET_STATES }).notNull(),
    /** What the transcoder last published (lib/media/presentation.ts); null until playable. */
    presentation: text("presentation", { mode: "json" }).$type<Presentation>(),
    durationSeconds: real("duration_seconds"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("media_assets_title_idx").on(table.titleId, table.state),
    index("media_assets_episode_idx").on(table.episodeId),
  ],
);

export const JOB_STATES = ["queued", "processing", "ready", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Transcoding one upload into one asset. Exactly one job per upload (the
 * unique index makes creating it idempotent). `attempt` counts how often a
 * transcoder has started it; the job token names its attempt, so a
 * transcoder left over from an earlier attempt cannot write anymore.
 */
export const ingestJobs = sqliteTable(
  "ingest_jobs",
  {
    id: id(),
    uploadId: text("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    assetId: text("asset_id")
      .notNull()
      .references(() => mediaAssets.id, { onDelete: "cascade" }),
    titleId: text("title_id").references(() => titles.id, { onDelete: "set null" }),
    episodeId: text("episode_id").references(() => episodes.id, { onDelete: "set null" }),
    state: text("state", { enum: JOB_STATES }).notNull(),
    stage: text("stage", { enum: JOB_STAGES }),
    /** Overall percent done, 0–100, as the transcoder last reported it. */
    progress: real("progress").notNull().default(0),
    /** What is being encoded now, e.g. "240p" or "360p–1080p". */
    currentRung: text("current_rung"),
    attempt: integer("attempt").notNull().default(0),
    /** While processing: until when the current attempt owns the job. */
    leaseExpiresAt: timestamp("lease_expires_at"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp("started_at"),
    playableAt: timestamp("playable_at"),
    finishedAt: timestamp("finished_at"),
  },
  (table) => [
    uniqueIndex("ingest_jobs_upload_unique").on(table.uploadId),
    index("ingest_jobs_state_idx").on(table.state, table.createdAt),
    index("ingest_jobs_created_idx").on(table.createdAt),
  ],
);

export const WEBHOOK_EVENTS = ["asset.ready", "asset.errored"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** An admin's endpoint for ingest events; its signing secret is sealed (lib/crypto/secret-box.ts). */
export const webhooks = sqliteTable("webhooks", {
  id: id(),
  url: text("url").notNull(),
  sealedSecret: text("sealed_secret").notNull(),
  events: text("events", { mode: "json" }).$type<WebhookEvent[]>().notNull(),
  createdBy: text("created_by"),
  createdAt: createdAt(),
});

export const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One event for one webhook, with the outcome of its attempts. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: id(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event", { enum: WEBHOOK_EVENTS }).notNull(),
    payload: text("payload").notNull(),
    state: text("state", { enum: DELIVERY_STATES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deliveredAt: timestamp("delivered_at"),
  },
  (table) => [index("webhook_deliveries_webhook_idx").on(table.webhookId, table.createdAt)],
);

// ---------------------------------------------------------------------------
// Quality of experience, engagement and experiments (the analytics Worker)
// ---------------------------------------------------------------------------
// Facts about what happened: no foreign keys, so a deleted title or profile
// leaves its history in the rollups. See docs/analytics.md for every column.

/**
 * The slice a QoE rollup row describes. `variant` is "" on the row that
 * counts every view; a view in experiments is counted again on one row per
 * assignment, with `variant` = "<experimentId>:<variantKey>".
 */
const sliceColumns = () => ({
  minute: integer("minute").notNull(),
  titleId: text("title_id").notNull(),
  deviceType: text("device_type").notNull(),
  country: text("country").notNull(),
  abrPolicy: text("abr_policy").notNull(),
  variant: text("variant").notNull(),
});
type SliceTable = { [K in keyof ReturnType<typeof sliceColumns>]: AnySQLiteColumn };
const sliceKey = (table: SliceTable): [AnySQLiteColumn, ...AnySQLiteColumn[]] => [
  table.minute,
  table.titleId,
  table.deviceType,
  table.country,
  table.abrPolicy,
  table.variant,
];

/** Event batches already folded into the rollups: a batch sent twice counts once. */
export const qoeBatches = sqliteTable(
  "qoe_batches",
  {
    batchId: text("batch_id").primaryKey(),
    viewId: text("view_id").notNull(),
    receivedAt: timestamp("received_at").notNull(),
  },
  (table) => [index("qoe_batches_received_idx").on(table.receivedAt)],
);

/** Per-minute QoE counters for one slice; every column adds up across rows. */
export const qoeMinuteRollups = sqliteTable(
  "qoe_minute_rollups",
  {
    ...sliceColumns(),
    viewsStarted: integer("views_started").notNull().default(0),
    firstFrames: integer("first_frames").notNull().default(0),
    startupMsSum: real("startup_ms_sum").notNull().default(0),
    startupMsSumSquares: real("startup_ms_sum_squares").notNull().default(0),
    exitsBeforeStart: integer("exits_before_start").notNull().default(0),
    failedViews: integer("failed_views").notNull().default(0),
    nonFatalErrors: integer("non_fatal_errors").notNull().default(0),
    rebufferCount: integer("rebuffer_count").notNull().default(0),
    rebufferMs: real("rebuffer_ms").notNull().default(0),
    playedMs: real("played_ms").notNull().default(0),
    /** Σ bitrate (kbps) × milliseconds played at it: average bitrate = this / playedMs. */
    bitrateKbpsMs: real("bitrate_kbps_ms").notNull().default(0),
    upscaledMs: real("upscaled_ms").notNull().default(0),
    droppedFrames: integer("dropped_frames").notNull().default(0),
    renditionSwitches: integer("rendition_switches").notNull().default(0),
    seeks: integer("seeks").notNull().default(0),
    pauses: integer("pauses").notNull().default(0),
    viewsEnded: integer("views_ended").notNull().default(0),
    completions: integer("completions").notNull().default(0),
  },
  (table) => [primaryKey({ columns: sliceKey(table) })],
);

/** Startup times of one slice and minute as a log-scale histogram (lib/qoe/histogram.ts). */
export const qoeStartupHistogram = sqliteTable(
  "qoe_startup_histogram",
  {
    ...sliceColumns(),
    bucket: integer("bucket").notNull(),
    views: integer("views").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [...sliceKey(table), table.bucket] })],
);

/** Time played at each rendition (by picture height and bitrate) in one slice and minute. */
export const qoeRenditionTime = sqliteTable(
  "qoe_rendition_time",
  {
    ...sliceColumns(),
    height: integer("height").notNull(),
    bitrateKbps: integer("bitrate_kbps").notNull(),
    playedMs: real("played_ms").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [...sliceKey(table), table.height, table.bitrateKbps] })],
);

/** Views that sent anything in a minute: concurrent viewers, exactly. */
export const qoeActiveViews = sqliteTable(
  "qoe_active_views",
  {
    minute: integer("minute").notNull(),
    viewId: text("view_id").notNull(),
    titleId: text("title_id").notNull(),
  },
  (table) => [primaryKey({ columns: [table.minute, table.viewId] })],
);

/** What each profile watched each UTC day: active profiles, hours, starts, completions. */
export const engagementDaily = sqliteTable(
  "engagement_daily",
  {
    day: text("day").notNull(),
    profileId: text("profile_id").notNull(),
    titleId: text("title_id").notNull(),
    playedMs: real("played_ms").notNull().default(0),
    starts: integer("starts").notNull().default(0),
    completions: integer("completions").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.profileId, table.titleId] }),
    index("engagement_daily_title_idx").on(table.day, table.titleId),
  ],
);

export const EXPERIMENT_STATUSES = ["draft", "running", "stopped"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** An A/B experiment; variants, targeting and metrics are JSON validated by lib/experiments/definition.ts. */
export const experiments = sqliteTable(
  "experiments",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: EXPERIMENT_STATUSES }).notNull().default("draft"),
    allocationPercent: integer("allocation_percent").notNull(),
    variants: text("variants", { mode: "json" }).notNull(),
    targeting: text("targeting", { mode: "json" }).notNull(),
    metrics: text("metrics", { mode: "json" }).notNull(),
    startsAt: timestamp("starts_at"),
    endsAt: timestamp("ends_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("experiments_name_unique").on(table.name),
    index("experiments_status_idx").on(table.status),
  ],
);

/** Per exposed profile and experiment, what it watched: the unit of Welch's test on watch time. */
export const experimentUnitMetrics = sqliteTable(
  "experiment_unit_metrics",
  {
    experimentId: text("experiment_id").notNull(),
    profileId: text("profile_id").notNull(),
    variant: text("variant").notNull(),
    views: integer("views").notNull().default(0),
    playedMs: real("played_ms").notNull().default(0),
    completions: integer("completions").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.experimentId, table.profileId] }),
    index("experiment_unit_metrics_variant_idx").on(table.experimentId, table.variant),
  ],
);

/** Alerts the scheduled rules raised (lib/qoe/alert-rules.ts); resolved when the rule clears. */
export const alerts = sqliteTable(
  "alerts",
  {
    id: id(),
    rule: text("rule").notNull(),
    value: real("value").notNull(),
    threshold: real("threshold").notNull(),
    firedAt: timestamp("fired_at").notNull(),
    resolvedAt: timestamp("resolved_at"),
    webhookStatus: integer("webhook_status"),
  },
  (table) => [index("alerts_rule_idx").on(table.rule, table.firedAt)],
);

export type Title = typeof titles.$inferSelect;
export type Season = typeof seasons.$inferSelect;
export type Episode = typeof episodes.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type Upload = typeof uploads.$inferSelect;
export type MediaAsset = typeof mediaAssets.$inferSelect;
export type IngestJob = typeof ingestJobs.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type Experiment = typeof experiments.$inferSelect;
