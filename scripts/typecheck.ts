/**
 * Typechecks every TypeScript project listed in tsconfig.json: each Worker
 * with only the Workers runtime's types, its tests with the test runner's
 * too, the web app with the DOM's, and the tooling with Node's. Separate
 * programs keep one environment's globals out of another's code.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./local-stack.ts";

const exec = promisify(execFile);
const { references } = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as {
  references: { path: string }[];
};

// Two at a time: the machines this runs on have two cores.
const queue = references.map((reference) => reference.path);
let failed = false;
await Promise.all(
  [0, 1].map(async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      try {
        await exec("tsc", ["-p", project, "--noEmit"], { cwd: ROOT });
        console.log(`✓ ${project}`);
      } catch (error) {
        failed = true;
        const { stdout = "" } = error as { stdout?: string };
        console.error(`✗ ${project}\n${stdout}`);
      }
    }
  }),
);
process.exit(failed ? 1 : 0);
