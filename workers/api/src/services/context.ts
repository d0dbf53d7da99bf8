/**
 * What a service needs from the request: storage, typed config, the token
 * keys, where the request comes from and a way to run work after the
 * response. Routes build it with `serviceContext(c)` and pass it to plain
 * service functions.
 */
import type { Context } from "hono";
import { tokenKeys, type TokenKeys } from "../../../../lib/auth/signed-token.ts";
import type { Logger } from "../../../../lib/http/logger.ts";
import { deviceTypeOf, type DeviceType } from "../../../../lib/qoe/device-type.ts";
import type { AppEnv } from "../app-env.ts";
import { config, type Config } from "../config.ts";
import { ReadThroughCache } from "../cache/read-through-cache.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { CatalogReader } from "./catalog-reader.ts";

/** Where a request comes from, as experiments target it and QoE slices it. */
export interface ClientTraits {
  /** ISO 3166 alpha-2 from the edge (Request.cf.country); "XX" when unknown. */
  country: string;
  deviceType: DeviceType;
}

const countryOf = (request: Request) => {
  const country = request.cf?.country;
  // Cloudflare says "T1" for Tor and nothing locally: neither is a country.
  return typeof country === "string" && /^[A-Z]{2}$/.test(country) ? country : "XX";
};

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
  client: ClientTraits;
}

export async function serviceContext(c: Context<AppEnv>): Promise<ServiceContext> {
  const settings = config(c.env);
  const logger = c.get("logger");
  const db = c.var.db;
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
    client: {
      country: countryOf(c.req.raw),
      deviceType: deviceTypeOf(c.req.header("user-agent")),
    },
  };
}
