/**
 * How ffmpeg and ffprobe reach the master. A task never downloads it: the
 * tools read it over HTTP from the ingest Worker's `/source` with the task
 * token, and ffmpeg's seeks become Range requests, so a chunk task reads only
 * the bytes around its chunk. The benchmark runs the same command builders
 * on a local file, which needs none of the HTTP options.
 */

/** A master on local disk (a path) or behind the ingest Worker (an http(s) URL and its token). */
export interface SourceInput {
  url: string;
  /** Sent as a bearer token with every request for `url`. */
  token?: string;
}

/**
 * Reconnect options that exist in ffmpeg 4.1 and 5.1 alike: a dropped
 * connection is reopened at the byte where it broke, waiting up to 5 s
 * between tries. (A read of bytes still being uploaded simply waits at the
 * Worker, so no read timeout is set.)
 */
const RECONNECT = ["-reconnect", "1", "-reconnect_streamed", "1", "-reconnect_delay_max", "5"];

/**
 * The input options and `-i` for the source; options that apply to this
 * input only (a seek, for example) go before them.
 *
 * @example
 * inputArgs({ url: "https://ingest.example/jobs/1/source", token });
 * // ["-headers", "Authorization: Bearer …\r\n", "-reconnect", "1", …, "-i", "https://…/source"]
 * inputArgs({ url: "/tmp/master.mp4" }); // ["-i", "/tmp/master.mp4"]
 */
export function inputArgs(source: SourceInput): string[] {
  if (!/^https?:\/\//.test(source.url)) return ["-i", source.url];
  const headers = source.token ? ["-headers", `Authorization: Bearer ${source.token}\r\n`] : [];
  return [...headers, ...RECONNECT, "-i", source.url];
}
