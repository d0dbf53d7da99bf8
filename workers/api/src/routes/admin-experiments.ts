/** The admin experiments API (experiment_admin or admin): define, change, list and read results. */
import { createRoute } from "@hono/zod-openapi";
import { IdParam, errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { authorized } from "../middleware/authorized.ts";
import {
  CreateExperimentSchema,
  ExperimentListSchema,
  ExperimentResultsSchema,
  ExperimentSchema,
  ListExperimentsQuery,
  UpdateExperimentSchema,
} from "../schemas/experiments.ts";
import { serviceContext } from "../services/context.ts";
import {
  createExperiment,
  listExperiments,
  updateExperiment,
} from "../services/experiment-admin.ts";
import { experimentResults } from "../services/experiment-results.ts";
import { createRouter } from "./router.ts";

export const adminExperimentRoutes = createRouter();

const tags = ["Admin: experiments"];
const admin = () => authorized("experiment_admin", "admin");
const ExperimentParam = IdParam("experimentId");

adminExperimentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createExperiment",
    summary: "Define an experiment (a draft, or running at once)",
    tags,
    ...admin(),
    request: { body: jsonBody(CreateExperimentSchema) },
    responses: {
      201: jsonResponse(ExperimentSchema, "The new experiment."),
      ...errorResponses(400, 401, 403, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const experiment = await createExperiment(
      await serviceContext(c),
      c.get("auth")!.accountId,
      c.req.valid("json"),
    );
    return c.json(experiment, 201);
  },
);

adminExperimentRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{experimentId}",
    operationId: "updateExperiment",
    summary: "Change, start or stop an experiment",
    description:
      "409 experiment_running for a change that would move people between variants (variants, targeting, a lower allocation, the start); 409 experiment_stopped on a stopped one; 409 experiment_clash when starting beside a running experiment that sets the same config; 409 experiment_changed when someone else changed it meanwhile.",
    tags,
    ...admin(),
    request: { params: ExperimentParam, body: jsonBody(UpdateExperimentSchema) },
    responses: {
      200: jsonResponse(ExperimentSchema, "The experiment as it is now."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const experiment = await updateExperiment(
      await serviceContext(c),
      c.get("auth")!.accountId,
      c.req.valid("param").experimentId,
      c.req.valid("json"),
    );
    return c.json(experiment, 200);
  },
);

adminExperimentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listExperiments",
    summary: "Experiments, newest first",
    tags,
    ...admin(),
    request: { query: ListExperimentsQuery },
    responses: {
      200: jsonResponse(ExperimentListSchema, "The experiments."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => {
    const experiments = await listExperiments(await serviceContext(c), c.req.valid("query").status);
    return c.json({ experiments }, 200);
  },
);

adminExperimentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{experimentId}/results",
    operationId: "getExperimentResults",
    summary: "Per-variant metrics with intervals and tests against the control",
    description:
      "QoE over the experiment's window and engagement per exposed profile; Welch's t-test for means, a two-proportion z-test for rates, ratio metrics shown without a test; a warning when the exposures do not follow the weights (sample ratio mismatch, p < 0.001).",
    tags,
    ...admin(),
    request: { params: ExperimentParam },
    responses: {
      200: jsonResponse(ExperimentResultsSchema, "The results."),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  }),
  async (c) => {
    const results = await experimentResults(
      await serviceContext(c),
      c.req.valid("param").experimentId,
    );
    return c.json(results, 200);
  },
);
