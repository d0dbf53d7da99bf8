/** Schemas of playback: starting, renewing and ending a session, and progress. */
import { z } from "@hono/zod-openapi";
import { AbrConfigSchema } from "../../../../lib/experiments/definition.ts";

const Uuid = z.uuid();
const Seconds = z
  .number()
  .nonnegative()
  .max(24 * 60 * 60);
/** A device names itself with an id it keeps (localStorage), so restarts replace its own stream. */
const DeviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, '-' or '_'.")
  .openapi({ example: "web-5f0c2a9e" });

export const StartPlaybackSchema = z
  .object({
    titleId: Uuid,
    episodeId: Uuid.optional().openapi({ description: "Required for a series." }),
    deviceId: DeviceId,
    deviceName: z.string().trim().min(1).max(40).optional().openapi({
      description:
        'What the viewer calls this device ("Living-room TV"), so another device refused by the stream limit can tell which one is playing. Without it, the browser and system ("Chrome on Android").',
    }),
    deviceMaxHeight: z.number().int().min(240).max(4320).optional().openapi({
      description:
        "The tallest picture the device can show; lowers the plan's cap, never raises it.",
    }),
    endOldest: z.boolean().default(false).openapi({
      description: "Over the stream limit: end the oldest stream instead of refusing.",
    }),
  })
  .strict();

const GrantUrls = {
  token: z.string().openapi({ description: "The playback grant (also inside every URL)." }),
  expiresAt: z.iso.datetime(),
  hlsUrl: z.string(),
  dashUrl: z.string(),
  trickplayUrl: z.string().nullable(),
};

export const PlaybackGrantSchema = z.object(GrantUrls).openapi("PlaybackGrant");

const PlayerSpanSchema = z.object({ startSeconds: z.number(), endSeconds: z.number() });

export const PlaybackSessionSchema = z
  .object({
    sessionId: Uuid,
    ...GrantUrls,
    titleId: Uuid,
    episodeId: Uuid.nullable(),
    durationSeconds: z.number(),
    warmUrls: z.array(z.string()).openapi({
      description:
        "Fetch these at once, alongside the manifest: the lowest rung's and default audio's playlist, init and first segment.",
    }),
    resumePositionSeconds: z.number(),
    maxHeight: z.number().int(),
    qualityCap: z.enum(["sd", "hd", "uhd"]),
    markers: z
      .object({
        intro: PlayerSpanSchema.nullable(),
        recap: PlayerSpanSchema.nullable(),
        creditsStartSeconds: z.number(),
      })
      .openapi({
        description:
          "Where to offer Skip Intro and Skip Recap, and from when the next episode: an admin's markers, else detected ones; credits default to the last 5% (at most 2 min).",
      }),
    nextEpisode: z
      .object({ episodeId: Uuid, seasonNumber: z.number(), number: z.number(), name: z.string() })
      .nullable(),
    endedStreams: z.array(z.string()).openapi({
      description: "Devices whose streams were ended to make room (with endOldest).",
    }),
    abr: AbrConfigSchema.openapi("AbrConfig", {
      description:
        'The ABR policy the player runs: its name (QoE is sliced by it) and parameters over lib/abr defaults; "hybrid-default" with {} outside experiments.',
    }),
    viewToken: z.string().openapi({
      description:
        "Sends this view's QoE events (sendQoeEvents): fixes the profile, title, device type, country, ABR policy and experiment variants they count under.",
    }),
  })
  .openapi("PlaybackSession");

export const ReportProgressSchema = z
  .object({
    titleId: Uuid,
    episodeId: Uuid.optional(),
    sessionId: Uuid.optional(),
    positionSeconds: Seconds,
    durationSeconds: Seconds.positive(),
    rendition: z
      .string()
      .regex(/^\d{3,4}p$/)
      .optional(),
    deviceId: DeviceId,
    clientTimestamp: z.number().int().positive().openapi({
      description: "The device's clock when it read the position (ms since the epoch).",
    }),
  })
  .strict();

export const ProgressSchema = z
  .object({
    titleId: Uuid,
    episodeId: Uuid.nullable(),
    positionSeconds: z.number(),
    durationSeconds: z.number(),
    completed: z.boolean(),
    nextUp: z.boolean(),
    deviceId: z.string(),
    clientTimestamp: z.number(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Progress");

export const ProgressReportResultSchema = z.object({
  accepted: z.boolean().openapi({
    description: "False when a later report (by client time) was already stored.",
  }),
  progress: ProgressSchema,
});

export const ContinueWatchingSchema = z.object({
  items: z.array(z.object({ titleId: Uuid, name: z.string(), progress: ProgressSchema })),
});
