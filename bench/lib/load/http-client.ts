/**
 * The simulated viewers' HTTP: node:http on one keep-alive agent with up to
 * one connection per viewer (a browser holds one to the edge), each request
 * timed from send to the last byte of its body and recorded under its route.
 *
 * node:http rather than fetch: fetch's WHATWG streams cost several times
 * the CPU per request, and at a thousand viewers the client must not be
 * what saturates first (bench:load reports its own CPU to show it).
 */
import { Agent, request } from "node:http";
import { NO_ANSWER, type Recorder, type Route } from "./stats.ts";

/** A request silent for this long has failed (hls.js gives up on a segment after 20 s too). */
const TIMEOUT_MS = 20_000;

/** The server closed a kept-alive connection just as it was reused: nothing reached it. */
class StaleConnection extends Error {}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text, when asked for (`text: true`); segments are read and dropped. */
  text: string;
  bytes: number;
}

export interface SendOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** Keep the body (JSON, playlists); otherwise its bytes are only counted off. */
  text?: boolean;
}

export class LoadClient {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly recorder: Recorder;

  constructor(baseUrl: string, connections: number, recorder: Recorder) {
    this.baseUrl = baseUrl;
    this.recorder = recorder;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
    });
  }

  /** Sends one request and records it under `route`; never throws (a failure is status 0). */
  async send(route: Route, path: string, options: SendOptions = {}): Promise<Answer> {
    const started = performance.now();
    const failed = (): Answer => ({ status: NO_ANSWER, headers: {}, text: "", bytes: 0 });
    // Sent again once on a fresh connection, as browsers do (and Node's documentation advises).
    const answer = await this.exchange(path, options).catch((error: unknown) =>
      error instanceof StaleConnection ? this.exchange(path, options).catch(failed) : failed(),
    );
    const cache = answer.headers["x-marquee-cache"];
    this.recorder.current.record(
      route,
      performance.now() - started,
      answer.status,
      typeof cache === "string" ? cache : null,
      answer.bytes,
    );
    return answer;
  }

  /** Like `send`, but a non-2xx answer throws (setup, where anything but success is fatal). */
  async must<T>(route: Route, path: string, options: SendOptions = {}): Promise<T> {
    const answer = await this.send(route, path, { ...options, text: true });
    if (answer.status < 200 || answer.status >= 300)
      throw new Error(`${options.method ?? "GET"} ${path}: ${answer.status} ${answer.text}`);
    return (answer.text ? JSON.parse(answer.text) : undefined) as T;
  }

  private exchange(path: string, options: SendOptions): Promise<Answer> {
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        new URL(path, this.baseUrl),
        { agent: this.agent, method: options.method ?? "GET", headers, timeout: TIMEOUT_MS },
        (response) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          response.on("data", (chunk: Buffer) => {
            bytes += chunk.byteLength;
            if (options.text) chunks.push(chunk);
          });
          response.on("error", reject);
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? NO_ANSWER,
              headers: response.headers,
              text: options.text ? Buffer.concat(chunks).toString("utf8") : "",
              bytes,
            }),
          );
        },
      );
      outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
      outgoing.on("error", (error: NodeJS.ErrnoException) =>
        reject(
          outgoing.reusedSocket && error.code === "ECONNRESET" ? new StaleConnection() : error,
        ),
      );
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
