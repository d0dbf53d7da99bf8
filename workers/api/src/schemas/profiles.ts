/** Request and response schemas of profiles. */
import { z } from "@hono/zod-openapi";
import { MATURITY_LEVELS } from "../../../../lib/maturity.ts";
import { AVATARS, LANGUAGES } from "../../../../lib/profiles.ts";
import { TokensSchema } from "./auth.ts";

const NameSchema = z.string().trim().min(1).max(40).openapi({ example: "Sam" });
const PinSchema = z
  .string()
  .regex(/^\d{4}$/, "A PIN is 4 digits.")
  .openapi({ example: "4821" });

export const ProfileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    avatar: z.enum(AVATARS),
    language: z.enum(LANGUAGES),
    isKids: z.boolean(),
    maturityLevel: z.enum(MATURITY_LEVELS),
    hasPin: z.boolean(),
    pinLockedUntil: z.iso.datetime().nullable(),
  })
  .openapi("Profile");

export const ProfileListSchema = z
  .object({ profiles: z.array(ProfileSchema), activeProfileId: z.uuid().nullable() })
  .openapi("ProfileList");

export const CreateProfileSchema = z
  .object({
    name: NameSchema,
    avatar: z.enum(AVATARS).default("sunrise"),
    language: z.enum(LANGUAGES).default("en"),
    isKids: z.boolean().default(false),
    maturityLevel: z.enum(MATURITY_LEVELS).optional().openapi({
      description:
        "Defaults to PG for kids profiles and NC-17 otherwise. Kids profiles go up to PG.",
    }),
    pin: PinSchema.optional(),
  })
  .strict()
  .openapi("CreateProfileRequest");

export const UpdateProfileSchema = z
  .object({
    name: NameSchema.optional(),
    avatar: z.enum(AVATARS).optional(),
    language: z.enum(LANGUAGES).optional(),
    isKids: z.boolean().optional(),
    maturityLevel: z.enum(MATURITY_LEVELS).optional(),
    pin: PinSchema.nullable()
      .optional()
      .openapi({ description: "A new PIN, or null to remove it." }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field.")
  .openapi("UpdateProfileRequest");

export const SelectProfileSchema = z
  .object({ pin: PinSchema.optional() })
  .strict()
  .openapi("SelectProfileRequest");

export const SelectedProfileSchema = z
  .object({
    profile: ProfileSchema,
    tokens: TokensSchema.optional().openapi({
      description: "A new access token, for bearer clients.",
    }),
  })
  .openapi("SelectedProfile");
