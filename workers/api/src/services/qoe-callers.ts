/**
 * Whom a QoE batch counts against on the `qoe` rate limit. A batch carries
 * its own credential, the view token startPlayback signed; when it is
 * valid, the batch counts against its view, so a thousand viewers behind
 * one carrier-grade NAT are a thousand callers, not one address refusing
 * nearly all of them (the capacity model's finding, docs/scaling.md). A
 * batch without a valid token counts against the address it came from, so
 * forged batches from one place are throttled before the analytics Worker
 * has to refuse each one.
 */
import { z } from "zod";
import type { TokenKeys } from "../../../../lib/auth/signed-token.ts";
import { verifyViewToken } from "../../../../lib/qoe/view-token.ts";

const CarriesViewToken = z.object({ viewToken: z.string().min(1).max(4096) });

/** The rate-limit key of a batch: `view:<viewId>`, or `ip:<address>` without a valid view token. */
export async function qoeCallerKey(
  keys: TokenKeys,
  body: unknown,
  address: string,
): Promise<string> {
  const carried = CarriesViewToken.safeParse(body);
  if (carried.success) {
    const view = await verifyViewToken(keys, carried.data.viewToken).catch(() => null);
    if (view) return `view:${view.viewId}`;
  }
  return `ip:${address}`;
}
