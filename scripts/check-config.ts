/**
 * Fails when the Workers disagree on runtime settings: every wrangler config
 * must use the same compatibility date and flags, so code shared in lib/
 * behaves the same in every Worker.
 */
import { join } from "node:path";
import { unstable_readConfig } from "wrangler";
import { ROOT } from "./local-stack.ts";
import { WORKERS } from "./workers.ts";

const settings = WORKERS.map(({ config }) => {
  const { compatibility_date, compatibility_flags } = unstable_readConfig({
    config: join(ROOT, config),
  });
  return {
    config,
    runtime: `${compatibility_date} [${[...compatibility_flags].sort().join(", ")}]`,
  };
});
const distinct = new Set(settings.map((setting) => setting.runtime));
if (distinct.size !== 1) {
  for (const { config, runtime } of settings) console.error(`  ${config}: ${runtime}`);
  console.error("✗ The Workers' compatibility dates or flags differ; use one set everywhere.");
  process.exit(1);
}
console.log(`✓ Every Worker runs on ${[...distinct][0]}.`);
