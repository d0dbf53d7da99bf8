/**
 * Everything media-chrome draws over the video: the head, the large
 * controls in the middle and the control bar. The watch page loads this
 * module (and media-chrome with it) only once the first frame is decoded,
 * so defining and rendering media-chrome's elements stays off the path to
 * the first frame (bench:playback measured ~190 ms on it); the
 * `<media-controller>` already around the video is upgraded in place then.
 */
import { CenterControls } from "./center-controls.tsx";
import { PlayerControls, type PlayerControlsProps } from "./player-controls.tsx";
import { PlayerTopBar, type PlayerTopBarProps } from "./player-top-bar.tsx";

export default function PlayerChrome(props: PlayerControlsProps & PlayerTopBarProps) {
  return (
    <>
      <PlayerTopBar {...props} />
      <CenterControls />
      <PlayerControls {...props} />
    </>
  );
}
