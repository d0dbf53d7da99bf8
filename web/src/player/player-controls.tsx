/**
 * The control bar at the player's foot, media-chrome's elements wired to
 * the video by the media-controller around them: the timeline (with
 * trickplay previews, from the video's thumbnails track), mute and volume,
 * the time, then episodes (for a series), subtitles, audio, quality,
 * picture-in-picture and full screen. The engine fills the three track
 * menus. Icons only; every control has an accessible name.
 */
import {
  MediaChromeButton,
  MediaControlBar,
  MediaFullscreenButton,
  MediaMuteButton,
  MediaPipButton,
  MediaTimeDisplay,
  MediaTimeRange,
  MediaVolumeRange,
} from "media-chrome/react";
import type { Engine } from "./engine.ts";
import "./media-chrome-labels.ts";
import { AudioIcon, EpisodesIcon, QualityIcon, SubtitlesIcon } from "./player-icons.tsx";
import { TrackMenu } from "./track-menu.tsx";

export interface PlayerControlsProps {
  engine: Engine | null;
  /** The height of the rendition on screen, shown beside Auto. */
  rendition: number | null;
  /** Opens the season's episodes; absent for a film. */
  onEpisodes?: (() => void) | undefined;
  /** Bumped by the page when the engine's tracks change, so the menus read them again. */
  tracksVersion: number;
}

export function PlayerControls({
  engine,
  rendition,
  onEpisodes,
  tracksVersion,
}: PlayerControlsProps) {
  const qualities = engine?.qualities() ?? [];
  const audio = engine?.audioTracks() ?? [];
  const subtitles = engine?.subtitleTracks() ?? [];
  const auto = engine?.selectedQuality() === -1 && rendition ? `Auto (${rendition}p)` : "Auto";

  return (
    <div className="player-controls" data-tracks={tracksVersion}>
      <MediaTimeRange className="player-controls__timeline" />
      <MediaControlBar className="player-controls__bar">
        <MediaMuteButton className="player-controls__mute" />
        <MediaVolumeRange className="player-controls__volume" />
        <MediaTimeDisplay className="player-controls__time" showDuration />
        <span className="player-controls__spacer" />
        {onEpisodes && (
          <MediaChromeButton aria-label="Episodes" onClick={onEpisodes}>
            <EpisodesIcon />
            <span slot="tooltip-content">Episodes</span>
          </MediaChromeButton>
        )}
        {engine && subtitles.length > 0 && (
          <TrackMenu
            label="Subtitles"
            icon={<SubtitlesIcon />}
            value={engine.selectedSubtitles()}
            onChange={(index) => engine.selectSubtitles(index)}
            options={[
              { value: -1, label: "Off" },
              ...subtitles.map((track) => ({ value: track.index, label: track.label })),
            ]}
          />
        )}
        {engine && audio.length > 1 && (
          <TrackMenu
            label="Audio"
            icon={<AudioIcon />}
            value={engine.selectedAudio()}
            onChange={(index) => engine.selectAudio(index)}
            options={audio.map((track) => ({ value: track.index, label: track.label }))}
          />
        )}
        {engine && qualities.length > 0 && (
          <TrackMenu
            label="Quality"
            icon={<QualityIcon />}
            value={engine.selectedQuality()}
            onChange={(index) => engine.selectQuality(index)}
            options={[
              { value: -1, label: auto },
              ...qualities.map((quality) => ({
                value: quality.index,
                label: `${quality.height}p`,
              })),
            ]}
          />
        )}
        <MediaPipButton />
        <MediaFullscreenButton />
      </MediaControlBar>
    </div>
  );
}
