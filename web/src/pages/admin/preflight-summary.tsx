/**
 * What the preflight found in a master that passed it: a poster frame and
 * the facts the pipeline works from (length, picture, audio tracks), so the
 * admin can see it is the file they meant before sending it.
 */
import type { MasterAudio, MasterInfo } from "../../media/master-rules.ts";
import { formatBytes } from "../../util/format-bytes.ts";
import { formatPlaybackTime } from "../../util/format-playback-time.ts";
import { languageName } from "../../util/language-name.ts";
import "./preflight-summary.css";

const CHANNEL_LAYOUTS: Record<number, string> = { 1: "mono", 2: "stereo", 6: "5.1", 8: "7.1" };
const frameRate = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/** A track's language by name when it is tagged with a language code ("eng", "fr"). */
function languageOf(tag: string | null): string {
  if (!tag || tag === "und") return "Language not tagged";
  return /^[a-z]{2,3}$/i.test(tag) ? languageName(tag.toLowerCase()) : tag;
}

function describeAudio({ language, title, codec, channels }: MasterAudio): string {
  const name = languageOf(language);
  const layout = CHANNEL_LAYOUTS[channels] ?? `${channels} channels`;
  return [name, title, codec, layout].filter(Boolean).join(" · ");
}

interface PreflightSummaryProps {
  file: File;
  info: MasterInfo;
  posterUrl: string | null;
}

export function PreflightSummary({ file, info, posterUrl }: PreflightSummaryProps) {
  return (
    <div className="preflight">
      {posterUrl ? (
        <img
          className="preflight__poster"
          src={posterUrl}
          width={info.width}
          height={info.height}
          alt={`A frame of ${file.name}`}
        />
      ) : (
        <p className="preflight__no-poster">
          No preview here: your browser can't decode this video, but the server may.
        </p>
      )}
      <dl className="details preflight__facts">
        <div>
          <dt>Duration</dt>
          <dd>{formatPlaybackTime(info.durationSeconds)}</dd>
        </div>
        <div>
          <dt>Picture</dt>
          <dd>
            {info.width}×{info.height} · {frameRate.format(info.frameRate)} fps · {info.videoCodec}
          </dd>
        </div>
        <div>
          <dt>Audio</dt>
          <dd>
            {info.audio.length === 0 ? (
              "No audio"
            ) : (
              <ul className="preflight__tracks">
                {info.audio.map((track, index) => (
                  // Tracks are listed once per file, in file order.
                  <li key={index}>{describeAudio(track)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(file.size)}</dd>
        </div>
      </dl>
    </div>
  );
}
