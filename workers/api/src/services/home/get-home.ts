/**
 * The home page with graceful degradation. Personalisation depends on
 * reading the profile's activity; that read has a time budget
 * (HOME_PERSONALISATION_BUDGET_MS) and runs behind a circuit breaker. When
 * it fails, overruns or the breaker is open — or when building the page
 * fails for any other reason — the generic home for the profile's maturity
 * level is served instead, marked `degraded: true`. (Loading shared catalog
 * data into a cold cache is not personalisation and is not held to the
 * budget, so a cold isolate still serves a personal page.)
 *
 * The generic home is cached whole (KV, per maturity rank), so serving it
 * needs one KV read even when D1 is what failed.
 *
 * Either page is served arranged by the profile's experiments (row order,
 * card artwork; arrange-home.ts).
 */
import { cacheKeys } from "../../../../../lib/catalog/cache-keys.ts";
import type { Profile } from "../../../../../lib/db/schema.ts";
import { ApiError } from "../../../../../lib/http/api-error.ts";
import { maturityRank } from "../../../../../lib/maturity.ts";
import { CircuitBreaker, withinBudget } from "../../cache/circuit-breaker.ts";
import { catalogGeneration } from "../../cache/read-through-cache.ts";
import { utf8 } from "../../../../../lib/crypto/bytes.ts";
import { etagOf } from "../../middleware/revalidatable.ts";
import { profileSignals, type ProfileSignals } from "../../storage/profile-activity.ts";
import { progressObject } from "../../storage/progress-object.ts";
import type { ServiceContext } from "../context.ts";
import { assignmentsFor } from "../experiments.ts";
import { arrangeHome, type HomeArrangement } from "./arrange-home.ts";
import { NO_SIGNALS, buildHome, type Home } from "./build-home.ts";

// One breaker per isolate (see cache/circuit-breaker.ts).
export const personalisationBreaker = new CircuitBreaker({
  failureThreshold: 5,
  openForMs: 30_000,
});

/** The profile's activity, or null when it can't be had in time. */
async function personalSignals(
  ctx: ServiceContext,
  profile: Profile,
  signalsRead: Promise<ProfileSignals> | undefined,
): Promise<ProfileSignals | null> {
  try {
    return await personalisationBreaker.run(() =>
      withinBudget(
        signalsRead ?? profileSignals(ctx.db, progressObject(ctx.env, profile.id), profile.id),
        ctx.config.HOME_PERSONALISATION_BUDGET_MS,
      ),
    );
  } catch (error) {
    ctx.logger.log("warn", "personalisation unavailable", {
      reason: error instanceof Error ? error.message : String(error),
      breaker: personalisationBreaker.state(),
    });
    return null;
  }
}

/** A home page ready to send: its JSON and that JSON's ETag. */
export interface RenderedHome {
  json: string;
  etag: string;
}

async function render(home: Home): Promise<RenderedHome> {
  const json = JSON.stringify(home);
  return { json, etag: await etagOf(utf8(json)) };
}

/*
 * Rendered pages, per profile, reused while nothing they were built from
 * has changed: the profile's activity (its fingerprint) and this isolate's
 * cached catalog data (its generation). A warm home for an unchanged
 * profile then costs a lookup instead of a rebuild, a serialisation and a
 * hash.
 */
const built = new Map<string, { inputs: string; rendered: RenderedHome }>();
const BUILT_MAX = 2_000;

function fingerprint(rank: number, signals: ProfileSignals, arrangement: HomeArrangement): string {
  return JSON.stringify([
    catalogGeneration(),
    rank,
    arrangement,
    signals.recentViews,
    [...signals.ratings],
    signals.myList,
    signals.inProgress,
  ]);
}

async function personalHome(
  ctx: ServiceContext,
  profile: Profile,
  rank: number,
  signals: ProfileSignals,
  arrangement: HomeArrangement,
) {
  const inputs = fingerprint(rank, signals, arrangement);
  const known = built.get(profile.id);
  if (known?.inputs === inputs) return known.rendered;
  const home = await buildHome(ctx.catalog, { profileId: profile.id, maturityRank: rank, signals });
  const rendered = await render(arrangeHome(home, arrangement));
  // Building may have loaded catalog data, moving the generation: fingerprint again.
  if (built.size >= BUILT_MAX) built.delete(built.keys().next().value!);
  built.set(profile.id, { inputs: fingerprint(rank, signals, arrangement), rendered });
  return rendered;
}

/** The home anyone at this maturity level would get, without personal signals. */
function genericHome(ctx: ServiceContext, rank: number): Promise<Home> {
  return ctx.cache.get(cacheKeys.genericHome(rank), () =>
    buildHome(ctx.catalog, { profileId: "", maturityRank: rank, signals: NO_SIGNALS }),
  );
}

export async function getHome(
  ctx: ServiceContext,
  profile: Profile,
  signalsRead?: Promise<ProfileSignals>,
): Promise<RenderedHome> {
  const rank = maturityRank(profile.maturityLevel);
  const [signals, { config }] = await Promise.all([
    personalSignals(ctx, profile, signalsRead),
    assignmentsFor(ctx, profile, "home"),
  ]);
  const arrangement = { homeRowOrder: config.homeRowOrder, artwork: config.artwork };
  if (signals) {
    try {
      return await personalHome(ctx, profile, rank, signals, arrangement);
    } catch (error) {
      ctx.logger.log("error", "building the home page failed", { error: String(error) });
    }
  }
  try {
    const generic = await genericHome(ctx, rank);
    return await render(
      arrangeHome({ ...generic, profileId: profile.id, degraded: true }, arrangement),
    );
  } catch (error) {
    ctx.logger.log("error", "no home to serve", { error: String(error) });
    throw new ApiError(
      503,
      "home_unavailable",
      "The home page is unavailable right now; try again shortly.",
    );
  }
}
