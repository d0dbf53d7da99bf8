/**
 * The demo viewer watching a film on a local stack, through the API as the
 * web app does: signed in as Alex, a playback started (and kept on with
 * progress reports every 30 s, as a player keeps it), and stopped at the end.
 */
import { DEMO_ACCOUNTS } from "../../scripts/seed.ts";

const viewer = DEMO_ACCOUNTS.find((account) => account.email === "viewer@example.com")!;
const alex = viewer.profiles.find((profile) => profile.name === "Alex")!;
const KEEP_ON_MS = 30_000;

export interface ViewerPlayback {
  hlsUrl: string;
  viewToken: string;
  /** Reports the start as the latest position, so the title offers Play again, not Resume. */
  rewind(): Promise<void>;
  stop(): Promise<void>;
}

async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The demo viewer's access token, acting as Alex. */
async function alexToken(baseUrl: string): Promise<string> {
  type Tokens = { tokens: { accessToken: string } };
  const login = await call<Tokens>(baseUrl, "POST", "/api/auth/login", null, {
    email: viewer.email,
    password: viewer.password,
    tokenDelivery: "body",
  });
  const selected = await call<Tokens>(
    baseUrl,
    "POST",
    `/api/profiles/${alex.id}/select`,
    login.tokens.accessToken,
    {},
  );
  return selected.tokens.accessToken;
}

/** Alex starts `titleId` on `deviceId`; the session stays on until `stop`. */
export async function startViewerPlayback(
  baseUrl: string,
  titleId: string,
  deviceId: string,
): Promise<ViewerPlayback> {
  const token = await alexToken(baseUrl);
  const started = await call<{ sessionId: string; hlsUrl: string; viewToken: string }>(
    baseUrl,
    "POST",
    "/api/playback",
    token,
    { titleId, deviceId },
  );
  const reportStart = () =>
    call(baseUrl, "PUT", "/api/progress", token, {
      titleId,
      sessionId: started.sessionId,
      positionSeconds: 0,
      durationSeconds: 1,
      deviceId,
      clientTimestamp: Date.now(),
    });
  const keepOn = setInterval(() => void reportStart().catch(() => {}), KEEP_ON_MS);
  return {
    hlsUrl: `${baseUrl}${started.hlsUrl}`,
    viewToken: started.viewToken,
    rewind: async () => {
      await reportStart();
    },
    stop: async () => {
      clearInterval(keepOn);
      await call(baseUrl, "DELETE", `/api/playback/${started.sessionId}`, token);
    },
  };
}
