/**
 * /admin/experiments/:experimentId/results: who was exposed to which
 * variant (and whether that matches the weights: a sample ratio mismatch
 * is a loud warning, since it means the comparison cannot be trusted),
 * then each metric the experiment measures, its differences from the
 * control drawn as intervals. docs/experiments.md has the statistics.
 */
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { getExperimentResults } from "../../api/client.ts";
import type { ExperimentResults } from "../../api/types.ts";
import { BarChart } from "../../charts/bar-chart.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";
import { useResource } from "../../hooks/use-resource.ts";
import { formatCount, formatPValue, formatShare } from "../../util/format-metric.ts";
import { formatDateTime } from "../../util/format-time.ts";
import { StatusBadge } from "./experiment-status-badge.tsx";
import { MetricResultSection } from "./metric-result.tsx";
import "./dashboard.css";
import "./experiment-results-page.css";

function SampleRatioWarning({ results }: { results: ExperimentResults }) {
  const { sampleRatio } = results;
  if (!sampleRatio.mismatch) return null;
  return (
    <section className="panel srm-warning" aria-labelledby="srm-heading">
      <h2 id="srm-heading">Sample ratio mismatch</h2>
      <p>
        The variants' exposures are off their weights (χ² = {sampleRatio.chiSquare.toFixed(1)},{" "}
        {formatPValue(sampleRatio.pValue)}, below {sampleRatio.alpha}). People are being assigned or
        counted unevenly, so the differences below cannot be trusted until that is explained.
      </p>
      <ul>
        {results.variants.map((variant) => (
          <li key={variant.key}>
            {variant.name}: {formatShare(variant.observedShare)} of exposures, expected{" "}
            {formatShare(variant.expectedShare)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Exposures({ results }: { results: ExperimentResults }) {
  return (
    <BarChart
      title="Profiles exposed"
      labelName="Variant"
      valueName="Profiles"
      formatValue={formatCount}
      bars={results.variants.map((variant) => ({
        label: `${variant.name} (${formatShare(variant.observedShare)}, expected ${formatShare(variant.expectedShare)})`,
        value: variant.exposures,
      }))}
    />
  );
}

export function ExperimentResultsPage() {
  const { experimentId = "" } = useParams();
  const load = useCallback(() => getExperimentResults(experimentId), [experimentId]);
  const { data: results, error } = useResource(load);

  return (
    <div className="page page--wide dashboard">
      <title>{`${results ? `${results.name} results` : "Results"} · Marquee`}</title>
      <p className="breadcrumb">
        <Link to="/admin/experiments">Experiments</Link>
        {results && (
          <>
            {" / "}
            <Link to={`/admin/experiments/${experimentId}`}>{results.name}</Link>
          </>
        )}
      </p>
      <h1 className="page__title">{results ? `Results: ${results.name}` : "Results"}</h1>
      <ErrorMessage error={error} />
      {!results && !error && <p className="panel__text">Loading…</p>}
      {results && (
        <>
          <p className="panel__text">
            <StatusBadge status={results.status} />{" "}
            {results.window
              ? `Views from ${formatDateTime(results.window.from)} to ${formatDateTime(results.window.to)}.`
              : "Not started yet: no results until it runs."}{" "}
            The first variant, {results.variants[0]?.name}, is the control.
          </p>
          <SampleRatioWarning results={results} />
          {results.warnings.length > 0 && (
            <ul className="results-warnings" aria-label="Warnings">
              {results.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <div className="dashboard__charts">
            <Exposures results={results} />
          </div>
          <div className="results-metrics">
            {(results.variants[0]?.metrics ?? []).map(({ metric }) => (
              <MetricResultSection key={metric} metric={metric} variants={results.variants} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
