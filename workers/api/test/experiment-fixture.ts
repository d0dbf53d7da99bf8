/**
 * Experiments for tests: an experiment admin, running experiments made
 * through the admin API, viewers known to fall in each variant (assignment
 * is the deterministic hash, so a test can know it in advance), and a way
 * to stop every running experiment so one test's experiments never reach
 * another's pages.
 */
import { expect } from "vitest";
import { assignVariant } from "../../../lib/experiments/allocation.ts";
import { request, staffToken, viewerToken } from "./helpers.ts";

export interface ExperimentBody {
  id: string;
  name: string;
  status: string;
  allocationPercent: number;
  variants: { key: string; name: string; weight: number; config: Record<string, unknown> }[];
  startsAt: string | null;
  endsAt: string | null;
}

export const experimentAdmin = async () => (await staffToken("experiment_admin")).token;

export const variants = (...configs: Record<string, unknown>[]) =>
  configs.map((config, i) => ({
    key: i === 0 ? "control" : `treatment-${i}`,
    name: i === 0 ? "Control" : `Treatment ${i}`,
    weight: 1,
    config,
  }));

export async function createExperiment(token: string, body: Record<string, unknown>) {
  const response = await request("/api/admin/experiments", {
    token,
    body: { name: `Experiment ${crypto.randomUUID()}`, allocationPercent: 100, ...body },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ExperimentBody;
}

export const runExperiment = (token: string, body: Record<string, unknown>) =>
  createExperiment(token, { status: "running", ...body });

export async function stopRunningExperiments(token: string) {
  const listed = await request("/api/admin/experiments?status=running", { token });
  const { experiments } = (await listed.json()) as { experiments: ExperimentBody[] };
  for (const experiment of experiments) {
    const stopped = await request(`/api/admin/experiments/${experiment.id}`, {
      method: "PATCH",
      token,
      body: { status: "stopped" },
    });
    expect(stopped.status).toBe(200);
  }
}

type Viewer = Awaited<ReturnType<typeof viewerToken>>;

/** New viewers until there is one in each of `keys` (about two per variant of a 50/50 test). */
export async function viewersIn<Key extends string>(
  experiment: ExperimentBody,
  keys: readonly Key[],
): Promise<Record<Key, Viewer>> {
  const found: Partial<Record<Key, Viewer>> = {};
  for (let attempt = 0; attempt < 60 && keys.some((key) => !found[key]); attempt++) {
    const viewer = await viewerToken();
    const key = assignVariant(viewer.profileId, experiment) as Key | null;
    if (key && keys.includes(key)) found[key] ??= viewer;
  }
  for (const key of keys) expect(found[key], `a viewer in ${key}`).toBeDefined();
  return found as Record<Key, Viewer>;
}

export const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
