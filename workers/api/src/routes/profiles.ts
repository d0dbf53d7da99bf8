/** Profiles of the signed-in account, and choosing who's watching. */
import { createRoute } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import { IdParam, errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import {
  CreateProfileSchema,
  ProfileListSchema,
  ProfileSchema,
  SelectProfileSchema,
  SelectedProfileSchema,
  UpdateProfileSchema,
} from "../schemas/profiles.ts";
import { serviceContext } from "../services/context.ts";
import { presentProfile } from "../services/presenters.ts";
import {
  changeProfile,
  createProfile,
  listAccountProfiles,
  removeProfile,
  selectProfile,
} from "../services/profiles.ts";
import { createRouter } from "./router.ts";
import { deliverTokens } from "./token-delivery.ts";

export const profileRoutes = createRouter();

const tags = ["Profiles"];
const ProfileIdParam = IdParam("profileId");

profileRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listProfiles",
    summary: "The account's profiles",
    tags,
    ...authorized("viewer", "browse"),
    responses: {
      200: jsonResponse(ProfileListSchema, "Profiles, oldest first, and the active one."),
      ...errorResponses(401, 429),
    },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    const profiles = await listAccountProfiles(await serviceContext(c), auth.accountId);
    return c.json(
      {
        profiles: profiles.map((profile) => presentProfile(profile)),
        activeProfileId: auth.profileId,
      },
      200,
    );
  },
);

profileRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createProfile",
    summary: "Add a profile (up to 5)",
    tags,
    ...authorized("account_owner", "profile"),
    request: { body: jsonBody(CreateProfileSchema) },
    responses: {
      201: jsonResponse(ProfileSchema, "The new profile."),
      ...errorResponses(400, 401, 403, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const profile = await createProfile(
      await serviceContext(c),
      c.get("auth")!.accountId,
      c.req.valid("json"),
    );
    return c.json(presentProfile(profile), 201);
  },
);

profileRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{profileId}",
    operationId: "updateProfile",
    summary: "Change a profile",
    description:
      "Account owners may change any field. A session acting as a kids profile may change only its own name, avatar and language.",
    tags,
    ...authorized("viewer", "profile"),
    request: { params: ProfileIdParam, body: jsonBody(UpdateProfileSchema) },
    responses: {
      200: jsonResponse(ProfileSchema, "The changed profile."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const profile = await changeProfile(
      await serviceContext(c),
      c.get("auth")!,
      c.req.valid("param").profileId,
      c.req.valid("json"),
    );
    return c.json(presentProfile(profile), 200);
  },
);

profileRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{profileId}",
    operationId: "deleteProfile",
    summary: "Delete a profile",
    tags,
    ...authorized("account_owner", "profile"),
    request: { params: ProfileIdParam },
    responses: {
      204: { description: "Deleted." },
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  }),
  async (c) => {
    await removeProfile(
      await serviceContext(c),
      c.get("auth")!.accountId,
      c.req.valid("param").profileId,
    );
    return c.body(null, 204);
  },
);

profileRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{profileId}/select",
    operationId: "selectProfile",
    summary: "Choose who's watching",
    description:
      "Makes the profile this session's active one and issues an access token naming it. A PIN-protected profile needs its PIN; 5 wrong PINs lock it for 15 minutes.",
    tags,
    ...authorized("viewer", "profile"),
    request: { params: ProfileIdParam, body: jsonBody(SelectProfileSchema, false) },
    responses: {
      200: jsonResponse(SelectedProfileSchema, "Now watching as this profile."),
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    const { profile, tokens } = await selectProfile(
      await serviceContext(c),
      auth,
      c.req.valid("param").profileId,
      c.req.valid("json").pin,
    );
    return c.json(
      {
        profile: presentProfile(profile),
        tokens: deliverTokens(c, tokens, auth.via === "bearer" ? "body" : "cookie"),
      },
      200,
    );
  },
);
