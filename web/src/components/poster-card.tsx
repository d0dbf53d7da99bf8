/**
 * A title's card, linking to its details. The link is named by the title's
 * name (the image's alt text). The picture is the one the API chose for this
 * profile (`cardImage`): the poster (2:3), or in an artwork experiment's
 * variant the backdrop (16:9), which carries no title of its own, so the
 * name is written over it. The image is lazy and sized, so nothing moves
 * when it arrives.
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
  const image = title.cardImage;
  const backdrop = image?.kind === "backdrop";
  return (
    <Link {...link} className="poster-card" draggable={false} tabIndex={tabIndex}>
      {image ? (
        <>
          <img
            className={`poster-card__image${backdrop ? " poster-card__image--backdrop" : ""}`}
            src={image.url}
            alt={title.name}
            width={backdrop ? 640 : 400}
            height={backdrop ? 360 : 600}
            loading="lazy"
            decoding="async"
            draggable={false}
          />
          {backdrop && (
            <span className="poster-card__caption" aria-hidden="true">
              {title.name}
            </span>
          )}
        </>
      ) : (
        <span className="poster-card__image poster-card__image--missing">{title.name}</span>
      )}
    </Link>
  );
}
