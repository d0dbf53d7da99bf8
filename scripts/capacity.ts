/**
 * `npm run capacity`: the capacity model of issue 12. For today's design
 * and the new one it prints a table of every store and Durable Object class
 * (peak reads and writes, the busiest single instance against its documented
 * limit, data against its size limit, OVER where it does not fit), then
 * segment delivery with and without the edge cache, the assumptions and the
 * limits with their sources. Arithmetic only, over
 * scripts/capacity/parameters.ts: nothing is started or measured.
 * docs/scaling.md explains the tables.
 */
import { printTable } from "../bench/lib/table.ts";
import { DESIGNS, NEW_DESIGN, TODAY } from "./capacity/designs.ts";
import { LIMITS } from "./capacity/limits.ts";
import { evaluate, segmentDelivery, trafficOf, type Verdict } from "./capacity/model.ts";
import { ASSUMPTIONS, PARAMETERS } from "./capacity/parameters.ts";

const PREFIXES = ["", "k", "M", "G", "T", "P"];

/** 1,234,567 → "1.2M"; small values keep two decimals so a 0.2/s object does not read as 0. */
function count(value: number): string {
  if (value === 0) return "0";
  if (value < 0.01) return "<0.01";
  if (value < 10 && !Number.isInteger(value)) return value.toFixed(value < 1 ? 2 : 1);
  let scaled = value;
  let prefix = 0;
  while (scaled >= 1_000 && prefix < PREFIXES.length - 1) {
    scaled /= 1_000;
    prefix++;
  }
  const digits = scaled < 100 && prefix > 0 ? 1 : 0;
  return `${scaled.toFixed(digits).replace(/\.0$/, "")}${PREFIXES[prefix]}`;
}

const bytes = (value: number) => `${count(value)}B`;
const bitRate = (bitsPerSecond: number) => `${count(bitsPerSecond)}bit/s`;
const times = (ratio: number) => `×${ratio < 10 ? ratio.toFixed(1) : count(ratio)}`;

function verdict({ rateUse, sizeUse, over }: Verdict): string {
  const use = Math.max(rateUse, sizeUse ?? 0);
  if (!over) return use < 0.005 ? "ok <1%" : `ok ${Math.round(use * 100)}%`;
  const parts = [
    rateUse > 1 ? `rate ${times(rateUse)}` : null,
    sizeUse !== null && sizeUse > 1 ? `size ${times(sizeUse)}` : null,
  ];
  return `OVER ${parts.filter((part) => part !== null).join(", ")}`;
}

function printDesign(title: string, verdicts: Verdict[]): void {
  console.log(`\n## ${title}\n`);
  printTable(
    [
      "store",
      "one per",
      "instances",
      "reads/s",
      "writes/s",
      "busiest one",
      "its limit",
      "data",
      "largest one",
      "size limit",
      "verdict",
    ],
    verdicts.map((v) => {
      const { busiest, size } = v.load;
      const soft = LIMITS[busiest.limitName].soft ? " (soft)" : "";
      return [
        v.store.name,
        v.store.shardedBy,
        count(v.instances),
        count(v.load.readsPerSecond),
        count(v.load.writesPerSecond),
        `${count(busiest.rate)} ${busiest.unit}`,
        `${count(busiest.limit)}${soft}`,
        size ? bytes(size.totalBytes) : "—",
        size ? bytes(size.largestBytes) : "—",
        size?.limitBytes ? bytes(size.limitBytes) : "none",
        verdict(v),
      ];
    }),
  );
  const over = verdicts.filter((v) => v.over);
  console.log(`\n${over.length} of ${verdicts.length} over.`);
  for (const v of over) console.log(`- ${v.store.name}: ${v.store.whenOver}`);
}

const p = PARAMETERS;
const t = trafficOf(p);

console.log("# Capacity model (issue 12): the evening peak");
console.log(`\n## Traffic at the peak\n`);
printTable(
  ["quantity", "value"],
  [
    ["subscribers / profiles", `${count(p.subscribers)} / ${count(t.profiles)}`],
    ["concurrent streams / active profiles", `${count(t.streams)} / ${count(t.activeProfiles)}`],
    ["api requests/s (segments included)", count(t.apiRequests)],
    ["api isolates", count(t.isolates)],
    ["segment requests/s (video + audio)", count(t.segmentRequests)],
    ["progress reports/s / QoE batches/s", `${count(t.progress)} / ${count(t.qoeBatches)}`],
    ["home / title / search per s", `${count(t.home)} / ${count(t.title)} / ${count(t.search)}`],
    ["play starts/s / grant renewals/s", `${count(t.starts)} / ${count(t.renewals)}`],
    ["token refreshes/s / sign-ins/s", `${count(t.tokenRefreshes)} / ${count(t.signIns)}`],
    ["mean delivered bit rate", `${count(t.meanKbps * 1_000)}bit/s`],
  ],
);

const verdicts = new Map(DESIGNS.map((design) => [design, evaluate(design, p)]));
printDesign("Today's design", verdicts.get(TODAY)!);
printDesign("The new design", verdicts.get(NEW_DESIGN)!);

console.log(`\n## Segment delivery\n`);
const cases: [string, number][] = [
  ["today: no edge cache (grant in the URL, private)", TODAY.edgeCacheHitRatio(p)],
  ["new: Cache API by asset + rendition path", NEW_DESIGN.edgeCacheHitRatio(p)],
  ["new, if the hit ratio were 0.5", 0.5],
  ["new, if the hit ratio were 0.99", 0.99],
];
printTable(
  ["case", "edge hit ratio", "segment req/s", "R2 reads/s", "R2 egress", "viewer egress"],
  cases.map(([label, hitRatio]) => {
    const delivery = segmentDelivery(p, hitRatio);
    return [
      label,
      hitRatio.toFixed(2),
      count(delivery.requestsPerSecond),
      count(delivery.r2ReadsPerSecond),
      bitRate(delivery.r2BitsPerSecond),
      bitRate(delivery.viewerBitsPerSecond),
    ];
  }),
);

console.log(`\n## Assumptions (scripts/capacity/parameters.ts)\n`);
printTable(
  ["group", "parameter", "value", "why"],
  Object.entries(ASSUMPTIONS).map(([name, { value, group, why }]) => [
    group,
    name,
    Array.isArray(value) ? value.join(", ") : value.toLocaleString("en-US"),
    why,
  ]),
);

console.log(`\n## Limits (scripts/capacity/limits.ts)\n`);
printTable(
  ["limit", "value", "kind", "source"],
  Object.values(LIMITS).map((limit) => [
    limit.what,
    limit.unit === "bytes"
      ? bytes(limit.value)
      : `${limit.value.toLocaleString("en-US")} ${limit.unit}`,
    limit.soft ? "soft" : "hard",
    limit.url,
  ]),
);
