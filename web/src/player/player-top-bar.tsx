/**
 * The player's head: back to the title's page, and what is playing (the
 * title, and for an episode its season, number and name). It hides with
 * the other controls.
 */
import { Link } from "react-router";
import { BackArrowIcon } from "./player-icons.tsx";

export interface PlayerTopBarProps {
  titleId: string;
  /** Unknown until the title's details arrive. */
  titleName: string | undefined;
  /** "S1:E3 The Name", for an episode. */
  episodeLabel: string | undefined;
}

export function PlayerTopBar({ titleId, titleName, episodeLabel }: PlayerTopBarProps) {
  return (
    <div slot="top-chrome" className="player-top">
      <Link className="player-top__back" to={`/title/${titleId}`} aria-label="Back">
        <BackArrowIcon />
      </Link>
      {titleName && (
        <p className="player-top__title">
          <span className="player-top__name">{titleName}</span>
          {episodeLabel && <span className="player-top__episode">{episodeLabel}</span>}
        </p>
      )}
    </div>
  );
}
