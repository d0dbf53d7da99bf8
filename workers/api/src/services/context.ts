/**
 * What a service needs from the request: storage, typed config, the token
 * keys and a way to run work after the response. Routes build it with
 * `serviceContext(c)` and pass it to plain service functions.
 */
import type { Context } from "hono";
import { tokenKeys, type TokenKeys } from "../../../../lib/auth/signed-token.ts";
import type { AppEnv } from "../app-env.ts";
import { config, type Config } from "../config.ts";
import { database, type Database } from "../storage/database.ts";

export interface ServiceContext {
  db: Database;
  env: Env;
  config: Config;
  keys: TokenKeys;
  /** Work that must finish but need not delay the response. */
  background(promise: Promise<unknown>): void;
}

export async function serviceContext(c: Context<AppEnv>): Promise<ServiceContext> {
  const settings = config(c.env);
  return {
    db: database(c.env.DB),
    env: c.env,
    config: settings,
    keys: await tokenKeys(settings.JWT_SIGNING_KEYS),
    background: (promise) =>
      c.executionCtx.waitUntil(
        promise.catch((error: unknown) =>
          c.get("logger").log("error", "background task failed", { error: String(error) }),
        ),
      ),
  };
}
