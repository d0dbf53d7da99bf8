// The binding lib/vitest.config.ts gives the shared library's tests.
declare namespace Cloudflare {
  interface Env {
    PROMETHEUS_PARSER: Fetcher;
  }
}
