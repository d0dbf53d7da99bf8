/**
 * The Worker-test side of the Prometheus parser binding
 * (prometheus-parser.ts runs in Node): parse an exposition into families
 * and read samples from them. Kept apart from the parser so tests in
 * workerd, without Node's types, can use it.
 */
export interface ParsedSample {
  /** The sample's own name: `<family>_total` for a counter, `_bucket`/`_sum`/`_count` for a histogram. */
  name: string;
  labels: Record<string, string>;
  value: number | "+Inf" | "-Inf" | "NaN";
}

export interface ParsedFamily {
  /** As the parser names families: a counter's without its `_total`. */
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped" | "unknown";
  help: string;
  samples: ParsedSample[];
}

/** The parser binding as used here (a Fetcher in workerd; typed apart so Node's checker reads this file too). */
interface ParserBinding {
  fetch(url: string, init?: { method: string; body: string }): Promise<Response>;
}

/** Whether the parser is installed here; its install hint when not. */
export async function parserMissing(parser: ParserBinding): Promise<string | null> {
  const response = await parser.fetch("http://prometheus-parser/");
  return response.ok ? null : await response.text();
}

/** The exposition's families by name; throws with the parser's message when it does not parse. */
export async function parseExposition(
  parser: ParserBinding,
  text: string,
): Promise<Map<string, ParsedFamily>> {
  const response = await parser.fetch("http://prometheus-parser/", { method: "POST", body: text });
  if (!response.ok) throw new Error(`the exposition does not parse: ${await response.text()}`);
  const families = (await response.json()) as ParsedFamily[];
  return new Map(families.map((family) => [family.name, family]));
}

/** The value of the one sample with this name and labels (all of them, exactly). */
export function sample(
  family: ParsedFamily | undefined,
  name: string,
  labels: Record<string, string> = {},
): ParsedSample["value"] | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return family?.samples.find(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted,
  )?.value;
}
