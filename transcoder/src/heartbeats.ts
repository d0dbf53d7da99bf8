/**
 * A running task's heartbeats: how far it is (and, for the audio pass, the
 * segments stored since the last heartbeat that was answered) sent every
 * few seconds, which keeps its lease with the ingest Worker. A track's
 * first stored segment is sent at once, not at the next beat: the title
 * becomes playable when every audio track has one. One heartbeat at a time; a slow one makes the next wait
 * rather than pile up. An AttemptOver answer (409) ends the attempt; any
 * other failure is only logged: the next heartbeat may get through, and if
 * none does the lease runs out and the Worker moves the task elsewhere.
 */
import type { Heartbeat, TrackOutput } from "../../lib/ingest/task-protocol.ts";
import { AttemptOver } from "./ingest-client.ts";
import { log } from "./log.ts";

/** What a task tells its heartbeats. */
export interface TaskReporter {
  /** How far the task is, 0..1; it never goes back. */
  progress(fraction: number): void;
  /** The tracks (init facts and stored segments) the heartbeats carry from now on. */
  tracks(tracks: TrackOutput[]): void;
}

export class Heartbeats implements TaskReporter {
  readonly #send: (heartbeat: Heartbeat) => Promise<void>;
  readonly #intervalMs: number;
  readonly #onAttemptOver: (error: AttemptOver) => void;
  #progress = 0;
  #tracks: TrackOutput[] | undefined;
  /** Per track, the segments an answered heartbeat already carried. */
  readonly #told = new Map<string, number>();
  /** Tracks that have stored a segment (their first was sent at once). */
  readonly #begun = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<void> | null = null;
  /** A beat asked for while one was in flight: sent when that one is answered. */
  #again = false;

  /**
   * @example
   * const heartbeats = new Heartbeats((h) => ingest.heartbeat(taskId, h), 3000, (e) => attempt.abort(e));
   * heartbeats.start();
   */
  constructor(
    send: (heartbeat: Heartbeat) => Promise<void>,
    intervalMs: number,
    onAttemptOver: (error: AttemptOver) => void,
  ) {
    this.#send = send;
    this.#intervalMs = intervalMs;
    this.#onAttemptOver = onAttemptOver;
  }

  /** Sends one now (a cancelled attempt learns it at once) and then one every interval. */
  start(): void {
    this.#beat();
    this.#timer = setInterval(() => this.#beat(), this.#intervalMs);
  }

  /** No more heartbeats; resolves once the one in flight, if any, is answered. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sending;
  }

  progress(fraction: number): void {
    this.#progress = Math.min(1, Math.max(this.#progress, fraction));
  }

  tracks(tracks: TrackOutput[]): void {
    this.#tracks = tracks;
    const begun = tracks.filter((track) => track.segments.length > 0 && !this.#begun.has(track.id));
    for (const track of begun) this.#begun.add(track.id);
    if (begun.length > 0 && this.#timer) this.#beat(true);
  }

  /** `soon`: if one is in flight, send another as soon as it is answered (else wait for the next tick). */
  #beat(soon = false): void {
    if (this.#sending) {
      this.#again ||= soon;
      return;
    }
    const heartbeat: Heartbeat = { progress: this.#progress };
    const tracks = this.#tracks?.map((track) => ({
      ...track,
      segments: track.segments.slice(this.#told.get(track.id) ?? 0),
    }));
    if (tracks) heartbeat.tracks = tracks;
    this.#sending = this.#send(heartbeat)
      .then(() => {
        for (const track of tracks ?? []) {
          this.#told.set(track.id, (this.#told.get(track.id) ?? 0) + track.segments.length);
        }
      })
      .catch((error: unknown) => {
        if (error instanceof AttemptOver) this.#onAttemptOver(error);
        else log("warn", "heartbeat failed", { error: String(error) });
      })
      .finally(() => {
        this.#sending = null;
        if (this.#again && this.#timer) {
          this.#again = false;
          this.#beat();
        }
      });
  }
}
