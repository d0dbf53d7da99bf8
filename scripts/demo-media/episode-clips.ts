/**
 * The demo series' episodes, generated like the other demo clips: each a
 * cold open of its own length, the series' intro (the same title card and
 * jingle in every episode), the episode itself, and credits rolling on
 * black over silence. Intro detection finds the intro by the jingle alone,
 * wherever each episode puts it, and the credits by the dark ending
 * (docs/ingest.md, "Markers"); tests check what it finds against
 * `episodeLayout`.
 */
import type { DemoClip } from "./clips.ts";

const SIZE = "640x360";
const INTRO_SECONDS = 10;
const BODY_SECONDS = 16;
const CREDITS_SECONDS = 6;
const ENCODE = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"];
const AAC = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000"];

/** Where an episode's parts are, in seconds: what detection should find. */
export interface EpisodeLayout {
  seconds: number;
  intro: { startSeconds: number; endSeconds: number };
  creditsStartSeconds: number;
}

/** Episode `n` (from 1): a cold open of 3 s more per episode, then the intro, the story, the credits. */
export function episodeLayout(n: number): EpisodeLayout {
  const coldOpen = 3 * n;
  const introEnd = coldOpen + INTRO_SECONDS;
  const creditsStart = introEnd + BODY_SECONDS;
  return {
    seconds: creditsStart + CREDITS_SECONDS,
    intro: { startSeconds: coldOpen, endSeconds: introEnd },
    creditsStartSeconds: creditsStart,
  };
}

/** A melody of four notes from `base` Hz, `step` apart, `rate` notes a second, over pink noise. */
const score = (
  label: string,
  seed: number,
  seconds: number,
  base: number,
  step: number,
  rate: number,
) =>
  `aevalsrc='0.3*sin(2*PI*t*(${base}+${step}*floor(mod(t*${rate},4))))':s=48000:d=${seconds}[${label}m];` +
  `anoisesrc=color=pink:seed=${seed}:amplitude=0.15:d=${seconds}:r=48000[${label}n];` +
  `[${label}m][${label}n]amix=inputs=2[${label}]`;

/** The series' jingle: two voices stepping through their notes, the same in every episode. */
const JINGLE =
  `aevalsrc='0.4*sin(2*PI*t*(330+110*floor(mod(t*3,5))))+0.2*sin(2*PI*t*(660+55*floor(mod(t*2,3))))'` +
  `:s=48000:d=${INTRO_SECONDS}[jingle]`;

function episodeArgs(n: number): string[] {
  const { seconds, intro } = episodeLayout(n);
  const coldOpen = intro.startSeconds;
  const video = [
    `testsrc2=s=${SIZE}:r=25:d=${coldOpen},hue=h=${40 * n}[open]`,
    `color=c=0x6a4c93:s=${SIZE}:r=25:d=${INTRO_SECONDS}[card]`,
    `color=c=0xffca3a:s=160x160:r=25:d=${INTRO_SECONDS}[badge]`,
    `[card][badge]overlay=x='240+140*sin(t)':y=100[intro]`,
    `testsrc2=s=${SIZE}:r=25:d=${BODY_SECONDS},hue=h=${90 + 40 * n}[story]`,
    `color=c=black:s=${SIZE}:r=25:d=${CREDITS_SECONDS}[night]`,
    `color=c=white:s=240x14:r=25:d=${CREDITS_SECONDS}[line]`,
    `[night][line]overlay=x=200:y='360-t*60'[credits]`,
    `[open][intro][story][credits]concat=n=4:v=1:a=0[v]`,
  ];
  const audio = [
    score("cold", 10 * n, coldOpen, 200 + 37 * n, 30 + 11 * n, 2 + n),
    JINGLE,
    score("body", 10 * n + 1, BODY_SECONDS, 500 - 41 * n, 50 + 7 * n, 3 + n),
    `anullsrc=r=48000:cl=mono,atrim=duration=${CREDITS_SECONDS}[quiet]`,
    `[cold][jingle][body][quiet]concat=n=4:v=0:a=1[a]`,
  ];
  return [
    ...["-filter_complex", [...video, ...audio].join(";")],
    ...["-map", "[v]", "-map", "[a]", ...ENCODE, ...AAC, "-t", String(seconds)],
    ...["-metadata:s:a:0", "language=eng"],
  ];
}

/** The first three episodes of the demo series' first season. */
export const DEMO_EPISODE_CLIPS: DemoClip[] = [1, 2, 3].map((n) => ({
  name: `episode-${n}`,
  seconds: episodeLayout(n).seconds,
  args: () => episodeArgs(n),
}));
