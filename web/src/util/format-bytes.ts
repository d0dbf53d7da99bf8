/** Sizes as people read them, in the browser's locale: "850 kB", "12.4 MB", "3.2 GB". */
const UNITS = [
  ["gigabyte", 1e9],
  ["megabyte", 1e6],
  ["kilobyte", 1e3],
] as const;

const formats = new Map<string, Intl.NumberFormat>();

function formatIn(unit: string): Intl.NumberFormat {
  let format = formats.get(unit);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: "unit",
      unit,
      unitDisplay: "short",
      maximumFractionDigits: 1,
    });
    formats.set(unit, format);
  }
  return format;
}

export function formatBytes(bytes: number): string {
  for (const [unit, size] of UNITS) if (bytes >= size) return formatIn(unit).format(bytes / size);
  return formatIn("byte").format(bytes);
}
