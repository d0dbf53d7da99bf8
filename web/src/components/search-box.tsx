/**
 * The header's search field: a combobox that suggests titles as you type
 * (ARIA 1.2 combobox with a listbox popup). Arrow keys move through the
 * suggestions, Enter opens the highlighted title or, with none highlighted,
 * searches; Escape closes the suggestions, then clears the field.
 *
 * Suggestions are asked for 150 ms after the last keystroke, and a newer
 * keystroke cancels the request before it, so a slow answer never
 * replaces a newer one.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { suggestTitles } from "../api/client.ts";
import type { Suggestion } from "../api/types.ts";
import { pagePathOf, useOpenTitle } from "../app/title-route.ts";
import { TYPE_LABELS } from "../util/title-facts.ts";
import { SearchIcon } from "./icons.tsx";
import "./search-box.css";

const DEBOUNCE_MS = 150;

export function SearchBox() {
  const location = useLocation();
  const navigate = useNavigate();
  const openTitle = useOpenTitle();
  const [searchParams] = useSearchParams();
  const onSearchPage = pagePathOf(location.pathname) === "/search";
  const urlQuery = onSearchPage ? (searchParams.get("q") ?? "") : "";

  const [text, setText] = useState(urlQuery);
  const [shownQuery, setShownQuery] = useState(urlQuery);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);
  const inputId = useId();
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  // The field shows the search the page shows (after Back, or leaving search: empty).
  if (urlQuery !== shownQuery) {
    setShownQuery(urlQuery);
    setText(urlQuery);
  }

  const cancelPending = () => {
    window.clearTimeout(timer.current);
    inFlight.current?.abort();
    inFlight.current = null;
  };
  useEffect(() => cancelPending, []);

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function suggest(value: string) {
    cancelPending();
    const q = value.trim();
    if (!q) {
      setSuggestions([]);
      close();
      return;
    }
    timer.current = window.setTimeout(() => {
      const request = new AbortController();
      inFlight.current = request;
      suggestTitles(q, request.signal).then(
        (answer) => {
          if (request.signal.aborted) return;
          setSuggestions(answer.suggestions);
          setActive(-1);
          setOpen(answer.suggestions.length > 0);
        },
        () => {
          // Suggestions are a convenience: without them, Enter still searches.
          if (!request.signal.aborted) close();
        },
      );
    }, DEBOUNCE_MS);
  }

  function choose(suggestion: Suggestion) {
    cancelPending();
    close();
    openTitle(suggestion.id);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = text.trim();
    if (!q) return;
    cancelPending();
    close();
    // A new query keeps the filters already chosen on the search page.
    const params = new URLSearchParams(onSearchPage ? searchParams : undefined);
    params.set("q", q);
    void navigate({ pathname: "/search", search: `?${params}` });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length;
    switch (event.key) {
      case "ArrowDown":
        if (count === 0) return;
        event.preventDefault();
        setOpen(true);
        setActive(open ? (active + 1) % count : 0);
        break;
      case "ArrowUp":
        if (count === 0) return;
        event.preventDefault();
        setOpen(true);
        setActive(open && active > 0 ? active - 1 : count - 1);
        break;
      case "Enter": {
        const chosen = open ? suggestions[active] : undefined;
        if (!chosen) return; // the form searches
        event.preventDefault();
        choose(chosen);
        break;
      }
      case "Escape":
        event.preventDefault();
        if (open) close();
        else {
          cancelPending();
          setText("");
          setSuggestions([]);
        }
        break;
    }
  }

  const activeOption = open && active >= 0 ? optionId(active) : undefined;

  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        Search titles
      </label>
      <span className="search-box__icon">
        <SearchIcon />
      </span>
      <input
        id={inputId}
        className="search-box__input"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeOption}
        autoComplete="off"
        enterKeyHint="search"
        placeholder="Titles, people, genres"
        maxLength={100}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          suggest(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
        onFocus={() => {
          if (suggestions.length > 0 && text.trim()) setOpen(true);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        className="search-box__list"
        hidden={!open}
      >
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="search-box__option"
            // Keep focus in the field, so the click lands and the list stays a popup of it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(suggestion)}
          >
            {suggestion.posterUrl ? (
              <img
                className="search-box__poster"
                src={suggestion.posterUrl}
                alt=""
                width={400}
                height={600}
                decoding="async"
              />
            ) : (
              <span className="search-box__poster" />
            )}
            <span className="search-box__name">{suggestion.name}</span>{" "}
            <span className="search-box__meta">
              {suggestion.year} · {TYPE_LABELS[suggestion.type]}
            </span>
          </li>
        ))}
      </ul>
    </form>
  );
}
