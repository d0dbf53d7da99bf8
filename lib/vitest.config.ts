/** Tests of the shared library, inside workerd: the runtime this code ships to. */
import { resolve } from "node:path";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { unstable_readConfig } from "wrangler";
import { prometheusParser } from "../testing/prometheus-parser.ts";

// The same runtime settings as every Worker (all configs share them; `npm run check` verifies).
const { compatibility_date, compatibility_flags } = unstable_readConfig({
  config: resolve(import.meta.dirname, "../wrangler.toml"),
});

export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: compatibility_date,
        compatibilityFlags: compatibility_flags,
        // The Prometheus text-format parser, for lib/metrics (testing/prometheus-parser.ts).
        serviceBindings: { PROMETHEUS_PARSER: prometheusParser },
      },
    }),
  ],
  test: { name: "lib", include: ["**/*.test.ts"] },
});
