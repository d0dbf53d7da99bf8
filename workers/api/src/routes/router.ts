/** The api Worker's sub-apps: the shared router (lib/http/router.ts) bound to this Worker's env. */
import { createRouter as createWorkerRouter } from "../../../../lib/http/router.ts";
import type { AppEnv } from "../app-env.ts";

export const createRouter = (options?: { maxBodyBytes?: number }) =>
  createWorkerRouter<AppEnv>(options);
