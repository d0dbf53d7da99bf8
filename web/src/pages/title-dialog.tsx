/**
 * /title/:id (and /search/title/:id, /my-list/title/:id): a title's details
 * in a modal over the page it was opened from. Escape, the close button or
 * Back close it, and focus goes back to the card that opened it.
 *
 * Shows the title's facts, Play (or Resume; "Video coming soon" while a
 * title has no video yet), My List and thumbs ratings, its synopsis and credits, episodes by season, similar
 * titles and reviews. A title the profile may not see is simply not found.
 */
import { useCallback, useEffect, useId } from "react";
import { Link, useParams } from "react-router";
import { getTitle } from "../api/client.ts";
import type { TitleDetails } from "../api/types.ts";
import { useCloseTitle } from "../app/title-route.ts";
import { Dialog } from "../components/dialog.tsx";
import { ErrorMessage } from "../components/error-message.tsx";
import { PlayIcon } from "../components/icons.tsx";
import { PosterCard } from "../components/poster-card.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { useSession } from "../session/use-session.ts";
import { languageName } from "../util/language-name.ts";
import { TYPE_LABELS, lengthOf } from "../util/title-facts.ts";
import { EpisodePicker } from "./episode-picker.tsx";
import { startEarly } from "../player/early-start.ts";
import { ReviewsPanel } from "./reviews-panel.tsx";
import { MyListButton, RatingButtons } from "./title-actions.tsx";
import "./title-dialog.css";

const NOT_FOUND_STATUSES = new Set([400, 404]);

export function TitleDialog() {
  const { titleId = "" } = useParams();
  const close = useCloseTitle();
  // A new title is a new dialog: it starts at its top, with its own state.
  return <TitleDialogFor key={titleId} titleId={titleId} onClose={close} />;
}

function TitleDialogFor({ titleId, onClose }: { titleId: string; onClose: () => void }) {
  const load = useCallback(() => getTitle(titleId), [titleId]);
  const { data: title, error, reload } = useResource(load);

  if (error && NOT_FOUND_STATUSES.has(error.status))
    return (
      <Dialog title="Title not found" onClose={onClose}>
        <p className="dialog__text">
          We can't find that title. Let's find you something else to watch.
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            Back to browsing
          </button>
        </div>
      </Dialog>
    );

  if (error)
    return (
      <Dialog title="Something went wrong" onClose={onClose}>
        <ErrorMessage error={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={reload}>
            Try again
          </button>
        </div>
      </Dialog>
    );

  if (!title)
    return (
      <Dialog title="Loading…" onClose={onClose} wide art={<div className="title-art" />}>
        <div className="title-details" role="status">
          <span className="visually-hidden">Loading the title…</span>
        </div>
      </Dialog>
    );

  return (
    <Dialog title={title.name} onClose={onClose} wide art={<TitleArt title={title} />}>
      <TitleBody title={title} />
    </Dialog>
  );
}

function TitleArt({ title }: { title: TitleDetails }) {
  return (
    <div className="title-art">
      {title.backdropUrl && (
        <img
          className="title-art__backdrop"
          src={title.backdropUrl}
          alt=""
          width={1280}
          height={720}
          decoding="async"
        />
      )}
    </div>
  );
}

function TitleBody({ title }: { title: TitleDetails }) {
  const { activeProfile } = useSession();
  const playNoteId = useId();
  const similarId = useId();
  const length = lengthOf(title, title.seasons.length);
  const resume = resumeText(title);
  const play = playTarget(title);
  // The player's code (with hls.js) loads while the viewer reads, not after they press Play.
  const playable = play !== null;
  useEffect(() => {
    if (playable) void import("./watch-page.tsx");
  }, [playable]);

  return (
    <div className="title-details">
      <p className="title-details__facts">
        <span>{title.year}</span>
        <span className="badge">
          <span className="visually-hidden">Rated </span>
          {title.rating}
        </span>
        {length && <span>{length}</span>}
        <span>{TYPE_LABELS[title.type]}</span>
      </p>

      <div className="title-details__actions">
        {play ? (
          <Link
            className="button button--primary"
            to={play.path}
            aria-describedby={playNoteId}
            onClick={() => startEarly(title.id, play.episodeId)}
          >
            <PlayIcon />
            {resume ? "Resume" : "Play"}
          </Link>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled
            aria-describedby={playNoteId}
          >
            <PlayIcon />
            Play
          </button>
        )}
        <MyListButton titleId={title.id} inMyList={title.viewer.inMyList} />
        <RatingButtons titleId={title.id} rating={title.viewer.rating} />
      </div>
      <p id={playNoteId} className="title-details__note">
        {play ? resume : `Video coming soon${resume ? ` · ${resume}` : ""}`}
      </p>

      <div className="title-details__about">
        <p className="title-details__synopsis">{title.synopsis}</p>
        <dl className="title-details__credits">
          {title.cast.length > 0 && (
            <div>
              <dt>Cast</dt>
              <dd>
                {title.cast
                  .map(({ name, character }) => (character ? `${name} (${character})` : name))
                  .join(", ")}
              </dd>
            </div>
          )}
          {title.directors.length > 0 && (
            <div>
              <dt>{title.directors.length === 1 ? "Director" : "Directors"}</dt>
              <dd>{title.directors.join(", ")}</dd>
            </div>
          )}
          {title.genreNames.length > 0 && (
            <div>
              <dt>Genres</dt>
              <dd>{title.genreNames.join(", ")}</dd>
            </div>
          )}
          {title.languages.length > 0 && (
            <div>
              <dt>{title.languages.length === 1 ? "Language" : "Languages"}</dt>
              <dd>{title.languages.map(languageName).join(", ")}</dd>
            </div>
          )}
        </dl>
      </div>

      {title.seasons.length > 0 && (
        <EpisodePicker
          titleId={title.id}
          seasons={title.seasons}
          resumeEpisodeId={title.viewer.resumeAt?.episodeId}
        />
      )}

      {title.similar.length > 0 && (
        <section className="title-details__section" aria-labelledby={similarId}>
          <h3 id={similarId} className="title-details__heading">
            More like this
          </h3>
          <ul className="title-grid title-grid--compact">
            {title.similar.map((similar) => (
              <li key={similar.id}>
                <PosterCard title={similar} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <ReviewsPanel titleId={title.id} canWrite={!activeProfile?.isKids} />
    </div>
  );
}

const clock = (seconds: number) => {
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const mm = String(minutes % 60).padStart(hours > 0 ? 2 : 1, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** "You stopped at 12:05 in S1:E3", when the profile has watched some of it. */
function resumeText(title: TitleDetails): string | null {
  const resumeAt = title.viewer.resumeAt;
  if (!resumeAt) return null;
  const at = `You stopped at ${clock(resumeAt.positionSeconds)}`;
  for (const season of title.seasons) {
    const episode = season.episodes.find((candidate) => candidate.id === resumeAt.episodeId);
    if (episode) return `${at} in S${season.number}:E${episode.number}`;
  }
  return at;
}

/**
 * Where Play goes: the film, or the episode the profile stopped in (else
 * the first playable one); null when nothing can play yet.
 */
function playTarget(title: TitleDetails): { path: string; episodeId?: string } | null {
  if (title.type === "movie") return title.playable ? { path: `/watch/${title.id}` } : null;
  const episodes = title.seasons.flatMap((season) => season.episodes);
  const resumeId = title.viewer.resumeAt?.episodeId;
  const episode =
    episodes.find((candidate) => candidate.id === resumeId && candidate.playable) ??
    episodes.find((candidate) => candidate.playable);
  return episode
    ? { path: `/watch/${title.id}?episode=${episode.id}`, episodeId: episode.id }
    : null;
}
