/**
 * /: the home screen. A hero for one featured title (its backdrop, logo and
 * the start of its synopsis, and "More info"), then the profile's rows as
 * sideways-scrolling shelves. The first rows draw at once; the rest as they
 * come near the viewport. Title details open over it at /title/:id.
 */
import { useCallback } from "react";
import { Link, Outlet } from "react-router";
import { getHome, getTitle } from "../api/client.ts";
import type { TitleCard } from "../api/types.ts";
import { useTitleLink } from "../app/title-route.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { InfoIcon } from "../components/icons.tsx";
import { Shelf } from "../components/shelf.tsx";
import { useMyListChanges } from "../hooks/use-library-changes.ts";
import { useResource } from "../hooks/use-resource.ts";
import { useSession } from "../session/use-session.ts";
import { lengthOf } from "../util/title-facts.ts";
import "./home-page.css";

/** Rows drawn straight away; the rest wait until they near the viewport. */
const EAGER_ROWS = 3;
const SYNOPSIS_EXCERPT = 180;

/** The synopsis up to a sentence's end (or a word's, with "…") within the excerpt's length. */
function excerpt(text: string): string {
  if (text.length <= SYNOPSIS_EXCERPT) return text;
  const cut = text.slice(0, SYNOPSIS_EXCERPT + 1);
  const sentenceEnd = cut.search(/[.!?](?=\s[^.!?]*$)/);
  if (sentenceEnd > SYNOPSIS_EXCERPT / 2) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[\s,;:.]+$/, "")}…`;
}

export function HomePage() {
  const { activeProfile } = useSession();
  const home = useResource(getHome);
  useMyListChanges(home.reload);
  const heroId = home.data?.heroId;
  const hero = heroId ? home.data!.titles[heroId]! : null;

  return (
    <>
      <title>Home · Marquee</title>
      <section className="hero" aria-labelledby="hero-title">
        {hero?.backdropUrl ? (
          <img
            className="hero__backdrop"
            src={hero.backdropUrl}
            alt=""
            width={1280}
            height={720}
            decoding="async"
            fetchPriority="high"
          />
        ) : (
          <div className="hero__backdrop" />
        )}
        <div className="hero__shade" />
        <div className="hero__content">
          <p className="hero__eyebrow">Welcome, {activeProfile?.name}</p>
          {/* One heading throughout, so focus put on it while the page loads stays there. */}
          <h1 id="hero-title" className="hero__title">
            {hero ? (
              hero.logoUrl ? (
                <img
                  className="hero__logo"
                  src={hero.logoUrl}
                  alt={hero.name}
                  width={800}
                  height={200}
                  decoding="async"
                />
              ) : (
                hero.name
              )
            ) : (
              <span className="visually-hidden">Home</span>
            )}
          </h1>
          {hero && <HeroDetails hero={hero} />}
          {!home.data && !home.error && <p className="hero__text">Loading your picks…</p>}
        </div>
      </section>

      {home.error && (
        <div className="home__problem">
          <ErrorMessage error={home.error} />
          <button type="button" className="button button--secondary" onClick={home.reload}>
            Try again
          </button>
        </div>
      )}

      {home.data?.degraded && (
        <p className="home__notice">
          Recommendations are taking a short break, so these picks aren't tailored to you right now.
        </p>
      )}

      {home.data
        ? home.data.rows.map((row, index) => (
            <Shelf
              key={row.id}
              title={row.title}
              items={row.titleIds.map((id) => home.data!.titles[id]!)}
              eager={index < EAGER_ROWS}
            />
          ))
        : !home.error && <div className="home__loading" aria-hidden="true" />}

      {home.data && home.data.rows.length === 0 && (
        <p className="home__notice">There's nothing to watch here yet. Check back soon.</p>
      )}
      <Outlet />
    </>
  );
}

function HeroDetails({ hero }: { hero: TitleCard }) {
  const link = useTitleLink(hero.id);
  const loadDetails = useCallback(() => getTitle(hero.id), [hero.id]);
  const details = useResource(loadDetails);
  const length = lengthOf(hero, details.data?.seasons.length);
  return (
    <>
      <p className="hero__facts">
        <span>{hero.year}</span>
        <span className="badge">{hero.rating}</span>
        {length && <span>{length}</span>}
      </p>
      {/* Holds its lines while the synopsis loads, so the buttons don't jump. */}
      <p className="hero__text hero__synopsis">{details.data && excerpt(details.data.synopsis)}</p>
      <div className="hero__actions">
        <Link {...link} className="button button--secondary hero__button">
          <InfoIcon />
          More info<span className="visually-hidden"> about {hero.name}</span>
        </Link>
      </div>
    </>
  );
}
