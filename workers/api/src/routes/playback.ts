/** Playback sessions and progress for the active profile (docs/playback.md). */
import { createRoute } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { authorized } from "../middleware/authorized.ts";
import {
  ContinueWatchingSchema,
  PlaybackGrantSchema,
  PlaybackSessionSchema,
  ProgressReportResultSchema,
  ProgressSchema,
  ReportProgressSchema,
  StartPlaybackSchema,
} from "../schemas/playback.ts";
import { serviceContext } from "../services/context.ts";
import { deviceLabel } from "../services/device-label.ts";
import {
  getContinueWatching,
  getProgress,
  refreshPlayback,
  reportProgress,
  startPlayback,
  stopPlayback,
} from "../services/playback.ts";
import { createRouter } from "./router.ts";

// One router per prefix: a router's "*" middleware (its body limit) covers its whole prefix.
export const playbackRoutes = createRouter();
export const progressRoutes = createRouter();
export const continueWatchingRoutes = createRouter();

const SessionParam = z.object({
  sessionId: z.uuid().openapi({ param: { name: "sessionId", in: "path" } }),
});
const TitleParam = z.object({
  titleId: z.uuid().openapi({ param: { name: "titleId", in: "path" } }),
});

playbackRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "startPlayback",
    summary: "Start playing a film or an episode",
    description:
      "Checks the profile's maturity level and the account's stream limit, opens a playback session and returns signed HLS and DASH URLs, the resume position, markers and the next episode. Over the limit: 409 stream_limit_reached naming the devices playing, unless endOldest is set.",
    tags: ["Playback"],
    ...authorized("viewer", "playback", { profile: true }),
    request: { body: jsonBody(StartPlaybackSchema) },
    responses: {
      201: jsonResponse(PlaybackSessionSchema, "The session and its stream URLs."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const session = await startPlayback(
      await serviceContext(c),
      c.get("auth")!,
      c.get("profile")!,
      {
        ...c.req.valid("json"),
        deviceLabel: c.req.valid("json").deviceName ?? deviceLabel(c.req.header("user-agent")),
      },
    );
    return c.json(session, 201);
  },
);

playbackRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{sessionId}/refresh",
    operationId: "refreshPlayback",
    summary: "Renew a playing session's grant",
    description:
      "A new grant before the old one expires, checked as a start is, against what holds now: 403 playback_not_allowed once the title is unpublished or above the profile's maturity level, 409 stream_limit_reached when the plan's stream limit now leaves this session out (the session ends either way), 404 once the session has ended.",
    tags: ["Playback"],
    ...authorized("viewer", "playback", { profile: true }),
    request: { params: SessionParam },
    responses: {
      200: jsonResponse(PlaybackGrantSchema, "The new grant and URLs."),
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  }),
  async (c) => {
    const grant = await refreshPlayback(
      await serviceContext(c),
      c.get("auth")!,
      c.get("profile")!,
      c.req.valid("param").sessionId,
    );
    return c.json(grant, 200);
  },
);

playbackRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{sessionId}",
    operationId: "stopPlayback",
    summary: "End a playback session",
    description: "Its stream stops at once and its last position is kept.",
    tags: ["Playback"],
    ...authorized("viewer", "playback", { profile: true }),
    request: { params: SessionParam },
    responses: { 204: { description: "Ended." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    await stopPlayback(
      await serviceContext(c),
      c.get("auth")!,
      c.get("profile")!,
      c.req.valid("param").sessionId,
    );
    return c.body(null, 204);
  },
);

progressRoutes.openapi(
  createRoute({
    method: "put",
    path: "/",
    operationId: "reportProgress",
    summary: "Report the playback position (every 10 s)",
    description:
      "The latest report by client time wins across devices; at 95% a title is complete and a series moves on to its next episode.",
    tags: ["Playback"],
    ...authorized("viewer", "progress", { profile: true }),
    request: { body: jsonBody(ReportProgressSchema) },
    responses: {
      200: jsonResponse(ProgressReportResultSchema, "What is stored now."),
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    const result = await reportProgress(
      await serviceContext(c),
      c.get("auth")!,
      c.get("profile")!,
      c.req.valid("json"),
    );
    return c.json(result, 200);
  },
);

progressRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{titleId}",
    operationId: "getProgress",
    summary: "Where the profile is in a title",
    tags: ["Playback"],
    ...authorized("viewer", "progress", { profile: true }),
    request: { params: TitleParam },
    responses: {
      200: jsonResponse(ProgressSchema, "The stored progress."),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  }),
  async (c) => {
    const progress = await getProgress(
      await serviceContext(c),
      c.get("profile")!,
      c.req.valid("param").titleId,
    );
    return c.json(progress, 200);
  },
);

continueWatchingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getContinueWatching",
    summary: "Started, unfinished titles, most recent first",
    tags: ["Playback"],
    ...authorized("viewer", "browse", { profile: true }),
    responses: {
      200: jsonResponse(ContinueWatchingSchema, "The titles."),
      ...errorResponses(401, 403, 429),
    },
  }),
  async (c) => {
    const list = await getContinueWatching(await serviceContext(c), c.get("profile")!);
    return c.json(list, 200);
  },
);
