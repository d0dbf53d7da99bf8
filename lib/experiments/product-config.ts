/**
 * The product config: the knobs of the product that experiments may turn,
 * resolved for one profile from the variants it is in. Surfaces read it
 * server-side: the home page (`homeRowOrder`, `artwork`), browse cards
 * (`artwork`) and startPlayback (`abr`, which also names the QoE slice
 * `abrPolicy` of the view).
 *
 * Two running experiments never set the same key (the admin API refuses
 * to start one that would), so resolving is a plain union; should two
 * ever overlap anyway, the first in the given order wins.
 */
import type { AbrParams } from "../abr/policy.ts";
import type { RowKind } from "../catalog/home-rows.ts";
import {
  CONFIG_KEYS,
  DEFAULT_ABR_POLICY,
  type CardArtwork,
  type ConfigKey,
  type VariantConfig,
} from "./definition.ts";

export interface ProductConfig {
  /** Row kinds to put first, in this order; the others follow as built. Empty: as built. */
  homeRowOrder: RowKind[];
  artwork: CardArtwork;
  abr: { policy: string; params: Partial<AbrParams> };
}

export const DEFAULT_PRODUCT_CONFIG: ProductConfig = {
  homeRowOrder: [],
  artwork: "poster",
  abr: { policy: DEFAULT_ABR_POLICY, params: {} },
};

/** The config of a profile in these variants (the earliest that sets a key wins it). */
export function productConfig(configs: readonly VariantConfig[]): ProductConfig {
  return {
    homeRowOrder:
      configs.find((config) => config.homeRowOrder)?.homeRowOrder ??
      DEFAULT_PRODUCT_CONFIG.homeRowOrder,
    artwork: configs.find((config) => config.artwork)?.artwork ?? DEFAULT_PRODUCT_CONFIG.artwork,
    abr: configs.find((config) => config.abr)?.abr ?? DEFAULT_PRODUCT_CONFIG.abr,
  };
}

/** The keys an experiment sets in any of its variants: the surfaces it changes. */
export function configKeysOf(variants: readonly { config: VariantConfig }[]): ConfigKey[] {
  return CONFIG_KEYS.filter((key) => variants.some((variant) => variant.config[key] !== undefined));
}
