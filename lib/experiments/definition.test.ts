/** The experiment schemas: what admins may write, and what they may not. */
import { describe, expect, it } from "vitest";
import {
  CreateExperimentSchema,
  EXPERIMENT_METRICS,
  UpdateExperimentSchema,
  VariantConfigSchema,
} from "./definition.ts";

const valid = {
  name: "Backdrop cards",
  variants: [
    { key: "control", name: "Posters", weight: 1, config: {} },
    { key: "backdrop", name: "Backdrops", weight: 1, config: { artwork: "backdrop" } },
  ],
  allocationPercent: 20,
};

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("CreateExperimentSchema", () => {
  it("fills in the defaults: a draft on everyone, reporting every metric", () => {
    expect(CreateExperimentSchema.parse(valid)).toEqual({
      ...valid,
      description: "",
      targeting: {},
      metrics: [...EXPERIMENT_METRICS],
      startsAt: null,
      endsAt: null,
      status: "draft",
    });
  });

  it.each([
    ["one variant", { variants: valid.variants.slice(0, 1) }, "variants"],
    [
      "nine variants",
      {
        variants: Array.from({ length: 9 }, (_, i) => ({
          key: `v${i}`,
          name: `V${i}`,
          weight: 1,
          config: {},
        })),
      },
      "variants",
    ],
    ["a repeated key", { variants: [valid.variants[0], valid.variants[0]] }, "variants"],
    [
      "a key that is not a slug",
      { variants: [{ ...valid.variants[0], key: "Control A" }, valid.variants[1]] },
      "variants.0.key",
    ],
    [
      "a weight of zero",
      { variants: [{ ...valid.variants[0], weight: 0 }, valid.variants[1]] },
      "variants.0.weight",
    ],
    [
      "a fractional weight",
      { variants: [{ ...valid.variants[0], weight: 1.5 }, valid.variants[1]] },
      "variants.0.weight",
    ],
    ["an allocation over 100", { allocationPercent: 101 }, "allocationPercent"],
    [
      "a country that is not alpha-2",
      { targeting: { countries: ["DEU"] } },
      "targeting.countries.0",
    ],
    [
      "an unknown device type",
      { targeting: { deviceTypes: ["watch"] } },
      "targeting.deviceTypes.0",
    ],
    ["an empty country list", { targeting: { countries: [] } }, "targeting.countries"],
    ["an unknown metric", { metrics: ["happiness"] }, "metrics.0"],
    ["a repeated metric", { metrics: ["startup_time", "startup_time"] }, "metrics"],
    [
      "an end before the start",
      { startsAt: "2027-02-01T00:00:00.000Z", endsAt: "2027-01-01T00:00:00.000Z" },
      "endsAt",
    ],
    ["a stopped experiment", { status: "stopped" }, "status"],
    ["an unknown field", { owner: "me" }, ""],
  ])("refuses %s", (_, change, path) => {
    expect(issuesOf(CreateExperimentSchema.safeParse({ ...valid, ...change }))).toContain(path);
  });
});

describe("VariantConfigSchema", () => {
  it("takes what the product reads", () => {
    const config = {
      homeRowOrder: ["new_releases", "trending"],
      artwork: "backdrop",
      abr: { policy: "careful", params: { rebufferPenalty: 8, horizon: 30 } },
    };
    expect(VariantConfigSchema.parse(config)).toEqual(config);
  });

  it.each([
    ["an unknown knob", { autoplay: true }, ""],
    ["an unknown row kind", { homeRowOrder: ["sports"] }, "homeRowOrder.0"],
    ["a repeated row kind", { homeRowOrder: ["trending", "trending"] }, "homeRowOrder"],
    ["an unknown artwork", { artwork: "logo" }, "artwork"],
    ["an unknown ABR parameter", { abr: { policy: "x", params: { speed: 2 } } }, "abr.params"],
    [
      "an ABR parameter out of bounds",
      { abr: { policy: "x", params: { horizon: 1000 } } },
      "abr.params.horizon",
    ],
    [
      "a policy name that is not a slug",
      { abr: { policy: "My Policy", params: {} } },
      "abr.policy",
    ],
    [
      "changed parameters under the default policy's name",
      { abr: { policy: "hybrid-default", params: { drift: 0.1 } } },
      "abr.policy",
    ],
  ])("refuses %s", (_, config, path) => {
    expect(issuesOf(VariantConfigSchema.safeParse(config))).toContain(path);
  });
});

describe("UpdateExperimentSchema", () => {
  it("takes any one field", () => {
    expect(UpdateExperimentSchema.parse({ endsAt: "2027-01-01T00:00:00.000Z" })).toEqual({
      endsAt: "2027-01-01T00:00:00.000Z",
    });
  });

  it("refuses an empty change", () => {
    expect(UpdateExperimentSchema.safeParse({}).success).toBe(false);
  });
});
