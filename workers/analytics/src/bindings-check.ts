/**
 * Compile-time only (nothing imports this file; this Worker's type check
 * includes it): the generated `Env` provides every binding the Worker
 * declares it uses, with a compatible type.
 */
import type { AnalyticsBindings } from "./bindings.ts";

type Provides<Bindings> = Env extends Bindings ? true : never;

export const analyticsBindingsProvided: Provides<AnalyticsBindings> = true;
