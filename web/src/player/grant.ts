/**
 * The playback grant rides in every stream URL's path
 * (`/api/stream/<grant>/…`). A renewed grant must reach requests the player
 * makes from URLs it resolved earlier (media playlists, segments), so every
 * stream request goes through `withCurrentGrant`.
 */
const STREAM_PATH = /^(.*\/api\/stream\/)[^/]+(\/.*)$/;

export class GrantHolder {
  #token: string;

  constructor(token: string) {
    this.#token = token;
  }

  set token(token: string) {
    this.#token = token;
  }

  /** `url` with the newest grant in place of whichever it was made with. */
  withCurrentGrant(url: string): string {
    return url.replace(
      STREAM_PATH,
      (_, head: string, tail: string) => `${head}${this.#token}${tail}`,
    );
  }
}
