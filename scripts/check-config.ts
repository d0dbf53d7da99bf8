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

// The ingest Worker hands tasks to TRANSCODER_INSTANCES containers; the container config must allow them all.
const ingest = unstable_readConfig({ config: join(ROOT, "workers/ingest/wrangler.toml") });
const instances = Number(ingest.vars.TRANSCODER_INSTANCES);
const allowed = ingest.containers?.find(
  (container: { class_name?: string }) => container.class_name === "TranscoderContainer",
)?.max_instances;
if (instances !== allowed) {
  console.error(
    `✗ workers/ingest/wrangler.toml: TRANSCODER_INSTANCES is ${instances} but the TranscoderContainer allows max_instances = ${allowed}.`,
  );
  process.exit(1);
}
console.log(`✓ The ingest Worker hands tasks to ${instances} transcoder containers.`);
