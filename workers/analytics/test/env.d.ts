declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    WEBHOOK_RECEIVER: string;
    ALERT_WEBHOOK_SECRET: string;
  }
}
