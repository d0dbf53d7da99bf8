/** Request and response schemas of the engagement API. */
import { z } from "@hono/zod-openapi";

const Day = z.iso.date();

export const MAX_ENGAGEMENT_DAYS = 366;

export const EngagementQuerySchema = z
  .object({
    from: Day.optional().openapi({ description: "First UTC day (default: 29 days before `to`)." }),
    to: Day.optional().openapi({ description: "Last UTC day, included (default: today)." }),
  })
  .openapi("EngagementQuery");

const Ranked = z.object({ id: z.string(), name: z.string(), hoursWatched: z.number() });

export const EngagementSchema = z
  .object({
    window: z.object({ from: Day, to: Day }),
    days: z.array(
      z.object({
        day: Day,
        activeProfiles: z.number().int(),
        hoursWatched: z.number(),
        starts: z.number().int(),
        completions: z.number().int(),
        completionRate: z.number().nullable(),
        topTitles: z.array(Ranked).openapi({ description: "Top 5 by hours watched." }),
        topGenres: z.array(Ranked).openapi({ description: "Top 5 by hours watched." }),
      }),
    ),
    totals: z.object({
      activeProfiles: z.number().int().openapi({ description: "Distinct profiles in the window." }),
      monthlyActiveProfiles: z
        .number()
        .int()
        .openapi({ description: "Distinct profiles in the 30 days ending on `to`." }),
      hoursWatched: z.number(),
      starts: z.number().int(),
      completionRate: z.number().nullable(),
    }),
  })
  .openapi("Engagement");
