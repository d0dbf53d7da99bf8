/**
 * /: the home screen. Until the catalog lands it is a welcome hero over
 * placeholder rows, laid out the way rows of artwork will be.
 */
import { useSession } from "../session/use-session.ts";
import "./home-page.css";

const PLACEHOLDER_ROWS = ["Trending now", "New on Marquee"];
const PLACEHOLDER_TILES = Array.from({ length: 8 }, (_, index) => index);

export function HomePage() {
  const { activeProfile } = useSession();
  return (
    <>
      <title>Home · Marquee</title>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero__art" aria-hidden="true" />
        <div className="hero__content">
          <p className="hero__eyebrow">Welcome, {activeProfile?.name}</p>
          <h1 id="hero-title" className="hero__title">
            Your catalog arrives soon
          </h1>
          <p className="hero__text">
            Films and series are on their way. When they land, this is where you'll find what to
            watch next.
          </p>
        </div>
      </section>
      {PLACEHOLDER_ROWS.map((title) => (
        <section key={title} className="row" aria-label={`${title} (coming soon)`}>
          <h2 className="row__title">{title}</h2>
          <ul className="row__tiles" aria-hidden="true">
            {PLACEHOLDER_TILES.map((index) => (
              <li key={index} className={`row__tile row__tile--${index % 4}`} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
