/**
 * Allocation over 100,000 generated profile ids: variant shares pass a
 * chi-square goodness-of-fit test against the weights, the share in the
 * experiment matches the allocation, and nothing but the allocation and
 * the variants' keys and weights moves anyone. The ids come from a seeded
 * generator, so every run tests the same ids.
 */
import { describe, expect, it } from "vitest";
import { assignVariant, isTargeted, type Allocatable } from "./allocation.ts";
import { sampleRatioCheck } from "./stats.ts";

const EXPERIMENT_ID = "7d3c6f0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f";
const PROFILES = 100_000;

/** UUID-shaped ids from a seeded xorshift32: random-looking, the same every run. */
function generatedIds(count: number, seed = 0x2545f491): string[] {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0).toString(16).padStart(8, "0");
  };
  return Array.from({ length: count }, () => {
    const [a, b, c, d] = [next(), next(), next(), next()];
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-8${c.slice(1, 4)}-${c.slice(4)}${d}`;
  });
}
const ids = generatedIds(PROFILES);

/**
 * Chi-square critical values at α = 0.01 (scipy.stats.chi2.ppf(0.99, df)):
 * a correct allocation fails this test one time in a hundred by chance; the
 * generated ids are fixed, so the outcome is too.
 */
const CHI_SQUARE_CRITICAL_1_PERCENT: Record<number, number> = {
  1: 6.6348966010212145,
  2: 9.21034037197618,
  3: 11.344866730144373,
};

interface Plan extends Allocatable {
  variants: { key: string; name?: string; weight: number }[];
  [field: string]: unknown;
}

/** A whole experiment (name, end date, …), of which allocation reads only some fields. */
function experiment(overrides: Partial<Plan> = {}): Plan {
  return {
    id: EXPERIMENT_ID,
    name: "Backdrop cards",
    description: "Do backdrops sell titles better than posters?",
    endsAt: "2027-01-01T00:00:00.000Z",
    allocationPercent: 100,
    variants: [
      { key: "control", name: "Posters", weight: 50 },
      { key: "backdrop", name: "Backdrops", weight: 30 },
      { key: "backdrop-logo", name: "Backdrops with logos", weight: 20 },
    ],
    ...overrides,
  };
}

function tally(plan: Allocatable) {
  const counts = new Map<string | null, number>();
  for (const id of ids) {
    const variant = assignVariant(id, plan);
    counts.set(variant, (counts.get(variant) ?? 0) + 1);
  }
  return counts;
}

function chiSquareOfShares(plan: Allocatable) {
  const counts = tally(plan);
  return sampleRatioCheck(
    plan.variants.map((variant) => counts.get(variant.key) ?? 0),
    plan.variants.map((variant) => variant.weight),
  );
}

describe("assignVariant", () => {
  it("is deterministic: murmurhash3 of profileId:experimentId decides", () => {
    const plan = experiment({
      allocationPercent: 50,
      variants: [
        { key: "control", weight: 5 },
        { key: "treatment", weight: 5 },
      ],
    });
    // hash 2235898708: bucket 8 (in), floor(hash / 100) mod 10 = 7 → the second half.
    expect(assignVariant("00000000-0000-4000-8000-00000000b002", plan)).toBe("treatment");
    // hash 3390051001: bucket 1, point 0 → control.
    expect(assignVariant("00000000-0000-4000-8000-00000000b003", plan)).toBe("control");
    // hash 2018696783: bucket 83, outside a 50% allocation.
    expect(assignVariant("profile-3", plan)).toBeNull();
    for (let i = 0; i < 3; i++) {
      expect(assignVariant("00000000-0000-4000-8000-00000000b002", plan)).toBe("treatment");
    }
  });

  it.each([
    ["50/30/20, everyone in", experiment()],
    ["50/30/20, 30% in", experiment({ allocationPercent: 30 })],
    [
      "1/2/3/4, 7% in",
      experiment({
        allocationPercent: 7,
        variants: [1, 2, 3, 4].map((weight) => ({ key: `v${weight}`, weight })),
      }),
    ],
    [
      "50/50, 100% in",
      experiment({
        variants: [
          { key: "a", weight: 1 },
          { key: "b", weight: 1 },
        ],
      }),
    ],
  ])("splits %s by the weights (chi-square below its critical value at α = 0.01)", (_, plan) => {
    const check = chiSquareOfShares(plan);
    expect(check.chiSquare).toBeLessThan(CHI_SQUARE_CRITICAL_1_PERCENT[check.df]!);
  });

  it("would fail that test on a biased split: it has the power to notice 2 points", () => {
    const plan = experiment();
    const counts = tally(plan);
    const skewed = [
      counts.get("control")! + 2000,
      counts.get("backdrop")! - 2000,
      counts.get("backdrop-logo")!,
    ];
    expect(sampleRatioCheck(skewed, [50, 30, 20]).chiSquare).toBeGreaterThan(
      CHI_SQUARE_CRITICAL_1_PERCENT[2]!,
    );
  });

  it.each([1, 12, 30, 77])(
    "puts the allocated share in: %d percent (within 3.29 standard errors, α = 0.001)",
    (percent) => {
      const inside = ids.filter((id) =>
        assignVariant(id, experiment({ allocationPercent: percent })),
      );
      const share = percent / 100;
      const standardError = Math.sqrt((share * (1 - share)) / PROFILES);
      expect(Math.abs(inside.length / PROFILES - share)).toBeLessThan(3.29 * standardError);
    },
  );

  it("puts nobody in at 0% and everybody at 100%", () => {
    expect(tally(experiment({ allocationPercent: 0 }))).toEqual(new Map([[null, PROFILES]]));
    expect(tally(experiment()).has(null)).toBe(false);
  });

  it("moves nobody when the name, description, end date or variant names change", () => {
    const before = experiment({ allocationPercent: 40 });
    const after = experiment({
      allocationPercent: 40,
      name: "Renamed",
      description: "Another description",
      endsAt: "2030-06-30T00:00:00.000Z",
      variants: before.variants.map((variant) => ({ ...variant, name: `${variant.name}!` })),
    });
    const moved = ids.filter((id) => assignVariant(id, before) !== assignVariant(id, after));
    expect(moved).toEqual([]);
  });

  it("only adds people when the allocation rises, each in the variant they would have had", () => {
    const at = (percent: number) => experiment({ allocationPercent: percent });
    let added = 0;
    for (const id of ids) {
      const before = assignVariant(id, at(20));
      const after = assignVariant(id, at(50));
      if (before !== null) expect(after).toBe(before);
      else if (after !== null) added++;
      // Whoever is in at 50% is in the variant 100% would give them.
      if (after !== null) expect(after).toBe(assignVariant(id, at(100)));
    }
    expect(added / PROFILES).toBeCloseTo(0.3, 1);
  });

  it("moves people when the weights change (which is why running experiments refuse it)", () => {
    const before = experiment();
    const after = experiment({
      variants: before.variants.map((variant, i) => ({ ...variant, weight: i === 0 ? 20 : 40 })),
    });
    const moved = ids.filter((id) => assignVariant(id, before) !== assignVariant(id, after));
    expect(moved.length).toBeGreaterThan(PROFILES / 10);
  });
});

describe("isTargeted", () => {
  const grownUpInGermanyOnTv = { country: "DE", deviceType: "tv", kids: false } as const;

  it("admits everyone when nothing is targeted", () => {
    expect(isTargeted({}, grownUpInGermanyOnTv)).toBe(true);
  });

  it("admits only the listed countries and device types", () => {
    expect(isTargeted({ countries: ["DE", "AT"] }, grownUpInGermanyOnTv)).toBe(true);
    expect(isTargeted({ countries: ["FR"] }, grownUpInGermanyOnTv)).toBe(false);
    expect(isTargeted({ deviceTypes: ["tv", "tablet"] }, grownUpInGermanyOnTv)).toBe(true);
    expect(isTargeted({ deviceTypes: ["mobile"] }, grownUpInGermanyOnTv)).toBe(false);
    expect(isTargeted({ countries: ["FR"] }, { ...grownUpInGermanyOnTv, country: "XX" })).toBe(
      false,
    );
  });

  it("targets kids profiles, grown-up profiles, or both when kids is absent", () => {
    const kids = { ...grownUpInGermanyOnTv, kids: true };
    expect(isTargeted({ kids: true }, kids)).toBe(true);
    expect(isTargeted({ kids: true }, grownUpInGermanyOnTv)).toBe(false);
    expect(isTargeted({ kids: false }, kids)).toBe(false);
    expect(isTargeted({ kids: false }, grownUpInGermanyOnTv)).toBe(true);
  });

  it("needs every criterion to hold", () => {
    expect(
      isTargeted({ countries: ["DE"], deviceTypes: ["tv"], kids: true }, grownUpInGermanyOnTv),
    ).toBe(false);
  });
});
