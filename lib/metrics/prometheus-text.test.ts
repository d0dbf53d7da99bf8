/**
 * The exposition renderer against the Prometheus project's own text-format
 * parser (testing/prometheus-parser.ts): what it writes parses, label
 * values survive any characters, histograms are cumulative per series and
 * end in +Inf, and names the format refuses are refused here first.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseExposition, parserMissing, sample } from "../../testing/prometheus-families.ts";
import { formatValue, renderPrometheusText, type MetricFamily } from "./prometheus-text.ts";

const missing = await parserMissing(env.PROMETHEUS_PARSER);
const parse = (text: string) => parseExposition(env.PROMETHEUS_PARSER, text);

describe.skipIf(missing)(
  `renderPrometheusText, parsed${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    it("writes counters and gauges that parse back with their labels and values", async () => {
      const awkward = 'C:\\dir\\"quoted"\nnext line — ünïcode';
      const text = renderPrometheusText([
        {
          name: "things_total",
          help: "Things, with a back\\slash\nand a second line.",
          type: "counter",
          samples: [
            { labels: { route: "/api/titles/:id", odd: awkward }, value: 3 },
            { labels: { route: "/api/health", odd: "" }, value: 1.5e21 },
          ],
        },
        { name: "level", help: "A gauge.", type: "gauge", samples: [{ value: Infinity }] },
      ]);
      const families = await parse(text);
      const things = families.get("things")!;
      expect(things.type).toBe("counter");
      expect(things.help).toBe("Things, with a back\\slash\nand a second line.");
      expect(sample(things, "things_total", { route: "/api/titles/:id", odd: awkward })).toBe(3);
      expect(sample(things, "things_total", { route: "/api/health", odd: "" })).toBe(1.5e21);
      expect(families.get("level")).toMatchObject({
        type: "gauge",
        samples: [{ name: "level", value: "+Inf" }],
      });
      expect(text.endsWith("\n")).toBe(true);
    });

    it("writes histograms with cumulative buckets up to +Inf, _sum and _count per series", async () => {
      const family: MetricFamily = {
        name: "latency_seconds",
        help: "Latency.",
        type: "histogram",
        bounds: [0.1, 1],
        series: [
          { labels: { route: "/a" }, buckets: [2, 0, 3], sum: 9.5 },
          { labels: { route: "/b" }, buckets: [0, 1, 0], sum: 0.5 },
        ],
      };
      const parsed = (await parse(renderPrometheusText([family]))).get("latency_seconds")!;
      expect(parsed.type).toBe("histogram");
      const bucket = (route: string, le: string) =>
        sample(parsed, "latency_seconds_bucket", { route, le });
      expect([bucket("/a", "0.1"), bucket("/a", "1"), bucket("/a", "+Inf")]).toEqual([2, 2, 5]);
      expect([bucket("/b", "0.1"), bucket("/b", "1"), bucket("/b", "+Inf")]).toEqual([0, 1, 1]);
      expect(sample(parsed, "latency_seconds_sum", { route: "/a" })).toBe(9.5);
      expect(sample(parsed, "latency_seconds_count", { route: "/a" })).toBe(5);
      expect(sample(parsed, "latency_seconds_count", { route: "/b" })).toBe(1);
    });

    it("writes what the parser refuses when escaping is skipped, so the check can fail", async () => {
      await expect(parse('broken{label="a"b"} 1\n')).rejects.toThrow(/does not parse/);
    });
  },
);

describe("renderPrometheusText", () => {
  it("refuses what the format cannot carry", () => {
    const counter = (name: string, labels: Record<string, string> = {}): MetricFamily => ({
      name,
      help: "",
      type: "counter",
      samples: [{ labels, value: 1 }],
    });
    expect(() => renderPrometheusText([counter("has-dash")])).toThrow(/metric name/);
    expect(() => renderPrometheusText([counter("ok", { "bad label": "x" })])).toThrow(/label/);
    expect(() => renderPrometheusText([counter("ok", { __reserved: "x" })])).toThrow(/label/);
    expect(() =>
      renderPrometheusText([
        { name: "h", help: "", type: "histogram", bounds: [1], series: [{ buckets: [1], sum: 1 }] },
      ]),
    ).toThrow(/buckets/);
  });

  it("formats special values in Go's float syntax", () => {
    expect([Infinity, -Infinity, NaN, 0.005, 12].map(formatValue)).toEqual([
      "+Inf",
      "-Inf",
      "NaN",
      "0.005",
      "12",
    ]);
  });
});
