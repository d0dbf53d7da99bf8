import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Runs before each test file; applies only migrations not yet applied.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
