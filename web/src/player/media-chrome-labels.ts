/**
 * The player's words for media-chrome's controls. Its buttons set their own
 * aria-labels and tooltips from its English dictionary ("enter fullscreen
 * mode", "seek forward 10 seconds"); these replace them with the names the
 * rest of the app uses, through media-chrome's own translation hook. Must run
 * before the controls connect, so it runs when the player's code loads.
 */
import { En } from "media-chrome/lang/en.js";
import { addTranslation } from "media-chrome/utils/i18n.js";

const LABELS: Partial<Record<keyof typeof En, string>> = {
  play: "Play",
  pause: "Pause",
  mute: "Mute",
  unmute: "Unmute",
  volume: "Volume",
  seek: "Seek",
  "enter fullscreen mode": "Full screen",
  "exit fullscreen mode": "Exit full screen",
  "Enter fullscreen mode": "Full screen",
  "Exit fullscreen mode": "Exit full screen",
  "enter picture in picture mode": "Picture in picture",
  "exit picture in picture mode": "Exit picture in picture",
  "Enter picture in picture mode": "Picture in picture",
  "Exit picture in picture mode": "Exit picture in picture",
  "seek back {seekOffset} seconds": "Back {seekOffset} seconds",
  "seek forward {seekOffset} seconds": "Forward {seekOffset} seconds",
  "Seek backward": "Back 10 seconds",
  "Seek forward": "Forward 10 seconds",
  "video player": "Video player",
};

addTranslation("en", { ...En, ...LABELS });
