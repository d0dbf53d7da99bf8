/**
 * /admin/engagement (experiment admins): how much people watch, per UTC
 * day — daily active profiles, hours watched, starts and completions — and
 * the day's top titles and genres. The window (?days=7|30|90) lives in the
 * URL; the day whose top lists show is chosen on the page (?day=…).
 */
import { useSearchParams } from "react-router";
import { getEngagement } from "../../api/client.ts";
import type { Engagement, EngagementDay } from "../../api/types.ts";
import { BarChart } from "../../charts/bar-chart.tsx";
import { HistogramChart } from "../../charts/histogram-chart.tsx";
import { LineChart } from "../../charts/line-chart.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { useDashboardData } from "../../hooks/use-dashboard-data.ts";
import { formatCount, formatHours, formatShare } from "../../util/format-metric.ts";
import { oneOf } from "../../util/one-of.ts";
import { StatTiles, type Stat } from "./stat-tiles.tsx";
import "./dashboard.css";

const WINDOWS = ["7", "30", "90"] as const;
const DEFAULT_DAYS = "30";
const DAY_MS = 86_400_000;

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last `days` UTC days, today included. */
function windowOf(days: number) {
  const now = Date.now();
  return { from: dayOf(now - (days - 1) * DAY_MS), to: dayOf(now) };
}

/**
 * A UTC day as the local midnight of the same date, so the charts' local
 * day ticks and labels fall on the day it is, whatever the time zone.
 */
function timeOfDay(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year!, month! - 1, date!).getTime();
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  month: "short",
  day: "numeric",
});
const formatDayTime = (time: number) => dayFormat.format(time);
const formatDay = (day: string) => formatDayTime(timeOfDay(day));

function headline({ days, totals }: Engagement): Stat[] {
  const today = days.at(-1);
  return [
    {
      label: "Daily active profiles",
      value: formatCount(today?.activeProfiles ?? null),
      note: today && formatDay(today.day),
    },
    {
      label: "Monthly active profiles",
      value: formatCount(totals.monthlyActiveProfiles),
      note: "the last 30 days",
    },
    { label: "Active profiles", value: formatCount(totals.activeProfiles), note: "in this window" },
    { label: "Hours watched", value: formatHours(totals.hoursWatched) },
    { label: "Starts", value: formatCount(totals.starts) },
    { label: "Completion rate", value: formatShare(totals.completionRate) },
  ];
}

function DayCharts({ days }: { days: EngagementDay[] }) {
  const times = days.map((day) => timeOfDay(day.day));
  const common = { times, formatTime: formatDayTime };
  return (
    <div className="dashboard__charts">
      <LineChart
        {...common}
        title="Daily active profiles"
        formatValue={formatCount}
        series={[{ label: "Active profiles", values: days.map((day) => day.activeProfiles) }]}
      />
      <HistogramChart
        title="Hours watched by day"
        binName="Day"
        valueName="Hours watched"
        formatValue={formatHours}
        bins={days.map((day) => ({ label: formatDay(day.day), value: day.hoursWatched }))}
      />
      <LineChart
        {...common}
        title="Starts and completions"
        formatValue={formatCount}
        series={[
          { label: "Starts", values: days.map((day) => day.starts) },
          { label: "Completions", values: days.map((day) => day.completions) },
        ]}
      />
      <LineChart
        {...common}
        title="Completion rate"
        formatValue={formatShare}
        yMax={1}
        series={[{ label: "Completion rate", values: days.map((day) => day.completionRate) }]}
      />
    </div>
  );
}

function TopLists({ day }: { day: EngagementDay }) {
  const bars = (ranked: EngagementDay["topTitles"]) =>
    ranked.map((entry) => ({ label: entry.name, value: entry.hoursWatched }));
  return (
    <div className="dashboard__charts">
      <BarChart
        title={`Top titles, ${formatDay(day.day)}`}
        labelName="Title"
        valueName="Hours watched"
        formatValue={formatHours}
        bars={bars(day.topTitles)}
      />
      <BarChart
        title={`Top genres, ${formatDay(day.day)}`}
        labelName="Genre"
        valueName="Hours watched"
        formatValue={formatHours}
        bars={bars(day.topGenres)}
      />
    </div>
  );
}

export function EngagementPage() {
  const [params, setParams] = useSearchParams();
  const days = oneOf(WINDOWS, params.get("days") ?? "") ?? DEFAULT_DAYS;
  const engagement = useDashboardData(
    days,
    (signal) => getEngagement(windowOf(Number(days)), signal),
    null,
  );
  const data = engagement.data;
  const daysWithViews = data?.days.filter((day) => day.starts > 0 || day.hoursWatched > 0) ?? [];
  const topDay = daysWithViews.find((day) => day.day === params.get("day")) ?? daysWithViews.at(-1);

  function setParam(name: string, value: string) {
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <div className="page page--wide dashboard">
      <title>Engagement · Marquee</title>
      <h1 className="page__title">Engagement</h1>
      <form
        className="dashboard-filters"
        aria-label="Filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label="Window">
          {(control) => (
            <select
              className="field__input"
              value={days}
              onChange={(event) => setParam("days", event.target.value)}
              {...control}
            >
              {WINDOWS.map((count) => (
                <option key={count} value={count}>
                  Last {count} days
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorMessage error={engagement.error} />
      {!data && !engagement.error && <p className="panel__text">Loading…</p>}
      {data && (
        <div className="dashboard__body" aria-busy={engagement.stale}>
          <StatTiles label="Headline numbers" stats={headline(data)} />
          <section aria-labelledby="engagement-by-day" className="dashboard__section">
            <h2 id="engagement-by-day" className="dashboard__heading">
              By day
            </h2>
            <DayCharts days={data.days} />
          </section>
          <section aria-labelledby="engagement-top" className="dashboard__section">
            <h2 id="engagement-top" className="dashboard__heading">
              Top titles and genres
            </h2>
            {topDay ? (
              <>
                <form
                  className="dashboard-filters"
                  aria-label="Day"
                  onSubmit={(event) => event.preventDefault()}
                >
                  <Field label="Day">
                    {(control) => (
                      <select
                        className="field__input"
                        value={topDay.day}
                        onChange={(event) => setParam("day", event.target.value)}
                        {...control}
                      >
                        {daysWithViews.toReversed().map((day) => (
                          <option key={day.day} value={day.day}>
                            {formatDay(day.day)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </form>
                <TopLists day={topDay} />
              </>
            ) : (
              <p className="panel__text">Nobody watched anything in this window.</p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
