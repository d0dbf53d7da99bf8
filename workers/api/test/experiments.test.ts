/**
 * Experiments through the api Worker: the admin API (roles, validation,
 * audit, what may change while running), assignments (sticky, recorded in
 * the experiment's Durable Object shards, targeting kids and device types) and
 * results on a seeded data set whose z, t and p values were computed with
 * SciPy 1.17 (quoted beside each expectation).
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "../../../lib/db/database.ts";
import { assignVariant } from "../../../lib/experiments/allocation.ts";
import { forgetAll } from "../src/cache/isolate-memory.ts";
import { auditStatementIfChanged } from "../src/storage/audit-log.ts";
import { exposureCounts, exposureOf, recordExposure } from "../src/storage/experiment-exposures.ts";
import { findExperiment, updateExperiment } from "../src/storage/experiments.ts";
import {
  createExperiment,
  experimentAdmin,
  IPHONE,
  runExperiment,
  stopRunningExperiments,
  variants,
  type ExperimentBody,
} from "./experiment-fixture.ts";
import {
  createProfile,
  expectError,
  registerAccount,
  request,
  selectProfile,
  staffToken,
  viewerToken,
} from "./helpers.ts";

let admin: string;

beforeAll(async () => {
  forgetAll();
  admin = await experimentAdmin();
});
afterEach(async () => {
  await stopRunningExperiments(admin);
});

const patch = (id: string, body: unknown, token = admin) =>
  request(`/api/admin/experiments/${id}`, { method: "PATCH", token, body });

async function patched(id: string, body: unknown) {
  const response = await patch(id, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ExperimentBody;
}

interface Assignments {
  profileId: string;
  assignments: { experimentId: string; variant: string; config: Record<string, unknown> }[];
  variants: string[];
  config: { homeRowOrder: string[]; artwork: string; abr: { policy: string; params: object } };
}

async function assignments(token: string, headers: Record<string, string> = {}) {
  const response = await request("/api/assignments", { token, headers });
  expect(response.status).toBe(200);
  return (await response.json()) as Assignments;
}

const ARTWORK = variants({}, { artwork: "backdrop" });

describe("the admin API", () => {
  it("creates a draft with defaults, lists it, and audits the change", async () => {
    const created = await createExperiment(admin, {
      name: "Backdrops on cards",
      description: "Do backdrops sell titles better than posters?",
      variants: ARTWORK,
      allocationPercent: 20,
    });
    expect(created).toMatchObject({
      name: "Backdrops on cards",
      status: "draft",
      allocationPercent: 20,
      targeting: {},
      metrics: expect.arrayContaining(["startup_time", "completion_rate"]),
      startsAt: null,
      endsAt: null,
    });
    const drafts = await request("/api/admin/experiments?status=draft", { token: admin });
    const { experiments } = (await drafts.json()) as { experiments: ExperimentBody[] };
    expect(experiments.map((experiment) => experiment.id)).toContain(created.id);
    const running = await request("/api/admin/experiments?status=running", { token: admin });
    expect(
      ((await running.json()) as { experiments: ExperimentBody[] }).experiments.map((e) => e.id),
    ).not.toContain(created.id);

    const audit = await env.DB.prepare(
      "select action, entity_type, after from audit_log where entity_id = ?",
    )
      .bind(created.id)
      .all<{ action: string; entity_type: string; after: string }>();
    expect(audit.results).toEqual([
      expect.objectContaining({ action: "create", entity_type: "experiment" }),
    ]);
    expect(JSON.parse(audit.results[0]!.after)).toMatchObject({ name: "Backdrops on cards" });
  });

  it("keeps experiment entries out of the catalog's audit log", async () => {
    const created = await createExperiment(admin, { variants: ARTWORK });
    const catalogAdmin = (await staffToken("content_admin")).token;
    const response = await request(`/api/admin/catalog/audit-log?entityId=${created.id}`, {
      token: catalogAdmin,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it("lets admin in, and refuses viewers, catalog admins and strangers", async () => {
    const owner = (await staffToken("admin")).token;
    const body = {
      name: `By admin ${crypto.randomUUID()}`,
      variants: ARTWORK,
      allocationPercent: 5,
    };
    expect((await request("/api/admin/experiments", { token: owner, body })).status).toBe(201);
    for (const token of [(await viewerToken()).token, (await staffToken("content_admin")).token]) {
      await expectError(await request("/api/admin/experiments", { token, body }), 403, "forbidden");
      await expectError(await request("/api/admin/experiments", { token }), 403, "forbidden");
    }
    await expectError(await request("/api/admin/experiments", { body }), 401, "unauthenticated");
  });

  it("refuses a second experiment of the same name, and an end before the start", async () => {
    const first = await createExperiment(admin, { variants: ARTWORK });
    await expectError(
      await request("/api/admin/experiments", {
        token: admin,
        body: { name: first.name, variants: ARTWORK, allocationPercent: 10 },
      }),
      409,
      "experiment_name_taken",
    );
    await expectError(
      await patch(first.id, {
        startsAt: "2030-01-02T00:00:00.000Z",
        endsAt: "2030-01-01T00:00:00.000Z",
      }),
      400,
      "validation_failed",
    );
    // An update is checked whole: an end before the stored start is refused too.
    await patched(first.id, { startsAt: "2030-01-02T00:00:00.000Z" });
    const response = await patch(first.id, { endsAt: "2030-01-01T00:00:00.000Z" });
    await expectError(response, 400, "validation_failed");
  });

  it("answers 404 for an experiment that does not exist", async () => {
    const missing = crypto.randomUUID();
    await expectError(await patch(missing, { name: "x" }), 404, "not_found");
    await expectError(
      await request(`/api/admin/experiments/${missing}/results`, { token: admin }),
      404,
      "not_found",
    );
  });
});

describe("changing an experiment", () => {
  it("lets a draft change freely, and starting it fixes its start", async () => {
    const draft = await createExperiment(admin, { variants: ARTWORK, allocationPercent: 50 });
    const edited = await patched(draft.id, {
      variants: [...ARTWORK].reverse(),
      allocationPercent: 10,
      targeting: { countries: ["DE"] },
    });
    expect(edited.variants[0]!.key).toBe("treatment-1");
    const before = Date.now();
    const started = await patched(draft.id, { status: "running" });
    expect(started.status).toBe("running");
    expect(Date.parse(started.startsAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it.each([
    ["a lower allocation", { allocationPercent: 10 }],
    ["a changed weight", { variants: [ARTWORK[0], { ...ARTWORK[1], weight: 3 }] }],
    ["a new variant", { variants: [...ARTWORK, { ...ARTWORK[1], key: "third" }] }],
    ["other variant config", { variants: [ARTWORK[0], { ...ARTWORK[1], config: {} }] }],
    ["new targeting", { targeting: { kids: false } }],
    ["a moved start", { startsAt: "2020-01-01T00:00:00.000Z" }],
    ["going back to draft", { status: "draft" }],
  ])("refuses %s on a running experiment with 409", async (_, change) => {
    const running = await runExperiment(admin, { variants: ARTWORK, allocationPercent: 20 });
    const response = await patch(running.id, change);
    const body = (await response.clone().json()) as { error: { message: string } };
    await expectError(response, 409, "experiment_running");
    expect(body.error.message.length).toBeGreaterThan(20);
    const audit = await env.DB.prepare("select count(*) as n from audit_log where entity_id = ?")
      .bind(running.id)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it("takes a new name, description, metrics, end, a higher allocation, and stopping", async () => {
    const running = await runExperiment(admin, { variants: ARTWORK, allocationPercent: 20 });
    const changed = await patched(running.id, {
      name: `Renamed ${crypto.randomUUID()}`,
      description: "Now with a description",
      metrics: ["startup_time"],
      endsAt: "2099-01-01T00:00:00.000Z",
      allocationPercent: 40,
      variants: ARTWORK.map((variant) => ({ ...variant, name: `${variant.name}!` })),
    });
    expect(changed).toMatchObject({ allocationPercent: 40, metrics: ["startup_time"] });
    const before = Date.now();
    const stopped = await patched(running.id, { status: "stopped" });
    expect(stopped.status).toBe("stopped");
    // Stopping ends the window now, so results cover the time it ran.
    expect(Date.parse(stopped.endsAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stopped.endsAt!)).toBeLessThan(Date.parse("2099-01-01T00:00:00.000Z"));
    await expectError(await patch(running.id, { status: "running" }), 409, "experiment_stopped");
    await expectError(await patch(running.id, { name: "Again" }), 409, "experiment_stopped");
  });

  it("writes a change and its audit entry only over the state it was judged on", async () => {
    const draft = await createExperiment(admin, { variants: ARTWORK, allocationPercent: 20 });
    const db = database(env.DB);
    const read = (await findExperiment(db, draft.id))!;
    // Someone else starts it after our read, in a later millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await patched(draft.id, { status: "running" });
    const { id, createdBy: _by, createdAt: _at, updatedAt, ...fields } = read;
    const audit = {
      actorAccountId: "someone",
      action: "update" as const,
      entityType: "experiment" as const,
      entityId: id,
      before: null,
      after: { allocationPercent: 5 },
      requestId: null,
    };
    // Judged as a draft, lowering the allocation was fine; it must not land on the running one.
    const [update] = await env.DB.batch([
      updateExperiment(db, id, updatedAt, { ...fields, allocationPercent: 5 }, new Date()),
      auditStatementIfChanged(db, audit),
    ]);
    expect(update!.meta.changes).toBe(0);
    expect((await findExperiment(db, id))!.allocationPercent).toBe(20);
    const entries = await env.DB.prepare(
      "select action from audit_log where entity_id = ? order by at",
    )
      .bind(id)
      .all<{ action: string }>();
    expect(entries.results.map((entry) => entry.action)).toEqual(["create", "update"]);

    // Over the state as it is now, both land.
    const current = (await findExperiment(db, id))!;
    const [landed] = await env.DB.batch([
      updateExperiment(
        db,
        id,
        current.updatedAt,
        { ...fields, status: "running", startsAt: current.startsAt, allocationPercent: 30 },
        new Date(),
      ),
      auditStatementIfChanged(db, audit),
    ]);
    expect(landed!.meta.changes).toBe(1);
    const count = await env.DB.prepare("select count(*) as n from audit_log where entity_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(count!.n).toBe(3);
  });

  it("refuses to run two experiments that set the same config at once", async () => {
    const first = await runExperiment(admin, { variants: ARTWORK });
    const response = await request("/api/admin/experiments", {
      token: admin,
      body: {
        name: `Clash ${crypto.randomUUID()}`,
        variants: ARTWORK,
        allocationPercent: 10,
        status: "running",
      },
    });
    const code = await expectError(response, 409);
    expect(code).toBe("experiment_clash");
    // Another knob may run beside it.
    await runExperiment(admin, { variants: variants({}, { homeRowOrder: ["new_releases"] }) });
    await patched(first.id, { status: "stopped" });
    await runExperiment(admin, { variants: ARTWORK });
  });
});

describe("getAssignments", () => {
  it("is sticky: the same variant every time, recorded once in the experiment's Durable Objects", async () => {
    const experiment = await runExperiment(admin, { variants: ARTWORK });
    const viewer = await viewerToken();
    const expected = assignVariant(viewer.profileId, experiment)!;
    const first = await assignments(viewer.token);
    expect(first.assignments).toEqual([
      {
        experimentId: experiment.id,
        variant: expected,
        config: ARTWORK.find((v) => v.key === expected)!.config,
      },
    ]);
    expect(first.variants).toEqual([`${experiment.id}:${expected}`]);
    expect(first.config.artwork).toBe(expected === "control" ? "poster" : "backdrop");

    const exposed = () => exposureOf(env, experiment.id, viewer.profileId);
    await vi.waitFor(async () => expect(await exposed()).not.toBeNull());
    const exposure = (await exposed())!;
    expect(exposure.variant).toBe(expected);

    // Raising the allocation moves nobody; the exposure is kept, not repeated.
    await patched(experiment.id, { allocationPercent: 100 });
    for (let i = 0; i < 3; i++) {
      expect((await assignments(viewer.token)).assignments[0]!.variant).toBe(expected);
    }
    expect(await exposed()).toEqual(exposure);
    expect(await exposureCounts(env, experiment.id)).toEqual({ [expected]: 1 });
  });

  it("leaves out profiles outside the allocation, and stopped experiments", async () => {
    const experiment = await runExperiment(admin, { variants: ARTWORK, allocationPercent: 0 });
    const viewer = await viewerToken();
    expect((await assignments(viewer.token)).assignments).toEqual([]);
    await patched(experiment.id, { allocationPercent: 100 });
    expect((await assignments(viewer.token)).assignments).toHaveLength(1);
    await patched(experiment.id, { status: "stopped" });
    const after = await assignments(viewer.token);
    expect(after).toMatchObject({ assignments: [], variants: [] });
    expect(after.config).toEqual({
      homeRowOrder: [],
      artwork: "poster",
      abr: { policy: "hybrid-default", params: {} },
    });
  });

  it("honours targeting of kids profiles", async () => {
    const experiment = await runExperiment(admin, { variants: ARTWORK, targeting: { kids: true } });
    const owner = await registerAccount();
    const kids = await createProfile(owner.accessToken, { name: "Kid", isKids: true });
    const kidsToken = await selectProfile(owner.accessToken, kids.id);
    const grownUp = await viewerToken();
    expect((await assignments(kidsToken)).assignments.map((a) => a.experimentId)).toEqual([
      experiment.id,
    ]);
    expect((await assignments(grownUp.token)).assignments).toEqual([]);
  });

  it("honours targeting of device types, read from the User-Agent", async () => {
    const experiment = await runExperiment(admin, {
      variants: ARTWORK,
      targeting: { deviceTypes: ["mobile"] },
    });
    const viewer = await viewerToken();
    const onPhone = await assignments(viewer.token, { "user-agent": IPHONE });
    expect(onPhone.assignments.map((a) => a.experimentId)).toEqual([experiment.id]);
    const onDesktop = await assignments(viewer.token, {
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36",
    });
    expect(onDesktop.assignments).toEqual([]);
    // Country targeting: the test runtime has no Request.cf, so every request is "XX".
    await patched(experiment.id, { status: "stopped" });
    await runExperiment(admin, { variants: ARTWORK, targeting: { countries: ["DE"] } });
    expect((await assignments(viewer.token, { "user-agent": IPHONE })).assignments).toEqual([]);
  });

  it("needs a chosen profile", async () => {
    const account = await registerAccount();
    await expectError(
      await request("/api/assignments", { token: account.accessToken }),
      403,
      "profile_required",
    );
  });
});

describe("results", () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;

  /** One rollup row; the columns not given are 0. */
  function rollup(minute: number, variant: string, counts: Record<string, number>) {
    const columns = Object.keys(counts);
    return env.DB.prepare(
      `insert into qoe_minute_rollups (minute, title_id, device_type, country, abr_policy, variant, ${columns.join(", ")})
       values (?, 'title-1', 'desktop', 'XX', 'hybrid-default', ?, ${columns.map(() => "?").join(", ")})`,
    ).bind(minute, variant, ...Object.values(counts));
  }

  const unitRow = (
    experimentId: string,
    profileId: string,
    variant: string,
    playedMs: number,
    views: number,
    completions: number,
  ) =>
    env.DB.prepare(
      "insert into experiment_unit_metrics (experiment_id, profile_id, variant, played_ms, views, completions) values (?, ?, ?, ?, ?, ?)",
    ).bind(experimentId, profileId, variant, playedMs, views, completions);

  /*
   * Control: 400 first frames with mean startup 1200 ms and sd 300
   * (Σx = 480 000, Σx² = 399·300² + 400·1200² = 611 910 000), 120 of 2000
   * views failed, 100 exited before the start. Treatment: 350 first frames,
   * mean 1150, sd 420 (Σx = 402 500, Σx² = 349·420² + 350·1150² =
   * 524 438 600), 90 of 2000 failed, 100 exited. Each is split over two
   * minutes to check the sums; rows before the start and the "" rows must
   * not count.
   */
  async function seed(experiment: ExperimentBody) {
    const start = Date.parse(experiment.startsAt!);
    const minute = Math.floor(start / MINUTE) * MINUTE;
    const [control, treatment] = [`${experiment.id}:control`, `${experiment.id}:treatment-1`];
    await env.DB.batch([
      rollup(minute, control, {
        views_started: 1000,
        first_frames: 150,
        startup_ms_sum: 180_000,
        startup_ms_sum_squares: 250_000_000,
        failed_views: 70,
        exits_before_start: 40,
        played_ms: 3_000_000,
        rebuffer_ms: 30_000,
        bitrate_kbps_ms: 3_000_000 * 2500,
      }),
      rollup(minute + 5 * MINUTE, control, {
        views_started: 1000,
        first_frames: 250,
        startup_ms_sum: 300_000,
        startup_ms_sum_squares: 361_910_000,
        failed_views: 50,
        exits_before_start: 60,
        played_ms: 1_000_000,
        rebuffer_ms: 10_000,
        bitrate_kbps_ms: 1_000_000 * 1500,
      }),
      rollup(minute + MINUTE, treatment, {
        views_started: 2000,
        first_frames: 350,
        startup_ms_sum: 402_500,
        startup_ms_sum_squares: 524_438_600,
        failed_views: 90,
        exits_before_start: 100,
        played_ms: 4_000_000,
        rebuffer_ms: 20_000,
        bitrate_kbps_ms: 4_000_000 * 3000,
      }),
      // Outside the window, and the all-views row: neither counts.
      rollup(minute - 2 * HOUR, control, { views_started: 5000, failed_views: 5000 }),
      rollup(minute + MINUTE, "", { views_started: 7000, failed_views: 7000 }),
      // Watch time per exposed profile: c4, c5 and t5 were exposed but watched nothing (no row).
      unitRow(experiment.id, "c1", "control", 600_000, 3, 1),
      unitRow(experiment.id, "c2", "control", 1_200_000, 3, 1),
      unitRow(experiment.id, "c3", "control", 1_800_000, 4, 1),
      unitRow(experiment.id, "t1", "treatment-1", 2_400_000, 3, 2),
      unitRow(experiment.id, "t2", "treatment-1", 1_800_000, 3, 2),
      unitRow(experiment.id, "t3", "treatment-1", 3_000_000, 3, 3),
      unitRow(experiment.id, "t4", "treatment-1", 600_000, 3, 1),
    ]);
    for (const profile of ["c1", "c2", "c3", "c4", "c5"])
      await recordExposure(env, experiment.id, profile, "control");
    for (const profile of ["t1", "t2", "t3", "t4", "t5"])
      await recordExposure(env, experiment.id, profile, "treatment-1");
  }

  interface MetricResult {
    metric: string;
    sampleSize: number;
    value: number | null;
    interval: [number, number] | null;
    vsControl: {
      difference: number;
      interval: [number, number];
      statistic: number;
      df: number | null;
      pValue: number;
      significant: boolean;
    } | null;
    note: string | null;
  }
  interface Results {
    window: { from: string; to: string } | null;
    sampleRatio: { chiSquare: number; pValue: number; mismatch: boolean };
    warnings: string[];
    variants: { key: string; exposures: number; views: number; metrics: MetricResult[] }[];
  }

  async function results(id: string) {
    const response = await request(`/api/admin/experiments/${id}/results`, { token: admin });
    expect(response.status).toBe(200);
    return (await response.json()) as Results;
  }

  const metric = (body: Results, variant: number, name: string) =>
    body.variants[variant]!.metrics.find((m) => m.metric === name)!;

  it("gives each variant its metrics with intervals and tests against the control", async () => {
    const experiment = await createExperiment(admin, {
      variants: variants({}, { homeRowOrder: ["new_releases"] }),
      status: "running",
      startsAt: new Date(Date.now() - HOUR).toISOString(),
    });
    await seed(experiment);
    const body = await results(experiment.id);
    expect(body.window!.from).toBe(
      new Date(Math.floor(Date.parse(experiment.startsAt!) / MINUTE) * MINUTE).toISOString(),
    );
    expect(body.variants.map((v) => [v.key, v.exposures, v.views])).toEqual([
      ["control", 5, 2000],
      ["treatment-1", 5, 2000],
    ]);
    expect(body.sampleRatio.mismatch).toBe(false);
    expect(body.warnings).toEqual([]);

    // Startup: scipy.stats.ttest_ind_from_stats(1150, 420, 350, 1200, 300, 400, equal_var=False)
    const startup = metric(body, 1, "startup_time");
    expect(startup.sampleSize).toBe(350);
    expect(startup.value).toBeCloseTo(1150, 9);
    expect(startup.vsControl!.difference).toBeCloseTo(-50, 9);
    expect(startup.vsControl!.statistic).toBeCloseTo(-1.8518518518518519, 9);
    expect(startup.vsControl!.df).toBeCloseTo(621.7725945954406, 6);
    expect(startup.vsControl!.pValue).toBeCloseTo(0.06452094933163498, 9);
    expect(startup.vsControl!.interval[0]).toBeCloseTo(-103.02223905780588, 6);
    expect(startup.vsControl!.significant).toBe(false);
    expect(metric(body, 0, "startup_time")).toMatchObject({ value: 1200, vsControl: null });

    // Failures: 90/2000 against 120/2000: z = −2.126777210754324, p = 0.03343859867669464.
    const failures = metric(body, 1, "playback_failure");
    expect(failures.value).toBeCloseTo(4.5, 9);
    expect(failures.vsControl!.difference).toBeCloseTo(-1.5, 9);
    expect(failures.vsControl!.statistic).toBeCloseTo(-2.126777210754324, 9);
    expect(failures.vsControl!.pValue).toBeCloseTo(0.03343859867669464, 9);
    expect(failures.vsControl!.interval[0]).toBeCloseTo(-2.881566086559884, 7);
    expect(failures.vsControl!.significant).toBe(true);
    expect(metric(body, 1, "exits_before_start").vsControl).toMatchObject({
      statistic: 0,
      pValue: 1,
    });

    // Watch time per exposed profile, zeros for c4, c5, t5:
    // scipy.stats.ttest_ind([2.4e6, 1.8e6, 3e6, 6e5, 0], [6e5, 1.2e6, 1.8e6, 0, 0], equal_var=False)
    const watch = metric(body, 1, "watch_time_per_profile");
    expect(watch.sampleSize).toBe(5);
    expect(watch.value).toBeCloseTo(1_560_000, 6);
    expect(watch.vsControl!.difference).toBeCloseTo(840_000, 6);
    expect(watch.vsControl!.statistic).toBeCloseTo(1.2780193008453875, 9);
    expect(watch.vsControl!.df).toBeCloseTo(6.735266604303088, 9);
    expect(watch.vsControl!.pValue).toBeCloseTo(0.24352179503851829, 9);
    expect(watch.vsControl!.interval[1]).toBeCloseTo(2_406_659.517427845, 3);
    expect(metric(body, 0, "watch_time_per_profile").value).toBeCloseTo(720_000, 6);

    // Completions: 8/12 against 3/10: z = 1.7126976771553504, p = 0.08676817270387573.
    const completion = metric(body, 1, "completion_rate");
    expect(completion.vsControl!.statistic).toBeCloseTo(1.7126976771553504, 9);
    expect(completion.vsControl!.pValue).toBeCloseTo(0.08676817270387573, 9);

    // Ratio metrics are shown, without a test: control rebuffering 40 000 ms of
    // 4 000 000 played + 40 000 rebuffering + 480 000 startup.
    const rebuffer = metric(body, 0, "rebuffer_percentage");
    expect(rebuffer.value).toBeCloseTo((100 * 40_000) / 4_520_000, 9);
    expect(rebuffer.vsControl).toBeNull();
    expect(rebuffer.note).toMatch(/without a test/);
    expect(metric(body, 0, "average_bitrate").value).toBeCloseTo(2250, 9);
    expect(metric(body, 1, "average_bitrate")).toMatchObject({ value: 3000, vsControl: null });
  });

  it("reports only the metrics the experiment names", async () => {
    const experiment = await runExperiment(admin, {
      variants: variants({}, { artwork: "backdrop" }),
      metrics: ["completion_rate", "startup_time"],
    });
    const body = await results(experiment.id);
    expect(body.variants[0]!.metrics.map((m) => m.metric)).toEqual([
      "completion_rate",
      "startup_time",
    ]);
    expect(body.warnings).toEqual(["No profile has been exposed to this experiment yet."]);
    expect(metric(body, 1, "startup_time")).toMatchObject({
      sampleSize: 0,
      value: null,
      vsControl: null,
    });
  });

  it("warns of a sample ratio mismatch when exposures do not follow the weights", async () => {
    const experiment = await runExperiment(admin, { variants: ARTWORK });
    // 60 against 20 on a 50/50 split: scipy.stats.chisquare([60, 20]) = 20.0, p = 7.744e-6.
    // The profiles fall in many shards; the results add them all up.
    for (let i = 0; i < 60; i++) await recordExposure(env, experiment.id, `a${i}`, "control");
    for (let i = 0; i < 20; i++) await recordExposure(env, experiment.id, `b${i}`, "treatment-1");
    const body = await results(experiment.id);
    expect(body.sampleRatio.chiSquare).toBeCloseTo(20, 9);
    expect(body.sampleRatio.pValue).toBeCloseTo(7.744216431044088e-6, 12);
    expect(body.sampleRatio.mismatch).toBe(true);
    expect(body.warnings.join(" ")).toMatch(/Sample ratio mismatch: exposures 60 \/ 20/);
  });

  it("has no window before the experiment starts", async () => {
    const draft = await createExperiment(admin, { variants: ARTWORK });
    expect((await results(draft.id)).window).toBeNull();
  });
});
