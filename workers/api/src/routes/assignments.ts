/** The active profile's experiment assignments and the product config they make. */
import { createRoute } from "@hono/zod-openapi";
import { errorResponses, jsonResponse } from "../../../../lib/http/openapi.ts";
import { authorized } from "../middleware/authorized.ts";
import { AssignmentsSchema } from "../schemas/experiments.ts";
import { serviceContext } from "../services/context.ts";
import { assignmentsFor } from "../services/experiments.ts";
import { createRouter } from "./router.ts";

export const assignmentRoutes = createRouter();

assignmentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getAssignments",
    summary: "The active profile's experiments, variants and product config",
    description:
      "Experiments running now that target this profile (kids or not), device type (from the User-Agent) and country, and that the profile falls inside the allocation of. Reading them counts as an exposure to each.",
    tags: ["Experiments"],
    ...authorized("viewer", "browse", { profile: true }),
    responses: {
      200: jsonResponse(AssignmentsSchema, "The assignments."),
      ...errorResponses(401, 403, 429),
    },
  }),
  async (c) => {
    const profile = c.get("profile")!;
    const { assignments, variants, config } = await assignmentsFor(
      await serviceContext(c),
      profile,
      "assignments",
    );
    return c.json({ profileId: profile.id, assignments, variants, config }, 200);
  },
);
