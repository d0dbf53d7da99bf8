/**
 * The API's request and response shapes, inferred from the server's own
 * schemas. Type-only imports: nothing of the server ends up in the bundle.
 */
import type { z } from "zod";
import type * as Auth from "../../../workers/api/src/schemas/auth.ts";
import type * as Common from "../../../workers/api/src/schemas/common.ts";
import type * as DevMailSchemas from "../../../workers/api/src/schemas/dev-mail.ts";
import type * as Profiles from "../../../workers/api/src/schemas/profiles.ts";

export type Account = z.infer<typeof Auth.AccountSchema>;
export type LoginResult = z.infer<typeof Auth.LoginResultSchema>;
export type SignedIn = z.infer<typeof Auth.SignedInSchema>;
export type MfaEnrolment = z.infer<typeof Auth.MfaEnrolmentSchema>;
export type RecoveryCodes = z.infer<typeof Auth.RecoveryCodesSchema>;
export type DeviceSession = z.infer<typeof Auth.SessionSchema>;
export type SessionList = z.infer<typeof Auth.SessionListSchema>;

// The web app always takes its tokens as cookies, so it never sends tokenDelivery.
export type RegisterInput = Omit<z.input<typeof Auth.RegisterSchema>, "tokenDelivery">;
export type LoginInput = Omit<z.input<typeof Auth.LoginSchema>, "tokenDelivery">;
export type VerifyMfaInput = Omit<z.input<typeof Auth.VerifyMfaSchema>, "tokenDelivery">;

export type Profile = z.infer<typeof Profiles.ProfileSchema>;
export type ProfileList = z.infer<typeof Profiles.ProfileListSchema>;
export type CreateProfileInput = z.input<typeof Profiles.CreateProfileSchema>;
export type UpdateProfileInput = z.input<typeof Profiles.UpdateProfileSchema>;
export type SelectedProfile = z.infer<typeof Profiles.SelectedProfileSchema>;

export type ErrorBody = z.infer<typeof Common.ErrorSchema>;
export type ErrorDetail = NonNullable<ErrorBody["error"]["details"]>[number];

export type DevMail = z.infer<typeof DevMailSchemas.DevMailSchema>;
export type DevMailList = z.infer<typeof DevMailSchemas.DevMailListSchema>;
