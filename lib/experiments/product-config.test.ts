/** Resolving a profile's product config from the variants it is in. */
import { describe, expect, it } from "vitest";
import { configKeysOf, DEFAULT_PRODUCT_CONFIG, productConfig } from "./product-config.ts";

describe("productConfig", () => {
  it("is the default without variants, or with variants that set nothing (controls)", () => {
    expect(productConfig([])).toEqual(DEFAULT_PRODUCT_CONFIG);
    expect(productConfig([{}, {}])).toEqual(DEFAULT_PRODUCT_CONFIG);
    expect(DEFAULT_PRODUCT_CONFIG.abr).toEqual({ policy: "hybrid-default", params: {} });
  });

  it("takes each key from the variant that sets it", () => {
    expect(
      productConfig([
        { artwork: "backdrop" },
        { abr: { policy: "careful", params: { rebufferPenalty: 8 } } },
      ]),
    ).toEqual({
      homeRowOrder: [],
      artwork: "backdrop",
      abr: { policy: "careful", params: { rebufferPenalty: 8 } },
    });
  });

  it("lets the first variant win a key two of them set", () => {
    expect(productConfig([{ artwork: "backdrop" }, { artwork: "poster" }]).artwork).toBe(
      "backdrop",
    );
  });
});

describe("configKeysOf", () => {
  it("lists the keys any variant sets, in a fixed order", () => {
    expect(
      configKeysOf([
        { config: {} },
        { config: { abr: { policy: "careful", params: {} }, homeRowOrder: ["trending"] } },
      ]),
    ).toEqual(["homeRowOrder", "abr"]);
  });
});
