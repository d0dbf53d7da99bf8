/**
 * Schemas of experiments: the admin API's requests (the definitions in
 * lib/experiments/definition.ts, named for the OpenAPI document), stored
 * experiments, results, and a profile's assignments.
 */
import { z } from "@hono/zod-openapi";
import { EXPERIMENT_STATUSES } from "../../../../lib/db/schema.ts";
import {
  AbrConfigSchema,
  CARD_ARTWORKS,
  CreateExperimentSchema as CreateDefinition,
  EXPERIMENT_METRICS,
  TargetingSchema,
  UpdateExperimentSchema as UpdateDefinition,
  VariantConfigSchema,
  VariantSchema,
} from "../../../../lib/experiments/definition.ts";
import { ROW_KINDS } from "../../../../lib/catalog/home-rows.ts";

export const CreateExperimentSchema = CreateDefinition.openapi("CreateExperiment", {
  description:
    "The first variant is the control. Starting (status running) without startsAt starts now.",
});

export const UpdateExperimentSchema = UpdateDefinition.openapi("UpdateExperiment", {
  description:
    "Any fields to change. A running experiment takes a new name, description, metrics, end, a higher allocation or status stopped; anything that would move people between variants is a 409. A stopped experiment is final.",
});

export const ListExperimentsQuery = z.object({ status: z.enum(EXPERIMENT_STATUSES).optional() });

export const ExperimentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    status: z.enum(EXPERIMENT_STATUSES),
    allocationPercent: z.number().int(),
    variants: z.array(VariantSchema.openapi("ExperimentVariant")),
    targeting: TargetingSchema.openapi("ExperimentTargeting"),
    metrics: z.array(z.enum(EXPERIMENT_METRICS)),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Experiment");

export const ExperimentListSchema = z
  .object({ experiments: z.array(ExperimentSchema) })
  .openapi("ExperimentList");

const IntervalSchema = z
  .tuple([z.number(), z.number()])
  .openapi({ description: "A 95% confidence interval: [low, high]." });

const ComparisonSchema = z
  .object({
    difference: z.number().openapi({ description: "Variant − control, in the metric's unit." }),
    interval: IntervalSchema,
    statistic: z.number().openapi({ description: "z (rates) or t (means)." }),
    df: z.number().nullable().openapi({ description: "Welch–Satterthwaite df (means only)." }),
    pValue: z.number().openapi({ description: "Two-sided." }),
    significant: z.boolean().openapi({ description: "pValue < 0.05." }),
  })
  .openapi("ExperimentComparison");

const MetricResultSchema = z
  .object({
    metric: z.enum(EXPERIMENT_METRICS),
    kind: z.enum(["mean", "rate", "ratio"]),
    unit: z.enum(["ms", "percent", "kbps"]),
    better: z.enum(["higher", "lower"]).openapi({ description: "Which direction is better." }),
    sampleSize: z.number().int().openapi({
      description: "Units the value is over: views with a first frame, views, or exposed profiles.",
    }),
    value: z.number().nullable(),
    interval: IntervalSchema.nullable().openapi({ description: "Of the variant's own value." }),
    vsControl: ComparisonSchema.nullable().openapi({
      description: "Null for the control, ratio metrics and too little data.",
    }),
    test: z.enum(["welch", "z"]).nullable(),
    note: z.string().nullable(),
  })
  .openapi("ExperimentMetricResult");

export const ExperimentResultsSchema = z
  .object({
    experimentId: z.uuid(),
    name: z.string(),
    status: z.enum(EXPERIMENT_STATUSES),
    window: z
      .object({ from: z.iso.datetime(), to: z.iso.datetime() })
      .nullable()
      .openapi({ description: "The QoE window: start to min(end, now); null before the start." }),
    control: z.string(),
    sampleRatio: z.object({
      chiSquare: z.number(),
      df: z.number().int(),
      pValue: z.number(),
      alpha: z.number(),
      mismatch: z.boolean().openapi({ description: "pValue < alpha: the exposures are off." }),
    }),
    warnings: z.array(z.string()),
    variants: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        weight: z.number().int(),
        expectedShare: z.number(),
        exposures: z.number().int().openapi({ description: "Profiles exposed (sample size)." }),
        observedShare: z.number().nullable(),
        views: z.number().int(),
        metrics: z.array(MetricResultSchema),
      }),
    ),
  })
  .openapi("ExperimentResults");

export const ProductConfigSchema = z
  .object({
    homeRowOrder: z.array(z.enum(ROW_KINDS)).openapi({
      description: "Row kinds shown first, in this order; empty: as built.",
    }),
    artwork: z.enum(CARD_ARTWORKS),
    abr: AbrConfigSchema,
  })
  .openapi("ProductConfig");

export const AssignmentsSchema = z
  .object({
    profileId: z.uuid(),
    assignments: z.array(
      z.object({
        experimentId: z.uuid(),
        variant: z.string(),
        config: VariantConfigSchema.openapi("VariantConfig"),
      }),
    ),
    variants: z.array(z.string()).openapi({
      description: '"<experimentId>:<variantKey>" of each assignment.',
    }),
    config: ProductConfigSchema,
  })
  .openapi("Assignments");
