/**
 * The baselines `npm run bench:abr` scores our policy against, with the same interface
 * ({@link AbrPolicy}): a throughput rule and BOLA.
 */
import {
  capOf,
  harmonicMean,
  highestRungWithin,
  recentThroughputsKbps,
  type AbrDecision,
  type AbrInput,
  type AbrPolicy,
} from "./policy.ts";

/**
 * The classic throughput rule: the harmonic mean of the last 5 measured throughputs, × 0.9,
 * then the highest rung at or below it. Rung 0 until something has been measured.
 */
export const throughputRule: AbrPolicy = {
  chooseRung(input) {
    const cap = capOf(input);
    const samples = recentThroughputsKbps(input.downloads, 5);
    if (samples.length === 0) return { rung: 0, reason: "startup" };
    const rung = highestRungWithin(input.bitratesKbps, 0.9 * harmonicMean(samples), cap);
    return { rung, reason: rung === cap ? "cap" : "throughput" };
  },
};

/** dash.js's BOLA settings, in seconds: its buffer target grows with the number of rungs. */
const BOLA_STABLE_BUFFER = 12;
const BOLA_MINIMUM_BUFFER = 10;
const BOLA_BUFFER_PER_RUNG = 2;

/**
 * BOLA-BASIC (Spiteri, Urgaonkar, Sitaraman, "BOLA: near-optimal bitrate adaptation for online
 * videos", INFOCOM 2016): buffer level alone picks the rung maximising
 * (V·(υ_m + γp) − Q) / S_m, with utilities υ_m = ln(S_m / S_0) + 1. V and γp are set as dash.js's
 * BolaRule sets them: the lowest rung up to a buffer of 10 s, the highest from a target of
 * max(12, 10 + 2 per rung) seconds (30 s for a 10-rung ladder).
 */
export const bola: AbrPolicy = { chooseRung: chooseByBola };

function chooseByBola(input: AbrInput): AbrDecision {
  const { bitratesKbps } = input;
  const cap = capOf(input);
  const utilities = bitratesKbps.map((kbps) => Math.log(kbps / bitratesKbps[0]!) + 1);
  const target = Math.max(
    BOLA_STABLE_BUFFER,
    BOLA_MINIMUM_BUFFER + BOLA_BUFFER_PER_RUNG * bitratesKbps.length,
  );
  const gp = (utilities.at(-1)! - 1) / (target / BOLA_MINIMUM_BUFFER - 1);
  const v = BOLA_MINIMUM_BUFFER / gp;
  let best = 0;
  let bestScore = -Infinity;
  for (let rung = 0; rung <= cap; rung++) {
    const score = (v * (utilities[rung]! + gp) - input.bufferSeconds) / bitratesKbps[rung]!;
    if (score > bestScore) {
      best = rung;
      bestScore = score;
    }
  }
  if (input.downloads.length === 0) return { rung: best, reason: "startup" };
  return { rung: best, reason: best === cap && cap < bitratesKbps.length - 1 ? "cap" : "buffer" };
}
