/**
 * One simulated viewer, making the requests the web app makes for a signed-in
 * profile that opens home and plays a title:
 *
 * 1. home: the session loader's GET /api/account and /api/profiles, then
 *    GET /api/home and the hero's GET /api/titles/:id (web/src/pages/home-page.tsx);
 * 2. Play: startPlayback (POST /api/playback, this device, a 1080p screen),
 *    then at once the master playlist and the session's warm URLs (the lowest
 *    rung's and the default audio's playlist, init segment and first
 *    segment), then hls.js asking for the two media playlists again (a
 *    conditional GET: they are `no-cache`; the segments it already has come
 *    from the browser's cache);
 * 3. playing: the next video and audio segment of the lowest rung when the
 *    playhead reaches it — one per track every 4 s, at real pace from the
 *    first frame, fetched back to back only to catch up after a slow one, as
 *    a player refills its buffer, and a failed one tried again as hls.js
 *    does (4 more times, 500 ms apart) — with CMCD in the query as hls.js
 *    sends it;
 *    the position (PUT /api/progress) every 10 s and a QoE batch every 10 s;
 *    the grant renewed a minute before it expires, the access token too;
 * 4. leaving: the last position, the end of the session (DELETE) and the
 *    last QoE batch (heartbeat and view_end), all at once as the page sends
 *    them when it closes.
 *
 * Not simulated: hls.js filling a 30 s buffer as fast as it can right after
 * the first frame (the viewer paces from the start), and artwork, which
 * browsers fetch from their cache or the CDN.
 *
 * The film loops: at its end the viewer carries on from its first segment
 * in the same session, standing for a full-length film with a short clip
 * (bench:load's films are short so setup is quick), so playback sessions
 * start only as the ramp adds viewers, not every half minute.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { appendCmcdQuery, type Cmcd, type CmcdV1 } from "@svta/cml-cmcd";
import { renewAccessToken, type SignedInViewer } from "./households.ts";
import { lowestVariant, mediaTrack, type MediaTrack, type Variant } from "./hls-playlists.ts";
import type { Answer, LoadClient } from "./http-client.ts";
import { QoeBatches } from "./qoe-batches.ts";
import { ROUTES, type Route } from "./stats.ts";

// The web player's intervals (web/src/player/use-playback-session.ts, qoe-reporter.ts).
const PROGRESS_EVERY_MS = 10_000;
const QOE_EVERY_MS = 10_000;
const RENEW_BEFORE_EXPIRY_MS = 60_000;
const DEVICE_MAX_HEIGHT = 1080;
/** hls.js's fragment retries as the web player configures them (web/src/player/engine.ts). */
const SEGMENT_RETRIES = 4;
const SEGMENT_RETRY_DELAY_MS = 500;
/** The steady buffer a real player reports in CMCD (its maxBufferLength). */
const CMCD_BUFFER_MS = 30_000;

interface StartedPlayback {
  sessionId: string;
  token: string;
  expiresAt: string;
  hlsUrl: string;
  warmUrls: string[];
  durationSeconds: number;
  viewToken: string;
}

export type ViewerState = "starting" | "playing" | "failed" | "left";

const isAbort = (error: unknown) => error instanceof Error && error.name === "AbortError";

function streamRoute(path: string): Route {
  if (path === "master.m3u8") return ROUTES.master;
  if (path.endsWith(".m3u8")) return ROUTES.playlist;
  if (path.endsWith("/init.mp4")) return ROUTES.init;
  return ROUTES.segment;
}

export class Viewer {
  state: ViewerState = "starting";
  private readonly client: LoadClient;
  private readonly device: SignedInViewer;
  private readonly titleId: string;
  private readonly leaving = new AbortController();
  private renewingToken: Promise<void> | null = null;
  private session: StartedPlayback | null = null;
  private grant = "";
  private variant: Variant | null = null;
  private qoe: QoeBatches | null = null;
  /** When the first frame showed (performance.now()): the playhead's zero. */
  private playingSince = 0;
  private lastHeartbeat = 0;
  private lastThroughputKbps = 0;
  private running: Promise<unknown> = Promise.resolve();

  constructor(client: LoadClient, device: SignedInViewer, titleId: string) {
    this.client = client;
    this.device = device;
    this.titleId = titleId;
  }

  /** Opens home and starts the title; resolves once it plays (or has failed to start). */
  async arrive(): Promise<void> {
    let tracks: MediaTrack[] | null = null;
    try {
      await this.openHome();
      tracks = await this.startPlaying();
    } catch (error) {
      // A playlist this simulator cannot read: say why, and count the viewer as failed.
      console.warn(`a viewer could not start: ${String(error)}`);
    }
    if (!tracks) {
      this.state = "failed";
      return;
    }
    this.state = "playing";
    this.running = Promise.all([
      ...tracks.map((track) => this.follow(track)),
      this.every(PROGRESS_EVERY_MS, () => this.reportProgress()),
      this.every(QOE_EVERY_MS, () => this.heartbeatAndFlush()),
      this.keepGrant(),
    ]);
  }

  /** Ends the view as the page does when it closes. */
  async leave(): Promise<void> {
    this.leaving.abort();
    await this.running;
    const session = this.session;
    if (!session || this.state === "left") return;
    // A start that failed after the session opened has already said so to QoE, and has no position.
    const played = this.playingSince > 0;
    this.state = "left";
    if (played) {
      this.heartbeat();
      this.qoe!.record({
        type: "view_end",
        reason: "exited",
        beforeFirstFrame: false,
        completed: false,
      });
    }
    const token = await this.token();
    await Promise.all([
      played && this.reportProgress(),
      this.client.send(ROUTES.stop, `/api/playback/${session.sessionId}`, {
        method: "DELETE",
        token,
      }),
      this.qoe!.flush(),
    ]);
  }

  /** The access token, renewed first when it is within a minute of expiring. */
  private async token(): Promise<string> {
    if (this.device.accessExpiresAt - Date.now() < RENEW_BEFORE_EXPIRY_MS) {
      this.renewingToken ??= renewAccessToken(this.client, this.device).finally(() => {
        this.renewingToken = null;
      });
      await this.renewingToken;
    }
    return this.device.accessToken;
  }

  private async openHome(): Promise<void> {
    const token = await this.token();
    await Promise.all([
      this.client.send(ROUTES.account, "/api/account", { token }),
      this.client.send(ROUTES.profiles, "/api/profiles", { token }),
    ]);
    const home = await this.client.send(ROUTES.home, "/api/home", { token, text: true });
    if (home.status !== 200) return;
    const { heroId } = JSON.parse(home.text) as { heroId: string | null };
    if (heroId) await this.client.send(ROUTES.hero, `/api/titles/${heroId}`, { token });
  }

  /** A stream file by its path in the asset, under the current grant. */
  private stream(
    path: string,
    options: { text?: boolean; etag?: string; seconds?: number } = {},
  ): Promise<Answer> {
    let url = `/api/stream/${this.grant}/${path}`;
    if (this.variant && this.session) {
      const audio = path.startsWith("audio/");
      const cmcd: Omit<Cmcd, keyof CmcdV1> & CmcdV1 = {
        ot: path.endsWith(".m3u8") ? "m" : path.endsWith("/init.mp4") ? "i" : audio ? "a" : "v",
        ...(audio || path.endsWith(".m3u8") ? {} : { br: this.variant.bitrateKbps }),
        bl: CMCD_BUFFER_MS,
        ...(options.seconds ? { d: Math.round(options.seconds * 1000) } : {}),
        mtp: this.lastThroughputKbps,
        sf: "h",
        sid: this.session.sessionId,
        cid: this.titleId,
      };
      // Version 1, as hls.js sends it (the encoder's parameter type has version 2's shapes).
      url = appendCmcdQuery(url, cmcd as Cmcd, { version: 1 });
    }
    return this.client.send(streamRoute(path), url, {
      text: options.text ?? false,
      ...(options.etag ? { headers: { "if-none-match": options.etag } } : {}),
    });
  }

  /** startPlayback, the playlists and the first segments; the two tracks to follow, or null. */
  private async startPlaying(): Promise<MediaTrack[] | null> {
    const pressedAt = performance.now();
    const started = await this.client.send(ROUTES.start, "/api/playback", {
      method: "POST",
      token: await this.token(),
      json: {
        titleId: this.titleId,
        deviceId: this.device.deviceId,
        deviceMaxHeight: DEVICE_MAX_HEIGHT,
        endOldest: false,
      },
      text: true,
    });
    if (started.status !== 201) return null;
    const session = JSON.parse(started.text) as StartedPlayback;
    this.session = session;
    this.grant = session.token;
    this.qoe = new QoeBatches(this.client, session.viewToken);
    this.qoe.record({ type: "view_start" });
    const base = `/api/stream/${session.token}/`;
    const assetPath = (url: string) => url.slice(url.indexOf(base) + base.length);

    const warmPaths = session.warmUrls.map(assetPath);
    const [master, ...warm] = await Promise.all([
      this.stream(assetPath(session.hlsUrl), { text: true }),
      ...warmPaths.map((path) => this.stream(path, { text: path.endsWith(".m3u8") })),
    ]);
    const failed = (code: string) => {
      this.qoe!.record({ type: "error", fatal: true, code });
      this.qoe!.record({
        type: "view_end",
        reason: "error",
        beforeFirstFrame: true,
        completed: false,
      });
      return null;
    };
    if (master!.status !== 200) return failed("manifestLoadError");
    const variant = lowestVariant(master!.text, assetPath(session.hlsUrl));
    this.variant = variant;
    const warmed = new Map(warmPaths.map((path, n) => [path, warm[n]!]));
    const playlists = [variant.playlist, variant.audioPlaylist].filter((path) => path !== null);
    const tracks: MediaTrack[] = [];
    for (const path of playlists) {
      const early = warmed.get(path);
      const etag = early?.status === 200 ? early.headers.etag : undefined;
      const again = await this.stream(path, {
        text: true,
        ...(typeof etag === "string" ? { etag } : {}),
      });
      const text = again.status === 200 ? again.text : early?.status === 200 ? early.text : null;
      if (text === null) return failed("levelLoadError");
      tracks.push(mediaTrack(text, path));
    }
    // What the warm URLs did not already bring (they name the lowest rung's first segment).
    const first = tracks.flatMap((track) => [track.init, track.segments[0]!.path]);
    const missing = first.filter((path) => warmed.get(path)?.status !== 200);
    const fetched = await Promise.all(missing.map((path) => this.stream(path)));
    // (A failure here is final, where hls.js would retry: it is counted as an error either way.)
    if (fetched.some((answer) => answer.status !== 200)) return failed("fragLoadError");

    this.playingSince = performance.now();
    this.lastHeartbeat = this.playingSince;
    const rendition = { height: variant.height, bitrateKbps: variant.bitrateKbps };
    this.qoe.record({ type: "rendition_switch", from: null, to: rendition, reason: "start" });
    this.qoe.record({
      type: "first_frame",
      startupMs: Math.round(this.playingSince - pressedAt),
    });
    return tracks;
  }

  /** The playhead in seconds, looping over the film. */
  private position(): number {
    const seconds = (performance.now() - this.playingSince) / 1000;
    return seconds % this.session!.durationSeconds;
  }

  /** One track's segments at real pace, from the second one (the first came with the start). */
  private async follow(track: MediaTrack): Promise<void> {
    let index = 1 % track.segments.length;
    let due = this.playingSince + track.segments[0]!.seconds * 1000;
    try {
      for (;;) {
        await sleep(Math.max(0, due - performance.now()), undefined, {
          signal: this.leaving.signal,
        });
        const segment = track.segments[index]!;
        for (let attempt = 0; attempt <= SEGMENT_RETRIES; attempt++) {
          if (attempt > 0)
            await sleep(SEGMENT_RETRY_DELAY_MS, undefined, { signal: this.leaving.signal });
          const started = performance.now();
          const answer = await this.stream(segment.path, { seconds: segment.seconds });
          const ms = performance.now() - started;
          if (answer.bytes > 0 && ms > 0)
            this.lastThroughputKbps = Math.round((answer.bytes * 8) / ms);
          if (answer.status === 200) break;
        }
        due += segment.seconds * 1000;
        index = (index + 1) % track.segments.length;
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    }
  }

  private async every(ms: number, action: () => Promise<unknown>): Promise<void> {
    try {
      for (;;) {
        await sleep(ms, undefined, { signal: this.leaving.signal });
        await action();
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    }
  }

  private async reportProgress(): Promise<void> {
    const session = this.session!;
    await this.client.send(ROUTES.progress, "/api/progress", {
      method: "PUT",
      token: await this.token(),
      json: {
        titleId: this.titleId,
        sessionId: session.sessionId,
        positionSeconds: this.position(),
        durationSeconds: session.durationSeconds,
        rendition: `${this.variant!.height}p`,
        deviceId: this.device.deviceId,
        clientTimestamp: Date.now(),
      },
    });
  }

  /** Time played since the last heartbeat, all of it at the lowest rung. */
  private heartbeat(): void {
    const now = performance.now();
    const playedMs = Math.round(now - this.lastHeartbeat);
    this.lastHeartbeat = now;
    const { height, bitrateKbps } = this.variant!;
    this.qoe!.record({
      type: "heartbeat",
      renditions: [{ height, bitrateKbps, playedMs }],
      upscaledMs: 0,
      droppedFrames: 0,
    });
  }

  private async heartbeatAndFlush(): Promise<void> {
    this.heartbeat();
    await this.qoe!.flush();
  }

  /** Renews the grant a minute before it expires, as the player does; a refusal ends the view. */
  private async keepGrant(): Promise<void> {
    let expiresAt = Date.parse(this.session!.expiresAt);
    try {
      for (;;) {
        await sleep(Math.max(5_000, expiresAt - Date.now() - RENEW_BEFORE_EXPIRY_MS), undefined, {
          signal: this.leaving.signal,
        });
        const renewed = await this.client.send(
          ROUTES.renewGrant,
          `/api/playback/${this.session!.sessionId}/refresh`,
          { method: "POST", token: await this.token(), json: {}, text: true },
        );
        if (renewed.status !== 200) {
          this.state = "failed";
          this.leaving.abort();
          return;
        }
        const grant = JSON.parse(renewed.text) as { token: string; expiresAt: string };
        this.grant = grant.token;
        expiresAt = Date.parse(grant.expiresAt);
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    }
  }
}
