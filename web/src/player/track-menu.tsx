/**
 * One of the player's engine-driven menus (quality, audio, subtitles): an
 * icon button in the control bar that opens a media-chrome menu of radio
 * items. media-chrome's own rendition and audio menus read the video's
 * videoTracks and audioTracks, which stay empty while hls.js or dash.js feed
 * it through Media Source Extensions; the engine knows the lists, so it
 * fills these and hears the choice.
 */
import type { ReactNode } from "react";
import {
  MediaChromeMenu,
  MediaChromeMenuButton,
  MediaChromeMenuItem,
} from "media-chrome/react/menu";

export interface TrackOption {
  value: number;
  label: string;
}

interface TrackMenuProps {
  /** The name of the button and of its menu. */
  label: string;
  icon: ReactNode;
  options: TrackOption[];
  /** The option in force, as the engine reports it. */
  value: number;
  onChange: (value: number) => void;
}

export function TrackMenu({ label, icon, options, value, onChange }: TrackMenuProps) {
  // media-chrome finds the menu and its anchor with a CSS selector, so no useId (its colons).
  const id = `player-${label.toLowerCase()}`;
  return (
    <>
      <MediaChromeMenuButton id={`${id}-button`} invokeTarget={`${id}-menu`} aria-label={label}>
        {icon}
        <span slot="tooltip-content">{label}</span>
      </MediaChromeMenuButton>
      <MediaChromeMenu
        id={`${id}-menu`}
        className="player-menu"
        anchor={`${id}-button`}
        hidden
        aria-label={label}
        // The menu checks what was picked and fires change; the engine then switches.
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      >
        {options.map((option) => (
          <MediaChromeMenuItem
            key={option.value}
            type="radio"
            value={String(option.value)}
            // Set on every render, as a property: the engine's choice is the truth, and the
            // item stops following its checked attribute once it has been clicked.
            ref={(item: (HTMLElement & { checked: boolean }) | null) => {
              if (item) item.checked = option.value === value;
            }}
          >
            {option.label}
          </MediaChromeMenuItem>
        ))}
      </MediaChromeMenu>
    </>
  );
}
