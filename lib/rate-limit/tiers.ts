/**
 * Rate-limit tiers: how many requests one caller (an account, or an IP when
 * signed out) may make in a sliding window. A tier may add a burst window,
 * a tighter limit over a few seconds, so the auth tier allows 5 attempts in
 * 5 minutes but only 2 of them back to back.
 *
 * Premium accounts get `PREMIUM_MULTIPLIER` times the limit on every tier but
 * auth, which protects credentials and is the same for everyone.
 */
import type { Plan } from "../db/schema.ts";

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimitTier {
  window: RateWindow;
  burst?: RateWindow;
}

const MINUTE = 60_000;

export const RATE_LIMIT_TIERS = {
  auth: { window: { limit: 5, windowMs: 5 * MINUTE }, burst: { limit: 2, windowMs: 10_000 } },
  browse: { window: { limit: 100, windowMs: MINUTE } },
  playback: { window: { limit: 30, windowMs: MINUTE } },
  progress: { window: { limit: 60, windowMs: MINUTE } },
  profile: { window: { limit: 20, windowMs: MINUTE } },
  admin: { window: { limit: 200, windowMs: MINUTE } },
  // Uploads come as many chunk requests (tus PATCHes) and the jobs page polls.
  ingest: { window: { limit: 600, windowMs: MINUTE } },
  // QoE beacons, per client IP: a player sends one batch per 10 s, a household a few players.
  qoe: { window: { limit: 120, windowMs: MINUTE } },
} as const satisfies Record<string, RateLimitTier>;

export type RateLimitTierName = keyof typeof RATE_LIMIT_TIERS;

export const PREMIUM_MULTIPLIER = 3;

function scale(window: RateWindow, factor: number): RateWindow {
  return { limit: Math.max(1, Math.round(window.limit * factor)), windowMs: window.windowMs };
}

/**
 * The windows that apply to a caller on a tier. `scaleFactor` comes from the
 * `RATE_LIMIT_SCALE` var, which load tests raise; it is 1 in production.
 */
export function windowsFor(
  tierName: RateLimitTierName,
  plan: Plan | undefined,
  scaleFactor = 1,
): RateWindow[] {
  const tier: RateLimitTier = RATE_LIMIT_TIERS[tierName];
  const factor = scaleFactor * (plan === "premium" && tierName !== "auth" ? PREMIUM_MULTIPLIER : 1);
  return [tier.window, ...(tier.burst ? [tier.burst] : [])].map((window) => scale(window, factor));
}
