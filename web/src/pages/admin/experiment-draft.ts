/**
 * The experiment editor's state: every field as the form holds it (text
 * for numbers and dates, "" for "not set"), and the conversions between
 * that and an experiment definition. Nothing is validated here: the server
 * validates, and the editor shows its messages next to the fields, so the
 * rules live in one place (lib/experiments/definition.ts).
 */
import type { AbrParams } from "../../../../lib/abr/policy.ts";
import type { RowKind } from "../../../../lib/catalog/home-rows.ts";
import type { CardArtwork, ExperimentMetric } from "../../../../lib/experiments/definition.ts";
import type { DeviceType, ExperimentDefinition, ExperimentStatus } from "../../api/types.ts";
import { ABR_PARAMS, METRICS } from "./experiment-facts.ts";

export type KidsTarget = "everyone" | "kids" | "grown-ups";

export interface VariantDraft {
  /** Tells variants apart in the form (keys and names change as people type); never sent. */
  id: string;
  key: string;
  name: string;
  weight: string;
  /** Null: home keeps the order it builds. */
  homeRowOrder: RowKind[] | null;
  artwork: CardArtwork | "";
  abrPolicy: string;
  abrParams: Partial<Record<keyof AbrParams, string>>;
}

export interface ExperimentDraft {
  name: string;
  description: string;
  variants: VariantDraft[];
  allocationPercent: string;
  /** ISO codes separated by commas or spaces; empty for every country. */
  countries: string;
  /** None for every device type. */
  deviceTypes: DeviceType[];
  kids: KidsTarget;
  metrics: ExperimentMetric[];
  /** datetime-local values, in the browser's time zone; empty for "not set". */
  startsAt: string;
  endsAt: string;
  status: ExperimentStatus;
  /**
   * The saved instants. A datetime-local value has no seconds, so a time
   * left as it was is sent back exactly as saved: a running experiment's
   * start must not move by the seconds the form cannot show.
   */
  saved: { startsAt: string | null; endsAt: string | null };
}

export const newVariant = (key: string, name: string): VariantDraft => ({
  id: crypto.randomUUID(),
  key,
  name,
  weight: "1",
  homeRowOrder: null,
  artwork: "",
  abrPolicy: "",
  abrParams: {},
});

export const newDraft = (): ExperimentDraft => ({
  name: "",
  description: "",
  variants: [newVariant("control", "Control"), newVariant("treatment", "Treatment")],
  allocationPercent: "100",
  countries: "",
  deviceTypes: [],
  kids: "everyone",
  metrics: [...METRICS],
  startsAt: "",
  endsAt: "",
  status: "draft",
  saved: { startsAt: null, endsAt: null },
});

/** "" stays "not a number", so the server names the field instead of taking 0. */
const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** A datetime-local value ("2026-11-21T14:30", local time) from an ISO instant. */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function instantOf(local: string, saved: string | null): string | null {
  if (local === localInput(saved)) return saved;
  return local ? new Date(local).toISOString() : null;
}

function variantOf(draft: VariantDraft): ExperimentDefinition["variants"][number] {
  const params = Object.fromEntries(
    ABR_PARAMS.filter((param) => draft.abrParams[param]?.trim()).map((param) => [
      param,
      numberOf(draft.abrParams[param]!),
    ]),
  );
  const abr = draft.abrPolicy.trim() || Object.keys(params).length > 0;
  return {
    key: draft.key.trim(),
    name: draft.name,
    weight: numberOf(draft.weight),
    config: {
      ...(draft.homeRowOrder && { homeRowOrder: draft.homeRowOrder }),
      ...(draft.artwork && { artwork: draft.artwork }),
      ...(abr && { abr: { policy: draft.abrPolicy.trim(), params } }),
    },
  };
}

/** The definition a draft describes, as the create and update operations take it. */
export function definitionOf(draft: ExperimentDraft): ExperimentDefinition {
  const countries = draft.countries
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());
  return {
    name: draft.name,
    description: draft.description,
    variants: draft.variants.map(variantOf),
    allocationPercent: numberOf(draft.allocationPercent),
    targeting: {
      ...(countries.length > 0 && { countries }),
      ...(draft.deviceTypes.length > 0 && { deviceTypes: draft.deviceTypes }),
      ...(draft.kids !== "everyone" && { kids: draft.kids === "kids" }),
    },
    metrics: draft.metrics,
    startsAt: instantOf(draft.startsAt, draft.saved.startsAt),
    endsAt: instantOf(draft.endsAt, draft.saved.endsAt),
    status: draft.status,
  };
}

/** The form's state for a saved experiment. */
export function draftOf(definition: ExperimentDefinition): ExperimentDraft {
  const { targeting } = definition;
  return {
    name: definition.name,
    description: definition.description,
    variants: definition.variants.map(({ key, name, weight, config }) => ({
      id: crypto.randomUUID(),
      key,
      name,
      weight: String(weight),
      homeRowOrder: config.homeRowOrder ?? null,
      artwork: config.artwork ?? "",
      abrPolicy: config.abr?.policy ?? "",
      abrParams: Object.fromEntries(
        Object.entries(config.abr?.params ?? {}).map(([param, value]) => [param, String(value)]),
      ),
    })),
    allocationPercent: String(definition.allocationPercent),
    countries: targeting.countries?.join(", ") ?? "",
    deviceTypes: targeting.deviceTypes ?? [],
    kids: targeting.kids === undefined ? "everyone" : targeting.kids ? "kids" : "grown-ups",
    metrics: definition.metrics,
    startsAt: localInput(definition.startsAt),
    endsAt: localInput(definition.endsAt),
    status: definition.status,
    saved: { startsAt: definition.startsAt, endsAt: definition.endsAt },
  };
}

/** Where the server may report a problem with this draft, field by field (see field-errors.ts). */
export function fieldPathsOf(draft: ExperimentDraft): string[] {
  const variantPaths = draft.variants.flatMap((_, index) => {
    const at = `variants.${index}`;
    return [
      at,
      `${at}.key`,
      `${at}.name`,
      `${at}.weight`,
      `${at}.config.homeRowOrder`,
      `${at}.config.artwork`,
      `${at}.config.abr`,
      `${at}.config.abr.policy`,
      ...ABR_PARAMS.map((param) => `${at}.config.abr.params.${param}`),
    ];
  });
  return [
    "name",
    "description",
    "variants",
    ...variantPaths,
    "allocationPercent",
    "targeting",
    "targeting.countries",
    "targeting.deviceTypes",
    "targeting.kids",
    "metrics",
    "startsAt",
    "endsAt",
    "status",
  ];
}
