/**
 * Playing a title as the demo viewer (Alex) does, from a Node script or
 * test: sign in, pick the profile, start playback, and get the stream URLs
 * the player would use (each carries the playback grant in its path).
 * Always the same device, so a new start replaces its own stream instead of
 * meeting the plan's stream limit.
 */
import { DEMO_ACCOUNTS } from "./seed.ts";

const viewer = DEMO_ACCOUNTS.find((account) => account.email === "viewer@example.com")!;
const alex = viewer.profiles.find((profile) => !profile.isKids)!;
const JSON_HEADERS = { "content-type": "application/json" };

export interface ViewerPlayback {
  /** Absolute URLs. */
  hlsUrl: string;
  dashUrl: string;
  /** The grant's folder: append an asset path ("video/240p/index.m3u8") for any file of it. */
  streamBase: string;
  durationSeconds: number;
}

async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...JSON_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo viewer's access token with Alex's profile active. */
export async function viewerToken(baseUrl: string): Promise<string> {
  type Tokens = { tokens: { accessToken: string } };
  const signedIn = await postJson<Tokens>(`${baseUrl}/api/auth/login`, {
    email: viewer.email,
    password: viewer.password,
    tokenDelivery: "body",
  });
  const selected = await postJson<Tokens>(
    `${baseUrl}/api/profiles/${alex.id}/select`,
    {},
    signedIn.tokens.accessToken,
  );
  return selected.tokens.accessToken;
}

/** Starts playing `titleId` as Alex; the stream URLs, absolute. */
export async function playTitle(
  baseUrl: string,
  titleId: string,
  deviceId = "script-device-0001",
): Promise<ViewerPlayback> {
  const session = await postJson<{ hlsUrl: string; dashUrl: string; durationSeconds: number }>(
    `${baseUrl}/api/playback`,
    { titleId, deviceId },
    await viewerToken(baseUrl),
  );
  const hlsUrl = `${baseUrl}${session.hlsUrl}`;
  return {
    hlsUrl,
    dashUrl: `${baseUrl}${session.dashUrl}`,
    streamBase: hlsUrl.slice(0, hlsUrl.lastIndexOf("/") + 1),
    durationSeconds: session.durationSeconds,
  };
}
