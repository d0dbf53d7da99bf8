/**
 * /search?q=…: search results, narrowed by filters (type, genre, years,
 * maturity), 24 at a time with "Load more". The query and filters live in
 * the URL, so a search can be shared, reloaded and gone back to. When
 * nothing matched as typed, the server corrects the spelling and says so.
 */
import { useCallback, useMemo, useState } from "react";
import { Outlet, useLocation, useSearchParams } from "react-router";
import { listGenres, searchTitles } from "../api/client.ts";
import type { MaturityLevel, SearchInput, TitleCard, TitleType } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { Field } from "../components/field.tsx";
import { PosterCard } from "../components/poster-card.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useResource } from "../hooks/use-resource.ts";
import { useSession } from "../session/use-session.ts";
import { oneOf } from "../util/one-of.ts";
import "./search-page.css";

const PAGE_SIZE = 24;
const TYPES: readonly TitleType[] = ["movie", "series"];
const MATURITY_LEVELS: readonly MaturityLevel[] = ["G", "PG", "PG-13", "R", "NC-17"];
const FIRST_YEAR = 1888;
const LAST_YEAR = 2100;
const FILTERS = ["type", "genre", "yearFrom", "yearTo", "maturity"] as const;
type Filter = (typeof FILTERS)[number];

function yearFrom(value: string | null): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : undefined;
}

/** The search the URL asks for, without whatever in it the API would refuse. */
function searchFrom(params: URLSearchParams): SearchInput {
  const from = yearFrom(params.get("yearFrom"));
  const to = yearFrom(params.get("yearTo"));
  const genre = params.get("genre") ?? "";
  return {
    q: params.get("q")?.trim() ?? "",
    type: oneOf(TYPES, params.get("type") ?? ""),
    genre: /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(genre) ? genre : undefined,
    yearFrom: from,
    yearTo: from !== undefined && to !== undefined && to < from ? undefined : to,
    maturity: oneOf(MATURITY_LEVELS, params.get("maturity") ?? ""),
  };
}

export function SearchPage() {
  const { search } = useLocation();
  const [, setSearchParams] = useSearchParams();
  const input = useMemo(() => searchFrom(new URLSearchParams(search)), [search]);

  const setFilter = (filter: Filter, value: string) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (value) next.set(filter, value);
        else next.delete(filter);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const clearFilters = () =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        for (const filter of FILTERS) next.delete(filter);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const filtered = FILTERS.some((filter) => input[filter] !== undefined);

  return (
    <div className="page page--wide search-page">
      <title>{input.q ? `${input.q} · Search · Marquee` : "Search · Marquee"}</title>
      <h1 className="page__title">{input.q ? `Results for “${input.q}”` : "Search"}</h1>
      <Filters input={input} onChange={setFilter} onClear={filtered ? clearFilters : undefined} />
      {input.q ? (
        <Results input={input} filtered={filtered} onClearFilters={clearFilters} />
      ) : (
        <p className="search-page__hint">
          Type in the search box above to find films and series by name, genre or who's in them.
        </p>
      )}
      <Outlet />
    </div>
  );
}

interface FiltersProps {
  input: SearchInput;
  onChange: (filter: Filter, value: string) => void;
  onClear: (() => void) | undefined;
}

function Filters({ input, onChange, onClear }: FiltersProps) {
  const { activeProfile } = useSession();
  const genres = useResource(listGenres);
  // A search can narrow the profile's maturity level, never widen it.
  const ceiling = MATURITY_LEVELS.indexOf(activeProfile?.maturityLevel ?? "G");
  const levels = MATURITY_LEVELS.slice(0, ceiling + 1);

  return (
    <form
      className="search-filters"
      aria-label="Filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="Type">
        {(control) => (
          <select
            className="field__input"
            value={input.type ?? ""}
            onChange={(event) => onChange("type", event.target.value)}
            {...control}
          >
            <option value="">Films and series</option>
            <option value="movie">Films</option>
            <option value="series">Series</option>
          </select>
        )}
      </Field>
      <Field label="Genre">
        {(control) => (
          <select
            className="field__input"
            value={input.genre ?? ""}
            onChange={(event) => onChange("genre", event.target.value)}
            {...control}
          >
            <option value="">All genres</option>
            {genres.data?.genres.map((genre) => (
              <option key={genre.id} value={genre.id}>
                {genre.name}
              </option>
            ))}
            {/* A genre from a shared link shows before the list arrives. */}
            {input.genre && !genres.data && <option value={input.genre}>{input.genre}</option>}
          </select>
        )}
      </Field>
      <YearFields input={input} onChange={onChange} />
      <Field label="Maturity">
        {(control) => (
          <select
            className="field__input"
            value={input.maturity ?? ""}
            onChange={(event) => onChange("maturity", event.target.value)}
            {...control}
          >
            <option value="">Any rating</option>
            {levels.map((level) => (
              <option key={level} value={level}>
                Up to {level}
              </option>
            ))}
          </select>
        )}
      </Field>
      {onClear && (
        <button
          type="button"
          className="button button--secondary search-filters__clear"
          onClick={onClear}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

/**
 * "From" and "To" years. What is typed shows as typed; it goes into the URL
 * once it is a whole year (or empty), and the range runs forwards.
 */
function YearFields({ input, onChange }: Pick<FiltersProps, "input" | "onChange">) {
  const applied = { yearFrom: input.yearFrom, yearTo: input.yearTo };
  const [typed, setTyped] = useState({ yearFrom: "", yearTo: "", applied });
  // The URL changed under us (Back, "Clear filters"): show what it says.
  if (typed.applied.yearFrom !== applied.yearFrom || typed.applied.yearTo !== applied.yearTo)
    setTyped({
      yearFrom: applied.yearFrom?.toString() ?? "",
      yearTo: applied.yearTo?.toString() ?? "",
      applied,
    });
  const from = yearFrom(typed.yearFrom);
  const to = yearFrom(typed.yearTo);
  const backwards = from !== undefined && to !== undefined && to < from;

  function type(filter: "yearFrom" | "yearTo", value: string) {
    setTyped((state) => ({ ...state, [filter]: value }));
    const year = yearFrom(value);
    const other = filter === "yearFrom" ? to : from;
    const inOrder =
      year === undefined ||
      other === undefined ||
      (filter === "yearFrom" ? year <= other : year >= other);
    if ((value === "" || year !== undefined) && inOrder) onChange(filter, value);
  }

  const yearInput = (filter: "yearFrom" | "yearTo", control: { id: string }) => (
    <input
      className="field__input"
      type="number"
      inputMode="numeric"
      min={FIRST_YEAR}
      max={LAST_YEAR}
      placeholder="Any"
      value={typed[filter]}
      onChange={(event) => type(filter, event.target.value)}
      {...control}
    />
  );

  return (
    <>
      <Field label="From year">{(control) => yearInput("yearFrom", control)}</Field>
      <Field label="To year" error={backwards ? "Must not be before “From year”." : undefined}>
        {(control) => yearInput("yearTo", control)}
      </Field>
    </>
  );
}

interface ResultsProps {
  input: SearchInput;
  filtered: boolean;
  onClearFilters: () => void;
}

/** The results of one search. A new search keeps showing the last one's until it answers. */
function Results({ input, filtered, onClearFilters }: ResultsProps) {
  const load = useCallback(() => searchTitles({ ...input, page: 1, pageSize: PAGE_SIZE }), [input]);
  const first = useResource(load);
  // Pages after the first, for this search only.
  const [more, setMore] = useState<{ of: SearchInput; page: number; results: TitleCard[] }>({
    of: input,
    page: 1,
    results: [],
  });
  if (more.of !== input) setMore({ of: input, page: 1, results: [] });
  const loading = useAsyncAction();

  if (first.error)
    return (
      <div className="search-page__problem">
        <ErrorMessage error={first.error} />
        <button type="button" className="button button--secondary" onClick={first.reload}>
          Try again
        </button>
      </div>
    );
  if (!first.data)
    return (
      <p role="status" className="search-page__summary">
        Searching…
      </p>
    );

  const { total, correctedQuery, query } = first.data;
  // A title that moved between pages while they loaded shows once.
  const results = [...first.data.results, ...more.results].filter(
    (title, index, all) => all.findIndex((other) => other.id === title.id) === index,
  );

  async function loadMore() {
    const page = more.page + 1;
    const answer = await loading.run(() => searchTitles({ ...input, page, pageSize: PAGE_SIZE }));
    if (!answer) return;
    setMore((shown) =>
      shown.of === input
        ? { of: input, page, results: [...shown.results, ...answer.results] }
        : shown,
    );
  }

  return (
    <>
      {correctedQuery && (
        <p className="search-page__correction">
          Showing results for <strong>{correctedQuery}</strong>. No results for “{query}”.
        </p>
      )}
      <p role="status" className="search-page__summary">
        {total === 0
          ? `No titles match “${query}”${filtered ? " with these filters" : ""}.`
          : `${total} ${total === 1 ? "title" : "titles"}`}
      </p>
      {total === 0 && (
        <div className="search-page__empty">
          <p>Try another spelling, a shorter search, or the name of someone in it.</p>
          {filtered && (
            <button type="button" className="button button--secondary" onClick={onClearFilters}>
              Clear filters
            </button>
          )}
        </div>
      )}
      {results.length > 0 && (
        <ul className="title-grid" aria-label="Results">
          {results.map((title) => (
            <li key={title.id}>
              <PosterCard title={title} />
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={loading.error} />
      {results.length < total && (
        <div className="search-page__more">
          <button
            type="button"
            className="button button--secondary"
            disabled={loading.pending}
            onClick={() => void loadMore()}
          >
            {loading.pending ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}
