/**
 * The player's controls over the video: play/pause, the timeline with
 * trickplay previews while hovering or dragging, the time, mute, quality
 * (Auto plus each rendition), audio and subtitle menus, and full screen.
 * Keyboard shortcuts are the page's (watch-page.tsx).
 */
import { useId, useState, type PointerEvent } from "react";
import { formatPlaybackTime } from "../util/format-playback-time.ts";
import type { Engine } from "./engine.ts";
import { thumbnailAt, type Thumbnail, type parseThumbnails } from "./trickplay.ts";

export interface PlayerStatus {
  playing: boolean;
  currentTime: number;
  duration: number;
  muted: boolean;
  rendition: number | null;
}

interface PlayerControlsProps {
  status: PlayerStatus;
  engine: Engine | null;
  thumbnails: ReturnType<typeof parseThumbnails>;
  onTogglePlay: () => void;
  onSeek: (seconds: number) => void;
  onToggleMute: () => void;
  onToggleFullscreen: () => void;
  /** Bumped by the page when the engine's tracks change, so the menus read them again. */
  tracksVersion: number;
}

export function PlayerControls(props: PlayerControlsProps) {
  const { status, engine, thumbnails } = props;
  const [preview, setPreview] = useState<{ time: number; left: number } | null>(null);

  const previewAt = (event: PointerEvent<HTMLInputElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    setPreview({ time: fraction * status.duration, left: fraction * 100 });
  };
  const thumbnail = preview ? thumbnailAt(thumbnails, preview.time) : null;
  const qualities = engine?.qualities() ?? [];
  const audio = engine?.audioTracks() ?? [];
  const subtitles = engine?.subtitleTracks() ?? [];

  return (
    <div className="player-controls" data-tracks={props.tracksVersion}>
      <div className="player-controls__timeline">
        {preview && (
          <div
            className="player-controls__preview"
            ref={(node) => node?.style.setProperty("--preview-left", `${preview.left}%`)}
          >
            {thumbnail && <ThumbnailImage thumbnail={thumbnail} />}
            <span>{formatPlaybackTime(preview.time)}</span>
          </div>
        )}
        <input
          type="range"
          className="player-controls__seek"
          aria-label="Seek"
          min={0}
          max={status.duration || 0}
          step={1}
          value={Math.floor(status.currentTime)}
          aria-valuetext={`${formatPlaybackTime(status.currentTime)} of ${formatPlaybackTime(status.duration)}`}
          onChange={(event) => props.onSeek(Number(event.target.value))}
          onPointerMove={previewAt}
          onPointerDown={previewAt}
          onPointerLeave={() => setPreview(null)}
        />
      </div>
      <div className="player-controls__bar">
        <button type="button" className="player-button" onClick={props.onTogglePlay}>
          {status.playing ? "Pause" : "Play"}
        </button>
        <span className="player-controls__time">
          {formatPlaybackTime(status.currentTime)} / {formatPlaybackTime(status.duration)}
        </span>
        <button
          type="button"
          className="player-button"
          aria-pressed={status.muted}
          onClick={props.onToggleMute}
        >
          Mute
        </button>
        <span className="player-controls__spacer" />
        {engine && qualities.length > 0 && (
          <PlayerMenu
            label="Quality"
            value={engine.selectedQuality()}
            onChange={(index) => engine.selectQuality(index)}
            options={[
              {
                value: -1,
                label: `Auto${status.rendition && engine.selectedQuality() < 0 ? ` (${status.rendition}p)` : ""}`,
              },
              ...qualities.map((quality) => ({
                value: quality.index,
                label: `${quality.height}p`,
              })),
            ]}
          />
        )}
        {engine && audio.length > 1 && (
          <PlayerMenu
            label="Audio"
            value={engine.selectedAudio()}
            onChange={(index) => engine.selectAudio(index)}
            options={audio.map((track) => ({ value: track.index, label: track.label }))}
          />
        )}
        {engine && subtitles.length > 0 && (
          <PlayerMenu
            label="Subtitles"
            value={engine.selectedSubtitles()}
            onChange={(index) => engine.selectSubtitles(index)}
            options={[
              { value: -1, label: "Off" },
              ...subtitles.map((track) => ({ value: track.index, label: track.label })),
            ]}
          />
        )}
        <button type="button" className="player-button" onClick={props.onToggleFullscreen}>
          Full screen
        </button>
      </div>
    </div>
  );
}

function ThumbnailImage({ thumbnail }: { thumbnail: Thumbnail }) {
  // A sprite sheet, shifted so only this tile shows (CSS variables: the CSP allows no inline styles).
  return (
    <div
      className="player-controls__thumbnail"
      ref={(node) => {
        if (!node) return;
        node.style.setProperty("--tile-width", `${thumbnail.width}px`);
        node.style.setProperty("--tile-height", `${thumbnail.height}px`);
        node.style.setProperty("--tile-x", `-${thumbnail.x}px`);
        node.style.setProperty("--tile-y", `-${thumbnail.y}px`);
        node.style.setProperty("--sprite", `url("${thumbnail.url}")`);
      }}
    />
  );
}

interface PlayerMenuProps {
  label: string;
  value: number;
  options: { value: number; label: string }[];
  onChange: (value: number) => void;
}

/** One of the player's menus (quality, audio, subtitles): a labelled select of numbered choices. */
function PlayerMenu({ label, value, options, onChange }: PlayerMenuProps) {
  const id = useId();
  return (
    <label className="player-menu" htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
