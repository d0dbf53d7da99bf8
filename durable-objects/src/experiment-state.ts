/**
 * One shard of an experiment's exposures (SQLite storage): which variant
 * each profile was assigned when it was first exposed, and when, for the
 * profiles whose id hashes to this shard. An experiment has EXPOSURE_SHARDS
 * of these, named "<experimentId>:<shard>" (lib/experiments/exposure-shards.ts),
 * because one object per experiment would take a write from every newly
 * exposed profile, thousands a second for a popular experiment. A profile
 * always hashes to the same shard, so its record is written once; later
 * exposures return it unchanged, so a profile stays in its first variant
 * even if the deterministic assignment (lib/experiments/allocation.ts)
 * ever answered otherwise. Exposure counts per variant, summed over the
 * shards, feed the results' sample sizes and sample-ratio check.
 *
 * The api Worker reports exposures after its response (waitUntil), at most
 * once per isolate for a profile and experiment, so a shard sees about one
 * call per new profile of its share rather than one per request.
 */
import { DurableObject } from "cloudflare:workers";

export interface Exposure {
  variant: string;
  /** Unix ms of the first exposure. */
  exposedAt: number;
  /** True when this call recorded it. */
  first: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exposures (
  profile_id TEXT PRIMARY KEY,
  variant TEXT NOT NULL,
  exposed_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS exposures_variant ON exposures (variant)`;

type Row = { variant: string; exposed_at: number };

export class ExperimentState extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(SCHEMA);
    });
  }

  private recorded(profileId: string): Row | undefined {
    return this.ctx.storage.sql
      .exec<Row>("SELECT variant, exposed_at FROM exposures WHERE profile_id = ?", profileId)
      .toArray()[0];
  }

  /** Records a profile's first exposure in `variant`; returns what is recorded (sticky). */
  async expose(profileId: string, variant: string, now = Date.now()): Promise<Exposure> {
    const written = this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO exposures (profile_id, variant, exposed_at) VALUES (?, ?, ?)",
      profileId,
      variant,
      now,
    ).rowsWritten;
    const row = this.recorded(profileId)!;
    return { variant: row.variant, exposedAt: row.exposed_at, first: written > 0 };
  }

  /** The variant a profile was exposed to, if it was. */
  async exposureOf(profileId: string): Promise<Omit<Exposure, "first"> | null> {
    const row = this.recorded(profileId);
    return row ? { variant: row.variant, exposedAt: row.exposed_at } : null;
  }

  /** This shard's profiles exposed so far, per variant key (variants nobody here saw are absent). */
  async exposureCounts(): Promise<Record<string, number>> {
    const rows = this.ctx.storage.sql
      .exec<{ variant: string; profiles: number }>(
        "SELECT variant, count(*) AS profiles FROM exposures GROUP BY variant",
      )
      .toArray();
    return Object.fromEntries(rows.map((row) => [row.variant, row.profiles]));
  }
}
