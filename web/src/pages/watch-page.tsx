/**
 * /watch/:titleId (?episode=…): the player. Opens a playback session, asks
 * "Resume from 12:34 / Start over" when the profile stopped part-way, plays
 * through the engine (hls.js, DASH as the fallback), and offers Skip Recap
 * and Skip Intro during them and the next episode at the credits (the
 * session's markers).
 *
 * Keyboard: space or k plays and pauses, ←/→ seek 10 s, ↑/↓ change the
 * volume, f toggles full screen, m mutes.
 */
import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { PlaybackSession } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { startEngine, type Engine } from "../player/engine.ts";
import { QoeTracker } from "../player/qoe-tracker.ts";
import type { GrantHolder } from "../player/grant.ts";
import { PlayerControls, type PlayerStatus } from "../player/player-controls.tsx";
import { parseThumbnails } from "../player/trickplay.ts";
import { usePlaybackSession } from "../player/use-playback-session.ts";
import { formatPlaybackTime } from "../util/format-playback-time.ts";
import "../player/player.css";

const NEXT_EPISODE_COUNTDOWN_SECONDS = 10;
const SEEK_STEP_SECONDS = 10;

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
  const rootRef = useRef<HTMLElement>(null);
  const [startAt, setStartAt] = useState<number | null>(
    session.resumePositionSeconds > 0 ? null : 0,
  );
  const [engine, setEngine] = useState<Engine | null>(null);
  const [tracksVersion, setTracksVersion] = useState(0);
  const [fatal, setFatal] = useState<string | null>(null);
  const [thumbnails, setThumbnails] = useState<ReturnType<typeof parseThumbnails>>([]);
  const [status, setStatus] = useState<PlayerStatus>({
    playing: false,
    currentTime: 0,
    duration: session.durationSeconds,
    muted: false,
    rendition: null,
  });
  const [nextDismissed, setNextDismissed] = useState(false);

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
        onRendition: (rendition, manual) => {
          renditionRef.current = rendition.height;
          setStatus((current) => ({ ...current, rendition: rendition.height }));
          qoe?.renditionSwitched(rendition, manual);
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

  // Previews are for scrubbing: fetched once playback has started, off the critical path.
  useEffect(() => {
    if (!session.trickplayUrl || !status.playing || thumbnails.length > 0) return;
    const url = grant.withCurrentGrant(session.trickplayUrl);
    void fetch(url)
      .then((response) => (response.ok ? response.text() : ""))
      .then((vtt) => setThumbnails(parseThumbnails(vtt, url)))
      .catch(() => {});
  }, [session, grant, status.playing, thumbnails.length]);

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
  const toggleMute = () => {
    const element = video();
    if (element) element.muted = !element.muted;
  };
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void rootRef.current?.requestFullscreen();
  };
  const nextUrl = session.nextEpisode
    ? `/watch/${session.titleId}?episode=${session.nextEpisode.episodeId}`
    : null;

  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === "SELECT" || (target.tagName === "BUTTON" && event.key === " ")) return;
    const element = video();
    if (!element) return;
    const actions: Record<string, () => void> = {
      " ": togglePlay,
      k: togglePlay,
      ArrowLeft: () => seek(element.currentTime - SEEK_STEP_SECONDS),
      ArrowRight: () => seek(element.currentTime + SEEK_STEP_SECONDS),
      ArrowUp: () => (element.volume = Math.min(1, element.volume + 0.1)),
      ArrowDown: () => (element.volume = Math.max(0, element.volume - 0.1)),
      f: toggleFullscreen,
      m: toggleMute,
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const { intro, recap, creditsStartSeconds } = session.markers;
  // One skip at a time: whichever span the playhead is in (a recap runs before the intro).
  const skip = [
    { label: "Skip Recap", span: recap },
    { label: "Skip Intro", span: intro },
  ].flatMap(({ label, span }) =>
    span && status.currentTime >= span.startSeconds && status.currentTime < span.endSeconds
      ? [{ label, to: span.endSeconds }]
      : [],
  )[0];
  const atCredits = nextUrl !== null && !nextDismissed && status.currentTime >= creditsStartSeconds;

  return (
    <main
      ref={rootRef}
      className="watch"
      onKeyDown={onKeyDown}
      aria-label="Player"
      // Focusable, so the keyboard shortcuts work before any control has focus.
      tabIndex={-1}
    >
      <Link className="watch__back" to={`/title/${session.titleId}`}>
        Back
      </Link>
      <video
        ref={videoRef}
        className="watch__video"
        autoPlay
        playsInline
        onClick={togglePlay}
        onPlay={() => setStatus((s) => ({ ...s, playing: true }))}
        onPause={() => {
          setStatus((s) => ({ ...s, playing: false }));
          onProgressPoint();
        }}
        onSeeked={onProgressPoint}
        onTimeUpdate={(event) => {
          const element = event.currentTarget;
          setStatus((s) => ({
            ...s,
            currentTime: element.currentTime,
            duration: Number.isFinite(element.duration) ? element.duration : s.duration,
          }));
        }}
        onVolumeChange={(event) => {
          const muted = event.currentTarget.muted;
          setStatus((s) => ({ ...s, muted }));
        }}
      />
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
      {startAt !== null && (
        <PlayerControls
          status={status}
          engine={engine}
          thumbnails={thumbnails}
          tracksVersion={tracksVersion}
          onTogglePlay={togglePlay}
          onSeek={seek}
          onToggleMute={toggleMute}
          onToggleFullscreen={toggleFullscreen}
        />
      )}
    </main>
  );
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
