/**
 * The Prometheus project's own text-format parser for Worker tests: the
 * official Python client's `prometheus_client.parser` (Debian's
 * python3-prometheus-client), run by Node and offered to workerd as a
 * service binding. POST an exposition and get its families as JSON
 * (prometheus-families.ts), or 422 with the parser's error; GET says
 * whether the parser is installed.
 *
 * Why not an npm parser: the one npm has (parse-prometheus-text-format)
 * merges every series of a labelled histogram into one, so it cannot check
 * per-route latency histograms.
 */
import { execFile } from "node:child_process";

// Debian's interpreter, the one Debian's package installs into (a pyenv or venv python would not see it).
const PYTHON = "/usr/bin/python3";
export const PARSER_INSTALL_HINT = "sudo apt-get install -y python3-prometheus-client";

const PARSE = `
import json, math, sys
from prometheus_client.parser import text_string_to_metric_families

def number(value):
    if math.isnan(value): return "NaN"
    if math.isinf(value): return "+Inf" if value > 0 else "-Inf"
    return value

print(json.dumps([
    {"name": family.name, "type": family.type, "help": family.documentation,
     "samples": [{"name": s.name, "labels": s.labels, "value": number(s.value)} for s in family.samples]}
    for family in text_string_to_metric_families(sys.stdin.read())
]))
`;

function python(script: string, input = ""): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(PYTHON, ["-c", script], (error, stdout, stderr) =>
      resolve({ ok: !error, out: error ? stderr || error.message : stdout }),
    );
    child.stdin?.end(input);
  });
}

export async function prometheusParser(request: Request): Promise<Response> {
  if (request.method === "GET") {
    const { ok } = await python("import prometheus_client.parser");
    return ok ? new Response("ok") : new Response(PARSER_INSTALL_HINT, { status: 503 });
  }
  const { ok, out } = await python(PARSE, await request.text());
  return ok
    ? new Response(out, { headers: { "content-type": "application/json" } })
    : new Response(out, { status: 422 });
}
