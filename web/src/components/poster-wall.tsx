/**
 * The backdrop behind sign-in and the profile screens: a tilted wall of
 * poster-shaped tiles under a dark vignette. Pure decoration, drawn in CSS
 * until real artwork arrives with the catalog.
 */
import "./poster-wall.css";

const TILES = Array.from({ length: 48 }, (_, index) => index);

export function PosterWall() {
  return (
    <div className="poster-wall" aria-hidden="true">
      <div className="poster-wall__grid">
        {TILES.map((index) => (
          <span key={index} className={`poster-wall__tile poster-wall__tile--${index % 8}`} />
        ))}
      </div>
    </div>
  );
}
