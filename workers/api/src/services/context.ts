/**
 * What a service needs from the request: storage, typed config, the token
 * keys and a way to run work after the response. Routes build it with
 * `serviceContext(c)` and pass it to plain service functions.
 */
import type { Context } from "hono";
import { tokenKeys, type TokenKeys } from "../../../../lib/auth/signed-token.ts";
import type { Logger } from "../../../../lib/http/logger.ts";
import type { AppEnv } from "../app-env.ts";
import { config, type Config } from "../config.ts";
import { ReadThroughCache } from "../cache/read-through-cache.ts";
import { database, type Database } from "../../../../lib/db/database.ts";
import { CatalogReader } from "./catalog-reader.ts";

export interface ServiceContext {
  db: Database;
  env: Env;
  config: Config;
  keys: TokenKeys;
  /** Work that must finish but need not delay the response. */
  background(promise: Promise<unknown>): void;
  cache: ReadThroughCache;
  catalog: CatalogReader;
  logger: Logger;
  requestId: string;
}

export async function serviceContext(c: Context<AppEnv>): Promise<ServiceContext> {
  const settings = config(c.env);
  const logger = c.get("logger");
  const db = database(c.env.DB);
  const background = (promise: Promise<unknown>) =>
    c.executionCtx.waitUntil(
      promise.catch((error: unknown) =>
        logger.log("error", "background task failed", { error: String(error) }),
      ),
    );
  const cache = new ReadThroughCache({
    kv: c.env.KV,
    ttlSeconds: settings.CATALOG_CACHE_TTL_SECONDS,
    logger,
    background,
  });
  return {
    db,
    env: c.env,
    config: settings,
    keys: await tokenKeys(settings.JWT_SIGNING_KEYS),
    background,
    cache,
    catalog: new CatalogReader(db, cache),
    logger,
    requestId: c.get("requestId"),
  };
}
