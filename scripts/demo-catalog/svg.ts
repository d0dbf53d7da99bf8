/**
 * The few SVG-writing helpers the artwork needs: compact numbers, XML
 * escaping and element strings. Attributes are written from plain values
 * only; nothing here can emit scripts, event handlers or external links.
 */

/** One decimal at most, no trailing zeros: coordinates are the bulk of every file. */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(
      ([name, value]) => ` ${name}="${typeof value === "number" ? num(value) : escapeXml(value)}"`,
    )
    .join("");
}

/** `<name attrs/>`, or `<name attrs>children</name>` when there are children. */
export function el(name: string, attrs: Attributes, children?: string): string {
  return children === undefined
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${children}</${name}>`;
}

/** A path's `d` from points: a polyline, closed with Z when asked. */
export function pathFrom(points: readonly (readonly [number, number])[], close = true): string {
  const d = points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${num(x)} ${num(y)}`).join("");
  return close ? `${d}Z` : d;
}

export interface GradientStop {
  offset: number;
  color: string;
  opacity?: number;
}

export function linearGradient(
  id: string,
  stops: readonly GradientStop[],
  direction: { x1: number; y1: number; x2: number; y2: number } = { x1: 0, y1: 0, x2: 0, y2: 1 },
): string {
  return el(
    "linearGradient",
    { id, ...direction },
    stops
      .map((s) =>
        el("stop", { offset: s.offset, "stop-color": s.color, "stop-opacity": s.opacity }),
      )
      .join(""),
  );
}

export function radialGradient(id: string, stops: readonly GradientStop[]): string {
  return el(
    "radialGradient",
    { id },
    stops
      .map((s) =>
        el("stop", { offset: s.offset, "stop-color": s.color, "stop-opacity": s.opacity }),
      )
      .join(""),
  );
}
