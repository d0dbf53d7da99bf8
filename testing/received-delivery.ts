/**
 * What the local webhook receiver (webhook-receiver.ts) records per delivery.
 * Kept apart from the receiver so Worker tests, which run in workerd without
 * Node's types, can read deliveries without importing `node:http`.
 */
export interface ReceivedDelivery {
  path: string;
  headers: Record<string, string>;
  body: string;
}
