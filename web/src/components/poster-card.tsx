/**
 * A title's poster, linking to its details. The link is named by the
 * title's name (the poster's alt text). The image is lazy and sized (2:3),
 * so nothing moves when it arrives.
 */
import { Link } from "react-router";
import type { TitleCard } from "../api/types.ts";
import { useTitleLink } from "../app/title-route.ts";
import "./poster-card.css";

interface PosterCardProps {
  title: TitleCard;
  /** For rows that move focus with arrow keys: -1 for all but the row's current card. */
  tabIndex?: number;
}

export function PosterCard({ title, tabIndex }: PosterCardProps) {
  const link = useTitleLink(title.id);
  return (
    <Link {...link} className="poster-card" draggable={false} tabIndex={tabIndex}>
      {title.posterUrl ? (
        <img
          className="poster-card__image"
          src={title.posterUrl}
          alt={title.name}
          width={400}
          height={600}
          loading="lazy"
          decoding="async"
          draggable={false}
        />
      ) : (
        <span className="poster-card__image poster-card__image--missing">{title.name}</span>
      )}
    </Link>
  );
}
