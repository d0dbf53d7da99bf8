/**
 * The DASH MPD (ISO 23009-1, live profile for its SegmentTemplate): a static
 * presentation over the same init and media segments the HLS playlists use,
 * with SegmentTimelines built from each segment's exact timing. Pure.
 */
import type { Presentation } from "../presentation.ts";
import { INIT_FILE_NAME, type MediaTrack } from "./media-track.ts";

const ROLE_SCHEME = "urn:mpeg:dash:role:2011";
const CHANNELS_SCHEME = "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";
/** DASH requires a bandwidth on every Representation; a WebVTT file needs next to nothing. */
const SUBTITLE_BANDWIDTH = 256;

/**
 * @param tracks the CMAF tracks of the presentation's video and audio renditions, by rendition id
 * @example
 * writeFile("manifest.mpd", dashManifest(presentation, tracks));
 */
export function dashManifest(
  presentation: Presentation,
  tracks: ReadonlyMap<string, MediaTrack>,
): string {
  const track = (id: string) => {
    const found = tracks.get(id);
    if (!found) throw new Error(`No segments for rendition ${id}`);
    return found;
  };
  const { video, audio, subtitles } = presentation;
  const maxWidth = Math.max(...video.map((v) => v.width));
  const maxHeight = Math.max(...video.map((v) => v.height));
  let setId = 0;
  const sets: string[] = [
    element(
      "AdaptationSet",
      {
        id: setId++,
        contentType: "video",
        mimeType: "video/mp4",
        segmentAlignment: "true",
        startWithSAP: 1,
        maxWidth,
        maxHeight,
      },
      video.map((v) =>
        element(
          "Representation",
          {
            id: v.id,
            bandwidth: v.bandwidth,
            codecs: v.codecs,
            width: v.width,
            height: v.height,
            frameRate: dashFrameRate(v.frameRate),
            sar: "1:1",
          },
          [segmentTemplate(track(v.id))],
        ),
      ),
    ),
  ];
  for (const a of audio) {
    const t = track(a.id);
    sets.push(
      element(
        "AdaptationSet",
        {
          id: setId++,
          contentType: "audio",
          mimeType: "audio/mp4",
          lang: a.language,
          segmentAlignment: "true",
          startWithSAP: 1,
        },
        [
          // The schema orders Label before Role.
          element("Label", {}, [escapeXml(a.name)]),
          ...(a.default ? [element("Role", { schemeIdUri: ROLE_SCHEME, value: "main" })] : []),
          element(
            "Representation",
            { id: a.id, bandwidth: a.bandwidth, codecs: a.codecs, audioSamplingRate: t.sampleRate },
            [
              element("AudioChannelConfiguration", {
                schemeIdUri: CHANNELS_SCHEME,
                value: a.channels,
              }),
              segmentTemplate(t),
            ],
          ),
        ],
      ),
    );
  }
  for (const s of subtitles) {
    sets.push(
      element(
        "AdaptationSet",
        { id: setId++, contentType: "text", mimeType: "text/vtt", lang: s.language },
        [
          element("Label", {}, [escapeXml(s.label)]),
          element("Role", { schemeIdUri: ROLE_SCHEME, value: "subtitle" }),
          element("Representation", { id: s.id, bandwidth: SUBTITLE_BANDWIDTH }, [
            element("BaseURL", {}, [escapeXml(s.path)]),
          ]),
        ],
      ),
    );
  }
  const mpd = element(
    "MPD",
    {
      xmlns: "urn:mpeg:dash:schema:mpd:2011",
      profiles: "urn:mpeg:dash:profile:isoff-live:2011",
      type: "static",
      mediaPresentationDuration: duration(presentation.durationSeconds),
      minBufferTime: "PT4S",
    },
    [element("Period", { id: "0", start: "PT0S" }, sets)],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${mpd}\n`;
}

/**
 * The track's SegmentTemplate: paths relative to the MPD, numbers from 0 as
 * the files are named, and a timeline where runs of equal, back-to-back
 * segments collapse into one `S` with a repeat count.
 */
function segmentTemplate(track: MediaTrack): string {
  const runs: { t?: number; d: number; r: number }[] = [];
  let expected: number | undefined;
  for (const s of track.segments) {
    const last = runs.at(-1);
    if (last && s.baseMediaDecodeTime === expected && s.duration === last.d) last.r++;
    else
      runs.push({
        ...(s.baseMediaDecodeTime === expected ? {} : { t: s.baseMediaDecodeTime }),
        d: s.duration,
        r: 0,
      });
    expected = s.baseMediaDecodeTime + s.duration;
  }
  const timeline = runs.map((run) => element("S", { t: run.t, d: run.d, r: run.r || undefined }));
  return element(
    "SegmentTemplate",
    {
      timescale: track.timescale,
      initialization: `${track.dir}/${INIT_FILE_NAME}`,
      media: `${track.dir}/seg-$Number%05d$.m4s`,
      startNumber: 0,
    },
    [element("SegmentTimeline", {}, timeline)],
  );
}

type AttributeValue = string | number | undefined;

/** An XML element; attribute values are escaped here, children are already XML. */
function element(
  name: string,
  attributes: Record<string, AttributeValue>,
  children: string[] = [],
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  if (!children.length) return `<${name}${attrs}/>`;
  const inline = children.every((c) => !c.startsWith("<"));
  if (inline) return `<${name}${attrs}>${children.join("")}</${name}>`;
  const inner = children.map((c) => c.replace(/^/gm, "  ")).join("\n");
  return `<${name}${attrs}>\n${inner}\n</${name}>`;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`,
  );
}

/** xs:duration with millisecond precision. */
function duration(seconds: number): string {
  return `PT${seconds.toFixed(3)}S`;
}

/** DASH frame rates are integers or fractions ("30000/1001"), never decimals. */
export function dashFrameRate(rate: number): string {
  if (Math.abs(rate - Math.round(rate)) < 0.001) return String(Math.round(rate));
  const ntsc = (rate * 1001) / 1000;
  if (Math.abs(ntsc - Math.round(ntsc)) < 0.001) return `${Math.round(ntsc) * 1000}/1001`;
  return `${Math.round(rate * 1000)}/1000`;
}
