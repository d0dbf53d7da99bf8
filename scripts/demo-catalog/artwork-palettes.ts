/**
 * Colour and type per genre, the "look" a streaming service gives a shelf:
 * deep blues and violets for Sci-Fi, bright sky and candy colours for
 * Animation, near-black and blood red for Horror. Each genre has a couple of
 * variants, so two thrillers side by side don't look like duplicates.
 */
import type { GenreId } from "./genres.ts";

export interface Palette {
  /** Background gradient, top to bottom. */
  sky: readonly [string, string, string];
  /** The focal colour (moon, planet ring, light). */
  accent: string;
  /** A second colour for detail. */
  accent2: string;
  /** Silhouettes and shadows. */
  shade: string;
  /** The title's colour. */
  ink: string;
  /** An outline for the title on bright artwork, where a dark fade would look wrong. */
  inkStroke?: string;
}

export const PALETTES: Record<GenreId, readonly Palette[]> = {
  "sci-fi": [
    {
      sky: ["#050a1f", "#1b1446", "#3a1f6b"],
      accent: "#7dd3fc",
      accent2: "#c084fc",
      shade: "#02040d",
      ink: "#e0f2fe",
    },
    {
      sky: ["#01121a", "#053b4a", "#0e6b73"],
      accent: "#5eead4",
      accent2: "#fbbf24",
      shade: "#010a0f",
      ink: "#f0fdfa",
    },
    {
      sky: ["#0a0614", "#2b0f3a", "#7a1f4f"],
      accent: "#fda4af",
      accent2: "#818cf8",
      shade: "#05030a",
      ink: "#fff1f2",
    },
  ],
  horror: [
    {
      sky: ["#0a0506", "#2a070b", "#5c0d12"],
      accent: "#e7e5e4",
      accent2: "#b91c1c",
      shade: "#050203",
      ink: "#fde2e2",
    },
    {
      sky: ["#06080a", "#1a1f24", "#3b0a0a"],
      accent: "#d6d3d1",
      accent2: "#7f1d1d",
      shade: "#030405",
      ink: "#f5f5f4",
    },
  ],
  thriller: [
    {
      sky: ["#0b0b0f", "#1f1216", "#4a0e14"],
      accent: "#ef4444",
      accent2: "#f59e0b",
      shade: "#050507",
      ink: "#fafafa",
    },
    {
      sky: ["#08111a", "#132536", "#2b1320"],
      accent: "#f43f5e",
      accent2: "#94a3b8",
      shade: "#04080d",
      ink: "#f8fafc",
    },
  ],
  crime: [
    {
      sky: ["#0b1320", "#1d2b3a", "#b45309"],
      accent: "#fbbf24",
      accent2: "#f97316",
      shade: "#05080d",
      ink: "#fef3c7",
    },
    {
      sky: ["#061a1a", "#0f3535", "#1f5f5b"],
      accent: "#facc15",
      accent2: "#2dd4bf",
      shade: "#020909",
      ink: "#ecfeff",
    },
  ],
  drama: [
    {
      sky: ["#1e293b", "#7c5c8a", "#f4a582"],
      accent: "#fde68a",
      accent2: "#fb7185",
      shade: "#1f1a2e",
      ink: "#fff7ed",
    },
    {
      sky: ["#0f2a3d", "#3e6d8a", "#d9b48f"],
      accent: "#fef3c7",
      accent2: "#93c5fd",
      shade: "#0c1c28",
      ink: "#f8fafc",
    },
  ],
  romance: [
    {
      sky: ["#3b0a2a", "#9d174d", "#fda4af"],
      accent: "#fff1f2",
      accent2: "#fcd34d",
      shade: "#2a0720",
      ink: "#fff1f2",
    },
    {
      sky: ["#2e1065", "#be185d", "#fdba74"],
      accent: "#fff7ed",
      accent2: "#f9a8d4",
      shade: "#1e0a40",
      ink: "#fff7ed",
    },
  ],
  comedy: [
    {
      sky: ["#facc15", "#fb923c", "#f43f5e"],
      accent: "#fff7ed",
      accent2: "#1d4ed8",
      shade: "#7c2d12",
      ink: "#ffffff",
      inkStroke: "#7c2d12",
    },
    {
      sky: ["#22d3ee", "#a78bfa", "#f472b6"],
      accent: "#fefce8",
      accent2: "#facc15",
      shade: "#312e81",
      ink: "#ffffff",
      inkStroke: "#312e81",
    },
  ],
  action: [
    {
      sky: ["#111827", "#7c2d12", "#f97316"],
      accent: "#fdba74",
      accent2: "#e5e7eb",
      shade: "#0a0a0a",
      ink: "#ffffff",
    },
    {
      sky: ["#0c1a2b", "#1e3a5f", "#64748b"],
      accent: "#f59e0b",
      accent2: "#cbd5e1",
      shade: "#050b14",
      ink: "#f8fafc",
    },
  ],
  adventure: [
    {
      sky: ["#0c4a6e", "#f59e0b", "#fde68a"],
      accent: "#fff7ed",
      accent2: "#b45309",
      shade: "#1c1917",
      ink: "#ffffff",
    },
    {
      sky: ["#064e3b", "#65a30d", "#fef08a"],
      accent: "#fefce8",
      accent2: "#166534",
      shade: "#052e16",
      ink: "#ffffff",
    },
  ],
  fantasy: [
    {
      sky: ["#1e1b4b", "#4c1d95", "#0f766e"],
      accent: "#fef9c3",
      accent2: "#a7f3d0",
      shade: "#0b0a1f",
      ink: "#fefce8",
    },
    {
      sky: ["#0f172a", "#312e81", "#9d174d"],
      accent: "#fde68a",
      accent2: "#c4b5fd",
      shade: "#0a0f1f",
      ink: "#fffbeb",
    },
  ],
  mystery: [
    {
      sky: ["#0f172a", "#1e293b", "#475569"],
      accent: "#fef9c3",
      accent2: "#fbbf24",
      shade: "#020617",
      ink: "#f1f5f9",
    },
    {
      sky: ["#0b1d26", "#16404d", "#5f7f86"],
      accent: "#ecfeff",
      accent2: "#fcd34d",
      shade: "#03121a",
      ink: "#ecfeff",
    },
  ],
  animation: [
    {
      sky: ["#38bdf8", "#a5f3fc", "#fef9c3"],
      accent: "#fde047",
      accent2: "#fb7185",
      shade: "#16a34a",
      ink: "#ffffff",
      inkStroke: "#1e3a8a",
    },
    {
      sky: ["#c084fc", "#f9a8d4", "#fde68a"],
      accent: "#fef08a",
      accent2: "#22d3ee",
      shade: "#7c3aed",
      ink: "#ffffff",
      inkStroke: "#581c87",
    },
    {
      sky: ["#fb923c", "#fcd34d", "#fef9c3"],
      accent: "#ffffff",
      accent2: "#38bdf8",
      shade: "#ea580c",
      ink: "#ffffff",
      inkStroke: "#9a3412",
    },
  ],
  family: [
    {
      sky: ["#0ea5e9", "#7dd3fc", "#bbf7d0"],
      accent: "#fde047",
      accent2: "#f97316",
      shade: "#15803d",
      ink: "#ffffff",
      inkStroke: "#14532d",
    },
    {
      sky: ["#f97316", "#fdba74", "#fef3c7"],
      accent: "#fef08a",
      accent2: "#0ea5e9",
      shade: "#b45309",
      ink: "#ffffff",
      inkStroke: "#7c2d12",
    },
  ],
  documentary: [
    {
      sky: ["#022c22", "#065f46", "#4d7c0f"],
      accent: "#d9f99d",
      accent2: "#fef3c7",
      shade: "#011c16",
      ink: "#f7fee7",
    },
    {
      sky: ["#0c1c2c", "#0e4a6b", "#3b82a0"],
      accent: "#e0f2fe",
      accent2: "#fde68a",
      shade: "#06121d",
      ink: "#f0f9ff",
    },
  ],
};

const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const SERIF = "ui-serif, Georgia, 'Times New Roman', serif";
const ROUNDED = "ui-rounded, 'SF Pro Rounded', system-ui, sans-serif";

export interface Typeface {
  family: string;
  weight: number;
  uppercase: boolean;
  /** Extra space between letters, in ems. */
  tracking: number;
  /**
   * Average glyph advance in ems, for fitting lines without measuring text.
   * Calibrated against DejaVu (Linux's usual fallback and among the widest),
   * so the title fits everywhere and merely runs a little small on narrower fonts.
   */
  advance: number;
}

const LOUD: Typeface = {
  family: SANS,
  weight: 900,
  uppercase: true,
  tracking: 0.04,
  advance: 0.68,
};
const ELEGANT: Typeface = {
  family: SERIF,
  weight: 700,
  uppercase: false,
  tracking: 0.01,
  advance: 0.585,
};
const PLAYFUL: Typeface = {
  family: ROUNDED,
  weight: 800,
  uppercase: false,
  tracking: 0,
  advance: 0.73,
};
const CLEAN: Typeface = { family: SANS, weight: 800, uppercase: false, tracking: 0, advance: 0.73 };

export const TYPEFACES: Record<GenreId, Typeface> = {
  action: LOUD,
  adventure: CLEAN,
  animation: PLAYFUL,
  comedy: PLAYFUL,
  crime: LOUD,
  documentary: { ...CLEAN, uppercase: true, tracking: 0.08, advance: 0.67, weight: 700 },
  drama: ELEGANT,
  family: PLAYFUL,
  fantasy: { ...ELEGANT, uppercase: true, tracking: 0.06, advance: 0.63 },
  horror: { ...LOUD, family: SERIF, tracking: 0.02, advance: 0.66 },
  mystery: ELEGANT,
  romance: { ...ELEGANT, weight: 600 },
  "sci-fi": { ...LOUD, tracking: 0.12, advance: 0.7, weight: 800 },
  thriller: LOUD,
};
