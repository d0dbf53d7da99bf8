/** The API operations the web app uses, one function each. */
import { ApiError, errorFromResponse, networkError } from "./api-error.ts";
import { request } from "./http.ts";
import type {
  Account,
  AdminTitle,
  AdminTitleList,
  AdminTitleQuery,
  CreateProfileInput,
  CreateExperimentInput,
  DevMailList,
  Engagement,
  EngagementQuery,
  Experiment,
  ExperimentList,
  ExperimentResults,
  GenreList,
  Home,
  IngestJob,
  IngestJobList,
  JobListQuery,
  LoginInput,
  LoginResult,
  MarkersInput,
  MfaEnrolment,
  PlaybackGrant,
  PlaybackSession,
  Profile,
  ProfileList,
  ProgressReportResult,
  QoeQuery,
  QoeSummary,
  QoeTimeseries,
  QoeTimeseriesQuery,
  RecoveryCodes,
  RegisterInput,
  ReportProgressInput,
  Review,
  ReviewPage,
  SearchInput,
  SearchResults,
  SelectedProfile,
  SessionList,
  SignedIn,
  StartPlaybackInput,
  Suggestions,
  Thumb,
  TitleDetails,
  TitleList,
  UpdateExperimentInput,
  UpdateProfileInput,
  VerifyMfaInput,
  VideoMarkers,
} from "./types.ts";

const AUTH = { refresh: false } as const;

export const register = (input: RegisterInput) =>
  request<SignedIn>("POST", "/api/auth/register", { ...AUTH, body: input });

export const login = (input: LoginInput) =>
  request<LoginResult>("POST", "/api/auth/login", { ...AUTH, body: input });

export const verifyMfa = (input: VerifyMfaInput) =>
  request<SignedIn>("POST", "/api/auth/mfa/verify", { ...AUTH, body: input });

/** Signs this device out. Already signed out counts as done. */
export async function logout(): Promise<void> {
  try {
    await request<void>("POST", "/api/auth/logout", AUTH);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

export const requestPasswordReset = (email: string) =>
  request<{ message: string }>("POST", "/api/auth/password-reset", { ...AUTH, body: { email } });

export const resetPassword = (token: string, password: string) =>
  request<void>("POST", "/api/auth/password-reset/confirm", {
    ...AUTH,
    body: { token, password },
  });

export const getAccount = () => request<Account>("GET", "/api/account");

export const enrollMfa = (password: string) =>
  request<MfaEnrolment>("POST", "/api/account/mfa/enroll", { body: { password } });

export const confirmMfa = (code: string) =>
  request<RecoveryCodes>("POST", "/api/account/mfa/confirm", { body: { code } });

export const listSessions = () => request<SessionList>("GET", "/api/account/sessions");

export const revokeSession = (sessionId: string) =>
  request<void>("DELETE", `/api/account/sessions/${encodeURIComponent(sessionId)}`);

export const listProfiles = () => request<ProfileList>("GET", "/api/profiles");

export const createProfile = (input: CreateProfileInput) =>
  request<Profile>("POST", "/api/profiles", { body: input });

export const updateProfile = (profileId: string, input: UpdateProfileInput) =>
  request<Profile>("PATCH", `/api/profiles/${encodeURIComponent(profileId)}`, { body: input });

export const deleteProfile = (profileId: string) =>
  request<void>("DELETE", `/api/profiles/${encodeURIComponent(profileId)}`);

export const selectProfile = (profileId: string, pin?: string) =>
  request<SelectedProfile>("POST", `/api/profiles/${encodeURIComponent(profileId)}/select`, {
    body: pin === undefined ? {} : { pin },
  });

export const listDevMail = () => request<DevMailList>("GET", "/api/dev/mailbox", AUTH);

const titlePath = (titleId: string) => `/api/titles/${encodeURIComponent(titleId)}`;

/** A query string from the parameters that are set. */
function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const getHome = () => request<Home>("GET", "/api/home");

export const getTitle = (titleId: string) => request<TitleDetails>("GET", titlePath(titleId));

export const listGenres = () => request<GenreList>("GET", "/api/genres");

export const searchTitles = (input: SearchInput) =>
  request<SearchResults>("GET", `/api/search${query(input)}`);

export const suggestTitles = (q: string, signal?: AbortSignal) =>
  request<Suggestions>("GET", `/api/search/suggestions${query({ q, limit: 8 })}`, { signal });

export const getMyList = () => request<TitleList>("GET", "/api/my-list");

export const addToMyList = (titleId: string) =>
  request<void>("PUT", `/api/my-list/${encodeURIComponent(titleId)}`);

export const removeFromMyList = (titleId: string) =>
  request<void>("DELETE", `/api/my-list/${encodeURIComponent(titleId)}`);

/** Rates a title, or takes the rating back with null. */
export const rateTitle = (titleId: string, rating: Thumb | null) =>
  rating === null
    ? request<void>("DELETE", `${titlePath(titleId)}/rating`)
    : request<void>("PUT", `${titlePath(titleId)}/rating`, { body: { rating } });

export const reviewTitle = (titleId: string, body: string) =>
  request<Review>("PUT", `${titlePath(titleId)}/review`, { body: { body } });

export const listReviews = (titleId: string, before?: string) =>
  request<ReviewPage>("GET", `${titlePath(titleId)}/reviews${query({ before, limit: 10 })}`);

const adminTitlePath = (titleId = "") =>
  `/api/admin/catalog/titles${titleId && `/${encodeURIComponent(titleId)}`}`;

/** Every title, published or not, by name; `q` narrows them. */
export const listAdminTitles = (input: AdminTitleQuery, signal?: AbortSignal) =>
  request<AdminTitleList>("GET", `${adminTitlePath()}${query(input)}`, { signal });

/** A title as admins see it, with every season and episode of a series. */
export const getAdminTitle = (titleId: string) =>
  request<AdminTitle>("GET", adminTitlePath(titleId));

/** What a marked video is: a movie (its title) or an episode. */
export type MarkedVideo = { titleId: string } | { episodeId: string };

const markersPath = (video: MarkedVideo) =>
  "episodeId" in video
    ? `/api/admin/catalog/episodes/${encodeURIComponent(video.episodeId)}/markers`
    : `${adminTitlePath(video.titleId)}/markers`;

/** A movie's or an episode's intro, recap and credits markers: in force, and as detected. */
export const getVideoMarkers = (video: MarkedVideo) =>
  request<VideoMarkers>("GET", markersPath(video));

/** Sets, clears or hands back to detection the kinds `input` names. */
export const setVideoMarkers = (video: MarkedVideo, input: MarkersInput) =>
  request<VideoMarkers>("PUT", markersPath(video), { body: input });

/** Where resumable (tus) uploads are created; tus-js-client sends the uploads themselves. */
export const UPLOADS_PATH = "/api/ingest/uploads";

/** The largest video the server takes, from the tus discovery answer's Tus-Max-Size. */
export async function getUploadMaxBytes(): Promise<number> {
  const response = await fetch(UPLOADS_PATH, { method: "OPTIONS" }).catch(() => {
    throw networkError();
  });
  if (!response.ok) throw await errorFromResponse(response);
  const maxBytes = Number(response.headers.get("tus-max-size"));
  return Number.isSafeInteger(maxBytes) && maxBytes > 0 ? maxBytes : Number.POSITIVE_INFINITY;
}

const jobPath = (jobId = "") => `/api/ingest/jobs${jobId && `/${encodeURIComponent(jobId)}`}`;

/** Ingest jobs, newest first; pass the previous page's `nextCursor` for the next. */
export const listIngestJobs = (input: JobListQuery) =>
  request<IngestJobList>("GET", `${jobPath()}${query(input)}`);

export const getIngestJob = (jobId: string) => request<IngestJob>("GET", jobPath(jobId));

/** Queues a failed or cancelled job again. */
export const retryIngestJob = (jobId: string) =>
  request<IngestJob>("POST", `${jobPath(jobId)}/retry`);

/** Stops a queued or running job. */
export const cancelIngestJob = (jobId: string) =>
  request<IngestJob>("POST", `${jobPath(jobId)}/cancel`);

/** QoE metrics of the views in a window and slice, with the filter options present in it. */
export const getQoeSummary = (input: QoeQuery, signal?: AbortSignal) =>
  request<QoeSummary>("GET", `/api/qoe/summary${query(input)}`, { signal });

/** The same metrics per step of the window, for charts. */
export const getQoeTimeseries = (input: QoeTimeseriesQuery, signal?: AbortSignal) =>
  request<QoeTimeseries>("GET", `/api/qoe/timeseries${query(input)}`, { signal });

/** Active profiles, hours, starts and completion per UTC day, with the window's totals. */
export const getEngagement = (input: EngagementQuery, signal?: AbortSignal) =>
  request<Engagement>("GET", `/api/engagement${query(input)}`, { signal });

const experimentPath = (experimentId = "") =>
  `/api/admin/experiments${experimentId && `/${encodeURIComponent(experimentId)}`}`;

export const listExperiments = () => request<ExperimentList>("GET", experimentPath());

export const createExperiment = (input: CreateExperimentInput) =>
  request<Experiment>("POST", experimentPath(), { body: input });

/** Changes an experiment; a change a running experiment cannot take is a 409 naming the fields. */
export const updateExperiment = (experimentId: string, input: UpdateExperimentInput) =>
  request<Experiment>("PATCH", experimentPath(experimentId), { body: input });

/** Per variant, each metric with its interval and the comparison with the control. */
export const getExperimentResults = (experimentId: string) =>
  request<ExperimentResults>("GET", `${experimentPath(experimentId)}/results`);

const playbackPath = (sessionId = "") =>
  `/api/playback${sessionId && `/${encodeURIComponent(sessionId)}`}`;

/** Opens a playback session: signed stream URLs, where to resume, markers, the next episode. */
export const startPlayback = (input: StartPlaybackInput) =>
  request<PlaybackSession>("POST", playbackPath(), { body: input });

/** A new grant for a session still playing (before the old one expires). */
export const refreshPlayback = (sessionId: string) =>
  request<PlaybackGrant>("POST", `${playbackPath(sessionId)}/refresh`, { body: {} });

export const stopPlayback = (sessionId: string) => request<void>("DELETE", playbackPath(sessionId));

export const reportProgress = (input: ReportProgressInput) =>
  request<ProgressReportResult>("PUT", "/api/progress", { body: input });

/**
 * The last words of a page being closed: the final position, then the end
 * of the session, sent with `keepalive` so they outlive the page. Best
 * effort: a session nobody ends goes stale on the server after 2 minutes.
 */
export function leavePlayback(sessionId: string, finalReport: ReportProgressInput): void {
  const send = (method: string, path: string, body?: unknown) =>
    void fetch(path, {
      method,
      keepalive: true,
      credentials: "same-origin",
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : null,
    }).catch(() => {});
  send("PUT", "/api/progress", finalReport);
  send("DELETE", playbackPath(sessionId));
}
