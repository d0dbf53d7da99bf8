/**
 * A variant's home row order: off (home keeps the order it builds), or a
 * list of row kinds to put first, in order. Kinds are added from a select
 * and moved or removed with buttons, so the order is set by keyboard as
 * easily as by mouse; each move is announced.
 */
import { useId, useState } from "react";
import type { RowKind } from "../../../../lib/catalog/home-rows.ts";
import { StatusMessage } from "../../components/status-message.tsx";
import { ROW_KIND_LABELS, ROW_KINDS } from "./experiment-facts.ts";

interface HomeRowOrderFieldProps {
  /** The variant's name, to tell its controls apart ("Move Trending Now up, Treatment"). */
  variantName: string;
  order: RowKind[] | null;
  onChange: (order: RowKind[] | null) => void;
  error: string | undefined;
}

export function HomeRowOrderField({ variantName, order, onChange, error }: HomeRowOrderFieldProps) {
  const id = useId();
  const unused = ROW_KINDS.filter((kind) => !order?.includes(kind));
  const [adding, setAdding] = useState<RowKind | "">("");
  const [news, setNews] = useState<string | null>(null);
  const toAdd = adding && unused.includes(adding) ? adding : (unused[0] ?? "");

  function move(index: number, by: -1 | 1) {
    if (!order) return;
    const next = [...order];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    onChange(next);
    setNews(`${ROW_KIND_LABELS[order[index]!]} moved to position ${index + by + 1}.`);
  }

  return (
    <fieldset
      className="choice-group row-order"
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field__label">Home row order</legend>
      <label className="choice-group__option">
        <input
          type="checkbox"
          checked={order !== null}
          onChange={(event) => onChange(event.target.checked ? [] : null)}
        />
        Put chosen rows first
      </label>
      {order !== null && (
        <>
          {order.length > 0 && (
            <ol className="row-order__list" aria-label={`Rows first, ${variantName}`}>
              {order.map((kind, index) => {
                const label = ROW_KIND_LABELS[kind];
                return (
                  <li key={kind} className="row-order__item">
                    <span className="row-order__name">{label}</span>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={index === 0}
                      aria-label={`Move ${label} up, ${variantName}`}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={index === order.length - 1}
                      aria-label={`Move ${label} down, ${variantName}`}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Remove ${label}, ${variantName}`}
                      onClick={() => onChange(order.filter((other) => other !== kind))}
                    >
                      ✕
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          {unused.length > 0 && (
            <div className="row-order__add">
              <label className="visually-hidden" htmlFor={`${id}-add`}>
                Row to add, {variantName}
              </label>
              <select
                id={`${id}-add`}
                className="field__input"
                value={toAdd}
                onChange={(event) => setAdding(event.target.value as RowKind)}
              >
                {unused.map((kind) => (
                  <option key={kind} value={kind}>
                    {ROW_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`Add row, ${variantName}`}
                onClick={() => toAdd && onChange([...order, toAdd])}
              >
                Add row
              </button>
            </div>
          )}
          <StatusMessage>{news}</StatusMessage>
        </>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
