/**
 * Sends one webhook: a JSON body POSTed with its signature (signature.ts),
 * the event's name and a delivery id in headers, redirects not followed (a
 * redirect is the endpoint's answer, not a new destination) and a time
 * limit. Ingest deliveries and QoE alerts both send through here; what to
 * do after a failure is theirs to decide.
 */
import { SIGNATURE_HEADER, signWebhook } from "./signature.ts";

export interface WebhookRequest {
  url: string;
  secret: string;
  event: string;
  deliveryId: string;
  /** The JSON text, signed as sent. */
  body: string;
  now?: number;
  timeoutMs?: number;
}

export interface WebhookAttempt {
  /** The endpoint's HTTP status; null when it did not answer. */
  status: number | null;
  /** Why the attempt failed (a non-2xx status or a network error); null when accepted. */
  error: string | null;
}

export async function sendWebhook(request: WebhookRequest): Promise<WebhookAttempt> {
  const { url, secret, event, deliveryId, body, now = Date.now(), timeoutMs = 10_000 } = request;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Marquee-Webhooks/1",
        [SIGNATURE_HEADER]: await signWebhook(secret, Math.floor(now / 1000), body),
        "Marquee-Event": event,
        "Marquee-Delivery": deliveryId,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (cause) {
    const error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return { status: null, error };
  }
}
