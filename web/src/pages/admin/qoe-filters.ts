/**
 * The QoE dashboard's view as its URL holds it, so a view can be shared:
 * ?window=7d&deviceType=mobile&country=DE… Values the API would refuse
 * are dropped here (a mistyped link shows everything, not an error).
 */
import type { QoeQuery } from "../../api/types.ts";

export const WINDOWS = {
  "1h": { label: "Last hour", minutes: 60, stepMinutes: 1 },
  "24h": { label: "Last 24 hours", minutes: 24 * 60, stepMinutes: 15 },
  "7d": { label: "Last 7 days", minutes: 7 * 24 * 60, stepMinutes: 60 },
  "30d": { label: "Last 30 days", minutes: 30 * 24 * 60, stepMinutes: 360 },
} as const;
export type WindowKey = keyof typeof WINDOWS;
export const DEFAULT_WINDOW: WindowKey = "24h";

/** The slice filters, by their API (and URL) names, with what the API takes. */
export const SLICE_FILTERS = {
  titleId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  deviceType: /^(desktop|mobile|tablet|tv)$/,
  country: /^[A-Z]{2}$/,
  abrPolicy: /^.{1,64}$/,
  variant: /^[0-9a-f-]{36}:[a-z0-9-]{1,32}$/,
} as const satisfies Record<keyof Omit<QoeQuery, "from" | "to">, RegExp>;
export type SliceFilter = keyof typeof SLICE_FILTERS;
export const SLICE_FILTER_NAMES = Object.keys(SLICE_FILTERS) as SliceFilter[];

export interface QoeView {
  window: WindowKey;
  slice: Partial<Record<SliceFilter, string>>;
}

export function viewFromParams(params: URLSearchParams): QoeView {
  const window = params.get("window") ?? "";
  const slice: QoeView["slice"] = {};
  for (const name of SLICE_FILTER_NAMES) {
    const value = params.get(name);
    if (value && SLICE_FILTERS[name].test(value)) slice[name] = value;
  }
  return { window: window in WINDOWS ? (window as WindowKey) : DEFAULT_WINDOW, slice };
}

/** The API query for a view, its window ending now. */
export function queryOf(view: QoeView, now = Date.now()): QoeQuery {
  const from = new Date(now - WINDOWS[view.window].minutes * 60_000);
  // The patterns above checked each slice value against what the API takes.
  return { ...view.slice, from: from.toISOString(), to: new Date(now).toISOString() } as QoeQuery;
}

/** A key that changes whenever the view does. */
export const viewKey = (view: QoeView) =>
  JSON.stringify([view.window, ...SLICE_FILTER_NAMES.map((name) => view.slice[name] ?? "")]);
