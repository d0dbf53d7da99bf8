/**
 * The analytics Worker. So far it only reports its health; QoE events,
 * rollups and experiments arrive with the analytics issue.
 */
import { createWorkerApp } from "../../../lib/http/worker-app.ts";

export default createWorkerApp<Env>("analytics") satisfies ExportedHandler<Env>;
