/** What may change on a draft, a running and a stopped experiment. */
import { describe, expect, it } from "vitest";
import { changeViolations } from "./change-rules.ts";
import type { ExperimentDefinition } from "./definition.ts";

const running: ExperimentDefinition = {
  name: "Row order",
  description: "New releases first",
  variants: [
    { key: "control", name: "As built", weight: 1, config: {} },
    { key: "fresh", name: "New first", weight: 1, config: { homeRowOrder: ["new_releases"] } },
  ],
  allocationPercent: 20,
  targeting: { countries: ["DE"] },
  metrics: ["watch_time_per_profile"],
  startsAt: "2026-01-01T00:00:00.000Z",
  endsAt: null,
  status: "running",
};

const fieldsOf = (current: ExperimentDefinition, next: Partial<ExperimentDefinition>) =>
  changeViolations(current, { ...current, ...next }).map((violation) => violation.field);

describe("a running experiment", () => {
  it.each<[string, Partial<ExperimentDefinition>]>([
    ["a new name and description", { name: "Renamed", description: "Why not" }],
    ["a later end", { endsAt: "2027-01-01T00:00:00.000Z" }],
    ["other metrics", { metrics: ["startup_time", "completion_rate"] }],
    ["a higher allocation", { allocationPercent: 60 }],
    ["being stopped", { status: "stopped" }],
    [
      "new variant names",
      { variants: running.variants.map((variant) => ({ ...variant, name: "Renamed" })) },
    ],
  ])("allows %s", (_, change) => {
    expect(fieldsOf(running, change)).toEqual([]);
  });

  it.each<[string, Partial<ExperimentDefinition>, string]>([
    ["a lower allocation", { allocationPercent: 10 }, "allocationPercent"],
    [
      "a changed weight",
      { variants: [running.variants[0]!, { ...running.variants[1]!, weight: 2 }] },
      "variants",
    ],
    [
      "a renamed key",
      { variants: [running.variants[0]!, { ...running.variants[1]!, key: "newest" }] },
      "variants",
    ],
    ["swapped variants", { variants: [running.variants[1]!, running.variants[0]!] }, "variants"],
    [
      "an added variant",
      {
        variants: [
          ...running.variants,
          { key: "third", name: "Third", weight: 1, config: { artwork: "backdrop" } },
        ],
      },
      "variants",
    ],
    [
      "a changed treatment",
      {
        variants: [
          running.variants[0]!,
          { ...running.variants[1]!, config: { homeRowOrder: ["trending"] } },
        ],
      },
      "variants",
    ],
    ["other targeting", { targeting: { countries: ["DE", "AT"] } }, "targeting"],
    ["no targeting", { targeting: {} }, "targeting"],
    ["a moved start", { startsAt: "2026-02-01T00:00:00.000Z" }, "startsAt"],
    ["going back to draft", { status: "draft" }, "status"],
  ])("refuses %s", (_, change, field) => {
    expect(fieldsOf(running, change)).toEqual([field]);
  });

  it("names every refused change at once", () => {
    expect(fieldsOf(running, { allocationPercent: 5, targeting: {}, name: "Fine" })).toEqual([
      "targeting",
      "allocationPercent",
    ]);
  });
});

describe("a draft", () => {
  it("may change in every way", () => {
    const draft = { ...running, status: "draft" as const };
    expect(
      fieldsOf(draft, {
        allocationPercent: 1,
        targeting: {},
        variants: [running.variants[1]!, running.variants[0]!],
        startsAt: null,
        status: "running",
      }),
    ).toEqual([]);
  });
});

describe("a stopped experiment", () => {
  const stopped = { ...running, status: "stopped" as const };

  it("is final", () => {
    expect(fieldsOf(stopped, { status: "running" })).toEqual(["status"]);
    expect(fieldsOf(stopped, { name: "Renamed", allocationPercent: 50 })).toEqual([
      "name",
      "allocationPercent",
    ]);
  });

  it("takes a change that changes nothing", () => {
    expect(fieldsOf(stopped, { name: running.name })).toEqual([]);
  });
});
