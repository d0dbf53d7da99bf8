/**
 * The API's request and response shapes, inferred from the server's own
 * schemas. Type-only imports: nothing of the server ends up in the bundle.
 */
import type { z } from "zod";
import type * as Auth from "../../../workers/api/src/schemas/auth.ts";
import type * as Browse from "../../../workers/api/src/schemas/browse.ts";
import type * as Catalog from "../../../workers/api/src/schemas/catalog.ts";
import type * as CatalogAdmin from "../../../workers/api/src/schemas/catalog-admin.ts";
import type * as Common from "../../../lib/http/openapi.ts";
import type * as DevMailSchemas from "../../../workers/api/src/schemas/dev-mail.ts";
import type * as Profiles from "../../../workers/api/src/schemas/profiles.ts";
import type * as IngestJobs from "../../../workers/ingest/src/schemas/jobs.ts";
import type * as Playback from "../../../workers/api/src/schemas/playback.ts";
import type * as Qoe from "../../../workers/analytics/src/schemas/qoe.ts";
import type * as EngagementSchemas from "../../../workers/analytics/src/schemas/engagement.ts";
import type * as ExperimentDefinitions from "../../../lib/experiments/definition.ts";
import type * as Experiments from "../../../workers/api/src/schemas/experiments.ts";

export type Account = z.infer<typeof Auth.AccountSchema>;
export type LoginResult = z.infer<typeof Auth.LoginResultSchema>;
export type SignedIn = z.infer<typeof Auth.SignedInSchema>;
export type MfaEnrolment = z.infer<typeof Auth.MfaEnrolmentSchema>;
export type RecoveryCodes = z.infer<typeof Auth.RecoveryCodesSchema>;
export type DeviceSession = z.infer<typeof Auth.SessionSchema>;
export type SessionList = z.infer<typeof Auth.SessionListSchema>;

// The web app always takes its tokens as cookies, so it never sends tokenDelivery.
export type RegisterInput = Omit<z.input<typeof Auth.RegisterSchema>, "tokenDelivery">;
export type LoginInput = Omit<z.input<typeof Auth.LoginSchema>, "tokenDelivery">;
export type VerifyMfaInput = Omit<z.input<typeof Auth.VerifyMfaSchema>, "tokenDelivery">;

export type Profile = z.infer<typeof Profiles.ProfileSchema>;
export type ProfileList = z.infer<typeof Profiles.ProfileListSchema>;
export type CreateProfileInput = z.input<typeof Profiles.CreateProfileSchema>;
export type UpdateProfileInput = z.input<typeof Profiles.UpdateProfileSchema>;
export type SelectedProfile = z.infer<typeof Profiles.SelectedProfileSchema>;

export type ErrorBody = z.infer<typeof Common.ErrorSchema>;
export type ErrorDetail = NonNullable<ErrorBody["error"]["details"]>[number];

export type DevMail = z.infer<typeof DevMailSchemas.DevMailSchema>;
export type DevMailList = z.infer<typeof DevMailSchemas.DevMailListSchema>;

export type Genre = z.infer<typeof Catalog.GenreSchema>;
export type TitleCard = z.infer<typeof Catalog.TitleCardSchema>;
export type TitleDetails = z.infer<typeof Catalog.TitleDetailsSchema>;
export type Season = z.infer<typeof Catalog.SeasonSchema>;
export type Episode = z.infer<typeof Catalog.EpisodeSchema>;
export type Thumb = NonNullable<TitleDetails["viewer"]["rating"]>;
export type Home = z.infer<typeof Catalog.HomeSchema>;
export type HomeRow = z.infer<typeof Catalog.HomeRowSchema>;

export type GenreList = z.infer<typeof Catalog.GenreListSchema>;

type SearchQuery = z.infer<typeof Browse.SearchQuery>;
/** What a search asks for; `page` and `pageSize` default on the server. */
export type SearchInput = Omit<SearchQuery, "page" | "pageSize"> &
  Partial<Pick<SearchQuery, "page" | "pageSize">>;
export type SearchResults = z.infer<typeof Browse.SearchResultsSchema>;
export type Suggestions = z.infer<typeof Browse.SuggestionsSchema>;
export type Suggestion = Suggestions["suggestions"][number];
export type TitleList = z.infer<typeof Browse.TitleListSchema>;
export type Review = z.infer<typeof CatalogAdmin.ReviewSchema>;
export type ReviewPage = z.infer<typeof Browse.ReviewPageSchema>;
export type TitleType = TitleCard["type"];
export type MaturityLevel = TitleCard["maturityLevel"];

export type AdminTitle = z.infer<typeof CatalogAdmin.AdminTitleSchema>;
export type VideoMarkers = z.infer<typeof CatalogAdmin.VideoMarkersSchema>;
export type MarkersInput = z.input<typeof CatalogAdmin.MarkersInputSchema>;
export type AdminTitleList = z.infer<typeof CatalogAdmin.AdminTitleListSchema>;
export type AdminTitleSummary = AdminTitleList["titles"][number];
/** A page of the admin title list; everything is optional, `page` and `pageSize` default on the server. */
export type AdminTitleQuery = Partial<z.infer<typeof CatalogAdmin.AdminTitleListQuery>>;

export type IngestJob = z.infer<typeof IngestJobs.JobSchema>;
export type IngestJobList = z.infer<typeof IngestJobs.JobListSchema>;
export type JobState = IngestJob["state"];
export type JobStage = NonNullable<IngestJob["stage"]>;
export type AssetState = IngestJob["asset"]["state"];
/** A job's board: its tasks and chunk grid (only from getIngestJob; null in lists). */
export type JobTasks = NonNullable<IngestJob["tasks"]>;
export type JobTask = NonNullable<JobTasks["probe"]>;
/** A task's or chunk cell's state: waiting, queued (for a transcoder), running, done or failed. */
export type TaskState = JobTask["state"];
export type ChunkGrid = NonNullable<JobTasks["chunks"]>;
/** Which jobs to list; everything is optional, `limit` defaults on the server. */
export type JobListQuery = Partial<z.infer<typeof IngestJobs.JobListQuerySchema>>;

export type StartPlaybackInput = z.input<typeof Playback.StartPlaybackSchema>;
export type PlaybackSession = z.infer<typeof Playback.PlaybackSessionSchema>;
export type PlaybackGrant = z.infer<typeof Playback.PlaybackGrantSchema>;
export type ReportProgressInput = z.input<typeof Playback.ReportProgressSchema>;
export type ProgressReportResult = z.infer<typeof Playback.ProgressReportResultSchema>;

/** Which views a QoE read covers; everything is optional (the window defaults to the last 24 hours). */
export type QoeQuery = Partial<z.infer<typeof Qoe.QoeQuerySchema>>;
export type QoeTimeseriesQuery = Partial<z.infer<typeof Qoe.QoeTimeseriesQuerySchema>>;
export type QoeSummary = z.infer<typeof Qoe.QoeSummarySchema>;
export type QoeMetrics = QoeSummary["metrics"];
export type QoeDimensions = QoeSummary["dimensions"];
export type QoeTimeseries = z.infer<typeof Qoe.QoeTimeseriesSchema>;
export type QoePoint = QoeTimeseries["points"][number];
export type DeviceType = NonNullable<QoeQuery["deviceType"]>;

export type EngagementQuery = Partial<z.infer<typeof EngagementSchemas.EngagementQuerySchema>>;
export type Engagement = z.infer<typeof EngagementSchemas.EngagementSchema>;
export type EngagementDay = Engagement["days"][number];

/** An experiment as admins write it (the first variant is the control). */
export type ExperimentDefinition = z.infer<typeof ExperimentDefinitions.ExperimentDefinitionSchema>;
export type CreateExperimentInput = z.input<typeof Experiments.CreateExperimentSchema>;
export type UpdateExperimentInput = z.input<typeof Experiments.UpdateExperimentSchema>;
export type Experiment = z.infer<typeof Experiments.ExperimentSchema>;
export type ExperimentList = z.infer<typeof Experiments.ExperimentListSchema>;
export type ExperimentStatus = Experiment["status"];
export type ExperimentResults = z.infer<typeof Experiments.ExperimentResultsSchema>;
export type VariantResult = ExperimentResults["variants"][number];
export type MetricResult = VariantResult["metrics"][number];
