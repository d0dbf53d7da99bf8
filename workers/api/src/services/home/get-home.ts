/**
 * The home page with graceful degradation. Personalisation (reading the
 * profile's activity and ranking for it) has a time budget
 * (HOME_PERSONALISATION_BUDGET_MS) and runs behind a circuit breaker; when
 * it fails, overruns or the breaker is open, the generic home for the
 * profile's maturity level is served instead, marked `degraded: true`.
 *
 * The generic home is cached whole (KV, per maturity rank), so serving it
 * needs one KV read even when D1 is what failed.
 */
import { cacheKeys } from "../../../../../lib/catalog/cache-keys.ts";
import type { Profile } from "../../../../../lib/db/schema.ts";
import { maturityRank } from "../../../../../lib/maturity.ts";
import { ApiError } from "../../../../../lib/http/api-error.ts";
import { CircuitBreaker, withinBudget } from "../../cache/circuit-breaker.ts";
import { profileSignals, type ProfileSignals } from "../../storage/profile-activity.ts";
import type { ServiceContext } from "../context.ts";
import { NO_SIGNALS, buildHome, type Home } from "./build-home.ts";

// One breaker per isolate (see cache/circuit-breaker.ts).
export const personalisationBreaker = new CircuitBreaker({
  failureThreshold: 5,
  openForMs: 30_000,
});

/** The profile's own home: its activity (read already, or now), ranked for its taste. */
export async function personalisedHome(
  ctx: ServiceContext,
  profile: Profile,
  signalsRead: Promise<ProfileSignals> = profileSignals(ctx.db, profile.id),
): Promise<Home> {
  const signals = await signalsRead;
  return buildHome(ctx.catalog, {
    profileId: profile.id,
    maturityRank: maturityRank(profile.maturityLevel),
    signals,
  });
}

/** The home anyone at this maturity level would get, without personal signals. */
function genericHome(ctx: ServiceContext, maturityRank: number): Promise<Home> {
  return ctx.cache.get(cacheKeys.genericHome(maturityRank), () =>
    buildHome(ctx.catalog, { profileId: "", maturityRank, signals: NO_SIGNALS }),
  );
}

export async function getHome(
  ctx: ServiceContext,
  profile: Profile,
  signalsRead?: Promise<ProfileSignals>,
): Promise<Home> {
  try {
    return await personalisationBreaker.run(() =>
      withinBudget(
        personalisedHome(ctx, profile, signalsRead),
        ctx.config.HOME_PERSONALISATION_BUDGET_MS,
      ),
    );
  } catch (error) {
    ctx.logger.log("warn", "serving the generic home", {
      reason: error instanceof Error ? error.message : String(error),
      breaker: personalisationBreaker.state(),
    });
  }
  try {
    const generic = await genericHome(ctx, maturityRank(profile.maturityLevel));
    return { ...generic, profileId: profile.id, degraded: true };
  } catch (error) {
    ctx.logger.log("error", "no home to serve", { error: String(error) });
    throw new ApiError(
      503,
      "home_unavailable",
      "The home page is unavailable right now; try again shortly.",
    );
  }
}
