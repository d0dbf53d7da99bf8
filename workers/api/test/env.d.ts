// Bindings the test config adds on top of the Worker's own.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    FAKE_RESEND_KEY: string;
    DEMO_SEED_STATEMENTS: string[];
    PROMETHEUS_PARSER: Fetcher;
    OPENAPI_VALIDATOR: Fetcher;
  }
}
