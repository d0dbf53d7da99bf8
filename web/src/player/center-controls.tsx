/**
 * The large controls in the middle of the picture: back 10 s, play/pause
 * and forward 10 s, where a thumb reaches them on a phone.
 */
import {
  MediaPlayButton,
  MediaSeekBackwardButton,
  MediaSeekForwardButton,
} from "media-chrome/react";
import "./media-chrome-labels.ts";
import { SEEK_STEP_SECONDS } from "./player-keys.ts";

export function CenterControls() {
  return (
    <div slot="centered-chrome" className="player-center">
      <MediaSeekBackwardButton seekOffset={SEEK_STEP_SECONDS} />
      <MediaPlayButton className="player-center__play" />
      <MediaSeekForwardButton seekOffset={SEEK_STEP_SECONDS} />
    </div>
  );
}
