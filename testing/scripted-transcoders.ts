/**
 * TEST DOUBLE: transcoder slots for the ingest Worker's tests in workerd,
 * where no transcoder process runs beside the Worker under test. Each is a
 * local HTTP server that takes `POST /tasks` as a real transcoder does (202
 * and remember the assignment, or 503 while told it is busy) but does no
 * work: the test plays the transcoder itself, through the Worker's real
 * transcoder routes, with the token each assignment carries. Real
 * transcoders are exercised end to end by workers/ingest/test/pipeline.
 *
 * Control, for the tests: `GET /assignments` (everything taken so far),
 * `POST /busy` and `POST /idle`.
 */
import { createServer } from "node:http";

async function startSlot(): Promise<string> {
  const assignments: unknown[] = [];
  let busy = false;
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const send = (status: number, json: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(json));
      };
      const route = `${request.method} ${request.url}`;
      if (route === "GET /assignments") return send(200, assignments);
      if (route === "POST /busy" || route === "POST /idle") {
        busy = route === "POST /busy";
        return send(200, { busy });
      }
      if (route === "POST /tasks") {
        if (busy) return send(503, { error: { code: "busy", message: "A task is running." } });
        assignments.push(JSON.parse(body));
        return send(202, { accepted: true });
      }
      send(404, { error: { code: "not_found", message: route } });
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  server.unref();
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the slot has no port");
  return `http://127.0.0.1:${address.port}`;
}

/** `count` scripted slots; their URLs, for TRANSCODER_URLS. */
export function startScriptedTranscoders(count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, startSlot));
}
