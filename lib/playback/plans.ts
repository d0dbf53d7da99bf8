/**
 * What each plan allows a viewer to stream: how many streams at once per
 * account, and the highest quality. Quality caps are picture heights: SD is
 * up to 480p, HD up to 1080p, UHD up to 2160p.
 */
import type { Plan } from "../db/schema.ts";

export const QUALITY_CAPS = { sd: 480, hd: 1080, uhd: 2160 } as const;
export type QualityCap = keyof typeof QUALITY_CAPS;

export interface PlanAllowance {
  streams: number;
  quality: QualityCap;
}

export const PLAN_ALLOWANCES: Record<Plan, PlanAllowance> = {
  basic: { streams: 1, quality: "sd" },
  standard: { streams: 2, quality: "hd" },
  premium: { streams: 4, quality: "uhd" },
};

/**
 * The tallest picture a viewer may get: the plan's cap, lowered by what the
 * device says it can show (never raised by it).
 */
export function maxHeightFor(quality: QualityCap, deviceMaxHeight?: number): number {
  const planCap = QUALITY_CAPS[quality];
  return deviceMaxHeight ? Math.min(planCap, deviceMaxHeight) : planCap;
}
