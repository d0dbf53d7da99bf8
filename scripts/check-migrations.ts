/**
 * Fails when lib/db/schema.ts has changes that no migration captures: it
 * runs drizzle-kit generate against a copy of migrations/ and passes only
 * when drizzle-kit says there is nothing to generate. (drizzle-kit exits 0
 * even when it fails, so its answer is read, not its exit code.) Run
 * `npm run db:generate` to write the missing migration.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./local-stack.ts";

mkdirSync(join(ROOT, ".cache"), { recursive: true });
// Inside the repository and passed relatively: drizzle-kit mangles absolute --out paths.
const copy = mkdtempSync(join(ROOT, ".cache", "migrations-check-"));
try {
  cpSync(join(ROOT, "migrations"), copy, { recursive: true });
  const output = execFileSync(
    "drizzle-kit",
    [
      "generate",
      "--dialect",
      "sqlite",
      "--schema",
      "lib/db/schema.ts",
      "--out",
      relative(ROOT, copy),
    ],
    { cwd: ROOT, encoding: "utf8", stdio: "pipe" },
  );
  if (!output.includes("No schema changes")) {
    console.error(output);
    console.error("✗ lib/db/schema.ts has changes without a migration; run `npm run db:generate`.");
    process.exitCode = 1;
  } else {
    console.log("✓ Migrations match the schema.");
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
