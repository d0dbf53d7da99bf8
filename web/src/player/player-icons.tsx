/**
 * The icons of the player's own buttons (media-chrome draws its own).
 * Decorative: the button each sits in carries the name.
 */

function Icon({ path }: { path: string }) {
  return (
    <svg className="player-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={path} />
    </svg>
  );
}

export const BackArrowIcon = () => (
  <Icon path="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20v-2Z" />
);

/** Stacked cards: the episodes of the season. */
export const EpisodesIcon = () => (
  <Icon path="M4 6h2v12H4V6Zm4-2h2v16H8V4Zm4 0h8a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-8V4Zm2 2v12h5V6h-5Z" />
);

/** A speech bubble with lines: subtitles. */
export const SubtitlesIcon = () => (
  <Icon path="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-6l-4 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm2 5v2h5V9H6Zm7 0v2h5V9h-5Zm-7 4v2h9v-2H6Zm11 0v2h1v-2h-1Z" />
);

/** Headphones: the audio track. */
export const AudioIcon = () => (
  <Icon path="M12 3a9 9 0 0 0-9 9v7a2 2 0 0 0 2 2h3v-8H5v-1a7 7 0 0 1 14 0v1h-3v8h3a2 2 0 0 0 2-2v-7a9 9 0 0 0-9-9Z" />
);

/** A gear: the picture quality. */
export const QualityIcon = () => (
  <Icon path="m19.4 13 .1-1-.1-1 2.1-1.6-2-3.5-2.5 1a7.5 7.5 0 0 0-1.7-1L15 3h-4l-.4 2.6a7.5 7.5 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11l-.1 1 .1 1-2.2 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1L11 21h4l.4-2.6a7.5 7.5 0 0 0 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z" />
);
