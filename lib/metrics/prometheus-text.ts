/**
 * Renders metric families in the Prometheus text exposition format, version
 * 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/):
 * `# HELP` and `# TYPE` lines, then one line per sample; histograms as
 * cumulative `_bucket{le}` lines ending in `+Inf`, `_sum` and `_count`.
 * Label values and help text are escaped as the format requires, so a
 * value may hold any string.
 */

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type Labels = Record<string, string>;

export interface ScalarFamily {
  name: string;
  help: string;
  type: "counter" | "gauge";
  samples: { labels?: Labels; value: number }[];
}

export interface HistogramFamily {
  name: string;
  help: string;
  type: "histogram";
  /** Upper bounds of the buckets, ascending; `+Inf` is implied. */
  bounds: readonly number[];
  series: {
    labels?: Labels;
    /** Per bucket, not cumulative: one entry per bound plus one for above the last. */
    buckets: readonly number[];
    sum: number;
  }[];
}

export type MetricFamily = ScalarFamily | HistogramFamily;

/** The histogram bucket a value falls in: the first bound it does not exceed, or past the last. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  const index = bounds.findIndex((bound) => value <= bound);
  return index === -1 ? bounds.length : index;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Go's float syntax, which Prometheus parses: Infinity is `+Inf`. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

const escapeLabelValue = (value: string) =>
  value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
const escapeHelp = (help: string) => help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");

function labelSet(labels: Labels = {}): string {
  const pairs = Object.entries(labels).map(([name, value]) => {
    if (!LABEL_NAME.test(name) || name.startsWith("__")) throw new Error(`bad label ${name}`);
    return `${name}="${escapeLabelValue(value)}"`;
  });
  return pairs.length ? `{${pairs.join(",")}}` : "";
}

function histogramLines(family: HistogramFamily): string[] {
  return family.series.flatMap(({ labels, buckets, sum }) => {
    if (buckets.length !== family.bounds.length + 1) {
      throw new Error(
        `${family.name}: ${buckets.length} buckets for ${family.bounds.length} bounds`,
      );
    }
    let cumulative = 0;
    const lines = buckets.map((count, index) => {
      cumulative += count;
      const le = formatValue(family.bounds[index] ?? Infinity);
      return `${family.name}_bucket${labelSet({ ...labels, le })} ${formatValue(cumulative)}`;
    });
    lines.push(`${family.name}_sum${labelSet(labels)} ${formatValue(sum)}`);
    lines.push(`${family.name}_count${labelSet(labels)} ${formatValue(cumulative)}`);
    return lines;
  });
}

/**
 * The exposition text of the families, in the order given.
 *
 * @example
 * renderPrometheusText([
 *   { name: "jobs_total", help: "Jobs run.", type: "counter", samples: [{ value: 3 }] },
 * ]) // "# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\njobs_total 3\n"
 */
export function renderPrometheusText(families: MetricFamily[]): string {
  const lines = families.flatMap((family) => {
    if (!METRIC_NAME.test(family.name)) throw new Error(`bad metric name ${family.name}`);
    const header = [
      `# HELP ${family.name} ${escapeHelp(family.help)}`,
      `# TYPE ${family.name} ${family.type}`,
    ];
    if (family.type === "histogram") return [...header, ...histogramLines(family)];
    return [
      ...header,
      ...family.samples.map(
        ({ labels, value }) => `${family.name}${labelSet(labels)} ${formatValue(value)}`,
      ),
    ];
  });
  return lines.join("\n") + "\n";
}
