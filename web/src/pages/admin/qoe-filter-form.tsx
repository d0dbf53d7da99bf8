/**
 * The QoE dashboard's filters: the window, then one select per slice, whose
 * options are the values present in the window (the summary's
 * `dimensions`). A value chosen from a shared link that has no views in
 * this window stays selectable, so the select never silently shows "All".
 */
import type { QoeDimensions } from "../../api/types.ts";
import { Field } from "../../components/field.tsx";
import { WINDOWS, type QoeView, type SliceFilter, type WindowKey } from "./qoe-filters.ts";

const SELECTS: { name: SliceFilter; label: string; all: string; options: keyof QoeDimensions }[] = [
  { name: "titleId", label: "Title", all: "All titles", options: "titles" },
  { name: "deviceType", label: "Device", all: "All devices", options: "deviceTypes" },
  { name: "country", label: "Country", all: "All countries", options: "countries" },
  { name: "abrPolicy", label: "ABR policy", all: "All policies", options: "abrPolicies" },
  { name: "variant", label: "Experiment variant", all: "All variants", options: "variants" },
];

interface QoeFilterFormProps {
  view: QoeView;
  dimensions: QoeDimensions | undefined;
  onWindow: (window: WindowKey) => void;
  onFilter: (name: SliceFilter, value: string) => void;
  onClear: () => void;
}

export function QoeFilterForm({
  view,
  dimensions,
  onWindow,
  onFilter,
  onClear,
}: QoeFilterFormProps) {
  const filtered = Object.keys(view.slice).length > 0;
  return (
    <form
      className="dashboard-filters"
      aria-label="Filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="Window">
        {(control) => (
          <select
            className="field__input"
            value={view.window}
            onChange={(event) => onWindow(event.target.value as WindowKey)}
            {...control}
          >
            {Object.entries(WINDOWS).map(([key, { label }]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {SELECTS.map(({ name, label, all, options }) => {
        const chosen = view.slice[name];
        const present = dimensions?.[options] ?? [];
        const choices =
          chosen && !present.some((option) => option.value === chosen)
            ? [...present, { value: chosen, label: chosen }]
            : present;
        return (
          <Field key={name} label={label}>
            {(control) => (
              <select
                className="field__input"
                value={chosen ?? ""}
                onChange={(event) => onFilter(name, event.target.value)}
                {...control}
              >
                <option value="">{all}</option>
                {choices.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      })}
      {filtered && (
        <div className="dashboard-filters__clear">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onClear}
          >
            Clear filters
          </button>
        </div>
      )}
    </form>
  );
}
