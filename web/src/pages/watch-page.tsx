/**
 * /watch/:titleId (?episode=…): the player. Opens a playback session, asks
 * "Resume from 12:34 / Start over" when the profile stopped part-way, plays
 * through the engine (hls.js, DASH as the fallback) under media-chrome's
 * controls, and offers Skip Recap and Skip Intro during them and the next
 * episode at the credits (the session's markers).
 *
 * The controls hide after 3 s without the pointer moving while the video
 * plays, and come back on a move, a tap or a key. Keyboard shortcuts:
 * player-keys.ts; double taps: use-double-tap-seek.ts.
 */
import { lazy, Suspense, useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import type { MediaController as MediaControllerElement } from "media-chrome";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { getTitle } from "../api/client.ts";
import type { PlaybackSession, TitleDetails } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { startEngine, type Engine } from "../player/engine.ts";
import { EpisodesPanel } from "../player/episodes-panel.tsx";
import { QoeTracker } from "../player/qoe-tracker.ts";
import type { GrantHolder } from "../player/grant.ts";
import { runPlayerKey, SEEK_STEP_SECONDS } from "../player/player-keys.ts";
import { useDoubleTapSeek } from "../player/use-double-tap-seek.ts";
import { usePlaybackSession } from "../player/use-playback-session.ts";
import { formatPlaybackTime } from "../util/format-playback-time.ts";
import "../player/player.css";

const NEXT_EPISODE_COUNTDOWN_SECONDS = 10;
/** Seconds without the pointer moving before the controls hide while playing. */
const AUTOHIDE_SECONDS = 3;
/** media-chrome and the controls, loaded once the first frame is decoded (player-chrome.tsx). */
const PlayerChrome = lazy(() => import("../player/player-chrome.tsx"));

export function WatchPage() {
  const { titleId = "" } = useParams();
  const [search] = useSearchParams();
  const episodeId = search.get("episode") ?? undefined;
  // A new title or episode is a new session and a new player.
  return <Watch key={`${titleId}/${episodeId ?? ""}`} titleId={titleId} episodeId={episodeId} />;
}

function Watch({ titleId, episodeId }: { titleId: string; episodeId: string | undefined }) {
  // Play was pressed (this page opens on Play): startup time counts from here.
  const [requestedAt] = useState(() => performance.now());
  const videoRef = useRef<HTMLVideoElement>(null);
  const renditionRef = useRef<number | null>(null);
  const position = useCallback(() => {
    const video = videoRef.current;
    if (!video || !Number.isFinite(video.duration)) return null;
    return {
      positionSeconds: video.currentTime,
      durationSeconds: video.duration,
      rendition: renditionRef.current ? `${renditionRef.current}p` : null,
    };
  }, []);
  const { state, reportNow, watchHereInstead } = usePlaybackSession(titleId, episodeId, position);

  if (state.status === "failed") {
    const overLimit = state.error.code === "stream_limit_reached";
    return (
      <main className="watch watch--message">
        <h1>{overLimit ? "Too many streams" : "This video can't play"}</h1>
        <ErrorMessage error={state.error} />
        <p className="watch__actions">
          {overLimit && (
            <button type="button" className="button button--primary" onClick={watchHereInstead}>
              Watch here instead
            </button>
          )}
          <Link className="button" to={`/title/${titleId}`}>
            Back
          </Link>
        </p>
      </main>
    );
  }
  if (state.status === "starting") {
    return (
      <main className="watch watch--message" aria-busy="true">
        <p role="status">Starting…</p>
      </main>
    );
  }
  return (
    <Player
      session={state.session}
      grant={state.grant}
      videoRef={videoRef}
      renditionRef={renditionRef}
      onProgressPoint={reportNow}
      requestedAt={requestedAt}
    />
  );
}

interface PlayerProps {
  session: PlaybackSession;
  grant: GrantHolder;
  videoRef: React.RefObject<HTMLVideoElement | null>;
  renditionRef: React.RefObject<number | null>;
  onProgressPoint: () => void;
  /** When Play was pressed (performance.now()). */
  requestedAt: number;
}

function Player({
  session,
  grant,
  videoRef,
  renditionRef,
  onProgressPoint,
  requestedAt,
}: PlayerProps) {
  const navigate = useNavigate();
  // The player's root is what goes full screen, so the overlays outside the controller go too.
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const controllerRef = useRef<MediaControllerElement>(null);
  const [startAt, setStartAt] = useState<number | null>(
    session.resumePositionSeconds > 0 ? null : 0,
  );
  const [engine, setEngine] = useState<Engine | null>(null);
  const [tracksVersion, setTracksVersion] = useState(0);
  const [fatal, setFatal] = useState<string | null>(null);
  // Previews are for scrubbing: loaded once playback has started, off the critical path. The
  // URL is fixed then, as a renewed grant would make the track load it again.
  const [thumbnailsSrc, setThumbnailsSrc] = useState<string | null>(null);
  const [currentTime, setCurrentTime] = useState(0);
  const [rendition, setRendition] = useState<number | null>(null);
  const [nextDismissed, setNextDismissed] = useState(false);
  const [episodesOpen, setEpisodesOpen] = useState(false);
  // What is playing, for the head and the episodes panel: off the critical path too, once
  // playback has started (or while the resume prompt waits for the viewer).
  const [titleWanted, setTitleWanted] = useState(session.resumePositionSeconds > 0);
  const [chromeWanted, setChromeWanted] = useState(false);
  useEffect(() => {
    if (!chromeWanted || !root) return;
    // A property, not an attribute: set once the element is media-chrome's (upgraded on definition).
    void customElements.whenDefined("media-controller").then(() => {
      if (controllerRef.current) controllerRef.current.fullscreenElement = root;
    });
  }, [chromeWanted, root]);
  const [title, setTitle] = useState<TitleDetails | null>(null);
  useEffect(() => {
    if (!titleWanted) return;
    let current = true;
    getTitle(session.titleId).then(
      (details) => current && setTitle(details),
      () => {}, // The head goes without the title's name.
    );
    return () => {
      current = false;
    };
  }, [session.titleId, titleWanted]);

  // The engine starts once the viewer has chosen where to start.
  useEffect(() => {
    const video = videoRef.current;
    if (!video || startAt === null) return;
    // After a resume prompt, the viewer's choice (just now) is when playing was asked for.
    const askedAt = session.resumePositionSeconds > 0 ? performance.now() : requestedAt;
    // Made a tick later, so a mount that is undone at once (StrictMode) reports no view.
    let qoe: QoeTracker | null = null;
    const qoeTimer = setTimeout(() => {
      qoe = new QoeTracker(video, session.viewToken, askedAt);
    });
    const stopEngine = startEngine(
      video,
      {
        hlsUrl: session.hlsUrl,
        dashUrl: session.dashUrl,
        grant,
        startAt,
        abrParams: session.abr.params,
        sessionId: session.sessionId,
        contentId: session.titleId,
      },
      {
        onTracks: () => setTracksVersion((version) => version + 1),
        onRendition: (played, manual) => {
          renditionRef.current = played.height;
          setRendition(played.height);
          qoe?.renditionSwitched(played, manual);
        },
        onRecoverableError: (code) => qoe?.error(code, false),
        onFatal: (message) => {
          qoe?.error("playback_failed", true);
          setFatal(message);
        },
      },
      setEngine,
    );
    // The page going away (tab closed) ends the view as surely as leaving it.
    const endView = () => qoe?.end();
    window.addEventListener("pagehide", endView);
    return () => {
      clearTimeout(qoeTimer);
      window.removeEventListener("pagehide", endView);
      stopEngine();
      endView();
    };
  }, [startAt, session, grant, videoRef, renditionRef, requestedAt]);

  const video = () => videoRef.current;
  const togglePlay = () => {
    const element = video();
    if (!element) return;
    if (element.paused) void element.play().catch(() => {});
    else element.pause();
  };
  const seek = (seconds: number) => {
    const element = video();
    if (element) element.currentTime = Math.max(0, Math.min(seconds, element.duration || seconds));
  };
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root?.requestFullscreen();
  };
  useDoubleTapSeek(videoRef, (direction) =>
    seek((video()?.currentTime ?? 0) + direction * SEEK_STEP_SECONDS),
  );
  const nextUrl = session.nextEpisode
    ? `/watch/${session.titleId}?episode=${session.nextEpisode.episodeId}`
    : null;

  const onKeyDown = (event: React.KeyboardEvent) => {
    const element = video();
    if (!element) return;
    const actions = { video: element, togglePlay, seek, toggleFullscreen };
    if (!runPlayerKey(event.nativeEvent, actions)) return;
    // The controller shows its controls on a key let go inside it; this key was pressed
    // with focus anywhere on the page (the page itself, the resume prompt), so tell it.
    controllerRef.current?.dispatchEvent(new KeyboardEvent("keyup", { key: event.key }));
  };

  const { intro, recap, creditsStartSeconds } = session.markers;
  // One skip at a time: whichever span the playhead is in (a recap runs before the intro).
  const skip = [
    { label: "Skip Recap", span: recap },
    { label: "Skip Intro", span: intro },
  ].flatMap(({ label, span }) =>
    span && currentTime >= span.startSeconds && currentTime < span.endSeconds
      ? [{ label, to: span.endSeconds }]
      : [],
  )[0];
  const atCredits = nextUrl !== null && !nextDismissed && currentTime >= creditsStartSeconds;
  const isSeries = title?.type === "series" && title.seasons.length > 0;

  return (
    <main
      ref={setRoot}
      className="watch"
      onKeyDown={onKeyDown}
      aria-label="Player"
      // Focusable, so the keyboard shortcuts work before any control has focus.
      tabIndex={-1}
    >
      {/* media-chrome's element by its tag, defined (and upgraded in place) once PlayerChrome loads. */}
      <media-controller
        ref={controllerRef}
        className="player"
        autohide={String(AUTOHIDE_SECONDS)}
        defaultstreamtype="on-demand"
        defaultduration={String(session.durationSeconds)}
        // The page's shortcuts (player-keys.ts) are the player's; two sets would act twice.
        nohotkeys=""
        // The engine and the session own subtitles and muting; a remembered volume is welcome.
        nosubtitleslangpref=""
        nomutedpref=""
      >
        <video
          ref={videoRef}
          slot="media"
          className="watch__video"
          autoPlay
          playsInline
          onPlay={() => {
            setTitleWanted(true);
            if (session.trickplayUrl && !thumbnailsSrc)
              setThumbnailsSrc(grant.withCurrentGrant(session.trickplayUrl));
          }}
          onLoadedData={() => setChromeWanted(true)}
          onPause={onProgressPoint}
          onSeeked={onProgressPoint}
          onTimeUpdate={(event) => setCurrentTime(event.currentTarget.currentTime)}
        >
          {thumbnailsSrc && (
            <track kind="metadata" label="thumbnails" default src={thumbnailsSrc} />
          )}
        </video>
        {chromeWanted && startAt !== null && (
          <Suspense fallback={null}>
            <PlayerChrome
              titleId={session.titleId}
              titleName={title?.name}
              episodeLabel={title ? episodeLabel(title, session.episodeId) : undefined}
              engine={engine}
              rendition={rendition}
              tracksVersion={tracksVersion}
              onEpisodes={isSeries ? () => setEpisodesOpen(true) : undefined}
            />
          </Suspense>
        )}
      </media-controller>
      {startAt === null && (
        <div className="watch__prompt" role="dialog" aria-label="Resume">
          <button
            type="button"
            className="button button--primary"
            autoFocus
            onClick={() => setStartAt(session.resumePositionSeconds)}
          >
            Resume from {formatPlaybackTime(session.resumePositionSeconds)}
          </button>
          <button type="button" className="button" onClick={() => setStartAt(0)}>
            Start over
          </button>
        </div>
      )}
      {fatal && (
        <p className="watch__fatal" role="alert">
          {fatal}
        </p>
      )}
      {/* Outside the controller, so they stay while its controls hide. */}
      {skip && (
        <button type="button" className="button watch__skip" onClick={() => seek(skip.to)}>
          {skip.label}
        </button>
      )}
      {atCredits && session.nextEpisode && (
        <NextEpisode
          name={session.nextEpisode.name}
          onPlay={() => void navigate(nextUrl, { replace: true })}
          onDismiss={() => setNextDismissed(true)}
        />
      )}
      {episodesOpen && title && (
        <EpisodesPanel
          title={title}
          episodeId={session.episodeId}
          onClose={() => setEpisodesOpen(false)}
        />
      )}
    </main>
  );
}

/** "S1:E3 The Name" for the episode playing, from the title's seasons. */
function episodeLabel(title: TitleDetails, episodeId: string | null): string | undefined {
  for (const season of title.seasons) {
    const episode = season.episodes.find((candidate) => candidate.id === episodeId);
    if (episode) return `S${season.number}:E${episode.number} ${episode.name}`;
  }
  return undefined;
}

function NextEpisode(props: { name: string; onPlay: () => void; onDismiss: () => void }) {
  const [left, setLeft] = useState(NEXT_EPISODE_COUNTDOWN_SECONDS);
  // The page re-renders several times a second; the countdown must not restart with it.
  const onPlay = useEffectEvent(props.onPlay);
  useEffect(() => {
    if (left <= 0) {
      onPlay();
      return;
    }
    const timer = setTimeout(() => setLeft((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <div className="watch__next" role="status">
      <p>
        Next episode in {left} s: {props.name}
      </p>
      <button type="button" className="button button--primary" onClick={props.onPlay}>
        Play now
      </button>
      <button type="button" className="button" onClick={props.onDismiss}>
        Keep watching the credits
      </button>
    </div>
  );
}
