/** Request and response schemas of the QoE API: events in, metrics out. */
import { z } from "@hono/zod-openapi";
import { DEVICE_TYPES } from "../../../../lib/qoe/device-type.ts";
import { QoeMetricsSchema } from "../../../../lib/qoe/metrics.ts";

export { QoeBatchSchema } from "../../../../lib/qoe/events.ts";

export const QoeBatchAcceptedSchema = z
  .object({
    accepted: z.number().int().openapi({ description: "Events accepted." }),
    duplicate: z
      .boolean()
      .openapi({ description: "This batch id was already counted; nothing was added." }),
  })
  .openapi("QoeBatchAccepted");

/** The longest window one read may cover. */
export const MAX_WINDOW_DAYS = 90;

export const QoeQuerySchema = z
  .object({
    from: z.iso
      .datetime()
      .optional()
      .openapi({ description: "Window start (default: 24 hours before `to`)." }),
    to: z.iso.datetime().optional().openapi({ description: "Window end (default: now)." }),
    titleId: z.uuid().optional(),
    deviceType: z.enum(DEVICE_TYPES).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, { message: "an ISO 3166 alpha-2 code" })
      .optional(),
    abrPolicy: z.string().min(1).max(64).optional(),
    variant: z
      .string()
      .regex(/^[0-9a-f-]{36}:[a-z0-9-]{1,32}$/, { message: "<experimentId>:<variantKey>" })
      .optional()
      .openapi({ description: "An experiment variant, as `<experimentId>:<variantKey>`." }),
  })
  .openapi("QoeQuery");

export const STEP_MINUTES = [1, 5, 15, 60, 360, 1440] as const;

export const QoeTimeseriesQuerySchema = QoeQuerySchema.extend({
  stepMinutes: z.coerce
    .number()
    .int()
    .refine((value) => (STEP_MINUTES as readonly number[]).includes(value), {
      message: `one of ${STEP_MINUTES.join(", ")}`,
    })
    .optional()
    .openapi({ description: "Point spacing (default: the finest giving at most 300 points)." }),
}).openapi("QoeTimeseriesQuery");

const WindowSchema = z.object({ from: z.iso.datetime(), to: z.iso.datetime() });

const OptionSchema = z.object({ value: z.string(), label: z.string() });

export const QoeSummarySchema = z
  .object({
    window: WindowSchema,
    metrics: QoeMetricsSchema,
    /** Startup times in display bins, for the distribution chart. */
    startupDistribution: z.array(
      z.object({
        label: z.string().openapi({ example: "0.5–1 s" }),
        upToMs: z.number().nullable(),
        views: z.number().int(),
      }),
    ),
    /** The values present in the window, for the dashboard's filters. */
    dimensions: z.object({
      titles: z.array(OptionSchema),
      deviceTypes: z.array(OptionSchema),
      countries: z.array(OptionSchema),
      abrPolicies: z.array(OptionSchema),
      variants: z.array(OptionSchema),
    }),
  })
  .openapi("QoeSummary");

export const QoePointSchema = z
  .object({
    start: z.iso.datetime(),
    views: z.number().int(),
    startupP50Ms: z.number().nullable(),
    startupP95Ms: z.number().nullable(),
    rebufferPercentage: z.number().nullable(),
    playbackFailurePercentage: z.number().nullable(),
    exitsBeforeVideoStartPercentage: z.number().nullable(),
    averageBitrateKbps: z.number().nullable(),
    upscalePercentage: z.number().nullable(),
    viewerExperienceScore: z.number().nullable(),
    watchHours: z.number(),
    concurrentViewers: z
      .number()
      .int()
      .openapi({ description: "Most views active in any one minute of the step." }),
  })
  .openapi("QoePoint");

export const QoeTimeseriesSchema = z
  .object({ window: WindowSchema, stepMinutes: z.number().int(), points: z.array(QoePointSchema) })
  .openapi("QoeTimeseries");
