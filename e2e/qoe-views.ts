/**
 * Views reported through the real API, as a player on some device makes
 * them: a new viewer account signs in and picks its profile, opens a
 * playback session (the User-Agent decides the view's device type), sends
 * the view's QoE events with the session's view token, and ends the
 * session. For tests of what the dashboards and experiment results show
 * about known views, of a film of the test's own made playable through
 * the real pipeline.
 */
import { adminApi, filmFromMaster } from "../scripts/admin-api.ts";
import type { PlaybackSession } from "../web/src/api/types.ts";
import { registerAccount } from "./flows.ts";
import { testPattern } from "./media-clips.ts";

export const USER_AGENTS = {
  desktop:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  mobile:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
} as const;

export interface ReportedView {
  titleId: string;
  device: keyof typeof USER_AGENTS;
  startupMs: number;
  /** Played at 360p, 800 kbps, then the viewer reached the credits. */
  playedMs: number;
}

/** A new published film with a 5 s video, once viewers can play it; returns its id. */
export async function playableFilm(baseUrl: string, name: string): Promise<string> {
  const clip = await testPattern(`film-${crypto.randomUUID()}.mp4`);
  return filmFromMaster(await adminApi(baseUrl), name, clip, { timeoutMs: 120_000 });
}

export async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  { token, body, userAgent }: { token?: string; body?: unknown; userAgent?: string },
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token && { authorization: `Bearer ${token}` }),
      ...(userAgent && { "user-agent": userAgent }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A new viewer's access token with its first profile active. */
export async function newViewer(baseUrl: string): Promise<string> {
  const { email, password } = await registerAccount(baseUrl, "Tester");
  type Tokens = { tokens: { accessToken: string } };
  const signedIn = await call<Tokens>(baseUrl, "POST", "/api/auth/login", {
    body: { email, password, tokenDelivery: "body" },
  });
  const token = signedIn.tokens.accessToken;
  const { profiles } = await call<{ profiles: { id: string }[] }>(baseUrl, "GET", "/api/profiles", {
    token,
  });
  const selected = await call<Tokens>(baseUrl, "POST", `/api/profiles/${profiles[0]!.id}/select`, {
    token,
    body: {},
  });
  return selected.tokens.accessToken;
}

/** Reports one view, by a new viewer unless `token` is one's (see `newViewer`). */
export async function reportView(
  baseUrl: string,
  view: ReportedView,
  token?: string,
): Promise<void> {
  token ??= await newViewer(baseUrl);
  const userAgent = USER_AGENTS[view.device];
  const session = await call<PlaybackSession>(baseUrl, "POST", "/api/playback", {
    token,
    userAgent,
    body: { titleId: view.titleId, deviceId: `e2e-${crypto.randomUUID().slice(0, 8)}` },
  });
  const at = Date.now();
  const rendition = { height: 360, bitrateKbps: 800 };
  await call(baseUrl, "POST", "/api/qoe/events", {
    userAgent,
    body: {
      viewToken: session.viewToken,
      batchId: crypto.randomUUID(),
      events: [
        { seq: 0, at, type: "view_start" },
        { seq: 1, at: at + view.startupMs, type: "first_frame", startupMs: view.startupMs },
        {
          seq: 2,
          at: at + view.startupMs,
          type: "rendition_switch",
          from: null,
          to: rendition,
          reason: "start",
        },
        {
          seq: 3,
          at: at + view.startupMs + view.playedMs,
          type: "heartbeat",
          renditions: [{ ...rendition, playedMs: view.playedMs }],
          upscaledMs: 0,
          droppedFrames: 0,
        },
        {
          seq: 4,
          at: at + view.startupMs + view.playedMs,
          type: "view_end",
          reason: "ended",
          beforeFirstFrame: false,
          completed: true,
        },
      ],
    },
  });
  await call(baseUrl, "DELETE", `/api/playback/${session.sessionId}`, { token });
}
