/**
 * A fieldset of checkboxes or radio buttons with its legend, hint and
 * error, the group described by both, as `Field` does for one control.
 */
import { useId, type ReactNode } from "react";

interface ChoiceGroupProps<T extends string> {
  legend: string;
  type: "checkbox" | "radio";
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
}

export function ChoiceGroup<T extends string>({
  legend,
  type,
  options,
  selected,
  onChange,
  hint,
  error,
}: ChoiceGroupProps<T>) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <fieldset className="choice-group" aria-describedby={describedBy || undefined}>
      <legend className="field__label">{legend}</legend>
      {options.map(({ value, label }) => (
        <label key={value} className="choice-group__option">
          <input
            type={type}
            name={id}
            value={value}
            checked={selected.includes(value)}
            onChange={(event) =>
              onChange(
                type === "radio"
                  ? [value]
                  : event.target.checked
                    ? options
                        .map((option) => option.value)
                        .filter((candidate) => candidate === value || selected.includes(candidate))
                    : selected.filter((candidate) => candidate !== value),
              )
            }
          />
          {label}
        </label>
      ))}
      {hint && (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
