/**
 * Brings up the whole platform locally: builds the web app, applies the D1
 * migrations, seeds the demo accounts, runs every Worker in one `wrangler
 * dev` with one persistence folder, and TRANSCODER_INSTANCES transcoders as
 * plain processes (no Docker engine here: the same program the production
 * containers run, reached over HTTP at TRANSCODER_URLS). `npm run dev`, the
 * browser tests and the benchmarks all start the platform through
 * `startStack`.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureDevVars } from "./dev-vars.ts";
import { demoCatalogSeed } from "./demo-catalog/index.ts";
import { demoSeedSql } from "./seed.ts";
import { WORKER_CONFIGS } from "./workers.ts";

export const ROOT = resolve(import.meta.dirname, "..");

export interface StackOptions {
  port: number;
  /** Where D1, KV, R2 and Durable Objects keep their data. */
  persistTo: string;
  /** Extra vars for the api Worker (e.g. RATE_LIMIT_SCALE for load tests). */
  vars?: Record<string, string>;
  /** Extra vars for the ingest Worker (tests shorten its retry delays). */
  ingestVars?: Record<string, string>;
  /** Rebuild the web app whenever its sources change (dev only). */
  watchWeb?: boolean;
  /** Send output to this file instead of the terminal. */
  logFile?: string;
  /**
   * Build and serve the web app from this folder instead of web/dist, so a
   * test or benchmark stack never rebuilds the files `npm run dev` serves.
   */
  webDir?: string;
  /** How many transcoder processes (TRANSCODER_INSTANCES, else 2). */
  transcoderInstances?: number;
  /** Pin transcoder n to core n (`taskset`), so each stands for a machine of its own. */
  pinTranscoders?: boolean;
  /**
   * Start no transcoder; the caller runs them at these ports (tests that
   * crash or withhold them on purpose, with `startTranscoderProcess`).
   */
  ownTranscoders?: number[];
}

export interface RunningStack {
  url: string;
  /** Where the transcoder processes listen. */
  transcoderUrls: string[];
  /** The transcoder processes' pids (the benchmark reads their CPU time). */
  transcoderPids: number[];
  stop(): Promise<void>;
}

/** How many transcoders a local stack runs unless told: TRANSCODER_INSTANCES, else 2. */
export const DEFAULT_TRANSCODER_INSTANCES = Math.max(
  1,
  Number(process.env.TRANSCODER_INSTANCES ?? 2) || 2,
);

function run(command: string, args: string[], options: { quiet?: boolean } = {}) {
  execFileSync(command, args, {
    cwd: ROOT,
    stdio: options.quiet ? "pipe" : "inherit",
    // CI=1 keeps wrangler from prompting before it applies migrations.
    env: { ...process.env, CI: "1" },
  });
}

function spawnGroup(
  command: string,
  args: string[],
  output: "inherit" | NodeJS.WritableStream,
  env: Record<string, string> = {},
) {
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true, // its own process group, so stop() reaches workerd too
    stdio: output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "1", ...env },
  });
  if (output !== "inherit") {
    child.stdout?.pipe(output, { end: false });
    child.stderr?.pipe(output, { end: false });
  }
  return child;
}

function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      done();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000).unref();
  });
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: its process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}

/**
 * The demo accounts, then the demo catalog with its audience (D1), then the
 * catalog's artwork (R2, in one bulk upload). Everything is idempotent, so
 * it runs on every start; it writes before `wrangler dev` opens the state.
 */
async function seedDemoData(persistTo: string, quiet: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "marquee-seed-"));
  const catalog = demoCatalogSeed(Date.now());
  const sqlFile = join(dir, "seed.sql");
  // Accounts first: the catalog's demo history belongs to their profiles.
  writeFileSync(sqlFile, (await demoSeedSql()) + catalog.sql);
  run(
    "wrangler",
    ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", sqlFile],
    { quiet },
  );

  mkdirSync(join(dir, "artwork"));
  const manifest = catalog.artwork.map(({ key, body }) => {
    const file = join(dir, key);
    writeFileSync(file, body);
    return { key, file };
  });
  writeFileSync(join(dir, "artwork.json"), JSON.stringify(manifest));
  run(
    "wrangler",
    [
      "r2",
      "bulk",
      "put",
      "marquee-media",
      "--local",
      "--persist-to",
      persistTo,
      "--filename",
      join(dir, "artwork.json"),
      "--content-type",
      "image/svg+xml",
      "--cache-control",
      "public, max-age=31536000, immutable",
    ],
    { quiet },
  );
  rmSync(dir, { recursive: true, force: true });
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const output = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : "inherit";
  const quiet = Boolean(options.logFile);
  const persistTo = resolve(ROOT, options.persistTo);
  mkdirSync(persistTo, { recursive: true });
  const devVars = await ensureDevVars(join(ROOT, ".dev.vars"));

  const webDir = options.webDir ?? join(ROOT, "web", "dist");
  run(
    "vite",
    [
      "build",
      "--config",
      "web/vite.config.ts",
      "--outDir",
      webDir,
      "--emptyOutDir",
      "--logLevel",
      "warn",
    ],
    { quiet },
  );
  run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    quiet,
  });
  await seedDemoData(persistTo, quiet);

  const url = `http://localhost:${options.port}`;
  const vars = { APP_ORIGIN: url, ...options.vars };
  const children: ChildProcess[] = [];
  const transcoderPorts =
    options.ownTranscoders ??
    (await Promise.all(
      Array.from({ length: options.transcoderInstances ?? DEFAULT_TRANSCODER_INSTANCES }, freePort),
    ));
  const transcoderUrls = transcoderPorts.map((port) => `http://127.0.0.1:${port}`);
  const transcoders = options.ownTranscoders
    ? []
    : transcoderPorts.map((port, n) =>
        spawnTranscoder(port, output, options.pinTranscoders ? n : undefined),
      );
  children.push(...transcoders);
  if (options.watchWeb) {
    children.push(
      spawnGroup(
        "vite",
        ["build", "--watch", "--config", "web/vite.config.ts", "--logLevel", "warn"],
        output,
      ),
    );
  }
  const wrangler = spawnGroup(
    "wrangler",
    [
      "dev",
      ...WORKER_CONFIGS.flatMap((config) => ["-c", config]),
      "--persist-to",
      persistTo,
      "--port",
      String(options.port),
      "--ip",
      "127.0.0.1",
      "--show-interactive-dev-session=false",
      ...(options.webDir ? ["--assets", webDir] : []),
      ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    output,
    // --var reaches only the primary Worker; the ingest Worker reads its vars and secrets from here.
    {
      ENVIRONMENT: "development",
      // Where transcoders call back: by address, since the static ffmpeg and ffprobe
      // bundled by npm crash resolving host names (a statically linked glibc has no NSS).
      APP_ORIGIN: `http://127.0.0.1:${options.port}`,
      TRANSCODER_URLS: transcoderUrls.join(","),
      JWT_SIGNING_KEYS: devVars.JWT_SIGNING_KEYS!,
      WEBHOOK_SECRET_KEY: devVars.WEBHOOK_SECRET_KEY!,
      ...options.ingestVars,
    },
  );
  children.push(wrangler);

  const stop = async () => {
    await Promise.all(children.map(killGroup));
  };
  try {
    await Promise.all([
      waitUntilReady(`${url}/api/health/ready`, wrangler),
      ...transcoders.map((child, n) => waitUntilReady(`${transcoderUrls[n]}/health`, child)),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    transcoderUrls,
    transcoderPids: transcoders.flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    stop,
  };
}

/** A transcoder process; with `core`, pinned to that core (its ffmpeg children inherit it). */
function spawnTranscoder(port: number, output: "inherit" | NodeJS.WritableStream, core?: number) {
  const env = { PORT: String(port), HOST: "127.0.0.1" };
  const server = ["transcoder/src/server.ts"];
  return core === undefined
    ? spawnGroup("node", server, output, env)
    : spawnGroup("taskset", ["-c", String(core), "node", ...server], output, env);
}

/**
 * A transcoder process of its own, for tests that stop it the hard way
 * (`kill("SIGKILL")` ends it and its ffmpeg children, as a crash would).
 */
export async function startTranscoderProcess(port: number, logFile: string) {
  const child = spawnTranscoder(port, createWriteStream(logFile, { flags: "a" }));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${url}/health`, child);
  return {
    url,
    kill: async (signal: NodeJS.Signals = "SIGKILL") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      process.kill(-child.pid!, signal);
      await exited;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

/**
 * A stack for one test or benchmark run: a free port, empty state in
 * .cache/ (removed on stop), and output in a log file there.
 */
export async function startEphemeralStack(
  label: string,
  vars: Record<string, string>,
  options: Pick<
    StackOptions,
    "ingestVars" | "ownTranscoders" | "transcoderInstances" | "pinTranscoders"
  > = {},
): Promise<RunningStack & { logFile: string }> {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  const state = mkdtempSync(join(ROOT, ".cache", `${label}-state-`));
  const logFile = join(state, "stack.log");
  const stack = await startStack({
    port: await freePort(),
    persistTo: state,
    logFile,
    vars,
    ...options,
    webDir: join(state, "web"),
  });
  return {
    url: stack.url,
    transcoderUrls: stack.transcoderUrls,
    transcoderPids: stack.transcoderPids,
    logFile,
    stop: async () => {
      await stack.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
