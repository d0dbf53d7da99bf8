/** The daily clean-up: old batch ids and active views go, recent ones and the rollups stay. */
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import AnalyticsWorker from "../src/index.ts";
import { ACTIVE_VIEWS_KEPT_MS, BATCH_IDS_KEPT_MS } from "../src/retention.ts";

const now = Date.parse("2026-11-21T03:17:00Z");
const count = async (table: string) =>
  (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())!.n;

describe("the QoE retention job", () => {
  it("prunes old batch ids and active views on its cron, and keeps recent ones and the rollups", async () => {
    await env.DB.batch([
      env.DB.prepare("insert into qoe_batches values ('old', 'v1', ?1), ('new', 'v2', ?2)").bind(
        now - BATCH_IDS_KEPT_MS - 1,
        now - 60_000,
      ),
      env.DB.prepare("insert into qoe_active_views values (?1, 'v1', 't'), (?2, 'v2', 't')").bind(
        now - ACTIVE_VIEWS_KEPT_MS - 60_000,
        now - 60_000,
      ),
      env.DB.prepare(
        `insert into qoe_minute_rollups (minute, title_id, device_type, country, abr_policy, variant, views_started)
         values (?1, 't', 'desktop', 'GB', 'hybrid-default', '', 3)`,
      ).bind(now - ACTIVE_VIEWS_KEPT_MS - 60_000),
    ]);
    const worker = new AnalyticsWorker(createExecutionContext(), env);
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "17 3 * * *" }));

    const batches = await env.DB.prepare("select batch_id from qoe_batches").all();
    expect(batches.results).toEqual([{ batch_id: "new" }]);
    const views = await env.DB.prepare("select view_id from qoe_active_views").all();
    expect(views.results).toEqual([{ view_id: "v2" }]);
    expect(await count("qoe_minute_rollups")).toBe(1);
  });
});
