/**
 * The player's keyboard shortcuts: space or k plays and pauses, ←/→ seek
 * 10 s, ↑/↓ change the volume, f toggles full screen, m mutes. They are the
 * page's, not media-chrome's hotkeys (turned off), so they work wherever
 * focus is on the page, the resume prompt included, with the steps they
 * always had.
 */

const VOLUME_STEP = 0.1;
/** How far back and forward go, by key, double tap or button. */
export const SEEK_STEP_SECONDS = 10;

export interface PlayerKeyActions {
  video: HTMLVideoElement;
  togglePlay: () => void;
  seek: (seconds: number) => void;
  toggleFullscreen: () => void;
}

/** Keys a focused control uses itself: media-chrome's elements list theirs in `keysUsed`. */
function usedByControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.matches("select, input, textarea")) return true;
  if (target.matches("a, button")) return key === " " || key === "Enter";
  const { keysUsed } = target as { keysUsed?: unknown };
  return Array.isArray(keysUsed) && keysUsed.includes(key);
}

/** Runs the shortcut for `event`'s key, if it has one; says whether it did. */
export function runPlayerKey(event: KeyboardEvent, actions: PlayerKeyActions): boolean {
  if (event.metaKey || event.ctrlKey || event.altKey) return false;
  if (usedByControl(event.target, event.key)) return false;
  const { video, togglePlay, seek, toggleFullscreen } = actions;
  const shortcuts: Record<string, () => void> = {
    " ": togglePlay,
    k: togglePlay,
    ArrowLeft: () => seek(video.currentTime - SEEK_STEP_SECONDS),
    ArrowRight: () => seek(video.currentTime + SEEK_STEP_SECONDS),
    ArrowUp: () => (video.volume = Math.min(1, video.volume + VOLUME_STEP)),
    ArrowDown: () => (video.volume = Math.max(0, video.volume - VOLUME_STEP)),
    f: toggleFullscreen,
    m: () => (video.muted = !video.muted),
  };
  const shortcut = shortcuts[event.key];
  if (!shortcut) return false;
  event.preventDefault();
  shortcut();
  return true;
}
