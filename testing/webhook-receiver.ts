/**
 * A stand-in for a customer's webhook endpoint (webhooks leave the platform,
 * so the receiving end is the one part a test must provide): a local HTTP
 * server that records every delivery and answers with the status the path
 * asks for (`/status/500`), or 500 the first time and 200 after
 * (`/flaky/<key>`). Tests read what it received at `GET /received`.
 */
import { createServer } from "node:http";
import type { ReceivedDelivery } from "./received-delivery.ts";

export async function startWebhookReceiver(): Promise<string> {
  const received: ReceivedDelivery[] = [];
  const flaky = new Set<string>();
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      if (request.method === "GET" && path === "/received") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(received));
        return;
      }
      received.push({ path, headers: request.headers as Record<string, string>, body });
      let status = 200;
      // The query string only tells tests' endpoints apart.
      const fixed = /^\/status\/(\d{3})(?:\?|$)/.exec(path);
      if (fixed) status = Number(fixed[1]);
      if (path.startsWith("/flaky/") && !flaky.has(path)) {
        flaky.add(path);
        status = 500;
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  // It lives as long as the test run, without keeping the process alive.
  server.unref();
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the receiver has no port");
  return `http://127.0.0.1:${address.port}`;
}
