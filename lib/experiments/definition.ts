/**
 * What an experiment is, as admins write it: zod schemas for creating and
 * updating one, the product config a variant may set, and the metrics a
 * result may report. The D1 row (lib/db/schema.ts `experiments`) stores
 * variants, targeting and metrics as JSON that passed these schemas.
 *
 * A variant's `config` is a strict schema of exactly what the product
 * reads (lib/experiments/product-config.ts): the order of home rows, which
 * artwork cards show, and the ABR policy's name and parameters. Anything
 * else is refused, so an experiment can never set a knob nothing reads.
 */
import { z } from "zod";
import type { AbrParams } from "../abr/policy.ts";
import { ROW_KINDS } from "../catalog/home-rows.ts";
import { EXPERIMENT_STATUSES } from "../db/schema.ts";
import { DEVICE_TYPES } from "../qoe/device-type.ts";

/** Which artwork home and browse cards show. */
export const CARD_ARTWORKS = ["poster", "backdrop"] as const;
export type CardArtwork = (typeof CARD_ARTWORKS)[number];

/** The ABR policy name of the shipped parameters (DEFAULT_ABR_PARAMS); QoE slices by it. */
export const DEFAULT_ABR_POLICY = "hybrid-default";

/** The metrics a result reports (services/experiment-results.ts), by name. */
export const EXPERIMENT_METRICS = [
  "startup_time",
  "rebuffer_percentage",
  "playback_failure",
  "exits_before_start",
  "average_bitrate",
  "watch_time_per_profile",
  "completion_rate",
] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 8;
export const MAX_WEIGHT = 1000;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string) =>
  z.string().max(40).regex(SLUG, `${what} is a lower-case slug (letters, digits and '-').`);

const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;
const distinctList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).refine((items) => distinct(items), `${what} must not repeat.`);

/*
 * Bounds for each ABR parameter: wide enough for any sensible experiment,
 * narrow enough that no variant can make the player unusable (a horizon of
 * 1000 segments would stall it computing value tables). Typed against
 * AbrParams so a new parameter cannot be forgotten here.
 */
const ABR_PARAM_BOUNDS: Record<keyof AbrParams, z.ZodNumber> = {
  drift: z.number().min(0.001).max(0.5),
  noise: z.number().min(0.01).max(2),
  noisePriorWeight: z.number().min(0).max(50),
  horizon: z.number().int().min(1).max(40),
  rebufferPenalty: z.number().min(0).max(50),
  switchPenalty: z.number().min(0).max(20),
  abandonEstimateWeightSeconds: z.number().min(0).max(30),
};

export const AbrParamsOverrideSchema = z.strictObject(ABR_PARAM_BOUNDS).partial();

export const AbrConfigSchema = z
  .strictObject({
    policy: slug("The policy name"),
    params: AbrParamsOverrideSchema,
  })
  .refine((abr) => abr.policy !== DEFAULT_ABR_POLICY || Object.keys(abr.params).length === 0, {
    message: `"${DEFAULT_ABR_POLICY}" names the shipped parameters; give changed parameters a name of their own.`,
    path: ["policy"],
  });

/** The product config a variant sets; a key it leaves out keeps the product's default. */
export const VariantConfigSchema = z.strictObject({
  homeRowOrder: distinctList(z.enum(ROW_KINDS), "Row kinds").min(1).optional(),
  artwork: z.enum(CARD_ARTWORKS).optional(),
  abr: AbrConfigSchema.optional(),
});
export type VariantConfig = z.infer<typeof VariantConfigSchema>;
export type ConfigKey = keyof VariantConfig;
export const CONFIG_KEYS = Object.keys(VariantConfigSchema.shape) as ConfigKey[];

export const VariantSchema = z.strictObject({
  key: slug("A variant key"),
  name: z.string().trim().min(1).max(80),
  weight: z.number().int().min(1).max(MAX_WEIGHT),
  config: VariantConfigSchema,
});
export type Variant = z.infer<typeof VariantSchema>;

export const TargetingSchema = z.strictObject({
  countries: distinctList(
    z.string().regex(/^[A-Z]{2}$/, "A country is an ISO 3166 alpha-2 code, e.g. DE."),
    "Countries",
  )
    .min(1)
    .max(250)
    .optional(),
  deviceTypes: distinctList(z.enum(DEVICE_TYPES), "Device types").min(1).optional(),
  kids: z.boolean().optional(),
});
export type Targeting = z.infer<typeof TargetingSchema>;

const fields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000),
  /** The first variant is the control every other is compared with. */
  variants: z
    .array(VariantSchema)
    .min(MIN_VARIANTS)
    .max(MAX_VARIANTS)
    .refine((variants) => distinct(variants.map((v) => v.key)), "Variant keys must not repeat."),
  allocationPercent: z.number().int().min(0).max(100),
  targeting: TargetingSchema,
  metrics: distinctList(z.enum(EXPERIMENT_METRICS), "Metrics").min(1),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  status: z.enum(EXPERIMENT_STATUSES),
};

type Window = { startsAt?: string | null | undefined; endsAt?: string | null | undefined };
const endsAfterStart = (value: Window, issues: z.RefinementCtx) => {
  if (value.startsAt && value.endsAt && Date.parse(value.endsAt) <= Date.parse(value.startsAt)) {
    issues.addIssue({
      code: "custom",
      path: ["endsAt"],
      message: "endsAt must be after startsAt.",
    });
  }
};

/** A whole experiment definition: what is stored, and what an update must leave behind. */
export const ExperimentDefinitionSchema = z.strictObject(fields).superRefine(endsAfterStart);
export type ExperimentDefinition = z.infer<typeof ExperimentDefinitionSchema>;

export const CreateExperimentSchema = z
  .strictObject({
    ...fields,
    description: fields.description.default(""),
    targeting: fields.targeting.default({}),
    metrics: fields.metrics.default([...EXPERIMENT_METRICS]),
    startsAt: fields.startsAt.default(null),
    endsAt: fields.endsAt.default(null),
    // Created stopped would be an experiment that never ran.
    status: z.enum(["draft", "running"]).default("draft"),
  })
  .superRefine(endsAfterStart);
export type CreateExperimentInput = z.infer<typeof CreateExperimentSchema>;

export const UpdateExperimentSchema = z
  .strictObject(fields)
  .partial()
  .refine((update) => Object.keys(update).length > 0, "Change at least one field.")
  .superRefine(endsAfterStart);
export type UpdateExperimentInput = z.infer<typeof UpdateExperimentSchema>;
