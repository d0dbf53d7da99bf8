/**
 * Playback sessions: starting one (maturity, stream limit, grant, the ABR
 * policy the profile's experiments choose and the QoE view token), renewing
 * its grant, ending it, and the profile's progress. The rules live in the
 * two Durable Objects (StreamSessions per account, ProfileProgress per
 * profile); this module joins them with the catalog. See docs/playback.md.
 */
import { effectiveMarkers, playerMarkers } from "../../../../lib/catalog/markers.ts";
import type { Profile } from "../../../../lib/db/schema.ts";
import { signViewToken } from "../../../../lib/qoe/view-token.ts";
import { ApiError, notFound, unauthenticated } from "../../../../lib/http/api-error.ts";
import { maturityRank } from "../../../../lib/maturity.ts";
import { signPlaybackGrant } from "../../../../lib/playback/grant.ts";
import { maxHeightFor, PLAN_ALLOWANCES } from "../../../../lib/playback/plans.ts";
import { isComplete, isStarted } from "../../../../lib/playback/progress-rules.ts";
import type { AuthContext } from "../app-env.ts";
import { findAccount } from "../storage/accounts.ts";
import {
  nextEpisode,
  playableVideo,
  saveFinalPosition,
  type EpisodeRef,
} from "../storage/playback.ts";
import { markerRows } from "../storage/playback-markers.ts";
import { progressObject } from "../storage/progress-object.ts";
import {
  initSegmentPath,
  mediaSegmentPath,
  SEGMENT_SECONDS,
} from "../../../../lib/media/asset-layout.ts";
import type { Presentation } from "../../../../lib/media/presentation.ts";
import type { Progress } from "../../../../durable-objects/src/profile-progress.ts";
import type { StreamSession } from "../../../../durable-objects/src/stream-sessions.ts";
import type { ServiceContext } from "./context.ts";
import { assignmentsFor } from "./experiments.ts";
import { visibleTitle } from "./titles.ts";

export const STREAM_PREFIX = "/api/stream";
const CONTINUE_WATCHING_SHOWN = 20;

export interface StartPlaybackInput {
  titleId: string;
  episodeId?: string | undefined;
  deviceId: string;
  deviceLabel: string;
  /** The tallest picture the device can show. */
  deviceMaxHeight?: number | undefined;
  /** Over the stream limit: end the oldest stream instead of refusing. */
  endOldest: boolean;
}

const streams = (ctx: ServiceContext, accountId: string) =>
  ctx.env.STREAM_SESSIONS.getByName(accountId);

async function grantUrls(
  ctx: ServiceContext,
  grant: Parameters<typeof signPlaybackGrant>[1],
  presentation: { hls: string; dash: string; trickplay: { index: string } | null },
) {
  const ttl = ctx.config.PLAYBACK_GRANT_TTL_SECONDS;
  const token = await signPlaybackGrant(ctx.keys, grant, ttl);
  const base = `${STREAM_PREFIX}/${token}`;
  return {
    token,
    expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
    hlsUrl: `${base}/${presentation.hls}`,
    dashUrl: `${base}/${presentation.dash}`,
    trickplayUrl: presentation.trickplay ? `${base}/${presentation.trickplay.index}` : null,
  };
}

export async function startPlayback(
  ctx: ServiceContext,
  auth: AuthContext,
  profile: Profile,
  input: StartPlaybackInput,
) {
  const title = await visibleTitle(ctx, profile, input.titleId);
  const episodeId = input.episodeId ?? null;
  if (title.type === "series" && !episodeId) {
    throw new ApiError(400, "episode_required", "Choose an episode of this series to play.");
  }
  if (title.type === "movie" && episodeId) throw notFound("episode");
  const video = await playableVideo(ctx.db, title.id, episodeId);
  if (!video) throw new ApiError(409, "not_playable", "This video is not ready to play yet.");

  const allowance = PLAN_ALLOWANCES[auth.plan];
  const maxHeight = maxHeightFor(allowance.quality, input.deviceMaxHeight);
  const playbackSessionId = crypto.randomUUID();
  const outcome = await streams(ctx, auth.accountId).start(
    {
      playbackSessionId,
      authSessionId: auth.sessionId,
      profileId: profile.id,
      deviceId: input.deviceId,
      deviceLabel: input.deviceLabel,
      assetId: video.assetId,
      titleId: title.id,
      episodeId,
      maxHeight,
    },
    allowance.streams,
    input.endOldest,
  );
  if (!outcome.started) {
    throw streamLimitReached(
      allowance.streams,
      outcome.playing,
      "Stop one, or end the oldest to watch here.",
    );
  }

  const [saved, next, experiments, markers] = await Promise.all([
    progressObject(ctx.env, profile.id).get(title.id),
    episodeId ? nextEpisode(ctx.db, episodeId) : Promise.resolve(null),
    assignmentsFor(ctx, profile, "playback"),
    markerRows(ctx.db, episodeId ?? title.id),
  ]);
  const { abr } = experiments.config;
  // A title barely started (or finished) starts from the beginning.
  const resumes =
    saved &&
    !saved.completed &&
    saved.episodeId === episodeId &&
    isStarted(saved.positionSeconds, saved.durationSeconds);
  const [urls, viewToken] = await Promise.all([
    grantUrls(
      ctx,
      {
        assetId: video.assetId,
        playbackSessionId,
        profileId: profile.id,
        accountId: auth.accountId,
        maturityRank: maturityRank(profile.maturityLevel),
        maxHeight,
      },
      video.presentation,
    ),
    // The view's QoE events count under what holds now: this device, country, policy and variants.
    signViewToken(ctx.keys, {
      viewId: playbackSessionId,
      profileId: profile.id,
      accountId: auth.accountId,
      titleId: title.id,
      episodeId,
      deviceType: ctx.client.deviceType,
      country: ctx.client.country,
      abrPolicy: abr.policy,
      variants: experiments.variants,
    }),
  ]);
  const resumePositionSeconds = resumes ? saved.positionSeconds : 0;
  return {
    sessionId: playbackSessionId,
    ...urls,
    warmUrls: firstSegments(video.presentation, resumePositionSeconds).map(
      (path) => `${STREAM_PREFIX}/${urls.token}/${path}`,
    ),
    titleId: title.id,
    episodeId,
    durationSeconds: video.presentation.durationSeconds,
    resumePositionSeconds,
    maxHeight,
    qualityCap: allowance.quality,
    markers: playerMarkers(effectiveMarkers(markers), video.presentation.durationSeconds),
    nextEpisode: next ? presentEpisode(next) : null,
    endedStreams: outcome.ended.map((session) => session.deviceLabel),
    abr,
    viewToken,
  };
}

const LIST = new Intl.ListFormat("en", { type: "conjunction" });

/** "5 min ago": when a stream started, as a person would say it. */
function startedAgo(startedAt: number, now: number): string {
  const minutes = Math.floor((now - startedAt) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min ago`;
}

/**
 * The stream-limit refusal, naming each device playing so a person can tell
 * them apart: the name the viewer gave it (else browser and system) and
 * when it started ("Living-room TV, started 12 min ago").
 */
function streamLimitReached(limit: number, playing: readonly StreamSession[], advice: string) {
  const now = Date.now();
  const devices = playing.map(
    (session) => `${session.deviceLabel}, started ${startedAgo(session.startedAt, now)}`,
  );
  const list = LIST.format(devices.map((device) => `“${device}”`));
  return new ApiError(
    409,
    "stream_limit_reached",
    `Your plan allows ${limit} ${limit === 1 ? "stream" : "streams"} at once, and ${list} ${devices.length === 1 ? "is" : "are"} playing. ${advice}`,
    { details: devices.map((device) => ({ path: "devices", message: device })) },
  );
}

/**
 * What a player needs first, so it can fetch it alongside the master
 * playlist instead of after it: the lowest rung's and the default audio's
 * playlist, init segment and the segment at the start position.
 */
function firstSegments(presentation: Presentation, startSeconds: number): string[] {
  const index = Math.floor(startSeconds / SEGMENT_SECONDS);
  const audio = presentation.audio.find((track) => track.default) ?? presentation.audio[0];
  return [presentation.video[0], audio].flatMap((track) => {
    if (!track) return [];
    const dir = track.playlist.slice(0, track.playlist.lastIndexOf("/"));
    return [track.playlist, initSegmentPath(dir), mediaSegmentPath(dir, index)];
  });
}

const presentEpisode = (episode: EpisodeRef) => ({
  episodeId: episode.id,
  seasonNumber: episode.seasonNumber,
  number: episode.number,
  name: episode.name,
});

/** A live session of this profile, or 404. */
async function ownSession(ctx: ServiceContext, auth: AuthContext, profile: Profile, id: string) {
  const session = await streams(ctx, auth.accountId).get(id);
  if (!session || session.profileId !== profile.id) throw notFound("playback session");
  return session;
}

/**
 * A fresh grant for a session still playing, so a long film outlives one
 * grant. A renewal is a new grant: everything startPlayback checked is
 * checked again as it stands now — the title still published and within
 * the profile's maturity level, the account's plan (its stream limit and
 * quality cap), the session still open — so a profile lowered to G stops
 * at its next renewal, not never.
 */
export async function refreshPlayback(
  ctx: ServiceContext,
  auth: AuthContext,
  profile: Profile,
  sessionId: string,
) {
  const session = await ownSession(ctx, auth, profile, sessionId);
  const [account, title] = await Promise.all([
    findAccount(ctx.db, auth.accountId),
    visibleTitle(ctx, profile, session.titleId).catch(() => null),
  ]);
  if (!account) throw unauthenticated();
  if (!title) {
    await streams(ctx, auth.accountId).stop(sessionId);
    throw new ApiError(
      403,
      "playback_not_allowed",
      "This title is no longer available to this profile, so playback has stopped.",
    );
  }
  const allowance = PLAN_ALLOWANCES[account.plan];
  const renewal = await streams(ctx, auth.accountId).renew(sessionId, allowance.streams);
  if (!renewal.renewed && renewal.reason === "ended") throw notFound("playback session");
  if (!renewal.renewed) {
    throw streamLimitReached(allowance.streams, renewal.playing, "This one has stopped.");
  }
  const video = await playableVideo(ctx.db, session.titleId, session.episodeId);
  if (!video || video.assetId !== session.assetId) throw notFound("playback session");
  return grantUrls(
    ctx,
    {
      assetId: session.assetId,
      playbackSessionId: sessionId,
      profileId: profile.id,
      accountId: auth.accountId,
      maturityRank: maturityRank(profile.maturityLevel),
      // A plan lowered since the start lowers the picture too; nothing raises it mid-play.
      maxHeight: Math.min(session.maxHeight, maxHeightFor(allowance.quality)),
    },
    video.presentation,
  );
}

/** Ends a session; its stream stops, and its last position is kept in D1. */
export async function stopPlayback(
  ctx: ServiceContext,
  auth: AuthContext,
  profile: Profile,
  sessionId: string,
) {
  const session = await ownSession(ctx, auth, profile, sessionId);
  await streams(ctx, auth.accountId).stop(sessionId);
  const saved = await progressObject(ctx.env, profile.id).get(session.titleId);
  // Only a start worth resuming (or a finish) is kept for the home page and title pages.
  if (
    saved &&
    (saved.completed || saved.nextUp || isStarted(saved.positionSeconds, saved.durationSeconds))
  ) {
    await saveFinalPosition(ctx.db, {
      profileId: profile.id,
      titleId: saved.titleId,
      episodeId: saved.episodeId,
      positionSeconds: saved.positionSeconds,
      durationSeconds: saved.durationSeconds,
      completed: saved.completed,
    });
  }
}

export interface ProgressInput {
  titleId: string;
  episodeId?: string | undefined;
  sessionId?: string | undefined;
  positionSeconds: number;
  durationSeconds: number;
  rendition?: string | undefined;
  deviceId: string;
  clientTimestamp: number;
}

export async function reportProgress(
  ctx: ServiceContext,
  auth: AuthContext,
  profile: Profile,
  input: ProgressInput,
) {
  const title = await visibleTitle(ctx, profile, input.titleId);
  const episodeId = input.episodeId ?? null;
  const inSeries = title.seasons.some((s) => s.episodes.some((e) => e.id === episodeId));
  if (title.type === "series" ? !inSeries : episodeId !== null) throw notFound("episode");
  if (input.positionSeconds > input.durationSeconds) {
    throw new ApiError(400, "validation_failed", "The position is past the end.", {
      details: [{ path: "positionSeconds", message: "must not exceed durationSeconds" }],
    });
  }
  // A report also keeps its playback session from going stale.
  if (input.sessionId) await streams(ctx, auth.accountId).touch(input.sessionId);
  const completing = episodeId && isComplete(input.positionSeconds, input.durationSeconds);
  const next = completing ? await nextEpisode(ctx.db, episodeId) : null;
  const { progress, accepted } = await progressObject(ctx.env, profile.id).report({
    titleId: title.id,
    episodeId,
    positionSeconds: input.positionSeconds,
    durationSeconds: input.durationSeconds,
    rendition: input.rendition ?? null,
    deviceId: input.deviceId,
    clientTimestamp: input.clientTimestamp,
    nextEpisodeId: next?.id ?? null,
  });
  return { accepted, progress: presentProgress(progress) };
}

export async function getProgress(ctx: ServiceContext, profile: Profile, titleId: string) {
  await visibleTitle(ctx, profile, titleId);
  const progress = await progressObject(ctx.env, profile.id).get(titleId);
  if (!progress) throw notFound("progress");
  return presentProgress(progress);
}

/** Started, unfinished titles the profile may still see, most recent first. */
export async function getContinueWatching(ctx: ServiceContext, profile: Profile) {
  const entries = await progressObject(ctx.env, profile.id).continueWatching(
    CONTINUE_WATCHING_SHOWN,
  );
  const cards = await ctx.catalog.cards(entries.map((entry) => entry.titleId));
  const rank = maturityRank(profile.maturityLevel);
  return {
    items: entries.flatMap((entry) => {
      const card = cards.get(entry.titleId);
      if (!card || !card.published || card.maturityRank > rank) return [];
      return [{ titleId: entry.titleId, name: card.name, progress: presentProgress(entry) }];
    }),
  };
}

function presentProgress(progress: Progress) {
  return {
    titleId: progress.titleId,
    episodeId: progress.episodeId,
    positionSeconds: progress.positionSeconds,
    durationSeconds: progress.durationSeconds,
    completed: progress.completed,
    nextUp: progress.nextUp,
    deviceId: progress.deviceId,
    clientTimestamp: progress.clientTimestamp,
    updatedAt: new Date(progress.updatedAt).toISOString(),
  };
}
