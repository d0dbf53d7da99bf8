/**
 * /admin/qoe (experiment admins): quality of experience of the views in a
 * window, sliced by title, device, country, ABR policy and experiment
 * variant — headline numbers, the metrics over time, and the startup and
 * rendition distributions. The view lives in the URL, so it can be shared,
 * and refreshes every 30 s while the tab is visible.
 *
 * Metric definitions (Mux Data's) are in lib/qoe/metrics.ts and
 * docs/analytics.md.
 */
import { useSearchParams } from "react-router";
import { getQoeSummary, getQoeTimeseries } from "../../api/client.ts";
import type { QoeSummary, QoeTimeseries } from "../../api/types.ts";
import { formatPointTime } from "../../charts/axis-format.ts";
import { BarChart } from "../../charts/bar-chart.tsx";
import { HistogramChart } from "../../charts/histogram-chart.tsx";
import { LineChart, type LineSeries } from "../../charts/line-chart.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";
import { useDashboardData } from "../../hooks/use-dashboard-data.ts";
import {
  formatCount,
  formatHours,
  formatKbps,
  formatMs,
  formatPercent,
  formatRendition,
  formatScore,
  formatShare,
} from "../../util/format-metric.ts";
import { LiveBadge } from "./live-badge.tsx";
import { QoeFilterForm } from "./qoe-filter-form.tsx";
import { queryOf, viewFromParams, viewKey, WINDOWS, type QoeView } from "./qoe-filters.ts";
import { StatTiles, type Stat } from "./stat-tiles.tsx";
import "./dashboard.css";

const REFRESH_MS = 30_000;

interface Dashboard {
  summary: QoeSummary;
  timeseries: QoeTimeseries;
}

async function loadDashboard(view: QoeView, signal?: AbortSignal): Promise<Dashboard> {
  const query = queryOf(view);
  const stepMinutes = WINDOWS[view.window].stepMinutes;
  const [summary, timeseries] = await Promise.all([
    getQoeSummary(query, signal),
    getQoeTimeseries({ ...query, stepMinutes }, signal),
  ]);
  return { summary, timeseries };
}

function headline({ metrics }: QoeSummary): Stat[] {
  return [
    {
      label: "Views",
      value: formatCount(metrics.views),
      note: `${formatHours(metrics.watchHours)} watched`,
    },
    { label: "Startup time p50", value: formatMs(metrics.startupTimeMs.p50) },
    { label: "Startup time p95", value: formatMs(metrics.startupTimeMs.p95) },
    {
      label: "Rebuffering",
      value: formatPercent(metrics.rebufferPercentage),
      note:
        metrics.rebufferFrequencyPerMinute === null
          ? undefined
          : `${metrics.rebufferFrequencyPerMinute.toFixed(2)} stalls a minute`,
    },
    { label: "Playback failures", value: formatPercent(metrics.playbackFailurePercentage) },
    {
      label: "Exits before video start",
      value: formatPercent(metrics.exitsBeforeVideoStartPercentage),
    },
    { label: "Average bitrate", value: formatKbps(metrics.averageBitrateKbps) },
    { label: "Upscaled time", value: formatPercent(metrics.upscalePercentage) },
    {
      label: "Viewer experience score",
      value: formatScore(metrics.viewerExperienceScore),
      note: "out of 100",
    },
  ];
}

function TimeCharts({ timeseries }: { timeseries: QoeTimeseries }) {
  const { points, window } = timeseries;
  const times = points.map((point) => Date.parse(point.start));
  const span = [Date.parse(window.from), Date.parse(window.to)] as const;
  const line = (label: string, pick: (point: (typeof points)[number]) => number | null) =>
    ({ label, values: points.map(pick) }) satisfies LineSeries;
  const common = { times, span, formatTime: formatPointTime };
  return (
    <div className="dashboard__charts">
      <LineChart
        {...common}
        title="Startup time"
        formatValue={formatMs}
        series={[line("p50", (p) => p.startupP50Ms), line("p95", (p) => p.startupP95Ms)]}
      />
      <LineChart
        {...common}
        title="Viewer experience score"
        formatValue={formatScore}
        yMax={100}
        series={[line("Score", (p) => p.viewerExperienceScore)]}
      />
      <LineChart
        {...common}
        title="Rebuffering and failures"
        formatValue={formatPercent}
        series={[
          line("Rebuffering", (p) => p.rebufferPercentage),
          line("Playback failures", (p) => p.playbackFailurePercentage),
          line("Exits before start", (p) => p.exitsBeforeVideoStartPercentage),
        ]}
      />
      <LineChart
        {...common}
        title="Views"
        formatValue={formatCount}
        series={[
          line("Views started", (p) => p.views),
          line("Concurrent viewers", (p) => p.concurrentViewers),
        ]}
      />
      <LineChart
        {...common}
        title="Average bitrate"
        formatValue={formatKbps}
        series={[line("Average bitrate", (p) => p.averageBitrateKbps)]}
      />
      <LineChart
        {...common}
        title="Upscaled time"
        formatValue={formatPercent}
        series={[line("Upscaled", (p) => p.upscalePercentage)]}
      />
    </div>
  );
}

function Distributions({ summary }: { summary: QoeSummary }) {
  return (
    <div className="dashboard__charts">
      <HistogramChart
        title="Startup time distribution"
        binName="Startup time"
        valueName="Views"
        formatValue={formatCount}
        bins={summary.startupDistribution.map((bin) => ({ label: bin.label, value: bin.views }))}
      />
      <BarChart
        title="Time played at each rendition"
        labelName="Rendition"
        valueName="Share of time played"
        formatValue={formatShare}
        max={1}
        bars={summary.metrics.renditions.map((rendition) => ({
          label: formatRendition(rendition),
          value: rendition.share,
        }))}
      />
    </div>
  );
}

export function QoePage() {
  const [params, setParams] = useSearchParams();
  const view = viewFromParams(params);
  const live = useDashboardData(viewKey(view), (signal) => loadDashboard(view, signal), REFRESH_MS);
  const dashboard = live.data;
  const filtered = Object.keys(view.slice).length > 0;

  // Changes start from the address bar, not from this render's params: while a new view loads,
  // the router keeps the previous render (a transition) and its params on screen, so a second
  // change made meanwhile (Clear filters right after a new window) would undo the first.
  const paramsNow = () => new URLSearchParams(globalThis.location.search);
  function setParam(name: string, value: string) {
    const next = paramsNow();
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <div className="page page--wide dashboard">
      <title>Quality of experience · Marquee</title>
      <div className="dashboard__head">
        <h1 className="page__title">Quality of experience</h1>
        <LiveBadge updatedAt={live.updatedAt} />
      </div>
      <QoeFilterForm
        view={view}
        dimensions={dashboard?.summary.dimensions}
        onWindow={(window) => setParam("window", window)}
        onFilter={setParam}
        onClear={() =>
          setParams(new URLSearchParams({ window: viewFromParams(paramsNow()).window }), {
            replace: true,
          })
        }
      />
      <ErrorMessage error={live.error} />
      {!dashboard && !live.error && <p className="panel__text">Loading…</p>}
      {dashboard && (
        <div className="dashboard__body" aria-busy={live.stale}>
          {dashboard.summary.metrics.views === 0 ? (
            <div className="panel dashboard__empty">
              <h2>No views {filtered ? "match these filters" : "in this window"}</h2>
              <p className="panel__text">
                {filtered
                  ? "Try a longer window or fewer filters."
                  : "Views show up here within a minute of someone pressing Play."}
              </p>
            </div>
          ) : (
            <>
              <StatTiles label="Headline numbers" stats={headline(dashboard.summary)} />
              <section aria-labelledby="qoe-over-time" className="dashboard__section">
                <h2 id="qoe-over-time" className="dashboard__heading">
                  Over time
                </h2>
                <TimeCharts timeseries={dashboard.timeseries} />
              </section>
              <section aria-labelledby="qoe-distributions" className="dashboard__section">
                <h2 id="qoe-distributions" className="dashboard__heading">
                  Distributions
                </h2>
                <Distributions summary={dashboard.summary} />
              </section>
            </>
          )}
        </div>
      )}
    </div>
  );
}
