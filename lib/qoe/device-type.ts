/**
 * The device type a QoE view is sliced by, from its User-Agent. Coarse on
 * purpose (four values), so every slice has enough views to mean something.
 */
export const DEVICE_TYPES = ["desktop", "mobile", "tablet", "tv"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const RULES: [RegExp, DeviceType][] = [
  [/SmartTV|SMART-TV|Tizen|Web0S|webOS|HbbTV|AppleTV|CrKey|AFT[A-Z]|BRAVIA|Roku/i, "tv"],
  [/iPad|Tablet|Android(?!.*Mobile)/i, "tablet"],
  [/Mobi|iPhone|iPod|Android.*Mobile/i, "mobile"],
];

export function deviceTypeOf(userAgent: string | undefined): DeviceType {
  if (!userAgent) return "desktop";
  return RULES.find(([pattern]) => pattern.test(userAgent))?.[1] ?? "desktop";
}
